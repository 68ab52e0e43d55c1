// RdpLinter over the built-in rules: every rule fires where FACTS.md §5 says the setting defeats
// SSO or weakens security, and stays quiet otherwise; the corrected copy changes only what it must.
#include "core/rdp/RdpLinter.h"

#include <QFile>
#include <QJsonObject>
#include <QSet>
#include "RdpTestData.h"

#include <QTest>

using namespace ssod::core;
using namespace ssod::core::rdp;

namespace {

using rdptest::dataFile;
using rdptest::utf16;

RdpFile parsed(const QByteArray &bytes)
{
    auto f = RdpFile::parse(bytes, QStringLiteral("t.rdp"));
    if (!f)
        qFatal("test file does not parse: %s", qPrintable(f.error().toString()));
    return *f;
}

QStringList ruleIds(const QList<Finding> &findings)
{
    QStringList ids;
    for (const Finding &f : findings)
        ids << rdpRuleIdOf(f);
    ids.sort();
    return ids;
}

/// A minimal well-formed rules file with one rule whose fields \a rule overrides.
QByteArray rulesJson(const QByteArray &rule)
{
    return R"({"version": 1, "settings": [
      {"name": "enablecredsspsupport", "type": "i", "title": "t", "default": "1", "values": {"0": "off", "1": "on"}, "reference": "r"},
      {"name": "full address", "type": "s", "title": "t", "describe": "to {value}", "reference": "r"}],
      "rules": [)"
        + rule + "]}";
}

} // namespace

class TestRdpLint final : public QObject {
    Q_OBJECT

    std::optional<RdpLinter> m_linter;

private slots:
    void initTestCase()
    {
        auto l = RdpLinter::builtin();
        QVERIFY2(l, qPrintable(l ? QString() : l.error().toString()));
        m_linter.emplace(std::move(*l));
    }

    void builtinRulesCoverTheIssue()
    {
        QSet<QString> settings;
        for (const RdpRule &r : m_linter->rules().rules())
            settings << r.setting;
        for (const char *s : { "prompt for credentials on client", "prompt for credentials",
                 "enablecredsspsupport", "authentication level", "negotiate security layer", "full address",
                 "use redirection server name", "gatewaycredentialssource", "promptcredentialonce",
                 "enablerdsaadauth", "targetisaadjoined", "disableconnectionsharing" })
            QVERIFY2(settings.contains(QLatin1String(s)), s);
        // Every rule carries text for a helpdesk reader and a reference.
        for (const RdpRule &r : m_linter->rules().rules()) {
            QVERIFY2(r.explanation.size() > 80, qPrintable(r.id));
            QVERIFY2(!r.reference.isEmpty(), qPrintable(r.id));
        }
    }

    void rules_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        const QString host = QStringLiteral("full address:s:rdsh01.contoso.com\n");
        const QString gw = QStringLiteral("gatewayhostname:s:rdgw.contoso.com\ngatewayusagemethod:i:1\n");
        const QStringList none;
        QTest::newRow("clean") << host << none;
        QTest::newRow("prompt on client 1") << host + QStringLiteral("prompt for credentials on client:i:1\n")
                                            << QStringList { QStringLiteral("prompt-on-client") };
        QTest::newRow("prompt on client 0")
            << host + QStringLiteral("prompt for credentials on client:i:0\n") << none;
        QTest::newRow("prompt always 1") << host + QStringLiteral("prompt for credentials:i:1\n")
                                         << QStringList { QStringLiteral("prompt-always") };
        QTest::newRow("prompt always 0") << host + QStringLiteral("prompt for credentials:i:0\n") << none;
        QTest::newRow("credssp 0") << host + QStringLiteral("enablecredsspsupport:i:0\n")
                                   << QStringList { QStringLiteral("credssp-disabled") };
        QTest::newRow("credssp 0 any case, padded") << host + QStringLiteral("EnableCredSSPSupport:i: 00 \n")
                                                    << QStringList { QStringLiteral("credssp-disabled") };
        QTest::newRow("credssp 1") << host + QStringLiteral("enablecredsspsupport:i:1\n") << none;
        QTest::newRow("auth level 0") << host + QStringLiteral("authentication level:i:0\n")
                                      << QStringList { QStringLiteral("server-authentication-off") };
        QTest::newRow("auth level 2") << host + QStringLiteral("authentication level:i:2\n") << none;
        QTest::newRow("auth level 3") << host + QStringLiteral("authentication level:i:3\n") << none;
        QTest::newRow("security layer 0") << host + QStringLiteral("negotiate security layer:i:0\n")
                                          << QStringList { QStringLiteral("rdp-security-layer-forced") };
        QTest::newRow("security layer 1") << host + QStringLiteral("negotiate security layer:i:1\n") << none;
        const QStringList ip { QStringLiteral("full-address-ip") };
        QTest::newRow("IPv4") << QStringLiteral("full address:s:10.0.0.5\n") << ip;
        QTest::newRow("IPv4 with port") << QStringLiteral("full address:s:10.0.0.5:3390\n") << ip;
        QTest::newRow("IPv6 bracketed with port") << QStringLiteral("full address:s:[fe80::1]:3389\n") << ip;
        QTest::newRow("IPv6 bare") << QStringLiteral("full address:s:2001:db8::5\n") << ip;
        QTest::newRow("name with port") << QStringLiteral("full address:s:rdsh01.contoso.com:3390\n") << none;
        QTest::newRow("short name") << QStringLiteral("full address:s:rdsh01\n") << none;
        QTest::newRow("name starting with digits")
            << QStringLiteral("full address:s:10.0.0.5.nip.io\n") << none;
        QTest::newRow("alternate IP") << host + QStringLiteral("alternate full address:s:192.0.2.7\n")
                                      << QStringList { QStringLiteral("alternate-address-ip") };
        QTest::newRow("no full address") << QStringLiteral("username:s:CONTOSO\\jdoe\n")
                                         << QStringList { QStringLiteral("full-address-missing") };
        QTest::newRow("empty full address")
            << QStringLiteral("full address:s:\n") << QStringList { QStringLiteral("full-address-missing") };
        const QStringList broker { QStringLiteral("broker-redirect-by-address") };
        QTest::newRow("broker, no redirection name")
            << host + QStringLiteral("loadbalanceinfo:s:tsv://MS Terminal Services Plugin.1.Desk\n")
            << broker;
        QTest::newRow("broker, redirection name 0")
            << host + QStringLiteral("loadbalanceinfo:s:tsv://x\nuse redirection server name:i:0\n")
            << broker;
        QTest::newRow("broker, redirection name 1")
            << host + QStringLiteral("loadbalanceinfo:s:tsv://x\nuse redirection server name:i:1\n") << none;
        QTest::newRow("empty loadbalanceinfo") << host + QStringLiteral("loadbalanceinfo:s:\n") << none;
        // gatewaycredentialssource defaults to 0 (ask for a password).
        QTest::newRow("gateway, default credentials")
            << host + gw << QStringList { QStringLiteral("gateway-password-prompt") };
        QTest::newRow("gateway, choose later") << host + gw + QStringLiteral("gatewaycredentialssource:i:4\n")
                                               << QStringList { QStringLiteral("gateway-password-prompt") };
        QTest::newRow("gateway, current user")
            << host + gw + QStringLiteral("gatewaycredentialssource:i:2\n") << none;
        QTest::newRow("gateway, smart card")
            << host + gw + QStringLiteral("gatewaycredentialssource:i:1\n") << none;
        QTest::newRow("gateway not used") << host
                + QStringLiteral("gatewayhostname:s:rdgw.contoso.com\ngatewayusagemethod:i:0\n"
                                 "promptcredentialonce:i:0\n")
                                          << none;
        QTest::newRow("gateway usage not set")
            << host + QStringLiteral("gatewayhostname:s:rdgw.contoso.com\n") << none;
        QTest::newRow("no gateway name")
            << host + QStringLiteral("gatewayhostname:s:\ngatewayusagemethod:i:2\n") << none;
        QTest::newRow("gateway, prompt twice")
            << host + gw + QStringLiteral("gatewaycredentialssource:i:2\npromptcredentialonce:i:0\n")
            << QStringList { QStringLiteral("gateway-prompt-twice") };
        QTest::newRow("no gateway, promptcredentialonce 0")
            << host + QStringLiteral("promptcredentialonce:i:0\n") << none;
        QTest::newRow("gateway by IP") << host
                + QStringLiteral(
                    "gatewayhostname:s:192.0.2.1\ngatewayusagemethod:i:2\ngatewaycredentialssource:i:2\n")
                                       << QStringList { QStringLiteral("gateway-address-ip") };
        QTest::newRow("Entra ID") << host + QStringLiteral("enablerdsaadauth:i:1\n")
                                  << QStringList { QStringLiteral("entra-authentication") };
        QTest::newRow("Entra legacy") << host + QStringLiteral("targetisaadjoined:i:1\n")
                                      << QStringList { QStringLiteral("entra-legacy-password") };
        QTest::newRow("connection sharing off") << host + QStringLiteral("disableconnectionsharing:i:1\n")
                                                << QStringList { QStringLiteral("connection-sharing-off") };
        QTest::newRow("connection sharing on")
            << host + QStringLiteral("disableconnectionsharing:i:0\n") << none;
    }

    void rules()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        const QList<Finding> findings = m_linter->lint(parsed(text.toUtf8()));
        expected.sort();
        QCOMPARE(ruleIds(findings), expected);
    }

    void findingCarriesValueLineAndFix()
    {
        const RdpFile f = parsed("full address:s:10.1.2.3\nenablecredsspsupport:i:0\nenablerdsaadauth:i:1\n");
        const QList<Finding> findings = m_linter->lint(f);
        QCOMPARE(findings.size(), 3);
        // Most severe first: the error, then the warning, then the info.
        QCOMPARE(rdpRuleIdOf(findings[0]), QStringLiteral("credssp-disabled"));
        QCOMPARE(findings[0].severity, Severity::Error);
        QCOMPARE(rdpCurrentValueOf(findings[0]), std::optional(QStringLiteral("0")));
        QCOMPARE(rdpLineOf(findings[0]), 2);
        const std::optional<RdpFix> credssp = rdpFixOf(findings[0]);
        QVERIFY(credssp);
        QCOMPARE(credssp->action, RdpFix::Action::Set);
        QCOMPARE(credssp->value, QStringLiteral("1"));
        QVERIFY(credssp->automatic);
        QCOMPARE(rdpRuleIdOf(findings[1]), QStringLiteral("full-address-ip"));
        QVERIFY(!findings[1].fix);
        QVERIFY(!rdpFixOf(findings[1]));
        QVERIFY(findings[1].explanation.contains(QStringLiteral("10.1.2.3")));
        QCOMPARE(findings[2].severity, Severity::Info);
        QVERIFY(RdpLinter::flagged(findings));
        QVERIFY(!RdpLinter::flagged(
            m_linter->lint(parsed("full address:s:h.contoso.com\nenablerdsaadauth:i:1\n"))));
        // An absent setting is reported as absent, not as its default.
        const auto broker
            = m_linter->lint(parsed("full address:s:h.contoso.com\nloadbalanceinfo:s:tsv://x\n"));
        QCOMPARE(broker.size(), 1);
        QCOMPARE(rdpCurrentValueOf(broker[0]), std::nullopt);
        QCOMPARE(rdpLineOf(broker[0]), 0);
        // The explanation names the value that applies: gatewaycredentialssource defaults to 0.
        const auto gw
            = m_linter->lint(parsed("full address:s:h.contoso.com\ngatewayhostname:s:g.contoso.com\n"
                                    "gatewayusagemethod:i:1\n"));
        QCOMPARE(gw.size(), 1);
        QVERIFY2(gw[0].explanation.contains(QStringLiteral("is 0 (not set; the default)")),
            qPrintable(gw[0].explanation));
        const std::optional<RdpFix> gwFix = rdpFixOf(gw[0]);
        QVERIFY(gwFix);
        QCOMPARE(gwFix->value, QStringLiteral("2"));
        QVERIFY(!gwFix->automatic);
    }

    // The linter's findings are the shared core::Finding, filled the way every producer fills it.
    void findingIsTheSharedType()
    {
        const QList<Finding> findings
            = m_linter->lint(parsed("full address:s:10.1.2.3\nenablecredsspsupport:i:0\n"));
        QCOMPARE(findings.size(), 2);
        const Finding &credssp = findings[0];
        QCOMPARE(credssp.id, QStringLiteral("rdp-file.credssp-disabled"));
        QCOMPARE(credssp.subject, QStringLiteral("enablecredsspsupport"));
        QCOMPARE(credssp.step, QStringLiteral("client"));
        QVERIFY(!credssp.title.isEmpty());
        QVERIFY(!credssp.reference.isEmpty());
        QCOMPARE(credssp.evidence.size(), 2);
        QCOMPARE(credssp.evidence[0].label, QStringLiteral("enablecredsspsupport"));
        QCOMPARE(credssp.evidence[0].value, QStringLiteral("0"));
        QCOMPARE(credssp.evidence[1].label, QStringLiteral("line"));
        QCOMPARE(credssp.evidence[1].value, QStringLiteral("2"));
        QVERIFY(credssp.fix);
        QCOMPARE(credssp.fix->kind, FindingFix::Kind::RdpFile);
        QCOMPARE(credssp.fix->id, QStringLiteral("enablecredsspsupport"));
        QCOMPARE(credssp.fix->text, QStringLiteral("set enablecredsspsupport to 1"));
        QCOMPARE(credssp.fix->inputs,
            (QVariantMap { { QStringLiteral("action"), QStringLiteral("set") },
                { QStringLiteral("value"), QStringLiteral("1") }, { QStringLiteral("automatic"), true },
                { QStringLiteral("line"), 2 }, { QStringLiteral("current"), QStringLiteral("0") } }));
        QCOMPARE(findingToJson(credssp).value(QStringLiteral("fix")).toObject().value(QStringLiteral("kind")),
            QJsonValue(QStringLiteral("rdp-file")));
        // A setting the file leaves out: the evidence names the default, the fix has no current value.
        const QList<Finding> broker
            = m_linter->lint(parsed("full address:s:h.contoso.com\nloadbalanceinfo:s:tsv://x\n"));
        QCOMPARE(broker.size(), 1);
        QCOMPARE(broker[0].evidence.size(), 1);
        QVERIFY2(broker[0].evidence[0].value.startsWith(QStringLiteral("not set")),
            qPrintable(broker[0].evidence[0].value));
        QVERIFY(broker[0].fix);
        QCOMPARE(broker[0].fix->inputs.value(QStringLiteral("line")), QVariant(0));
        QVERIFY(!broker[0].fix->inputs.contains(QStringLiteral("current")));
        // A finding from another producer is none of the linter's business.
        Finding probe;
        probe.id = QStringLiteral("dns.cname");
        probe.fix = FindingFix { FindingFix::Kind::Wizard, QStringLiteral("x"), QStringLiteral("t"), {} };
        QVERIFY(rdpRuleIdOf(probe).isEmpty());
        QVERIFY(!rdpFixOf(probe));
        QCOMPARE(rdpLineOf(probe), 0);
        QCOMPARE(rdpCurrentValueOf(probe), std::nullopt);
    }

    void describeInPlainWords()
    {
        const RdpFile f
            = parsed("authentication level:i:2\nfull address:s:h.contoso.com\ngatewayhostname:s:\n");
        const QList<RdpSettingView> views = m_linter->describe(f);
        QVERIFY(views.size() >= 3);
        QCOMPARE(views[0].name, QStringLiteral("authentication level"));
        QVERIFY(views[0].present);
        QVERIFY2(views[0].meaning.contains(QStringLiteral("warn")), qPrintable(views[0].meaning));
        QCOMPARE(views[1].name, QStringLiteral("full address"));
        QVERIFY(views[1].meaning.contains(QStringLiteral("h.contoso.com")));
        QCOMPARE(views[2].name, QStringLiteral("gatewayhostname"));
        QVERIFY(views[2].meaning.contains(QStringLiteral("not used")));
        // enablecredsspsupport is not in the file: listed with its documented default, 1.
        const auto it = std::find_if(views.begin(), views.end(),
            [](const RdpSettingView &v) { return v.name == QLatin1String("enablecredsspsupport"); });
        QVERIFY(it != views.end());
        QVERIFY(!it->present);
        QCOMPARE(it->value, QStringLiteral("1"));
    }

    void fixUtf8KeepsUntouchedLines()
    {
        const RdpFile f = parsed(dataFile(QStringLiteral("weak_utf8.rdp")));
        const RdpFile fixed = m_linter->fixed(f);
        // Written from FACTS.md §5: NLA on (1), warn on server authentication failure (2), negotiate (1).
        // The IP address and the gateway's credential source need a person's decision and stay.
        QCOMPARE(fixed.serialize(),
            QByteArray("# edited by hand\nFull Address:s:10.20.30.40:3390\nEnableCredSSPSupport:i:1\n"
                       "authentication level:i:2\nnegotiate security layer:i:1\n\nscreen mode id:i:1\n"
                       "gatewayhostname:s:rdgw.contoso.com\ngatewayusagemethod:i:1\n"));
        QCOMPARE(fixed.encoding(), RdpEncoding::Utf8);
        QCOMPARE(ruleIds(m_linter->lint(fixed)),
            (QStringList { QStringLiteral("full-address-ip"), QStringLiteral("gateway-password-prompt") }));
    }

    void fixBrokerFileInPlace()
    {
        const QByteArray bytes = dataFile(QStringLiteral("broker_farm_utf16.rdp"));
        const RdpFile fixed = m_linter->fixed(parsed(bytes));
        QByteArray expected = bytes;
        for (const auto &[from, to] :
            { std::pair { QStringLiteral("\nprompt for credentials on client:i:1\r"),
                  QStringLiteral("\nprompt for credentials on client:i:0\r") },
                std::pair { QStringLiteral("\nuse redirection server name:i:0\r"),
                    QStringLiteral("\nuse redirection server name:i:1\r") } }) {
            const QByteArray a = utf16(from).mid(2);
            QCOMPARE(expected.count(a), 1);
            expected.replace(a, utf16(to).mid(2));
        }
        QCOMPARE(fixed.serialize(), expected);
        QVERIFY(!RdpLinter::flagged(m_linter->lint(fixed)));
    }

    void fixAppendsMissingSetting()
    {
        const QByteArray in
            = utf16(QStringLiteral("full address:s:rdcb.contoso.com\r\nloadbalanceinfo:s:tsv://x"));
        const RdpFile fixed = m_linter->fixed(parsed(in));
        QCOMPARE(fixed.serialize(),
            utf16(QStringLiteral("full address:s:rdcb.contoso.com\r\nloadbalanceinfo:s:tsv://x\r\n"
                                 "use redirection server name:i:1\r\n")));
    }

    void fixingTwiceChangesNothing_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        for (const char *name : { "broker_farm_utf16.rdp", "clean_utf16.rdp", "weak_utf8.rdp" })
            QTest::newRow(name) << dataFile(QLatin1String(name));
        QTest::newRow("everything") << QByteArray(
            "prompt for credentials on client:i:1\nprompt for credentials:i:1\n"
            "enablecredsspsupport:i:0\nauthentication level:i:0\n"
            "negotiate security layer:i:0\nloadbalanceinfo:s:x\n"
            "gatewayhostname:s:g.contoso.com\ngatewayusagemethod:i:2\n"
            "promptcredentialonce:i:0\nfull address:s:h.contoso.com");
    }

    void fixingTwiceChangesNothing()
    {
        QFETCH(QByteArray, bytes);
        const RdpFile once = m_linter->fixed(parsed(bytes));
        const RdpFile twice = m_linter->fixed(once);
        QCOMPARE(twice.serialize(), once.serialize());
        for (const Finding &f : m_linter->lint(once)) {
            const std::optional<RdpFix> fix = rdpFixOf(f);
            QVERIFY2(!fix || !fix->automatic, qPrintable(f.id));
        }
        // What was written parses again to the same file.
        auto again = RdpFile::parse(once.serialize(), QStringLiteral("again.rdp"));
        QVERIFY(again);
        QVERIFY(*again == once);
    }

    void cleanFileIsUntouched()
    {
        const QByteArray bytes = dataFile(QStringLiteral("clean_utf16.rdp"));
        const RdpFile f = parsed(bytes);
        QVERIFY(m_linter->lint(f).isEmpty());
        QCOMPARE(m_linter->fixed(f).serialize(), bytes);
    }

    void badRules_data()
    {
        QTest::addColumn<QByteArray>("rule");
        QTest::addColumn<QString>("message");
        const QByteArray base
            = R"("id": "x", "setting": "enablecredsspsupport", "severity": "error", "title": "t", "explanation": "e", "reference": "r")";
        QTest::newRow("fix does not clear")
            << "{" + base + R"(, "when": {"equals": "0"}, "fix": {"set": "0"}})"
            << QStringLiteral("does not clear");
        QTest::newRow("remove keeps default")
            << "{" + base + R"(, "when": {"equals": "1"}, "fix": {"remove": true}})"
            << QStringLiteral("does not clear");
        QTest::newRow("unknown test")
            << "{" + base + R"(, "when": {"greater": "0"}})" << QStringLiteral("unknown test \"greater\"");
        QTest::newRow("two tests") << "{" + base + R"(, "when": {"equals": "0", "missing": true}})"
                                   << QStringLiteral("exactly one test");
        QTest::newRow("not a number")
            << "{" + base + R"(, "when": {"equals": "off"}})" << QStringLiteral("not a number");
        QTest::newRow("unknown also setting")
            << "{" + base + R"(, "when": {"equals": "0"}, "also": [{"setting": "nope", "present": true}]})"
            << QStringLiteral("\"nope\" is not described");
        QTest::newRow("bad severity") << QByteArray(
            R"({"id": "x", "setting": "enablecredsspsupport", "severity": "fatal", "title": "t", "explanation": "e", "reference": "r", "when": {"equals": "0"}})")
                                      << QStringLiteral("severity");
        QTest::newRow("fix value not allowed")
            << "{" + base + R"(, "when": {"equals": "0"}, "fix": {"set": "7"}})"
            << QStringLiteral("not one of the setting's");
        QTest::newRow("ip test on number") << "{" + base + R"(, "when": {"is-ip-address": true}})"
                                           << QStringLiteral("is-ip-address needs a text");
        QTest::newRow("typo field") << "{" + base + R"(, "when": {"equals": "0"}, "fixx": {"set": "1"}})"
                                    << QStringLiteral("unknown field \"fixx\"");
        QTest::newRow("duplicate id")
            << "{" + base + R"(, "when": {"equals": "0"}}, {)" + base + R"(, "when": {"equals": "0"}})"
            << QStringLiteral("used twice");
    }

    void badRules()
    {
        QFETCH(QByteArray, rule);
        QFETCH(QString, message);
        const QByteArray json = rulesJson(rule);
        auto r = RdpRules::loadFromJson(json, QStringLiteral("rules.json"));
        QVERIFY(!r);
        QCOMPARE(r.error().location, QStringLiteral("rules.json"));
        QVERIFY2(r.error().message.contains(message), qPrintable(r.error().message));
        // The same rule with its mistake removed would load: the base file itself is valid.
        QVERIFY(RdpRules::loadFromJson(
            rulesJson(
                R"({"id": "ok", "setting": "enablecredsspsupport", "severity": "error", "title": "t", "explanation": "e", "reference": "r", "when": {"equals": "0"}, "fix": {"set": "1"}})"),
            QStringLiteral("rules.json")));
    }
};

QTEST_GUILESS_MAIN(TestRdpLint)
#include "tst_rdplint.moc"
