// The wizard definitions (resources/wizards) and the headless wizard logic, without widgets.
#include "core/catalog/Catalog.h"
#include "core/wizard/WizardDefinition.h"
#include "core/wizard/WizardState.h"

#include <QTest>

using namespace ssod::core;

class TestWizardDefinitions final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        auto c = catalog::Catalog::loadBuiltin();
        QVERIFY(c);
        m_catalog = std::move(*c);
    }

    void builtinDefinitionsLoad()
    {
        auto w = wizard::loadBuiltinWizards(m_catalog);
        QVERIFY2(w, qPrintable(w ? QString() : w.error().toString()));
        QStringList ids;
        for (const auto &d : *w)
            ids << d.id;
        QCOMPARE(ids, (QStringList{QStringLiteral("farm-sso"), QStringLiteral("rdp-host"), QStringLiteral("credssp"),
                                   QStringLiteral("root-update"), QStringLiteral("browser-sso"),
                                   QStringLiteral("kerberos-logging"), QStringLiteral("spn-registration"),
                                   QStringLiteral("certificate-check")}));
        QCOMPARE(w->last().kind, wizard::WizardDefinition::Kind::CertificateCheck);
    }

    void unknownSettingNamesFileWizardAndField()
    {
        const QByteArray json = R"({"wizards":[{"id":"x","title":"T","summary":"S","verify":"V",
            "problem":{"symptoms":["a"],"cause":"c","wrongWizardWhen":"w"},"targets":["reg"],
            "options":[{"id":"o","label":"L","settings":["no.such-setting"]}]}]})";
        auto r = wizard::loadWizards(json, QStringLiteral("bad.json"), m_catalog);
        QVERIFY(!r);
        QCOMPARE(r.error().location, QStringLiteral("bad.json: wizard 'x'"));
        QVERIFY2(r.error().message.contains(QStringLiteral("options[0].settings"))
                     && r.error().message.contains(QStringLiteral("no.such-setting")),
                 qPrintable(r.error().message));
    }

    void invalidProfileValueAndTargetAreRejected()
    {
        const QByteArray badValue = R"({"wizards":[{"id":"x","title":"T","summary":"S","verify":"V",
            "problem":{"symptoms":["a"],"cause":"c","wrongWizardWhen":"w"},"targets":["reg"],
            "profiles":[{"id":"p","label":"L","tradeOff":"t","settings":[{"setting":"rdp.nla","value":"maybe"}]}]}]})";
        auto r = wizard::loadWizards(badValue, QStringLiteral("w.json"), m_catalog);
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(QStringLiteral("profiles[0].settings[0]")) && r.error().message.contains(QStringLiteral("maybe")),
                 qPrintable(r.error().message));
        QByteArray badTarget = badValue;
        badTarget.replace("\"maybe\"", "\"on\"").replace("[\"reg\"]", "[\"floppy\"]");
        auto t = wizard::loadWizards(badTarget, QStringLiteral("w.json"), m_catalog);
        QVERIFY(!t);
        QVERIFY2(t.error().message.contains(QStringLiteral("floppy")), qPrintable(t.error().message));
        auto notJson = wizard::loadWizards("{", QStringLiteral("w.json"), m_catalog);
        QVERIFY(!notJson);
        QVERIFY(notJson.error().location.startsWith(QStringLiteral("w.json@")));
    }

    void farmStateBuildsBothPoliciesFromOneList()
    {
        auto defs = wizard::loadBuiltinWizards(m_catalog);
        QVERIFY(defs);
        const wizard::WizardDefinition *farm = nullptr;
        for (const auto &d : *defs)
            if (d.id == QLatin1String("farm-sso"))
                farm = &d;
        QVERIFY(farm);
        wizard::WizardState state(*farm, m_catalog);
        state.setListItems({QStringLiteral("TERMSRV/*.contoso.com")});
        auto reqs = state.requests();
        QVERIFY(reqs);
        QStringList specs;
        for (const auto &r : *reqs)
            specs << r.spec();
        QCOMPARE(specs, (QStringList{QStringLiteral("delegation.default-credentials=TERMSRV/*.contoso.com"),
                                     QStringLiteral("delegation.default-credentials-ntlm=TERMSRV/*.contoso.com")}));
        QVERIFY(!state.listItemProblem(QStringLiteral("TERMSRV/bad host")).isEmpty());
        QVERIFY(state.listItemProblem(QStringLiteral("TERMSRV/rdsh01.contoso.com")).isEmpty());
        state.setListItems({});
        QVERIFY(!state.requests());
        // Export only: the plan is computed against an empty registry.
        state.setListItems({QStringLiteral("TERMSRV/rdsh01")});
        auto plan = state.computePlan();
        QVERIFY(plan);
        QVERIFY(!plan->changes.isCompliant());
    }

private:
    catalog::Catalog m_catalog;
};

QTEST_GUILESS_MAIN(TestWizardDefinitions)
#include "tst_wizard_definitions.moc"
