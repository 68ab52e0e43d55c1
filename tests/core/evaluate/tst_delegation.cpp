// Credentials Delegation verdicts. Every expected verdict below is derived from the explain text
// of the policies in CredSsp.admx (quoted where it decides a case), not from the evaluator:
//  - Allow…: "applies when server authentication was achieved via a trusted X509 certificate or
//    Kerberos"; …WhenNTLMOnly: "applies when server authentication was achieved via NTLM".
//  - Deny…: "can be used in combination with" Allow… "to define exceptions for specific servers
//    that are otherwise permitted when using wildcard characters": deny wins.
//  - Not configured: fresh / saved "permitted to Remote Desktop Session Host running on any machine
//    (TERMSRV/*)"; saved NTLM-only the same only on a workgroup client; default (both) "not
//    permitted to any machine". Disabled: "not permitted to any machine".
//  - Wildcards: "TERMSRV/* Remote Desktop Session Host running on all machines",
//    "TERMSRV/*.humanresources.fabrikam.com … all machines in .humanresources.fabrikam.com", "the
//    use of a single wildcard character is permitted".
#include "RegFixture.h"
#include "core/catalog/Catalog.h"
#include "core/catalog/SettingRequest.h"
#include "core/evaluate/DelegationEvaluator.h"
#include "core/evaluate/EvaluationJson.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTest>

using namespace ssod::core;
using namespace ssod::core::evaluate;

namespace {

const QString kCd
    = QStringLiteral("[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation]\n");

/// A policy flag plus its numbered list, the way Group Policy writes it.
QString policy(const QString &name, int flag, const QStringList &entries, std::optional<int> concat = {},
    const QString &concatName = {})
{
    QString s = kCd + QStringLiteral("\"%1\"=dword:%2\n").arg(name).arg(flag, 8, 10, QLatin1Char('0'));
    if (concat)
        s += QStringLiteral("\"%1\"=dword:%2\n").arg(concatName).arg(*concat, 8, 10, QLatin1Char('0'));
    s += QStringLiteral(
        "\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation\\%1]\n")
             .arg(name);
    for (qsizetype i = 0; i < entries.size(); ++i)
        s += QStringLiteral("\"%1\"=\"%2\"\n").arg(i + 1).arg(entries[i]);
    return s + QLatin1Char('\n');
}

QString allowDefault(const QStringList &entries, int flag = 1)
{
    return policy(QStringLiteral("AllowDefaultCredentials"), flag, entries);
}

} // namespace

class TestDelegationEvaluator final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    DelegationVerdict evaluate(const QString &reg, const QString &server,
        CredentialKind kind = CredentialKind::Default, bool ntlm = false)
    {
        auto store = fixture::openReg(m_dir, reg);
        DelegationQuery q;
        q.server = server;
        q.kind = kind;
        q.ntlmOnly = ntlm;
        auto v = DelegationEvaluator::evaluate(*store, q);
        if (!v)
            qFatal("evaluate failed: %s", qPrintable(v.error().toString()));
        return *v;
    }

private slots:
    void verdicts_data()
    {
        QTest::addColumn<QString>("reg");
        QTest::addColumn<QString>("server");
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("ntlm");
        QTest::addColumn<bool>("allowed");
        QTest::addColumn<QString>("decidedPolicy");
        QTest::addColumn<QString>("decidedEntry");

        const int def = int(CredentialKind::Default), saved = int(CredentialKind::Saved),
                  fresh = int(CredentialKind::Fresh);
        const QString star = allowDefault({ QStringLiteral("TERMSRV/*") });
        const QString suffix = allowDefault({ QStringLiteral("TERMSRV/*.contoso.com") });

        // Wildcards.
        QTest::newRow("TERMSRV/* covers any host")
            << star << "rdsh01.contoso.com" << def << false << true << "AllowDefaultCredentials"
            << "TERMSRV/*";
        QTest::newRow("*.contoso.com covers rdsh01.contoso.com")
            << suffix << "rdsh01.contoso.com" << def << false << true << "AllowDefaultCredentials"
            << "TERMSRV/*.contoso.com";
        QTest::newRow("*.contoso.com covers deeper hosts") // the text says "all machines in .contoso.com"
            << suffix << "rdsh01.farm.contoso.com" << def << false << true << "AllowDefaultCredentials"
            << "TERMSRV/*.contoso.com";
        QTest::newRow("*.contoso.com not rdsh01.fabrikam.com")
            << suffix << "rdsh01.fabrikam.com" << def << false << false << "AllowDefaultCredentials"
            << "1";
        QTest::newRow(
            "*.contoso.com not contoso.com itself") // "machines in .contoso.com": the dot is required
            << suffix << "contoso.com" << def << false << false << "AllowDefaultCredentials"
            << "1";
        QTest::newRow("*.contoso.com not evilcontoso.com")
            << suffix << "evilcontoso.com" << def << false << false << "AllowDefaultCredentials"
            << "1";
        QTest::newRow("bare * covers every SPN")
            << allowDefault({ QStringLiteral("*") }) << "WSMAN/srv01.contoso.com" << def << false << true
            << "AllowDefaultCredentials"
            << "*";
        QTest::newRow("two wildcards are outside the syntax")
            << allowDefault({ QStringLiteral("TERMSRV/*.*.com") }) << "rdsh01.contoso.com" << def << false
            << false << "AllowDefaultCredentials"
            << "1";

        // Exact entries, case, service class.
        const QString exact = allowDefault({ QStringLiteral("TERMSRV/rdsh01.contoso.com") });
        QTest::newRow("exact host") << exact << "rdsh01.contoso.com" << def << false << true
                                    << "AllowDefaultCredentials"
                                    << "TERMSRV/rdsh01.contoso.com";
        QTest::newRow("exact host, other host")
            << exact << "rdsh02.contoso.com" << def << false << false << "AllowDefaultCredentials"
            << "1";
        QTest::newRow("case-insensitive")
            << allowDefault({ QStringLiteral("termsrv/RDSH01.Contoso.COM") }) << "rdsh01.CONTOSO.com" << def
            << false << true << "AllowDefaultCredentials"
            << "termsrv/RDSH01.Contoso.COM";
        QTest::newRow("WSMAN/* does not cover TERMSRV")
            << allowDefault({ QStringLiteral("WSMAN/*") }) << "rdsh01.contoso.com" << def << false << false
            << "AllowDefaultCredentials"
            << "1";
        QTest::newRow("WSMAN/* covers a WSMAN SPN")
            << allowDefault({ QStringLiteral("WSMAN/*") }) << "WSMAN/srv01.contoso.com" << def << false
            << true << "AllowDefaultCredentials"
            << "WSMAN/*";

        // Deny wins; a deny list only counts when its policy is enabled, and only for its kind.
        const QString denySecret = star
            + policy(QStringLiteral("DenyDefaultCredentials"), 1,
                { QStringLiteral("TERMSRV/secret.contoso.com") });
        QTest::newRow("deny wins over allow")
            << denySecret << "secret.contoso.com" << def << false << false << "DenyDefaultCredentials"
            << "TERMSRV/secret.contoso.com";
        QTest::newRow("deny is an exception only")
            << denySecret << "rdsh01.contoso.com" << def << false << true << "AllowDefaultCredentials"
            << "TERMSRV/*";
        QTest::newRow("deny wins with NTLM too")
            << policy(QStringLiteral("AllowDefCredentialsWhenNTLMOnly"), 1, { QStringLiteral("TERMSRV/*") })
                + policy(
                    QStringLiteral("DenyDefaultCredentials"), 1, { QStringLiteral("TERMSRV/*.contoso.com") })
            << "rdsh01.contoso.com" << def << true << false << "DenyDefaultCredentials"
            << "TERMSRV/*.contoso.com";
        QTest::newRow("disabled deny specifies no server")
            << star + policy(QStringLiteral("DenyDefaultCredentials"), 0, { QStringLiteral("TERMSRV/*") })
            << "rdsh01.contoso.com" << def << false << true << "AllowDefaultCredentials"
            << "TERMSRV/*";
        QTest::newRow("deny of default does not touch fresh")
            << policy(QStringLiteral("DenyDefaultCredentials"), 1, { QStringLiteral("TERMSRV/*") })
            << "rdsh01.contoso.com" << fresh << false << true << "OS default"
            << "TERMSRV/*";
        QTest::newRow("deny of saved") << policy(
            QStringLiteral("DenySavedCredentials"), 1, { QStringLiteral("TERMSRV/rdsh01.contoso.com") })
                                       << "rdsh01.contoso.com" << saved << false << false
                                       << "DenySavedCredentials"
                                       << "TERMSRV/rdsh01.contoso.com";

        // NTLM-only servers need the NTLM-only list; the Kerberos list alone is not enough.
        QTest::newRow("Kerberos list alone, NTLM-only server")
            << star << "rdsh01.contoso.com" << def << true << false << "OS default"
            << "";
        QTest::newRow("NTLM-only list, NTLM-only server")
            << star
                + policy(QStringLiteral("AllowDefCredentialsWhenNTLMOnly"), 1,
                    { QStringLiteral("TERMSRV/*.contoso.com") })
            << "rdsh01.contoso.com" << def << true << true << "AllowDefCredentialsWhenNTLMOnly"
            << "TERMSRV/*.contoso.com";
        QTest::newRow("NTLM-only list alone, Kerberos server")
            << policy(QStringLiteral("AllowDefCredentialsWhenNTLMOnly"), 1, { QStringLiteral("TERMSRV/*") })
            << "rdsh01.contoso.com" << def << false << false << "OS default"
            << "";

        // Disabled beats a matching list.
        QTest::newRow("disabled with a matching list")
            << allowDefault({ QStringLiteral("TERMSRV/*") }, 0) << "rdsh01.contoso.com" << def << false
            << false << "AllowDefaultCredentials"
            << "0";
        QTest::newRow("fresh disabled")
            << policy(QStringLiteral("AllowFreshCredentials"), 0, { QStringLiteral("TERMSRV/*") })
            << "rdsh01.contoso.com" << fresh << false << false << "AllowFreshCredentials"
            << "0";
        QTest::newRow("list without its flag is not configured") << QStringLiteral(
            "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation\\"
            "AllowDefaultCredentials]\n\"1\"=\"TERMSRV/*\"\n") << "rdsh01.contoso.com"
                                                                 << def << false << false << "OS default"
                                                                 << "";

        // Not configured: the OS default of each kind.
        const QString empty;
        QTest::newRow("default, not configured")
            << empty << "rdsh01.contoso.com" << def << false << false << "OS default"
            << "";
        QTest::newRow("default NTLM, not configured")
            << empty << "rdsh01.contoso.com" << def << true << false << "OS default"
            << "";
        QTest::newRow("saved, not configured")
            << empty << "rdsh01.contoso.com" << saved << false << true << "OS default"
            << "TERMSRV/*";
        QTest::newRow("saved NTLM, not configured, domain-joined")
            << empty << "rdsh01.contoso.com" << saved << true << false << "OS default"
            << "";
        QTest::newRow("fresh, not configured")
            << empty << "rdsh01.contoso.com" << fresh << false << true << "OS default"
            << "TERMSRV/*";
        QTest::newRow("fresh NTLM, not configured")
            << empty << "rdsh01.contoso.com" << fresh << true << true << "OS default"
            << "TERMSRV/*";
        QTest::newRow("fresh default is for TERMSRV only")
            << empty << "WSMAN/srv01.contoso.com" << fresh << false << false << "OS default"
            << "TERMSRV/*";

        // ConcatenateDefaults adds the OS default list to an enabled policy.
        const QStringList other { QStringLiteral("TERMSRV/other.contoso.com") };
        QTest::newRow("fresh list + concatenate")
            << policy(QStringLiteral("AllowFreshCredentials"), 1, other, 1,
                   QStringLiteral("ConcatenateDefaults_AllowFresh"))
            << "rdsh01.contoso.com" << fresh << false << true << "OS default"
            << "TERMSRV/*";
        QTest::newRow("fresh list, no concatenate")
            << policy(QStringLiteral("AllowFreshCredentials"), 1, other, 0,
                   QStringLiteral("ConcatenateDefaults_AllowFresh"))
            << "rdsh01.contoso.com" << fresh << false << false << "AllowFreshCredentials"
            << "1";
        QTest::newRow("default list + concatenate adds nothing")
            << policy(QStringLiteral("AllowDefaultCredentials"), 1, other, 1,
                   QStringLiteral("ConcatenateDefaults_AllowDefault"))
            << "rdsh01.contoso.com" << def << false << false << "AllowDefaultCredentials"
            << "1";
    }

    void verdicts()
    {
        QFETCH(QString, reg);
        QFETCH(QString, server);
        QFETCH(int, kind);
        QFETCH(bool, ntlm);
        QFETCH(bool, allowed);
        QFETCH(QString, decidedPolicy);
        QFETCH(QString, decidedEntry);
        const DelegationVerdict v = evaluate(reg, server, CredentialKind(kind), ntlm);
        QCOMPARE(v.allowed, allowed);
        QCOMPARE(v.decidedBy.policy, decidedPolicy);
        QCOMPARE(v.decidedBy.entry, decidedEntry);
        QVERIFY(!v.explanation.isEmpty());
        QVERIFY(!v.decidedBy.text.isEmpty());
        QCOMPARE(v.fix.text.isEmpty(), allowed); // a "no" always says what to change
    }

    void spnOfABareHostIsTermsrv()
    {
        QCOMPARE(*DelegationEvaluator::spnFor(QStringLiteral("rdsh01.contoso.com")),
            QStringLiteral("TERMSRV/rdsh01.contoso.com"));
        QCOMPARE(
            *DelegationEvaluator::spnFor(QStringLiteral(" WSMAN/srv01 ")), QStringLiteral("WSMAN/srv01"));
        for (const char *bad : { "", "https://rdsh01.contoso.com/", "two hosts", "*.contoso.com", "TERMSRV/",
                 "/host", "a,b", "1bad/host" }) {
            const auto r = DelegationEvaluator::spnFor(QLatin1String(bad));
            QVERIFY2(!r, bad);
            QCOMPARE(r.error().code, Error::Code::InvalidInput);
            QVERIFY2(r.error().message.contains(QLatin1String("TERMSRV/rdsh01.contoso.com")),
                qPrintable(r.error().message));
        }
    }

    void decidingValueIsNamed()
    {
        const DelegationVerdict v = evaluate(allowDefault({ QStringLiteral("TERMSRV/x.contoso.com"),
                                                 QStringLiteral("TERMSRV/*.contoso.com") }),
            QStringLiteral("rdsh01.contoso.com"));
        QVERIFY(v.allowed);
        QCOMPARE(
            v.decidedBy.key, DelegationEvaluator::policyKey() + QStringLiteral("\\AllowDefaultCredentials"));
        QCOMPARE(v.decidedBy.valueName, QStringLiteral("2"));
        QCOMPARE(v.spn, QStringLiteral("TERMSRV/rdsh01.contoso.com"));
        // Both entries were considered, the first did not match.
        QCOMPARE(v.considered.size(), 2);
        QCOMPARE(v.considered[0].entry, QStringLiteral("TERMSRV/x.contoso.com"));
        QVERIFY(!v.considered[0].matched);
        QVERIFY(v.considered[1].matched && v.considered[1].applies);
    }

    void otherListIsShownButDoesNotApply()
    {
        const DelegationVerdict v = evaluate(allowDefault({ QStringLiteral("TERMSRV/*") }),
            QStringLiteral("rdsh01"), CredentialKind::Default, true);
        QVERIFY(!v.allowed);
        QCOMPARE(v.considered.size(), 1);
        QCOMPARE(v.considered[0].policy, QStringLiteral("AllowDefaultCredentials"));
        QVERIFY(v.considered[0].matched);
        QVERIFY(!v.considered[0].applies);
        QVERIFY(v.notes.join(QLatin1Char(' ')).contains(QLatin1String("NTLM-only")));
    }

    void fixNamesACatalogSettingThatParses()
    {
        auto catalog = catalog::Catalog::loadBuiltin();
        QVERIFY2(catalog, catalog ? "" : qPrintable(catalog.error().toString()));
        const struct {
            CredentialKind kind;
            bool ntlm;
            const char *spec;
        } cases[] = {
            { CredentialKind::Default, false, "delegation.default-credentials=TERMSRV/rdsh01.contoso.com" },
            { CredentialKind::Default, true,
                "delegation.default-credentials-ntlm=TERMSRV/rdsh01.contoso.com" },
            { CredentialKind::Saved, true, "delegation.saved-credentials-ntlm=TERMSRV/rdsh01.contoso.com" },
        };
        for (const auto &c : cases) {
            const DelegationVerdict v = evaluate({}, QStringLiteral("rdsh01.contoso.com"), c.kind, c.ntlm);
            QVERIFY(!v.allowed);
            QCOMPARE(v.fix.spec, QLatin1String(c.spec));
            QVERIFY2(catalog::parseSpec(*catalog, v.fix.spec), c.spec);
        }
        // Denied by a Deny entry: the fix names the deny setting, with no spec (removal is manual).
        const DelegationVerdict d
            = evaluate(policy(QStringLiteral("DenyFreshCredentials"), 1, { QStringLiteral("TERMSRV/*") }),
                QStringLiteral("rdsh01"), CredentialKind::Fresh);
        QVERIFY(!d.allowed);
        QCOMPARE(d.fix.settingId, QStringLiteral("delegation.deny-fresh-credentials"));
        QVERIFY(catalog->find(d.fix.settingId));
        QVERIFY(d.fix.spec.isEmpty());
    }

    void jsonCarriesVerdictAndDecider()
    {
        DelegationQuery q;
        q.server = QStringLiteral("rdsh01.contoso.com");
        const DelegationVerdict v
            = evaluate(allowDefault({ QStringLiteral("TERMSRV/*.contoso.com") }), q.server);
        const QJsonObject o = toJson(v, q);
        QCOMPARE(o.value(QStringLiteral("allowed")).toBool(false), true);
        QCOMPARE(o.value(QStringLiteral("decidedBy")).toObject().value(QStringLiteral("entry")).toString(),
            QStringLiteral("TERMSRV/*.contoso.com"));
        QCOMPARE(o.value(QStringLiteral("entries")).toArray().size(), 1);
        QCOMPARE(o.value(QStringLiteral("kind")).toString(), QStringLiteral("default"));
    }

    void storeThatCannotHoldThePolicyIsAnError()
    {
        // A user Registry.pol (HKCU) cannot hold computer policy: say so instead of "not configured".
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("gpo/User")));
        const QString pol = m_dir.filePath(QStringLiteral("gpo/User/Registry.pol"));
        QFile f(pol);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray("PReg\x01\x00\x00\x00", 8));
        f.close();
        auto store = registry::openStore(pol);
        QVERIFY2(store, store ? "" : qPrintable(store.error().toString()));
        DelegationQuery q;
        q.server = QStringLiteral("rdsh01");
        const auto v = DelegationEvaluator::evaluate(**store, q);
        QVERIFY(!v);
        QCOMPARE(v.error().code, Error::Code::Unsupported);
        QVERIFY2(v.error().message.contains(QLatin1String("CredentialsDelegation")),
            qPrintable(v.error().message));
    }
};

QTEST_GUILESS_MAIN(TestDelegationEvaluator)
#include "tst_delegation.moc"
