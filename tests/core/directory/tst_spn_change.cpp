#include "core/directory/DelegationChange.h"
#include "core/directory/SpnChange.h"
#include "core/directory/SpnPlan.h"

#include <QTest>

using namespace ssod::core::directory;

// The pure parts of the SPN and delegation changes: which SPNs a farm needs, and the scripts an
// administrator runs instead (their effect on a real DC is tested in test_spn_change_lab).
class TestSpnChange final : public QObject {
    Q_OBJECT

    static SpnChange add(const QString &spn, const QString &account, const QString &dn,
        SpnChange::Kind kind = SpnChange::Kind::User)
    {
        return { SpnChange::Op::Add, spn, account, dn, kind };
    }

private slots:
    void farmSpnsInOrder()
    {
        FarmPlanInput in { { QStringLiteral("HTTP") }, { QStringLiteral("Portal") },
            { QStringLiteral("web01.contoso.com"), QStringLiteral("web02") }, QStringLiteral("contoso.com"),
            QStringLiteral("svc"), { 8080 } };
        auto spns = farmSpns(in);
        QVERIFY(spns);
        QStringList names;
        for (const auto &p : *spns)
            names << p.spn;
        QCOMPARE(names,
            QStringList({ QStringLiteral("HTTP/portal.contoso.com"), QStringLiteral("HTTP/portal.contoso.com:8080"),
                QStringLiteral("HTTP/portal"), QStringLiteral("HTTP/portal:8080"),
                QStringLiteral("HTTP/web01.contoso.com"), QStringLiteral("HTTP/web01.contoso.com:8080"),
                QStringLiteral("HTTP/web01"), QStringLiteral("HTTP/web01:8080"),
                QStringLiteral("HTTP/web02.contoso.com"), QStringLiteral("HTTP/web02.contoso.com:8080"),
                QStringLiteral("HTTP/web02"), QStringLiteral("HTTP/web02:8080") }));
        QVERIFY(spns->at(0).why.contains(QStringLiteral("load-balanced name Portal")));
        QVERIFY(spns->at(6).why.contains(QStringLiteral("NetBIOS form")));
    }

    void farmSpnsDeduplicatesAndRefuses()
    {
        FarmPlanInput twice { { QStringLiteral("HTTP"), QStringLiteral("http") }, { QStringLiteral("a.x.com") },
            { QStringLiteral("A") }, QStringLiteral("x.com"), QStringLiteral("svc"), {} };
        auto spns = farmSpns(twice);
        QVERIFY(spns);
        QCOMPARE(spns->size(), 2); // HTTP/a.x.com, HTTP/a: the second class and node add nothing new
        FarmPlanInput shortName { { QStringLiteral("HTTP") }, { QStringLiteral("portal") }, {}, {}, {}, {} };
        auto r = farmSpns(shortName);
        QVERIFY(!r);
        QVERIFY(r.error().message.contains(QStringLiteral("short name")));
        QVERIFY(!farmSpns({ {}, { QStringLiteral("a.b") }, {}, {}, {}, {} }));
        QVERIFY(!farmSpns({ { QStringLiteral("HTTP") }, {}, {}, {}, {}, {} }));
        auto spaced = farmSpns({ { QStringLiteral("HT TP") }, { QStringLiteral("a.b") }, {}, {}, {}, {} });
        QVERIFY(!spaced);
        QVERIFY(spaced.error().message.contains(QStringLiteral("space")));
    }

    void setspnBatch()
    {
        auto s = renderSpnScript({ add(QStringLiteral("HTTP/a.x.com"), QStringLiteral("svc"), QStringLiteral("CN=svc")),
                                     { SpnChange::Op::Remove, QStringLiteral("HTTP/b%x"), QStringLiteral("svc"),
                                         QStringLiteral("CN=svc"), SpnChange::Kind::User } },
            SpnScriptFormat::Setspn, { QStringLiteral("X"), QStringLiteral("X.COM"), { QStringLiteral("a note") } });
        QVERIFY(s);
        QVERIFY(s->contains(QStringLiteral("\r\nrem a note\r\n")));
        QVERIFY(s->contains(QStringLiteral("setspn -S HTTP/a.x.com X\\svc\r\n")));
        QVERIFY(s->contains(QStringLiteral("setspn -D HTTP/b^%x X\\svc\r\n"))); // % would expand in a batch
    }

    void powerShellPerKindAndQuoted()
    {
        auto s = renderSpnScript({ add(QStringLiteral("HTTP/a"), QStringLiteral("o'brien"),
                                       QStringLiteral("CN=O'Brien,CN=Users,DC=x")),
                                     add(QStringLiteral("HTTP/a"), QStringLiteral("WEB01$"), QStringLiteral("CN=WEB01"),
                                         SpnChange::Kind::Computer),
                                     add(QStringLiteral("HTTP/a"), QStringLiteral("gmsa$"), QStringLiteral("CN=gmsa"),
                                         SpnChange::Kind::ManagedServiceAccount) },
            SpnScriptFormat::PowerShell, {});
        QVERIFY(s);
        QVERIFY(s->contains(
            QStringLiteral("Set-ADUser -Identity 'CN=O''Brien,CN=Users,DC=x' -ServicePrincipalNames @{Add='HTTP/a'}")));
        QVERIFY(s->contains(QStringLiteral("Set-ADComputer -Identity 'CN=WEB01'")));
        QVERIFY(s->contains(QStringLiteral("Set-ADServiceAccount -Identity 'CN=gmsa'")));
        QVERIFY(s->contains(QStringLiteral("$ErrorActionPreference = 'Stop'")));
    }

    void ldifBase64WhenNotSafe()
    {
        const QString dn = QStringLiteral("CN=J\u00fcrgen,CN=Users,DC=x");
        auto s = renderSpnScript({ add(QStringLiteral("HTTP/a"), QStringLiteral("j"), dn) }, SpnScriptFormat::Ldif, {});
        QVERIFY(s);
        QVERIFY(s->contains(QStringLiteral("dn:: ") + QString::fromLatin1(dn.toUtf8().toBase64())));
        QVERIFY(s->contains(QStringLiteral("add: servicePrincipalName\nservicePrincipalName: HTTP/a\n-\n")));
        QCOMPARE(ldifLine(QStringLiteral("a"), QStringLiteral(" lead")), QStringLiteral("a:: IGxlYWQ=\n"));
        QCOMPARE(ldifLine(QStringLiteral("a"), QStringLiteral("plain")), QStringLiteral("a: plain\n"));
    }

    void ktpassOneKeytabPerAccount()
    {
        auto s = renderSpnScript({ add(QStringLiteral("HTTP/a.x.com"), QStringLiteral("svc"), QStringLiteral("CN=svc")),
                                     add(QStringLiteral("HTTP/a"), QStringLiteral("svc"), QStringLiteral("CN=svc")) },
            SpnScriptFormat::Ktpass, { QStringLiteral("X"), QStringLiteral("x.com"), {} });
        QVERIFY(s);
        QStringList lines;
        for (const QString &l : s->split(QStringLiteral("\r\n")))
            if (l.startsWith(QStringLiteral("ktpass ")))
                lines << l;
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[0].startsWith(QStringLiteral("ktpass /out svc.keytab /princ HTTP/a.x.com@X.COM /mapuser X\\svc")));
        QVERIFY(!lines[0].contains(QStringLiteral("-setpass")));
        QVERIFY(lines[1].startsWith(QStringLiteral("ktpass /in svc.keytab /out svc.keytab /princ HTTP/a@X.COM")));
        QVERIFY(lines[1].endsWith(QStringLiteral("-setpass -setupn")));
        SpnChange remove = inverse(add(QStringLiteral("HTTP/a"), QStringLiteral("svc"), QStringLiteral("CN=svc")));
        QVERIFY(!renderSpnScript({ remove }, SpnScriptFormat::Ktpass, { QStringLiteral("X"), QStringLiteral("X.COM"), {} }));
        QVERIFY(!renderSpnScript({ add(QStringLiteral("HTTP/a"), QStringLiteral("svc"), QStringLiteral("CN=svc")) },
            SpnScriptFormat::Ktpass, {}));
    }

    void formatNames()
    {
        for (const QString &n : { QStringLiteral("setspn"), QStringLiteral("ps1"), QStringLiteral("ldif"),
                 QStringLiteral("ktpass") })
            QCOMPARE(spnScriptFormatName(*spnScriptFormatFromName(n)), n);
        QVERIFY(!spnScriptFormatFromName(QStringLiteral("bat")));
    }

    void delegationUndoAndScripts()
    {
        DelegationChange c;
        c.account.samAccountName = QStringLiteral("svc");
        c.account.dn = QStringLiteral("CN=svc,DC=x");
        c.oldFlags = 0x200 | uac::TrustedToAuthForDelegation;
        c.newFlags = 0x200 | uac::TrustedForDelegation;
        c.add = { QStringLiteral("CIFS/fs.x") };
        c.remove = { QStringLiteral("HTTP/old.x") };
        const DelegationEdit u = c.undo();
        QCOMPARE(u.unconstrained, std::optional<bool>(false));
        QCOMPARE(u.protocolTransition, std::optional<bool>(true));
        QCOMPARE(u.addTargets, c.remove);
        QCOMPARE(u.removeTargets, c.add);
        QCOMPARE(c.describe().size(), 4);
        auto ps = renderDelegationScript(c, QStringLiteral("ps1"));
        QVERIFY(ps);
        QVERIFY(ps->contains(QStringLiteral("Set-ADAccountControl -Identity 'CN=svc,DC=x' -TrustedForDelegation $true")));
        QVERIFY(ps->contains(QStringLiteral("-TrustedToAuthForDelegation $false")));
        QVERIFY(ps->contains(QStringLiteral("-Add @{'msDS-AllowedToDelegateTo'=@('CIFS/fs.x')}")));
        auto ldif = renderDelegationScript(c, QStringLiteral("ldif"));
        QVERIFY(ldif);
        QVERIFY(ldif->contains(QStringLiteral("replace: userAccountControl\nuserAccountControl: %1\n-\n").arg(c.newFlags)));
        QVERIFY(ldif->contains(QStringLiteral("delete: msDS-AllowedToDelegateTo\nmsDS-AllowedToDelegateTo: HTTP/old.x\n-\n")));
        QVERIFY(!renderDelegationScript(c, QStringLiteral("setspn")));
    }
};

QTEST_GUILESS_MAIN(TestSpnChange)
#include "tst_spn_change.moc"
