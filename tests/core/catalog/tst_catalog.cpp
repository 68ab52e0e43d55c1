#include "core/catalog/Catalog.h"
#include "core/catalog/SettingRequest.h"
#include "core/registry/RegPath.h"

#include <QTest>

using namespace ssod::core;
using namespace ssod::core::catalog;
using registry::Edit;
using registry::Edits;

class TestCatalog final : public QObject
{
    Q_OBJECT

private:
    Catalog m_catalog;

    Edits edits(const QString &spec)
    {
        auto r = parseSpec(m_catalog, spec);
        if (!r)
            qFatal("%s", qPrintable(r.error().toString()));
        auto e = resolveEdits(*r);
        if (!e)
            qFatal("%s", qPrintable(e.error().toString()));
        return *e;
    }

private slots:
    void initTestCase()
    {
        auto c = Catalog::loadBuiltin();
        QVERIFY2(c.ok(), c.ok() ? "" : qPrintable(c.error().toString()));
        m_catalog = *c;
    }

    void requiredSettingsExist_data()
    {
        QTest::addColumn<QString>("id");
        for (const char *id : {"credssp.xp-enable", "delegation.default-credentials", "delegation.default-credentials-ntlm",
                               "delegation.saved-credentials", "delegation.saved-credentials-ntlm",
                               "delegation.fresh-credentials", "delegation.fresh-credentials-ntlm",
                               "delegation.deny-default-credentials", "delegation.deny-saved-credentials",
                               "delegation.deny-fresh-credentials", "credssp.encryption-oracle",
                               "certs.disable-root-auto-update", "rdp.nla", "rdp.security-layer", "rdp.policy.nla",
                               "rdp.policy.security-layer", "kerberos.log-level", "kerberos.max-token-size",
                               "rds.remoteapp-logoff-time-limit", "browser.ie-intranet-zone"})
            QTest::newRow(id) << QString::fromLatin1(id);
    }
    void requiredSettingsExist()
    {
        QFETCH(QString, id);
        const Setting *s = m_catalog.find(id);
        QVERIFY(s);
        QVERIFY(!s->title.isEmpty());
        QVERIFY(!s->explanation.isEmpty());
        QVERIFY(!s->reference.isEmpty());
        QVERIFY(!s->locations().isEmpty());
    }

    void xpEnableEdits()
    {
        const Edits e = edits(QStringLiteral("credssp.xp-enable"));
        QCOMPARE(e.size(), 2);
        QCOMPARE(e[0].op, Edit::Op::MultiSzItem);
        QCOMPARE(e[0].key, QStringLiteral("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Lsa"));
        QCOMPARE(e[0].name, QStringLiteral("Security Packages"));
        QCOMPARE(e[0].item, QStringLiteral("tspkg"));
        QCOMPARE(e[1].op, Edit::Op::CommaListItem);
        QCOMPARE(e[1].name, QStringLiteral("SecurityProviders"));
        QCOMPARE(e[1].item, QStringLiteral("credssp.dll"));
    }

    void delegationEdits()
    {
        const Edits e = edits(QStringLiteral("delegation.default-credentials-ntlm=TERMSRV/*.contoso.com, TERMSRV/rdsh01"));
        const QString base = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation");
        QCOMPARE(e.size(), 4);
        QCOMPARE(e[0].key, base);
        QCOMPARE(e[0].name, QStringLiteral("AllowDefCredentialsWhenNTLMOnly"));
        QCOMPARE(*e[0].value->toDword(), 1u);
        QCOMPARE(e[1].name, QStringLiteral("ConcatenateDefaults_AllowDefNTLMOnly"));
        QCOMPARE(e[2].op, Edit::Op::NumberedListItem);
        QCOMPARE(e[2].key, base + QStringLiteral("\\AllowDefCredentialsWhenNTLMOnly"));
        QCOMPARE(e[2].item, QStringLiteral("TERMSRV/*.contoso.com"));
        QCOMPARE(e[3].item, QStringLiteral("TERMSRV/rdsh01"));
    }

    void enumAndIntValues()
    {
        QCOMPARE(*edits(QStringLiteral("rdp.nla=off"))[0].value->toDword(), 0u);
        QCOMPARE(*edits(QStringLiteral("rdp.nla"))[0].value->toDword(), 1u); // default is on
        QCOMPARE(*edits(QStringLiteral("rdp.security-layer=tls"))[0].value->toDword(), 2u);
        QCOMPARE(*edits(QStringLiteral("credssp.encryption-oracle=2"))[0].value->toDword(), 2u);
        QCOMPARE(*edits(QStringLiteral("kerberos.max-token-size=48000"))[0].value->toDword(), 48000u);
        QCOMPARE(*edits(QStringLiteral("rds.remoteapp-logoff-time-limit=immediately"))[0].value->toDword(), 0u);
        const Edits zone = edits(QStringLiteral("browser.ie-intranet-zone=*.contoso.com"));
        QCOMPARE(zone[0].name, QStringLiteral("*.contoso.com"));
        QCOMPARE(zone[0].value->toString(), QStringLiteral("1"));
    }

    void badSpecs_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown") << "nope.nope" << "unknown setting";
        QTest::newRow("enum") << "rdp.nla=maybe" << "on|off";
        QTest::newRow("int range") << "kerberos.max-token-size=70000" << "12000 to 65535";
        QTest::newRow("spn") << "delegation.default-credentials=TERMSRV" << "expected service class/host";
        QTest::newRow("spn spaces") << "delegation.default-credentials=TERMSRV/a b" << "contains a space after \"TERMSRV/a\"";
        QTest::newRow("spn no host") << "delegation.default-credentials=TERMSRV/" << "no server after the /";
        QTest::newRow("spn no class") << "delegation.default-credentials=/rdsh01" << "no service class";
        QTest::newRow("placeholder") << "delegation.default-credentials=TERMSRV/host" << "placeholder \"host\"";
        QTest::newRow("placeholder domain") << "delegation.fresh-credentials=TERMSRV/*.domain" << "placeholder \"domain\"";
        QTest::newRow("bare star") << "delegation.default-credentials=*" << "bare *";
        QTest::newRow("bare star site") << "browser.ie-intranet-zone=*" << "bare *";
        QTest::newRow("empty list") << "delegation.default-credentials" << "needs a list";
        QTest::newRow("no value") << "certs.disable-root-auto-update=1" << "takes no value";
        QTest::newRow("zone tld") << "browser.ie-intranet-zone=*.com" << "is not valid";
    }
    void badSpecs()
    {
        QFETCH(QString, spec);
        QFETCH(QString, mentions);
        auto r = parseSpec(m_catalog, spec);
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(mentions), qPrintable(r.error().message));
    }

    void invalidCatalogNamesFileAndEntry_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mentions");
        const QByteArray good = R"({"id":"a.b","title":"T","category":"C","summary":"S","explanation":"E","side":"client",
            "risk":{"level":"low","text":"r"},"reference":"KB1","edits":[{"op":"set","key":"HKLM\\X","name":"v","type":"REG_DWORD","data":"1"}]})";
        QTest::newRow("syntax") << QByteArray("{\"settings\": [\n{,}]}") << "x.json:2: invalid JSON";
        QTest::newRow("no settings") << QByteArray("{}") << "\"settings\" array";
        QTest::newRow("dup") << QByteArray("{\"settings\":[" + good + "," + good + "]}") << "setting 2 (\"a.b\"): duplicate id";
        QByteArray badOp = good;
        badOp.replace("\"op\":\"set\"", "\"op\":\"frob\"");
        QTest::newRow("op") << QByteArray("{\"settings\":[" + badOp + "]}") << "edit 1: unknown op \"frob\"";
        QByteArray badKey = good;
        badKey.replace("HKLM\\\\X", "HKXX\\\\X");
        QTest::newRow("key") << QByteArray("{\"settings\":[" + badKey + "]}") << "registry path";
        QByteArray badVar = good;
        badVar.replace("\"data\":\"1\"", "\"data\":\"${n}\"");
        QTest::newRow("var") << QByteArray("{\"settings\":[" + badVar + "]}") << "${n} is not defined";
        QByteArray noTitle = good;
        noTitle.replace("\"title\":\"T\",", "");
        QTest::newRow("title") << QByteArray("{\"settings\":[" + noTitle + "]}") << "\"title\"";
    }
    void invalidCatalogNamesFileAndEntry()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, mentions);
        auto r = Catalog::loadFromJson(json, QStringLiteral("x.json"));
        QVERIFY(!r);
        QVERIFY2(r.error().toString().contains(mentions), qPrintable(r.error().toString()));
        QVERIFY(r.error().toString().startsWith(QLatin1String("x.json")));
    }

    void search()
    {
        const auto hits = m_catalog.search(QStringLiteral("AuthRoot"));
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits[0]->id, QStringLiteral("certs.disable-root-auto-update"));
        QVERIFY(m_catalog.search(QStringLiteral("delegat")).size() >= 9);
    }
};

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
