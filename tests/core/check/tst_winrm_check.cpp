// The WinRM check offline, from .reg exports as regedit writes them (UTF-16LE with a BOM):
// TrustedHosts from the Group Policy over the client's own configuration, Basic and unencrypted
// traffic, the inverted "Disallow Kerberos" policy, HTTPS listeners and their certificate.
#include "core/check/WinrmCheck.h"
#include "core/registry/StoreFactory.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ssod::core;
using namespace ssod::core::check;

class TestWinrmCheck final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    Result<WinrmSettings> read(const QString &body)
    {
        const QString path = m_dir.filePath(QStringLiteral("f%1.reg").arg(++m_n));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return Error::io(QStringLiteral("cannot write"));
        const QString text = QStringLiteral("Windows Registry Editor Version 5.00\r\n\r\n") + body;
        f.write("\xff\xfe", 2);
        f.write(reinterpret_cast<const char *>(text.utf16()), text.size() * 2);
        f.close();
        auto store = registry::openStore(path);
        if (!store)
            return store.error();
        return WinrmCheck::read(**store);
    }

    static QStringList ids(const QList<Finding> &f)
    {
        QStringList out;
        for (const Finding &x : f)
            out << x.id;
        return out;
    }

    int m_n = 0;

private slots:
    void defaultsAreSaidToBeFine()
    {
        const auto s = read(QStringLiteral("[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WSMAN\\Client]\r\n"
                                           "\"auth_kerberos\"=dword:00000001\r\n\r\n"));
        QVERIFY(s);
        QCOMPARE(ids(WinrmCheck::findings(*s, {}, {}, {}, {})), QStringList { QStringLiteral("winrm.defaults") });
    }

    void policyWinsOverOwnConfiguration()
    {
        const auto s = read(QStringLiteral(
            "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM\\Client]\r\n"
            "\"TrustedHosts\"=dword:00000001\r\n\"TrustedHostsList\"=\"10.1.*, *.lab.local\"\r\n\"AllowKerberos\"=dword:00000000\r\n\r\n"
            "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WSMAN\\Client]\r\n\"trusted_hosts\"=\"*\"\r\n\r\n"));
        QVERIFY2(s, qPrintable(s ? QString() : s.error().toString()));
        QCOMPARE(s->trustedHosts, (QStringList { QStringLiteral("10.1.*"), QStringLiteral("*.lab.local") }));
        QVERIFY(s->clientKerberosDisallowed);
        const QStringList f = ids(WinrmCheck::findings(*s, QStringLiteral("srv01.lab.local"), QStringLiteral("SRV01$"), {}, {}));
        QCOMPARE(f, (QStringList { QStringLiteral("winrm.trusted-hosts"), QStringLiteral("policy.winrm-trusted-host"),
                        QStringLiteral("winrm.kerberos-disallowed") }));
        // Without the policy the client's own "*" applies: every host.
        const auto own = read(QStringLiteral("[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WSMAN\\Client]\r\n"
                                             "\"trusted_hosts\"=\"*\"\r\n\r\n"));
        QVERIFY(own);
        QVERIFY(ids(WinrmCheck::findings(*own, {}, {}, {}, {})).contains(QLatin1String("winrm.trusted-hosts-all")));
    }

    void basicOverUnencryptedIsAnError()
    {
        const auto s = read(QStringLiteral("[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM\\Service]\r\n"
                                           "\"AllowBasic\"=dword:00000001\r\n\"AllowUnencryptedTraffic\"=dword:00000001\r\n\r\n"));
        QVERIFY(s);
        const QList<Finding> f = WinrmCheck::findings(*s, {}, {}, {}, {});
        QCOMPARE(ids(f), QStringList { QStringLiteral("winrm.basic-unencrypted") });
        QCOMPARE(f.first().severity, Severity::Error);
        const auto basic = read(QStringLiteral("[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WSMAN\\Service]\r\n"
                                               "\"auth_basic\"=dword:00000001\r\n\r\n"));
        QVERIFY(basic);
        const QList<Finding> b = WinrmCheck::findings(*basic, {}, {}, {}, {});
        QCOMPARE(ids(b), QStringList { QStringLiteral("winrm.basic") });
        QVERIFY(b.first().title.startsWith(QLatin1String("The WinRM service")));
    }

    void httpsListenerAgainstThePresentedCertificate()
    {
        const auto s = read(QStringLiteral("[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WSMAN\\Listener\\*+HTTPS]\r\n"
                                           "\"hostname\"=\"srv01.lab.local\"\r\n\"Port\"=dword:00001762\r\n"
                                           "\"certThumbprint\"=\"ab cd 12\"\r\n\r\n"
                                           "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WSMAN\\Listener\\*+HTTP]\r\n"
                                           "\"Port\"=dword:00001761\r\n\r\n"));
        QVERIFY(s);
        QCOMPARE(s->listeners.size(), 2);
        const auto https = std::find_if(s->listeners.cbegin(), s->listeners.cend(),
            [](const WinrmSettings::Listener &l) { return l.https; });
        QVERIFY(https != s->listeners.cend());
        QCOMPARE(https->thumbprint, QStringLiteral("ABCD12")); // spaces as certlm shows them, dropped
        QCOMPARE(https->port, 5986);
        QCOMPARE(ids(WinrmCheck::findings(*s, {}, {}, {}, {})), QStringList { QStringLiteral("winrm.listener-https") });
        QCOMPARE(ids(WinrmCheck::findings(*s, QStringLiteral("srv01.lab.local"), {}, {}, QStringLiteral("abcd12"))),
            QStringList { QStringLiteral("winrm.listener-match") });
        QCOMPARE(ids(WinrmCheck::findings(*s, QStringLiteral("srv01.lab.local"), {}, {}, QStringLiteral("FFFF"))),
            QStringList { QStringLiteral("winrm.listener-mismatch") });
    }
};

QTEST_MAIN(TestWinrmCheck)
#include "tst_winrm_check.moc"
