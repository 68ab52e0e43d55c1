// The policy probe: the client's settings file decides browser Kerberos, TERMSRV/ delegation and
// WinRM TrustedHosts. The files are .reg exports as regedit writes them (UTF-16LE with a BOM).
#include "core/probe/PolicyProbe.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ssod::core;
using namespace ssod::core::probe;

class TestPolicyProbe final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    QString regFile(const QString &name, const QString &body)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        const QString text = QStringLiteral("Windows Registry Editor Version 5.00\r\n\r\n") + body;
        f.write("\xff\xfe", 2);
        f.write(reinterpret_cast<const char *>(text.utf16()), text.size() * 2);
        return path;
    }

    static ProbeReport run(const QString &target, const QVariantMap &options)
    {
        return runProbe(ProbeRequest { QStringLiteral("policy"), target, options, 5000 });
    }

    static QString onlyId(const ProbeReport &r)
    {
        return r.findings.size() == 1 ? r.findings.first().id : QStringLiteral("(%1 findings)").arg(r.findings.size());
    }

private slots:
    void browserAllowlistDecides()
    {
        const QString file = regFile(QStringLiteral("chrome.reg"),
            QStringLiteral("[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome]\r\n"
                           "\"AuthServerAllowlist\"=\"*.contoso.com\"\r\n\r\n"));
        QVariantMap o { { QStringLiteral("check"), QStringLiteral("browser") }, { QStringLiteral("client"), QStringLiteral("chrome") },
            { QStringLiteral("policy"), file } };
        ProbeReport r = run(QStringLiteral("https://intranet.contoso.com/"), o);
        QCOMPARE(onlyId(r), QStringLiteral("policy.browser-negotiate"));
        QVERIFY(r.findings.first().evidence.first().value.contains(QLatin1String("*.contoso.com")));
        r = run(QStringLiteral("https://portal.fabrikam.com/"), o);
        QCOMPARE(onlyId(r), QStringLiteral("policy.browser-no-negotiate"));
        QCOMPARE(r.findings.first().severity, Severity::Error);
        QVERIFY(r.findings.first().fix && r.findings.first().fix->id == QLatin1String("browser-sso"));
    }

    void delegationToTheFarm()
    {
        const QString file = regFile(QStringLiteral("credssp.reg"),
            QStringLiteral("[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation]\r\n"
                           "\"AllowDefaultCredentials\"=dword:00000001\r\n\r\n"
                           "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation\\"
                           "AllowDefaultCredentials]\r\n\"1\"=\"TERMSRV/*.contoso.com\"\r\n\r\n"));
        const QVariantMap o { { QStringLiteral("check"), QStringLiteral("delegation") }, { QStringLiteral("policy"), file } };
        ProbeReport r = run(QStringLiteral("rds.contoso.com"), o);
        QCOMPARE(onlyId(r), QStringLiteral("policy.delegation-allowed"));
        QCOMPARE(r.data.value(QStringLiteral("spn")).toString(), QStringLiteral("TERMSRV/rds.contoso.com"));
        r = run(QStringLiteral("rds.fabrikam.com"), o);
        QCOMPARE(onlyId(r), QStringLiteral("policy.delegation-denied"));
        QVERIFY(r.findings.first().fix && r.findings.first().fix->id == QLatin1String("farm-sso"));
    }

    void winrmTrustedHosts()
    {
        const QString policy = regFile(QStringLiteral("winrm-policy.reg"),
            QStringLiteral("[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM\\Client]\r\n"
                           "\"TrustedHosts\"=dword:00000001\r\n\"TrustedHostsList\"=\"10.1.2.*, *.lab.local\"\r\n\r\n"));
        const QVariantMap o { { QStringLiteral("check"), QStringLiteral("winrm") }, { QStringLiteral("policy"), policy } };
        ProbeReport r = run(QStringLiteral("srv01.lab.local"), o);
        QCOMPARE(onlyId(r), QStringLiteral("policy.winrm-trusted-host"));
        QCOMPARE(r.data.value(QStringLiteral("matched")).toString(), QStringLiteral("*.lab.local"));
        QCOMPARE(onlyId(run(QStringLiteral("10.1.2.7"), o)), QStringLiteral("policy.winrm-trusted-host"));
        QCOMPARE(onlyId(run(QStringLiteral("srv01.contoso.com"), o)), QStringLiteral("policy.winrm-not-trusted-host"));
        // Without the policy, the client's own configuration (winrm set winrm/config/client).
        const QString own = regFile(QStringLiteral("winrm-own.reg"),
            QStringLiteral("[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WSMAN\\Client]\r\n"
                           "\"trusted_hosts\"=\"*\"\r\n\r\n"));
        r = run(QStringLiteral("anything.contoso.com"), { { QStringLiteral("check"), QStringLiteral("winrm") },
                                                            { QStringLiteral("policy"), own } });
        QCOMPARE(onlyId(r), QStringLiteral("policy.winrm-trusted-host"));
        QVERIFY(PolicyProbe::trustedHostsMatch(QStringLiteral("SRV01"), QStringLiteral("srv01")));
        QVERIFY(!PolicyProbe::trustedHostsMatch(QStringLiteral("srv0"), QStringLiteral("srv01")));
        QVERIFY(!PolicyProbe::trustedHostsMatch(QStringLiteral("a.b"), QStringLiteral("aXb")));
    }

    void badInputIsSaid()
    {
        // A file that is not a registry file: a warning naming it, not a crash or an error exit.
        const QString junk = m_dir.filePath(QStringLiteral("junk.reg"));
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a registry file\n");
        f.close();
        ProbeReport r = run(QStringLiteral("rds.contoso.com"),
            { { QStringLiteral("check"), QStringLiteral("delegation") }, { QStringLiteral("policy"), junk } });
        QCOMPARE(onlyId(r), QStringLiteral("policy.unreadable"));
        QVERIFY(r.findings.first().title.contains(junk));
        r = run(QStringLiteral("rds.contoso.com"), { { QStringLiteral("check"), QStringLiteral("delegation") },
                                                       { QStringLiteral("policy"), m_dir.filePath(QStringLiteral("none.reg")) } });
        QCOMPARE(onlyId(r), QStringLiteral("policy.unreadable"));
        // No file, an unknown check, a browser check for a client that is no browser: bad target.
        QCOMPARE(onlyId(run(QStringLiteral("h"), { { QStringLiteral("check"), QStringLiteral("winrm") } })),
            QStringLiteral("probe.bad-target"));
        QCOMPARE(onlyId(run(QStringLiteral("h"), { { QStringLiteral("check"), QStringLiteral("moon") },
                                                     { QStringLiteral("policy"), junk } })),
            QStringLiteral("probe.bad-target"));
        QCOMPARE(onlyId(run(QStringLiteral("https://h.contoso.com/"),
                     { { QStringLiteral("check"), QStringLiteral("browser") }, { QStringLiteral("client"), QStringLiteral("curl") },
                         { QStringLiteral("policy"), junk } })),
            QStringLiteral("probe.bad-target"));
    }
};

QTEST_MAIN(TestPolicyProbe)
#include "tst_policy_probe.moc"
