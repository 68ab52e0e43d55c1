// The .rdp inspector dialog on the sample files in tests/data/rdp (written as mstsc writes them).
#include "core/catalog/Catalog.h"
#include "core/rdp/RdpFile.h"
#include "ui/MainWindow.h"
#include "ui/rdp/RdpInspectorDialog.h"

#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace ssod;

class TestRdpInspector final : public QObject
{
    Q_OBJECT

    static QString sample(const char *name) { return qEnvironmentVariable("SSOD_TEST_DATA") + QStringLiteral("/rdp/") + QLatin1String(name); }

    static QStringList column(QTableWidget *t, int c)
    {
        QStringList out;
        for (int r = 0; r < t->rowCount(); ++r)
            out << t->item(r, c)->text();
        return out;
    }

private slots:
    void brokerFarmFileIsFlaggedAndFixed()
    {
        ui::RdpInspectorDialog dialog;
        QString error;
        QVERIFY2(dialog.loadFile(sample("broker_farm_utf16.rdp"), &error), qPrintable(error));
        auto *findings = dialog.findChild<QTableWidget *>(QStringLiteral("rdpFindingsTable"));
        auto *settings = dialog.findChild<QTableWidget *>(QStringLiteral("rdpSettingsTable"));
        QVERIFY(findings && settings);
        // FACTS.md §5: a broker farm file (loadbalanceinfo) without "use redirection server name:i:1"
        // lands on an IP address (NTLM); "prompt for credentials on client:i:1" prompts despite SSO.
        const QStringList flagged = column(findings, 1);
        QVERIFY2(flagged.contains(QStringLiteral("use redirection server name")), qPrintable(flagged.join(QLatin1Char(','))));
        QVERIFY(flagged.contains(QStringLiteral("prompt for credentials on client")));
        QVERIFY(column(findings, 0).join(QString()).contains(QStringLiteral("Warning"))); // severity in words
        QVERIFY(column(settings, 1).contains(QStringLiteral("full address:s:rdcb01.contoso.com")));
        QVERIFY(dialog.findChild<QTextBrowser *>(QStringLiteral("rdpFindingDetails"))->toPlainText().length() > 40);
        QVERIFY(dialog.findChild<QPushButton *>(QStringLiteral("rdpSaveFixedButton"))->isEnabled());

        QTemporaryDir dir;
        const QString fixedPath = dir.filePath(QStringLiteral("farm-corrected.rdp"));
        QVERIFY2(dialog.saveFixedTo(fixedPath, &error), qPrintable(error));
        QVERIFY(!dialog.saveFixedTo(sample("broker_farm_utf16.rdp"), &error)); // never over the original
        auto fixed = core::rdp::RdpFile::load(fixedPath);
        QVERIFY(fixed);
        QCOMPARE(fixed->encoding(), core::rdp::RdpEncoding::Utf16Le);
        QCOMPARE(fixed->find(QStringLiteral("use redirection server name"))->value, QStringLiteral("1"));
        QCOMPARE(fixed->find(QStringLiteral("prompt for credentials on client"))->value, QStringLiteral("0"));
        // Reopened, the corrected copy no longer shows those two findings.
        QVERIFY(dialog.loadFile(fixedPath, &error));
        QVERIFY(!column(findings, 1).contains(QStringLiteral("use redirection server name")));
        QVERIFY(!column(findings, 1).contains(QStringLiteral("prompt for credentials on client")));
    }

    void malformedFileNamesTheLine()
    {
        ui::RdpInspectorDialog dialog;
        QString error;
        QVERIFY(!dialog.loadFile(sample("malformed_utf16.rdp"), &error));
        QVERIFY2(error.contains(QStringLiteral("malformed_utf16.rdp:3")), qPrintable(error));
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("rdpStatusLabel"))->text().contains(QStringLiteral(":3")));
        QVERIFY(!dialog.findChild<QPushButton *>(QStringLiteral("rdpSaveFixedButton"))->isEnabled());
        QVERIFY(!dialog.loadFile(sample("does-not-exist.rdp"), &error));
        QVERIFY(error.contains(QStringLiteral("does-not-exist.rdp")));
    }

    void reachableFromTheWizardsPage()
    {
        ui::MainWindow window(*core::catalog::Catalog::loadBuiltin());
        auto *button = window.findChild<QPushButton *>(QStringLiteral("start-rdp-inspector"));
        QVERIFY(button);
        QVERIFY(!button->accessibleName().isEmpty());
        button->click();
        QTRY_VERIFY(window.findChild<ui::RdpInspectorDialog *>() != nullptr);
        QVERIFY(window.findChild<ui::RdpInspectorDialog *>()->isVisible());
    }
};

QTEST_MAIN(TestRdpInspector)
#include "tst_rdpinspector.moc"
