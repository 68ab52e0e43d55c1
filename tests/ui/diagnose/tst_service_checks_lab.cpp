// Service Checks with the Directory page's connection to a real Samba AD DC (run through
// tests/integration/directory/run_in_lab.py, which starts an isolated lab and passes SSOD_TEST_DC):
// after the files are read, the SPNs the checks name are looked up in the directory.
#include "ui/diagnose/FindingsView.h"
#include "ui/diagnose/ServiceChecksDialog.h"
#include "ui/directory/DirectorySession.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ssod;
using namespace ssod::ui;

class TestServiceChecksLab final : public QObject {
    Q_OBJECT

    std::unique_ptr<DirectorySession> m_session;

    static QMap<QString, QString> idsBySubject(const ServiceChecksDialog &d)
    {
        QMap<QString, QString> out;
        for (const core::Finding &f : d.findingsView()->findings())
            if (f.id.contains(QLatin1String("spn")) || f.id.contains(QLatin1String("termsrv")))
                out.insert(f.subject, f.id);
        return out;
    }

private slots:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("SSOD_TEST_DC"))
            QSKIP("needs the lab (run through tests/integration/directory/run_in_lab.py)");
        m_session = std::make_unique<DirectorySession>();
        core::directory::ConnectionOptions o;
        o.dc = qEnvironmentVariable("SSOD_TEST_DC");
        m_session->connectTo(o);
        QTRY_VERIFY_WITH_TIMEOUT(m_session->isConnected(), 20000);
    }

    void iisSpnsAreLookedUp()
    {
        ServiceChecksDialog d;
        d.setDirectorySession(m_session.get());
        QSignalSpy done(&d, &ServiceChecksDialog::checkFinished);
        d.setIisFiles(qEnvironmentVariable("SSOD_TEST_DATA") + QStringLiteral("/iis/applicationHost.config"));
        QVERIFY(d.run());
        QVERIFY(done.wait(30000));
        const auto ids = idsBySubject(d);
        QCOMPARE(ids.value(QStringLiteral("HTTP/sso.lab.test")), QStringLiteral("iis.spn-ok"));
        QCOMPARE(ids.value(QStringLiteral("HTTP/portal.lab.test")), QStringLiteral("iis.spn-duplicate"));
    }

    void winrmConflictAndTermsrv()
    {
        QTemporaryDir tmp;
        const QString reg = tmp.filePath(QStringLiteral("winrm.reg"));
        QFile f(reg);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("Windows Registry Editor Version 5.00\r\n\r\n"
                "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WSMAN\\Client]\r\n"
                "\"trusted_hosts\"=\"\"\r\n\r\n");
        f.close();
        ServiceChecksDialog d;
        d.setDirectorySession(m_session.get());
        QSignalSpy done(&d, &ServiceChecksDialog::checkFinished);
        // WinRM over HTTP to sso.lab.test asks for HTTP/sso.lab.test, which the web account holds.
        d.setWinrmFile(reg, QStringLiteral("sso.lab.test"));
        QVERIFY(d.run());
        QVERIFY(done.wait(30000));
        QCOMPARE(idsBySubject(d).value(QStringLiteral("HTTP/sso.lab.test")), QStringLiteral("winrm.spn-conflict"));
        // A session host's own name and a farm name nobody holds.
        d.setHostFiles(QStringLiteral("rds-session-host"), reg, QString(), QStringLiteral("dc1.lab.test rds.lab.test"));
        QVERIFY(d.run());
        QVERIFY(done.wait(30000));
        const auto ids = idsBySubject(d);
        QCOMPARE(ids.value(QStringLiteral("TERMSRV/rds.lab.test")), QStringLiteral("host.termsrv-farm-missing"));
        QVERIFY(!ids.value(QStringLiteral("TERMSRV/dc1.lab.test")).isEmpty());
    }
};

QTEST_MAIN(TestServiceChecksLab)
#include "tst_service_checks_lab.moc"
