// "ssodoctor-cli evaluate portal" end to end: the real binary on a web.config in the portal's
// documented layout (tests/data/portal/web.config), its JSON contract, text, exit codes (0 Kerberos
// attempted, 1 not, 2 a missing or malformed file named with its line) and repeated --cookie.
#include "tests/common/TestTools.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run {
    int exit = -1;
    QString out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

Run run(const QStringList &args)
{
    const auto r = ssod::testtools::runTool(qEnvironmentVariable("SSOD_CLI"), args, {}, 60000);
    return { r.exitCode, r.out, r.err };
}

const QString kEdge = QStringLiteral("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                                     "Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0");

QString config()
{
    return qEnvironmentVariable("SSOD_TEST_DATA") + QStringLiteral("/portal/web.config");
}

Run portal(const QString &ip, const QString &url, const QStringList &extra = {}, const QString &file = config())
{
    return run(QStringList { QStringLiteral("evaluate"), QStringLiteral("portal"), QStringLiteral("--config"), file,
                   QStringLiteral("--client-ip"), ip, QStringLiteral("--url"), url, QStringLiteral("--user-agent"), kEdge }
        + extra);
}

} // namespace

class TestPortalCli final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void attemptedWithTheJsonContract()
    {
        const Run r = portal(QStringLiteral("10.20.1.2"), QStringLiteral("https://sso.contoso.com/sso/default.aspx"),
            { QStringLiteral("--json") });
        QCOMPARE(r.exit, 0);
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QStringLiteral("attempted")).toBool(), true);
        QCOMPARE(o.value(QStringLiteral("rule")).toString(), QStringLiteral("allowed"));
        QVERIFY(o.value(QStringLiteral("entry")).isNull());
        const QJsonArray steps = o.value(QStringLiteral("steps")).toArray();
        QStringList rules;
        for (const QJsonValue &s : steps) {
            rules << s.toObject().value(QStringLiteral("rule")).toString();
            QVERIFY(s.toObject().value(QStringLiteral("passed")).toBool());
        }
        QCOMPARE(rules, (QStringList { QStringLiteral("cookie"), QStringLiteral("disabled"), QStringLiteral("ip-whitelist"),
                            QStringLiteral("ip-blacklist"), QStringLiteral("spn"), QStringLiteral("url-blacklist"),
                            QStringLiteral("user-agent") }));
        const QJsonArray findings = o.value(QStringLiteral("findings")).toArray();
        QCOMPARE(findings.first().toObject().value(QStringLiteral("id")).toString(), QStringLiteral("portal.attempted"));
    }

    void eachRuleDenies_data()
    {
        QTest::addColumn<QString>("ip");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("entry");
        QTest::addColumn<int>("line");
        const QString ok = QStringLiteral("https://sso.contoso.com/sso/");
        QTest::newRow("cookie") << "10.20.1.2" << ok
                                << QStringList { QStringLiteral("--cookie"), QStringLiteral("lang=en"), QStringLiteral("--cookie"),
                                       QStringLiteral("PstarNoKerberos=1") }
                                << "cookie" << "" << 0;
        QTest::newRow("white list") << "172.16.5.5" << ok << QStringList() << "ip-whitelist" << "" << 0;
        QTest::newRow("black list") << "10.20.99.7" << ok << QStringList() << "ip-blacklist" << "10.20.99.*" << 26;
        QTest::newRow("server name") << "10.20.1.2" << "https://portal.contoso.com/" << QStringList() << "spn" << "" << 0;
        QTest::newRow("url, unanchored") << "10.20.1.2" << "https://sso.contoso.com/x/_layouts/PGs/login.aspx" << QStringList()
                                         << "url-blacklist" << "/_layouts/PG/*" << 29;
        QTest::newRow("url, anchored") << "10.20.1.2" << "https://sso.contoso.com/api/token" << QStringList() << "url-blacklist"
                                       << "^/api/" << 30;
    }

    void eachRuleDenies()
    {
        QFETCH(QString, ip);
        QFETCH(QString, url);
        QFETCH(QStringList, extra);
        QFETCH(QString, rule);
        QFETCH(QString, entry);
        QFETCH(int, line);
        const Run r = portal(ip, url, extra + QStringList { QStringLiteral("--json") });
        QCOMPARE(r.exit, 1);
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QStringLiteral("attempted")).toBool(), false);
        QCOMPARE(o.value(QStringLiteral("rule")).toString(), rule);
        QCOMPARE(o.value(QStringLiteral("entry")).toString(), entry);
        QCOMPARE(o.value(QStringLiteral("line")).toInt(), line);
        const QJsonObject last = o.value(QStringLiteral("steps")).toArray().last().toObject();
        QCOMPARE(last.value(QStringLiteral("passed")).toBool(), false);
        QCOMPARE(last.value(QStringLiteral("rule")).toString(), rule);
        QCOMPARE(o.value(QStringLiteral("findings")).toArray().first().toObject().value(QStringLiteral("id")).toString(),
            QStringLiteral("portal.denied"));
    }

    void textSaysWhichRule()
    {
        const Run r = portal(QStringLiteral("10.20.1.2"), QStringLiteral("https://sso.contoso.com/api/x"));
        QCOMPARE(r.exit, 1);
        QVERIFY2(r.out.contains(QLatin1String("Kerberos: not attempted")) && r.out.contains(QLatin1String("url-blacklist"))
                && r.out.contains(QLatin1String("line 30")),
            qPrintable(r.out));
    }

    void badFilesExitTwoNamingFileAndLine()
    {
        const QString bad = m_dir.filePath(QStringLiteral("broken.config"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("<configuration>\n  <SSOConditions>\n    <SPNs>\n  </SSOConditions>\n</configuration>\n");
        f.close();
        Run r = portal(QStringLiteral("10.20.1.2"), QStringLiteral("https://sso.contoso.com/"), {}, bad);
        QCOMPARE(r.exit, 2);
        QVERIFY2(r.err.contains(bad) && r.err.contains(QLatin1String("line 4")), qPrintable(r.err));
        r = portal(QStringLiteral("10.20.1.2"), QStringLiteral("https://sso.contoso.com/"), {},
            m_dir.filePath(QStringLiteral("missing.config")));
        QCOMPARE(r.exit, 2);
        QVERIFY(r.err.contains(QLatin1String("missing.config")));
        r = run({ QStringLiteral("evaluate"), QStringLiteral("portal"), QStringLiteral("--config"), config() });
        QCOMPARE(r.exit, 2);
        QVERIFY(r.err.contains(QLatin1String("--client-ip")));
        r = portal(QStringLiteral("10.20.1.2"), QStringLiteral("https://sso.contoso.com/"),
            { QStringLiteral("--cookie"), QStringLiteral("novalue") });
        QCOMPARE(r.exit, 2);
    }
};

QTEST_MAIN(TestPortalCli)
#include "tst_portal_cli.moc"
