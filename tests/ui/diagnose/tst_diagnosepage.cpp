// The Diagnose page driven like a user: pick a scenario, type names, Run, watch results arrive,
// Cancel, select a finding, click a flow step, Fix…. The probes are the real ones, against TCP
// servers the test runs on 127.0.0.1: one that accepts and never answers (a hung service), and a
// port nothing listens on.

#include "core/probe/ProbeRunner.h"
#include "core/probe/Scenario.h"
#include "ui/diagnose/DiagnosePage.h"
#include "ui/diagnose/FindingsView.h"
#include "ui/diagnose/KerberosFlowView.h"
#include "ui/diagnose/PortalGateDialog.h"
#include "ui/diagnose/ServiceChecksDialog.h"
#include "ui/Translations.h"
#include "ui/diagnose/TokenDecoderDialog.h"

#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTemporaryDir>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTreeWidget>

using namespace ssod;
using namespace ssod::ui;

class TestDiagnosePage final : public QObject {
    Q_OBJECT

private:
    QTcpServer m_silent; ///< accepts and never says a word
    QList<QTcpSocket *> m_held;

    static QString portOf(const QTcpServer &s) { return QString::number(s.serverPort()); }

    /// A .reg export of a WinRM HTTPS listener on PORT whose certThumbprint is THUMBPRINT.
    static bool writeHttpsListener(const QString &path, quint16 port, const QString &thumbprint)
    {
        QFile w(path);
        return w.open(QIODevice::WriteOnly)
            && w.write(QStringLiteral("Windows Registry Editor Version 5.00\r\n\r\n"
                                      "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WSMAN\\Listener\\*+HTTPS]\r\n"
                                      "\"Port\"=dword:%1\r\n\"certThumbprint\"=\"%2\"\r\n\r\n")
                           .arg(port, 8, 16, QLatin1Char('0'))
                           .arg(thumbprint)
                           .toUtf8())
                > 0;
    }

    static core::Severity worstFor(const QList<core::Finding> &findings, const QString &step, bool &any)
    {
        core::Severity worst = core::Severity::Ok;
        any = false;
        for (const core::Finding &f : findings)
            if (KerberosFlowView::drawnStep(f.step) == step) {
                any = true;
                worst = std::max(worst, f.severity);
            }
        return worst;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_silent.listen(QHostAddress::LocalHost));
        connect(&m_silent, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_silent.nextPendingConnection())
                m_held << s; // kept open, never written to
        });
    }

    void scenariosAreOffered()
    {
        DiagnosePage page;
        auto *combo = page.findChild<QComboBox *>(QStringLiteral("scenarioCombo"));
        QVERIFY(combo);
        QCOMPARE(combo->count(), int(core::probe::builtinScenarios()->size()));
        QVERIFY(page.setScenario(QStringLiteral("winrm")));
        QVERIFY(page.findChild<QLineEdit *>(QStringLiteral("targetsEdit"))->placeholderText().contains(
            QLatin1String("server01")));
        QVERIFY(!page.setScenario(QStringLiteral("no-such")));
    }

    void runWithoutNamesAsksForThem()
    {
        DiagnosePage page;
        QVERIFY(!page.run());
        QVERIFY(!page.isRunning());
        QVERIFY(page.statusText().contains(QLatin1String("Enter the names")));
    }

    void resultsStreamIntoTreeAndFlow()
    {
        DiagnosePage page;
        page.resize(1100, 760);
        QVERIFY(page.setScenario(QStringLiteral("session-connector")));
        // RDP on the hung server; ports 443 and 80 of 127.0.0.1 are closed.
        page.setTargets({ QStringLiteral("127.0.0.1:") + portOf(m_silent) });
        page.setTimeoutSeconds(1.5);
        QSignalSpy done(&page, &DiagnosePage::runFinished);
        QVERIFY(page.run());
        QVERIFY(page.isRunning());
        QVERIFY(!page.findChild<QPushButton *>(QStringLiteral("runButton"))->isEnabled());
        QVERIFY(page.findChild<QPushButton *>(QStringLiteral("cancelButton"))->isEnabled());
        QVERIFY(done.wait(10000));
        QVERIFY(!page.isRunning());
        QVERIFY2(page.statusText().startsWith(QLatin1String("Done in")), qPrintable(page.statusText()));
        auto *bar = page.findChild<QProgressBar *>(QStringLiteral("diagnoseProgress"));
        QCOMPARE(bar->value(), bar->maximum());
        QTreeWidget *tree = page.findingsView()->tree();
        QCOMPARE(tree->topLevelItemCount(), bar->maximum());
        for (int i = 0; i < tree->topLevelItemCount(); ++i) {
            // Every check says its result in words and its time.
            QVERIFY(!tree->topLevelItem(i)->text(1).isEmpty());
            QVERIFY(!tree->topLevelItem(i)->text(2).isEmpty());
        }
        // The flow picture shows, per step, the worst finding drawn there, in words too.
        const QList<core::Finding> findings = page.findingsView()->findings();
        QVERIFY(!findings.isEmpty());
        for (const QString &step : KerberosFlowView::stepIds()) {
            bool any = false;
            const core::Severity worst = worstFor(findings, step, any);
            QCOMPARE(page.flowView()->stepState(step).has_value(), any);
            if (any) {
                QCOMPARE(*page.flowView()->stepState(step), worst);
                QVERIFY(!page.flowView()->stepStateText(step).isEmpty());
            } else {
                QCOMPARE(page.flowView()->stepStateText(step), QStringLiteral("Not checked"));
            }
        }
        QVERIFY(page.flowView()->accessibleDescription().contains(QLatin1String("dns:")));

        const QString dir = qEnvironmentVariable("SSOD_SCREENSHOT_DIR");
        if (!dir.isEmpty() && QDir().mkpath(dir)) {
            page.findingsView()->tree()->expandAll();
            page.grab().save(QDir(dir).filePath(QStringLiteral("diagnose-loopback.png")));
        }
    }

    void cancelStopsAtOnce()
    {
        DiagnosePage page;
        QVERIFY(page.setScenario(QStringLiteral("session-connector")));
        page.setTargets({ QStringLiteral("127.0.0.1:") + portOf(m_silent) });
        page.setTimeoutSeconds(30);
        QSignalSpy done(&page, &DiagnosePage::runFinished);
        QVERIFY(page.run());
        QTest::qWait(400);
        QElapsedTimer t;
        t.start();
        QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("cancelButton")), Qt::LeftButton);
        QCOMPARE(done.size(), 1);
        QVERIFY(t.elapsed() < 500);
        QVERIFY(!page.isRunning());
        QVERIFY(page.findChild<QPushButton *>(QStringLiteral("runButton"))->isEnabled());
        QVERIFY2(page.statusText().startsWith(QLatin1String("Cancelled")), qPrintable(page.statusText()));
        // The RDP check was still waiting on the hung server: it is marked as not finished.
        QTreeWidget *tree = page.findingsView()->tree();
        bool unfinished = false;
        for (int i = 0; i < tree->topLevelItemCount(); ++i)
            unfinished |= tree->topLevelItem(i)->text(1) == QLatin1String("Not finished");
        QVERIFY(unfinished);
        // A new run can start right away.
        page.setTimeoutSeconds(1);
        QVERIFY(page.run());
        QVERIFY(done.wait(10000));
    }

    void flowStepSelectsItsFindingAndFixAsks()
    {
        DiagnosePage page;
        QVERIFY(page.setScenario(QStringLiteral("session-connector")));
        page.setTargets({ QStringLiteral("127.0.0.1:") + portOf(m_silent) });
        page.setTimeoutSeconds(1);
        QSignalSpy done(&page, &DiagnosePage::runFinished);
        QVERIFY(page.run());
        QVERIFY(done.wait(10000));
        const QList<core::Finding> findings = page.findingsView()->findings();
        // Click each step that has findings: the finding selected is the worst of that step.
        int clicked = 0;
        for (const QString &step : KerberosFlowView::stepIds()) {
            if (!page.flowView()->stepState(step))
                continue;
            emit page.flowView()->stepClicked(step);
            const core::Finding *f = page.findingsView()->currentFinding();
            QVERIFY(f);
            QCOMPARE(KerberosFlowView::drawnStep(f->step), step);
            QCOMPARE(f->severity, *page.flowView()->stepState(step));
            ++clicked;
        }
        QVERIFY(clicked > 0);
        // Fix… is enabled exactly for a finding with a fix, and hands that finding on.
        QSignalSpy fix(&page, &DiagnosePage::fixRequested);
        auto *button = page.findingsView()->findChild<QPushButton *>(QStringLiteral("fixButton"));
        QTreeWidget *tree = page.findingsView()->tree();
        bool sawFix = false;
        for (int i = 0; i < tree->topLevelItemCount(); ++i)
            for (int c = 0; c < tree->topLevelItem(i)->childCount(); ++c) {
                tree->setCurrentItem(tree->topLevelItem(i)->child(c));
                const core::Finding *f = page.findingsView()->currentFinding();
                if (!f)
                    continue;
                QCOMPARE(button->isEnabled(), f->fix.has_value());
                if (f->fix && !sawFix) {
                    QTest::mouseClick(button, Qt::LeftButton);
                    QCOMPARE(fix.size(), 1);
                    QCOMPARE(fix.first().first().value<core::Finding>().id, f->id);
                    sawFix = true;
                }
            }
    }

    void caFileReachesTheTlsChecks()
    {
        DiagnosePage page;
        QVERIFY(page.setScenario(QStringLiteral("web")));
        page.setTargets({ QStringLiteral("https://127.0.0.1:") + portOf(m_silent) + QLatin1Char('/') });
        page.setTimeoutSeconds(1);
        // A CA file that does not exist is refused before anything runs.
        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("missing.pem"));
        page.setCaFile(missing);
        QVERIFY(!page.run());
        QVERIFY(!page.isRunning());
        QVERIFY2(page.statusText().contains(missing), qPrintable(page.statusText()));
        // A file that holds no certificate reaches the TLS and HTTPS checks, which say so; the
        // other checks of the run do not read it.
        const QString junk = dir.filePath(QStringLiteral("junk.pem"));
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is not a certificate\n");
        f.close();
        page.setCaFile(junk);
        QSignalSpy done(&page, &DiagnosePage::runFinished);
        QVERIFY(page.run());
        QVERIFY(done.wait(10000));
        int said = 0;
        QTreeWidget *tree = page.findingsView()->tree();
        for (int i = 0; i < tree->topLevelItemCount(); ++i) {
            QTreeWidgetItem *check = tree->topLevelItem(i);
            for (int c = 0; c < check->childCount(); ++c)
                said += check->child(c)->text(0).contains(QLatin1String("holds no PEM or DER certificate")) ? 1 : 0;
        }
        QVERIFY2(said >= 1, qPrintable(page.statusText()));
    }

    void tokenDecoderExplainsWhatIsPasted()
    {
        DiagnosePage page;
        page.resize(1100, 760);
        page.show();
        auto *button = page.findChild<QPushButton *>(QStringLiteral("decodeButton"));
        QVERIFY(button);
        QTest::mouseClick(button, Qt::LeftButton);
        auto *dialog = page.findChild<TokenDecoderDialog *>(QStringLiteral("tokenDecoderDialog"));
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        auto *input = dialog->findChild<QPlainTextEdit *>(QStringLiteral("tokenInput"));
        QVERIFY(input);
        QVERIFY(dialog->verdictText().contains(QLatin1String("Nothing to decode")));

        // An NTLMSSP NEGOTIATE message (MS-NLMP 2.2.1.1): signature, type 1, flags, two empty fields.
        QByteArray ntlm("NTLMSSP\0", 8);
        for (quint32 v : { 1u, 0xa2088207u, 0u, 0u, 0u, 0u })
            for (int i = 0; i < 4; ++i)
                ntlm.append(char((v >> (8 * i)) & 0xff));
        input->setPlainText(QStringLiteral("Authorization: Negotiate ") + QString::fromLatin1(ntlm.toBase64()));
        QVERIFY2(dialog->verdictText().contains(QLatin1String("NTLM")), qPrintable(dialog->verdictText()));
        QVERIFY(dialog->problemText().isEmpty());
        auto *explanation = dialog->findChild<QLabel *>(QStringLiteral("tokenExplanation"));
        QVERIFY(explanation && !explanation->text().isEmpty()); // why Negotiate carried NTLM
        QTreeWidget *fields = dialog->fieldsTree();
        QVERIFY(fields->topLevelItemCount() > 0);
        QVERIFY(!fields->findItems(QStringLiteral("Negotiate"), Qt::MatchContains | Qt::MatchRecursive, 2).isEmpty()
            || !fields->findItems(QStringLiteral("flag"), Qt::MatchContains | Qt::MatchRecursive, 0).isEmpty());

        const QString dir = qEnvironmentVariable("SSOD_SCREENSHOT_DIR");
        if (!dir.isEmpty() && QDir().mkpath(dir))
            dialog->grab().save(QDir(dir).filePath(QStringLiteral("token-decoder.png")));

        // Cut short: what was read is shown, and the problem named.
        input->setPlainText(QStringLiteral("NTLM ") + QString::fromLatin1(ntlm.left(14).toBase64()));
        QVERIFY2(!dialog->problemText().isEmpty() || dialog->verdictText().contains(QLatin1String("Not decoded")),
            qPrintable(dialog->verdictText()));
        // Not a token at all: said in words, nothing in the tree.
        input->setPlainText(QStringLiteral("Negotiate !!!not base64!!!"));
        QVERIFY(dialog->verdictText().contains(QLatin1String("Not decoded")));
        QVERIFY(!dialog->problemText().isEmpty());
        QCOMPARE(fields->topLevelItemCount(), 0);
        // The same dialog comes back, with the new text.
        QCOMPARE(page.openDecoder(QStringLiteral("NTLM ") + QString::fromLatin1(ntlm.toBase64())), dialog);
        QVERIFY(dialog->verdictText().contains(QLatin1String("NTLM")));
    }

    void portalGateTracesTheSteps()
    {
        DiagnosePage page;
        page.show();
        auto *button = page.findChild<QPushButton *>(QStringLiteral("portalGateButton"));
        QVERIFY(button);
        QTest::mouseClick(button, Qt::LeftButton);
        auto *dialog = page.findChild<PortalGateDialog *>(QStringLiteral("portalGateDialog"));
        QVERIFY(dialog && dialog->isVisible());
        QVERIFY(dialog->verdictText().contains(QLatin1String("web.config")));
        // An unreadable file is named; the real one is read.
        dialog->setConfigFile(QStringLiteral("/nonexistent/web.config"));
        QVERIFY2(dialog->verdictText().contains(QLatin1String("/nonexistent/web.config")), qPrintable(dialog->verdictText()));
        dialog->setConfigFile(qEnvironmentVariable("SSOD_TEST_DATA") + QStringLiteral("/portal/web.config"));
        const QString edge = QStringLiteral("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0 Safari/537.36 Edg/120.0");
        dialog->setRequest(QStringLiteral("10.20.1.2"), QStringLiteral("https://sso.contoso.com/sso/"), edge);
        QVERIFY(dialog->decision() && dialog->decision()->attempted);
        QCOMPARE(dialog->stepsTree()->topLevelItemCount(), 7);
        QVERIFY(dialog->verdictText().contains(QLatin1String("attempted")));
        // Typing in the URL field re-evaluates: the unanchored URLBlackList pattern now decides.
        auto *url = dialog->findChild<QLineEdit *>(QStringLiteral("portalUrlEdit"));
        url->clear();
        QTest::keyClicks(url, QStringLiteral("https://sso.contoso.com/x/_layouts/PGs/a.aspx"));
        QVERIFY(dialog->decision() && !dialog->decision()->attempted);
        QCOMPARE(dialog->decision()->rule, QStringLiteral("url-blacklist"));
        QTreeWidgetItem *last = dialog->stepsTree()->topLevelItem(dialog->stepsTree()->topLevelItemCount() - 1);
        QCOMPARE(last->text(0), QStringLiteral("url-blacklist"));
        QCOMPARE(last->text(1), QStringLiteral("DENIED"));
        QVERIFY(dialog->verdictText().contains(QLatin1String("line 29")));
        // The opt-out cookie is checked first.
        auto *cookies = dialog->findChild<QLineEdit *>(QStringLiteral("portalCookiesEdit"));
        QTest::keyClicks(cookies, QStringLiteral("lang=en; PstarNoKerberos=1"));
        QCOMPARE(dialog->decision()->rule, QStringLiteral("cookie"));
        QCOMPARE(dialog->stepsTree()->topLevelItemCount(), 1);
        cookies->clear();
        url->setText(QStringLiteral("https://sso.contoso.com/x/_layouts/PGs/a.aspx"));
        const QString dir = qEnvironmentVariable("SSOD_SCREENSHOT_DIR");
        if (!dir.isEmpty() && QDir().mkpath(dir)) {
            QTest::qWait(50); // let the layout give the wrapped explanation its height
            dialog->grab().save(QDir(dir).filePath(QStringLiteral("portal-gate.png")));
        }
    }

    void serviceChecksReadTheServicesFiles()
    {
        ui::installTranslators(*qApp); // the English plural forms, as the application has them
        DiagnosePage page;
        page.show();
        QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("serviceChecksButton")), Qt::LeftButton);
        auto *dialog = page.findChild<ServiceChecksDialog *>(QStringLiteral("serviceChecksDialog"));
        QVERIFY(dialog && dialog->isVisible());
        QSignalSpy done(dialog, &ServiceChecksDialog::checkFinished);
        // Nothing chosen: said, nothing runs.
        QVERIFY(!dialog->run());
        QVERIFY(dialog->statusText().contains(QLatin1String("applicationHost.config")));

        const QString data = qEnvironmentVariable("SSOD_TEST_DATA");
        dialog->setIisFiles(data + QStringLiteral("/iis/applicationHost.config"));
        QVERIFY(dialog->run());
        QVERIFY(done.wait(10000));
        QStringList ids;
        for (const core::Finding &f : dialog->findingsView()->findings())
            ids << f.id;
        QVERIFY2(ids.contains(QLatin1String("iis.app-pool-credentials")) && ids.contains(QLatin1String("iis.no-negotiate")),
            qPrintable(ids.join(QLatin1Char(' '))));
        QVERIFY2(dialog->statusText().contains(QLatin1String("errors")), qPrintable(dialog->statusText()));
        const QString dir = qEnvironmentVariable("SSOD_SCREENSHOT_DIR");
        if (!dir.isEmpty() && QDir().mkpath(dir)) {
            QTest::qWait(50);
            dialog->grab().save(QDir(dir).filePath(QStringLiteral("service-checks-iis.png")));
        }

        // A host's readiness from a .reg export: NLA on a session-connector host, fixed by a setting.
        QTemporaryDir tmp;
        const QString reg = tmp.filePath(QStringLiteral("system.reg"));
        QFile f(reg);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("Windows Registry Editor Version 5.00\r\n\r\n"
                "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp]\r\n"
                "\"UserAuthentication\"=dword:00000001\r\n\r\n");
        f.close();
        dialog->setHostFiles(QStringLiteral("session-connector"), QString(), reg);
        QVERIFY(dialog->run());
        QVERIFY(done.wait(10000));
        const core::Finding *nla = nullptr;
        const QList<core::Finding> found = dialog->findingsView()->findings();
        for (const core::Finding &x : found)
            if (x.id == QLatin1String("host.setting-differs"))
                nla = &x;
        QVERIFY(nla && nla->fix && nla->fix->kind == core::FindingFix::Kind::Setting
            && nla->fix->id == QLatin1String("rdp.nla"));
        // Fix… on it goes out through the page, to the main window.
        QSignalSpy fix(&page, &DiagnosePage::fixRequested);
        QTreeWidget *tree = dialog->findingsView()->tree();
        for (QTreeWidgetItem *it = tree->topLevelItem(0); it; it = tree->itemBelow(it)) {
            tree->setCurrentItem(it);
            const core::Finding *cur = dialog->findingsView()->currentFinding();
            if (cur && cur->id == QLatin1String("host.setting-differs"))
                break;
        }
        for (QPushButton *b : dialog->findingsView()->findChildren<QPushButton *>())
            if (b->text().contains(QLatin1String("Fix")))
                QTest::mouseClick(b, Qt::LeftButton);
        QCOMPARE(fix.size(), 1);
        // The host's certificate, checked for the farm name users type (a wildcard SAN matches).
        const QString cert = data + QStringLiteral("/probe/server-urls.pem");
        dialog->setHostFiles(QStringLiteral("session-connector"), QString(), reg, QStringLiteral("rds.other.test"));
        dialog->setHostCertificate(cert);
        QVERIFY(dialog->run());
        QVERIFY(done.wait(20000));
        auto has = [dialog](const char *id) {
            const QList<core::Finding> all = dialog->findingsView()->findings();
            return std::any_of(all.cbegin(), all.cend(), [id](const core::Finding &x) { return x.id == QLatin1String(id); });
        };
        QVERIFY(has("tls.name-mismatch") && has("tls.rdp-install"));
        dialog->setHostFiles(QStringLiteral("session-connector"), QString(), reg, QStringLiteral("rds.farm.lab.test"));
        QVERIFY(dialog->run());
        QVERIFY(done.wait(20000));
        QVERIFY(has("tls.name-ok"));
        dialog->setHostCertificate(QString());

        // WinRM with the server's name: the certificate its HTTPS listener presents (a QSslServer
        // here, with an openssl-made key) against the listener's certThumbprint.
        QProcess openssl;
        openssl.setWorkingDirectory(tmp.path());
        openssl.start(QStringLiteral("openssl"), { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                                                     QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                                                     QStringLiteral("l.key"), QStringLiteral("-out"), QStringLiteral("l.pem"),
                                                     QStringLiteral("-days"), QStringLiteral("5"), QStringLiteral("-subj"),
                                                     QStringLiteral("/CN=127.0.0.1") });
        QVERIFY(openssl.waitForFinished(60000) && openssl.exitCode() == 0);
        QFile keyFile(tmp.filePath(QStringLiteral("l.key")));
        QVERIFY(keyFile.open(QIODevice::ReadOnly));
        const auto certs = QSslCertificate::fromPath(tmp.filePath(QStringLiteral("l.pem")));
        QCOMPARE(certs.size(), 1);
        QSslServer tls;
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.setLocalCertificate(certs.first());
        conf.setPrivateKey(QSslKey(&keyFile, QSsl::Rsa));
        tls.setSslConfiguration(conf);
        QVERIFY(tls.listen(QHostAddress::LocalHost));
        const QString thumb = QString::fromLatin1(certs.first().digest(QCryptographicHash::Sha1).toHex().toUpper());
        const QString winrmReg = tmp.filePath(QStringLiteral("winrm.reg"));
        QVERIFY(writeHttpsListener(winrmReg, tls.serverPort(), thumb));
        dialog->setWinrmFile(winrmReg, QStringLiteral("127.0.0.1"));
        QVERIFY(dialog->run());
        QVERIFY(done.wait(20000));
        QVERIFY2(has("winrm.listener-match"), qPrintable(dialog->statusText()));

        // A file that is not there: named in the status.
        dialog->setWinrmFile(tmp.filePath(QStringLiteral("missing.reg")));
        QVERIFY(dialog->run());
        QVERIFY(done.wait(10000));
        QVERIFY2(dialog->statusText().contains(QLatin1String("missing.reg")), qPrintable(dialog->statusText()));
    }

    void serviceChecksCloseWhileAListenerIsSilent()
    {
        // A WinRM listener check against a server that accepts and never answers: closing the
        // window cancels it instead of waiting out its 10 s.
        QTemporaryDir tmp;
        const QString winrmReg = tmp.filePath(QStringLiteral("winrm.reg"));
        QVERIFY(writeHttpsListener(winrmReg, m_silent.serverPort(), QStringLiteral("00112233445566778899AABBCCDDEEFF00112233")));
        auto page = std::make_unique<DiagnosePage>();
        page->show();
        QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("serviceChecksButton")), Qt::LeftButton);
        auto *dialog = page->findChild<ServiceChecksDialog *>(QStringLiteral("serviceChecksDialog"));
        QVERIFY(dialog);
        dialog->setKind(ServiceChecksDialog::Kind::Winrm);
        dialog->setWinrmFile(winrmReg, QStringLiteral("127.0.0.1"));
        const int heldBefore = int(m_held.size());
        QVERIFY(dialog->run());
        QTRY_VERIFY_WITH_TIMEOUT(m_held.size() > heldBefore, 5000); // the TLS check is connected and waiting
        QVERIFY(dialog->isRunning());
        QElapsedTimer t;
        t.start();
        page.reset();
        QVERIFY2(t.elapsed() < 2000, qPrintable(QStringLiteral("closing took %1 ms").arg(t.elapsed())));
    }

    void cleanupTestCase()
    {
        // A cancelled check's probe threads end on their own within a slice: the process must not
        // exit (and destroy the statics they use) under them.
        QTRY_COMPARE_WITH_TIMEOUT(core::probe::ProbeRunner::liveThreads(), 0, 5000);
        qDeleteAll(m_held);
    }
};

QTEST_MAIN(TestDiagnosePage)
#include "tst_diagnosepage.moc"
