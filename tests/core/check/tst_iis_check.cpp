// The IIS check offline: applicationHost.config in the documented layout (tests/data/iis), its
// <location> layers and a site's web.config, the effective Windows authentication per application,
// the account that must hold each SPN, and the findings with the appcmd lines that fix them.
#include "core/check/IisConfig.h"

#include <QFile>
#include <QTest>

using namespace ssod::core;
using namespace ssod::core::check;

namespace {

QByteArray data(const QString &name)
{
    QFile f(qEnvironmentVariable("SSOD_TEST_DATA") + QStringLiteral("/iis/") + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

const IisAppReport *app(const QList<IisAppReport> &apps, const QString &location)
{
    for (const IisAppReport &a : apps)
        if (a.app.location() == location)
            return &a;
    return nullptr;
}

QStringList idsFor(const QList<Finding> &findings, const QString &subject)
{
    QStringList out;
    for (const Finding &f : findings)
        if (f.subject == subject)
            out << f.id;
    return out;
}

} // namespace

class TestIisCheck final : public QObject {
    Q_OBJECT

private slots:
    void effectiveSettingsPerApplication()
    {
        const auto c = parseApplicationHost(data(QStringLiteral("applicationHost.config")), QStringLiteral("applicationHost.config"));
        QVERIFY2(c, qPrintable(c ? QString() : c.error().toString()));
        QCOMPARE(c->sites.size(), 4);
        QCOMPARE(c->pools.value(QStringLiteral("SsoPool")).userName, QStringLiteral("LAB\\sso_http"));
        const QList<IisAppReport> apps = IisCheck::applications(*c, {}, QStringLiteral("web01"));
        QCOMPARE(apps.size(), 5);

        const IisAppReport *intranet = app(apps, QStringLiteral("Intranet"));
        QVERIFY(intranet);
        QVERIFY(intranet->auth.enabled);
        QCOMPARE(intranet->auth.providers, (QStringList { QStringLiteral("NTLM"), QStringLiteral("Negotiate") }));
        QVERIFY(intranet->auth.useKernelMode);
        QVERIFY(!intranet->auth.useAppPoolCredentials);
        QVERIFY(!intranet->builtInIdentity);
        QCOMPARE(intranet->account, QStringLiteral("sso_http"));
        // One SPN per host name whatever the port (80 and 443 bind the same name).
        QCOMPARE(intranet->spns, QStringList { QStringLiteral("HTTP/sso.lab.test") });
        QCOMPARE(intranet->auth.sources.size(), 2); // the server level, then <location path="Intranet">

        const IisAppReport *portal = app(apps, QStringLiteral("Portal"));
        QCOMPARE(portal->account, QStringLiteral("svc_portal")); // from svc_portal@lab.test
        QCOMPARE(portal->auth.providers, QStringList { QStringLiteral("NTLM") }); // <remove value="Negotiate"/>
        const IisAppReport *sso = app(apps, QStringLiteral("Portal/sso"));
        QVERIFY(sso->auth.useAppPoolCredentials); // its own location, on top of Portal's
        QCOMPARE(sso->auth.providers, QStringList { QStringLiteral("NTLM") });

        const IisAppReport *def = app(apps, QStringLiteral("Default Web Site"));
        QVERIFY(def->builtInIdentity);
        QCOMPARE(def->account, QStringLiteral("WEB01$"));
        QCOMPARE(def->hosts, QStringList { QString() });
        QVERIFY(def->spns.isEmpty());
        QVERIFY(!app(apps, QStringLiteral("Reports"))->auth.enabled);
    }

    void findingsAndTheirCommands()
    {
        const auto c = parseApplicationHost(data(QStringLiteral("applicationHost.config")), QStringLiteral("a.config"));
        QVERIFY(c);
        const QList<Finding> f = IisCheck::findings(IisCheck::applications(*c, {}, {}));
        QCOMPARE(idsFor(f, QStringLiteral("Intranet")),
            (QStringList { QStringLiteral("iis.ntlm-first"), QStringLiteral("iis.app-pool-credentials") }));
        QCOMPARE(idsFor(f, QStringLiteral("Portal")),
            (QStringList { QStringLiteral("iis.no-negotiate"), QStringLiteral("iis.app-pool-credentials") }));
        QCOMPARE(idsFor(f, QStringLiteral("Portal/sso")), QStringList { QStringLiteral("iis.no-negotiate") });
        QCOMPARE(idsFor(f, QStringLiteral("Default Web Site")),
            (QStringList { QStringLiteral("iis.winauth-ok"), QStringLiteral("iis.binding-no-host") }));
        QCOMPARE(idsFor(f, QStringLiteral("Reports")), QStringList { QStringLiteral("iis.winauth-off") });
        // The SPN of the shared host name is asked for once, of the pool's account.
        QCOMPARE(idsFor(f, QStringLiteral("HTTP/portal.lab.test")), QStringList { QStringLiteral("iis.spn-needed") });
        for (const Finding &x : f)
            if (x.id == QLatin1String("iis.app-pool-credentials") && x.subject == QLatin1String("Intranet"))
                QVERIFY(x.explanation.contains(QLatin1String(
                    "appcmd.exe set config \"Intranet\" -section:system.webServer/security/authentication/"
                    "windowsAuthentication /useAppPoolCredentials:\"True\" /commit:apphost")));
    }

    void aSitesWebConfigIsALayer()
    {
        const auto c = parseApplicationHost(data(QStringLiteral("applicationHost.config")), QStringLiteral("a.config"));
        QVERIFY(c);
        const auto layer = parseWebConfigWinAuth(data(QStringLiteral("intranet.web.config")), QStringLiteral("web.config"));
        QVERIFY(layer && *layer);
        const QList<IisAppReport> apps
            = IisCheck::applications(*c, { { QStringLiteral("intranet"), **layer } }, {}); // case-insensitive
        const IisAppReport *intranet = app(apps, QStringLiteral("Intranet"));
        QVERIFY(intranet->auth.useAppPoolCredentials);
        QCOMPARE(intranet->auth.providers, (QStringList { QStringLiteral("Negotiate"), QStringLiteral("NTLM") }));
        QCOMPARE(idsFor(IisCheck::findings(apps), QStringLiteral("Intranet")), QStringList { QStringLiteral("iis.winauth-ok") });
        // A web.config without the section is no layer.
        const auto none = parseWebConfigWinAuth("<configuration><appSettings/></configuration>", QStringLiteral("w"));
        QVERIFY(none && !*none);
    }

    void directoryAnswersPerSpn()
    {
        const auto c = parseApplicationHost(data(QStringLiteral("applicationHost.config")), QStringLiteral("a.config"));
        QVERIFY(c);
        // The directory's answers, as SpnDirectory::resolve gives them (the lab test asks a real DC).
        const SpnHolders holders = [](const QString &spn) -> Result<QStringList> {
            if (spn == QLatin1String("HTTP/sso.lab.test"))
                return QStringList { QStringLiteral("sso_http") };
            if (spn == QLatin1String("HTTP/portal.lab.test"))
                return QStringList { QStringLiteral("svc_portal"), QStringLiteral("svc_portal_old") };
            return QStringList {};
        };
        const QList<Finding> f = IisCheck::findings(IisCheck::applications(*c, {}, {}), holders);
        QCOMPARE(idsFor(f, QStringLiteral("HTTP/sso.lab.test")), QStringList { QStringLiteral("iis.spn-ok") });
        QCOMPARE(idsFor(f, QStringLiteral("HTTP/portal.lab.test")), QStringList { QStringLiteral("iis.spn-duplicate") });
    }

    void malformedFilesNameTheLine()
    {
        auto c = parseApplicationHost("<configuration>\n<system.applicationHost>\n<sites>\n</configuration>", QStringLiteral("ah.config"));
        QVERIFY(!c);
        QVERIFY2(c.error().toString().startsWith(QLatin1String("ah.config: line 4")), qPrintable(c.error().toString()));
        c = parseApplicationHost("<html/>", QStringLiteral("x"));
        QVERIFY(!c);
        QVERIFY(c.error().message.contains(QLatin1String("<configuration>")));
        c = parseApplicationHost(QByteArray(2048, ' '), QStringLiteral("big"), 1024);
        QVERIFY(!c);
    }
};

QTEST_MAIN(TestIisCheck)
#include "tst_iis_check.moc"
