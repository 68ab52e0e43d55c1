// Acceptance test of the Linux browser output: real headless Chromium loads the managed-policy file
// that `ssodoctor-cli apply browser.negotiate-allowlist=…` writes to /etc/chromium/policies/managed
// and signs in with Kerberos (Negotiate) to Apache mod_auth_gssapi; without the file the same
// request is refused. The fixture (tests/tools/chromium_negotiate.sh) runs a throw-away MIT KDC,
// Apache and Chromium inside private mount/network/PID namespaces and reports what happened as
// "KEY: value" lines; this test decides what must have happened.
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMultiMap>
#include <QProcess>
#include <QTest>

namespace {

/// "WITH-ACCESS" etc. in the order printed.
using Report = QMultiMap<QString, QString>;

Report parseReport(const QString &out)
{
    Report r;
    for (const QString &line : out.split(QLatin1Char('\n'))) {
        const qsizetype colon = line.indexOf(QLatin1String(": "));
        if (colon > 0)
            r.insert(line.left(colon), line.mid(colon + 2));
    }
    return r;
}

/// Apache access-log lines (format: host user "request" status) that served /secure/ with \a status.
QStringList secureRequests(const Report &r, const QString &label, const QString &status)
{
    QStringList out;
    for (const QString &line : r.values(label + QStringLiteral("-ACCESS")))
        if (line.contains(QLatin1String("\"GET /secure/ HTTP/1.1\""))
            && line.endsWith(QLatin1Char(' ') + status))
            out << line;
    return out;
}

} // namespace

class TestChromiumPolicy final : public QObject {
    Q_OBJECT

private:
    QString m_output;
    Report m_report;

    QByteArray context() const { return QStringLiteral("\nfixture output:\n%1").arg(m_output).toUtf8(); }

private slots:
    void initTestCase()
    {
        const QString script = qEnvironmentVariable("SSOD_TOOLS") + QStringLiteral("/chromium_negotiate.sh");
        const QString cli = qEnvironmentVariable("SSOD_CLI");
        QProcess p;
        p.setProcessChannelMode(QProcess::SeparateChannels);
        QElapsedTimer timer;
        timer.start();
        p.start(QStringLiteral("bash"), { script, cli });
        QVERIFY2(p.waitForStarted(10000),
            qPrintable(QStringLiteral("cannot start bash %1: %2").arg(script, p.errorString())));
        // Measured: about 4 s; KDC, Apache and four Chromium runs are each bounded by the fixture.
        if (!p.waitForFinished(180000)) {
            p.kill(); // unshare --kill-child takes the whole namespace down with it
            p.waitForFinished(10000);
            QFAIL(qPrintable(
                QStringLiteral("the Chromium fixture did not finish within 180 s; output so far:\n%1%2")
                    .arg(QString::fromUtf8(p.readAllStandardOutput()),
                        QString::fromUtf8(p.readAllStandardError()))));
        }
        m_output = QString::fromUtf8(p.readAllStandardOutput());
        const QString err = QString::fromUtf8(p.readAllStandardError());
        // Not root, Chromium missing, a server that does not start: a failure with the reason, never a skip.
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
            qPrintable(QStringLiteral("the Chromium fixture could not run (exit %1):\n%2\n%3")
                           .arg(p.exitCode())
                           .arg(err, m_output)));
        m_report = parseReport(m_output);
        qInfo("fixture took %lld ms", qint64(timer.elapsed()));
    }

    void kerberosTicketIsReady()
    {
        QVERIFY2(m_report.value(QStringLiteral("TICKET")) == QLatin1String("user@SSOD.TEST"), context());
    }

    void policyFileIsWhatTheCliPromises()
    {
        QVERIFY2(m_report.value(QStringLiteral("POLICY-PATH"))
                     .startsWith(QLatin1String("/etc/chromium/policies/managed/ssodoctor-test-")),
            context());
        // FACTS §3(f): a flat object, AuthServerAllowlist a comma-separated string; the comma-list
        // edit appends ", item". Readable by the browser's user: 0644.
        const QJsonDocument doc
            = QJsonDocument::fromJson(m_report.value(QStringLiteral("POLICY-CONTENT")).toUtf8());
        QVERIFY2(doc.isObject(), context());
        QCOMPARE(doc.object(),
            (QJsonObject { { QStringLiteral("AuthServerAllowlist"),
                QStringLiteral("portal.contoso.test, localhost") } }));
        QCOMPARE(m_report.value(QStringLiteral("POLICY-MODE")), QStringLiteral("644"));
        // The file did not exist before: undo leaves an empty policy object.
        QCOMPARE(QJsonDocument::fromJson(m_report.value(QStringLiteral("UNDO-CONTENT")).toUtf8()).object(),
            QJsonObject());
    }

    void chromiumSignsInWithThePolicy()
    {
        QVERIFY2(m_report.value(QStringLiteral("WITH-EXIT")) == QLatin1String("0"), context());
        QVERIFY2(m_report.value(QStringLiteral("WITH-DOM")).contains(QLatin1String(">SSO-OK<")), context());
        // Apache's log names the Kerberos principal the browser authenticated as.
        const QStringList ok = secureRequests(m_report, QStringLiteral("WITH"), QStringLiteral("200"));
        QVERIFY2(ok.size() == 1 && ok.first().contains(QLatin1String(" user@SSOD.TEST ")), context());
    }

    void chromiumIsRefusedWithoutThePolicy()
    {
        QVERIFY2(m_report.value(QStringLiteral("WITHOUT-EXIT")) == QLatin1String("0"), context());
        const QString dom = m_report.value(QStringLiteral("WITHOUT-DOM"));
        QVERIFY2(
            dom.contains(QLatin1String(">SSO-DENIED<")) && !dom.contains(QLatin1String("SSO-OK")), context());
        QVERIFY2(
            secureRequests(m_report, QStringLiteral("WITHOUT"), QStringLiteral("200")).isEmpty(), context());
        QVERIFY2(
            !secureRequests(m_report, QStringLiteral("WITHOUT"), QStringLiteral("401")).isEmpty(), context());
        QVERIFY2(!m_output.contains(QLatin1String("WITHOUT-ACCESS: 127.0.0.1 user@")), context());
    }
};

QTEST_GUILESS_MAIN(TestChromiumPolicy)
#include "tst_chromium_policy.moc"
