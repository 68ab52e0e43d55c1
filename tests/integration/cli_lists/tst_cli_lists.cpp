// The real ssodoctor-cli refuses what the wizards refuse in a list (issue 6): a quick-add
// placeholder left unedited, a bare *, an SPN with a space or without a host. The check lives
// in the catalog, so both front ends share it; here the binary proves it for plan and apply.
#include "tests/common/TestTools.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {

ssod::testtools::ToolRun cli(const QStringList &args)
{
    return ssod::testtools::runTool(qEnvironmentVariable("SSOD_CLI"), args, {}, 60000);
}

} // namespace

class TestCliLists final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void refused_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("says");
        QTest::newRow("placeholder host") << "delegation.default-credentials=TERMSRV/host"
                                          << "placeholder \"host\"";
        QTest::newRow("placeholder domain") << "delegation.default-credentials-ntlm=TERMSRV/*.domain"
                                            << "placeholder \"domain\"";
        QTest::newRow("bare star") << "delegation.default-credentials=*"
                                   << "bare *";
        QTest::newRow("bare star among others") << "delegation.saved-credentials=TERMSRV/rdsh01,*"
                                                << "bare *";
        QTest::newRow("space") << "delegation.default-credentials=TERMSRV/rds host"
                               << "contains a space";
        QTest::newRow("no host") << "delegation.default-credentials=TERMSRV/"
                                 << "no server after the /";
        QTest::newRow("site placeholder") << "browser.negotiate-allowlist=*.domain" << "placeholder \"domain\"";
    }
    void refused()
    {
        QFETCH(QString, spec);
        QFETCH(QString, says);
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("client.reg"));
        for (const QString &command : { QStringLiteral("plan"), QStringLiteral("apply") }) {
            QStringList args { command, spec };
            if (command == QLatin1String("apply"))
                args << QStringLiteral("--to") << target << QStringLiteral("--backup")
                     << dir.filePath(QStringLiteral("b.reg"));
            const auto r = cli(args);
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains(says), qPrintable(r.err));
            QVERIFY(!QFile::exists(target));
            QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("b.reg"))));
        }
    }

    void realNamesAndWildcardsStillWork()
    {
        // TERMSRV/* is a choice the catalog allows (with a warning); a real host passes.
        const auto r = cli({ QStringLiteral("plan"),
            QStringLiteral("delegation.default-credentials=TERMSRV/*,TERMSRV/rdsh01.contoso.com") });
        QVERIFY2(r.exitCode == 1, qPrintable(r.err)); // 1: changes needed
        QVERIFY2(r.out.contains(QStringLiteral("changes needed")), qPrintable(r.out));
    }
};

QTEST_GUILESS_MAIN(TestCliLists)
#include "tst_cli_lists.moc"
