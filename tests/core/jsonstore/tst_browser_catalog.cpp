// The browser settings of the catalog: what they write (Chrome/Edge policy AuthServerAllowlist and
// AuthNegotiateDelegateAllowlist as comma lists, Firefox Authentication\SPNEGO and \Delegated as
// numbered lists, IE's EnableNegotiate), how list items merge into what a target already holds,
// and that each policy file receives only its own browser's part.
#include "core/catalog/Catalog.h"
#include "core/catalog/SettingRequest.h"
#include "core/registry/Planner.h"
#include "core/registry/StoreFactory.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace ssod::core;
using namespace ssod::core::catalog;
using registry::Edit;

namespace {

const QString kPolicies = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\");

QByteArray settingJson(const char *editJson, const char *parameterJson)
{
    return QByteArray(
               R"({"settings": [{"id": "t.x", "title": "t", "category": "c", "summary": "s", "explanation": "e",
        "side": "client", "risk": {"level": "low", "text": "r"}, "reference": "ref", "gpoPath": null, "restart": false,
        "parameter": )")
        + parameterJson + R"(, "edits": [)" + editJson + "]}]}";
}

} // namespace

class TestBrowserCatalog final : public QObject {
    Q_OBJECT

private:
    std::optional<Catalog> m_catalog;
    QTemporaryDir m_dir;

    Result<registry::ChangeSet> plan(const QString &spec, const registry::RegistryStore *store)
    {
        auto request = parseSpec(*m_catalog, spec);
        if (!request)
            return request.error();
        auto edits = resolveAll({ *request });
        if (!edits)
            return edits.error();
        return registry::diff(store, *edits);
    }

private slots:
    void initTestCase()
    {
        auto c = Catalog::loadBuiltin();
        QVERIFY2(c, qPrintable(c ? QString() : c.error().toString()));
        m_catalog = std::move(*c);
    }

    void negotiateAllowlistWritesEveryBrowser()
    {
        auto r = parseSpec(
            *m_catalog, QStringLiteral("browser.negotiate-allowlist=*.contoso.com, portal.fabrikam.com"));
        QVERIFY2(r, qPrintable(r ? QString() : r.error().toString()));
        auto edits = resolveEdits(*r);
        QVERIFY(edits);
        // One comma-list edit per browser and item (so existing entries stay), then Firefox's list.
        QCOMPARE(edits->size(), 8);
        const QStringList chromiumKeys { kPolicies + QStringLiteral("Google\\Chrome"),
            kPolicies + QStringLiteral("Chromium"), kPolicies + QStringLiteral("Microsoft\\Edge") };
        for (int i = 0; i < 6; ++i) {
            const Edit &e = edits->at(i);
            QCOMPARE(e.op, Edit::Op::CommaListItem);
            QCOMPARE(e.key, chromiumKeys.at(i / 2));
            QCOMPARE(e.name, QStringLiteral("AuthServerAllowlist"));
            QCOMPARE(e.item, i % 2 ? QStringLiteral("portal.fabrikam.com") : QStringLiteral("*.contoso.com"));
            QVERIFY(e.optional);
        }
        for (int i = 6; i < 8; ++i) {
            QCOMPARE(edits->at(i).op, Edit::Op::NumberedListItem);
            QCOMPARE(
                edits->at(i).key, kPolicies + QStringLiteral("Mozilla\\Firefox\\Authentication\\SPNEGO"));
            QVERIFY(edits->at(i).optional);
        }
        QCOMPARE(edits->at(7).item, QStringLiteral("portal.fabrikam.com"));

        auto d = resolveEdits(
            *parseSpec(*m_catalog, QStringLiteral("browser.delegate-allowlist=portal.contoso.com")));
        QVERIFY(d);
        QCOMPARE(d->size(), 4);
        QCOMPARE(d->at(0).name, QStringLiteral("AuthNegotiateDelegateAllowlist"));
        QCOMPARE(d->at(3).key, kPolicies + QStringLiteral("Mozilla\\Firefox\\Authentication\\Delegated"));
    }

    void badSitesAreRefused_data()
    {
        QTest::addColumn<QString>("item");
        QTest::newRow("everything") << QStringLiteral("*");
        QTest::newRow("top-level domain") << QStringLiteral("*.com");
        QTest::newRow("path") << QStringLiteral("portal.contoso.com/app");
        QTest::newRow("space") << QStringLiteral("portal contoso.com");
        QTest::newRow("separator") << QStringLiteral("a.contoso.com;b.contoso.com");
    }

    void badSitesAreRefused()
    {
        QFETCH(QString, item);
        for (const char *id : { "browser.negotiate-allowlist", "browser.delegate-allowlist" }) {
            auto r = parseSpec(*m_catalog, QLatin1String(id) + QLatin1Char('=') + item);
            QVERIFY2(!r, qPrintable(item));
            QVERIFY2(
                r.error().message.contains(QLatin1String("*.contoso.com")), qPrintable(r.error().message));
        }
        for (const QString &good :
            { QStringLiteral("localhost"), QStringLiteral("*.contoso.com"), QStringLiteral("*contoso.com"),
                QStringLiteral("https://portal.contoso.com"), QStringLiteral("portal.contoso.com:8443") })
            QVERIFY2(parseSpec(*m_catalog, QStringLiteral("browser.negotiate-allowlist=") + good),
                qPrintable(good));
    }

    void ieIntegratedAuthIsEnableNegotiate()
    {
        // IEInternals: REG_DWORD EnableNegotiate in HKCU\...\Internet Settings, 1 = Negotiate enabled.
        const QString key = QStringLiteral(
            "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings");
        for (const auto &[value, data] :
            { std::pair { QStringLiteral("on"), 1u }, std::pair { QStringLiteral("off"), 0u } }) {
            auto e
                = resolveEdits(*parseSpec(*m_catalog, QStringLiteral("browser.ie-integrated-auth=") + value));
            QVERIFY(e);
            QCOMPARE(e->size(), 1);
            QCOMPARE(e->at(0).key, key);
            QCOMPARE(e->at(0).name, QStringLiteral("EnableNegotiate"));
            QCOMPARE(*e->at(0).value, registry::RegValue::fromDword(data));
        }
        QVERIFY(!parseSpec(*m_catalog, QStringLiteral("browser.ie-integrated-auth=maybe")));
    }

    void itemsExpandOnItemOps()
    {
        const char *list = R"({"kind": "list", "label": "l"})";
        auto ok = Catalog::loadFromJson(
            settingJson(
                R"({"op": "multi-sz-item", "key": "HKLM\\S\\K", "name": "N", "items": "${value}"})", list),
            QStringLiteral("t.json"));
        QVERIFY2(ok, qPrintable(ok ? QString() : ok.error().toString()));
        auto edits = resolveEdits(*makeRequest(ok->settings().first(), QStringLiteral("a,b")));
        QVERIFY(edits);
        QCOMPARE(edits->size(), 2);
        QCOMPARE(edits->at(0).op, Edit::Op::MultiSzItem);
        QCOMPARE(edits->at(1).item, QStringLiteral("b"));

        auto none = Catalog::loadFromJson(
            settingJson(R"({"op": "comma-list-item", "key": "HKLM\\S\\K", "name": "N"})", list),
            QStringLiteral("t.json"));
        QVERIFY(!none);
        QVERIFY2(none.error().message.contains(QLatin1String("\"items\"")), qPrintable(none.error().message));

        const char *noList = R"({"kind": "enum", "choices": [{"value": "on", "label": "On"}]})";
        auto notList = Catalog::loadFromJson(
            settingJson(
                R"({"op": "comma-list-item", "key": "HKLM\\S\\K", "name": "N", "items": "x"})", noList),
            QStringLiteral("t.json"));
        QVERIFY(!notList);
        QVERIFY2(notList.error().message.contains(QLatin1String("needs a list parameter")),
            qPrintable(notList.error().message));
    }

    void chromiumFileGetsOnlyItsPartAndKeepsItsList()
    {
        const QString file = m_dir.filePath(QStringLiteral("merge.json"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"AuthServerAllowlist": "a.contoso.com", "URLBlocklist": ["x"]})");
        f.close();
        auto store = registry::openStore(file);
        QVERIFY(store);
        auto cs
            = plan(QStringLiteral("browser.negotiate-allowlist=A.CONTOSO.COM,b.contoso.com"), store->get());
        QVERIFY2(cs, qPrintable(cs ? QString() : cs.error().toString()));
        // Only Chromium's value; the existing entry stays (matched case-insensitively), the new
        // one is appended after ", ".
        QCOMPARE(cs->changes.size(), 1);
        QCOMPARE(cs->changes[0].key, kPolicies + QStringLiteral("Chromium"));
        QCOMPARE(*cs->changes[0].after,
            registry::RegValue::fromString(QStringLiteral("a.contoso.com, b.contoso.com")));

        auto wrong
            = plan(QStringLiteral("delegation.default-credentials=TERMSRV/*.contoso.com"), store->get());
        QVERIFY(!wrong);
        QVERIFY2(
            wrong.error().message.contains(QLatin1String("cannot hold")), qPrintable(wrong.error().message));

        // A .reg target (Windows) receives every browser's policy.
        auto all = plan(QStringLiteral("browser.negotiate-allowlist=portal.contoso.com"), nullptr);
        QVERIFY(all);
        QStringList keys;
        for (const auto &c : all->changes)
            if (c.action == registry::Change::Action::SetValue)
                keys << c.key;
        QCOMPARE(keys,
            (QStringList { kPolicies + QStringLiteral("Google\\Chrome"),
                kPolicies + QStringLiteral("Chromium"), kPolicies + QStringLiteral("Microsoft\\Edge"),
                kPolicies + QStringLiteral("Mozilla\\Firefox\\Authentication\\SPNEGO") }));
    }
};

QTEST_GUILESS_MAIN(TestBrowserCatalog)
#include "tst_browser_catalog.moc"
