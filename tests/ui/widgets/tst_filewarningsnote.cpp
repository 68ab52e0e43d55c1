// The note that shows what reading a target or baseline file skipped or reinterpreted.

#include "ui/widgets/FileWarningsNote.h"

#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTest>
#include <QVBoxLayout>

using ssod::core::FileWarning;
using ssod::core::FileWarnings;
using ssod::ui::FileWarningsNote;

class TestFileWarningsNote final : public QObject {
    Q_OBJECT

private slots:
    void showsEveryWarningReachableByKeyboard()
    {
        QWidget window;
        auto *layout = new QVBoxLayout(&window);
        auto *before = new QLineEdit(&window);
        auto *note = new FileWarningsNote(&window);
        layout->addWidget(before);
        layout->addWidget(note);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!note->isVisible());

        const FileWarnings warnings {
            FileWarning::forValue(FileWarning::Kind::Skipped,
                QStringLiteral("dword value longer than 8 hex digits"), QStringLiteral("a.reg:9"),
                QStringLiteral("HKEY_LOCAL_MACHINE\\A"), QStringLiteral("N")),
            FileWarning::forValue(FileWarning::Kind::Skipped, QStringLiteral("unterminated string"),
                QStringLiteral("a.reg:12"), QStringLiteral("HKEY_LOCAL_MACHINE\\A"), QStringLiteral("T")),
            FileWarning::forValue(FileWarning::Kind::Reinterpreted, QStringLiteral("already UTF-16LE"),
                QStringLiteral("a.reg:20"), QStringLiteral("HKEY_LOCAL_MACHINE\\A"), QStringLiteral("P")),
        };
        note->setWarnings(warnings);
        QVERIFY(note->isVisible());
        const QString summary = note->findChild<QLabel *>(QStringLiteral("fileWarningsSummary"))->text();
        QVERIFY2(summary.contains(QLatin1String("2 lines of the file could not be read and were skipped")),
            qPrintable(summary));
        QVERIFY2(summary.contains(QLatin1String("1 value was read one of two possible ways")),
            qPrintable(summary));
        auto *details = note->findChild<QPlainTextEdit *>(QStringLiteral("fileWarningsDetails"));
        QCOMPARE(details->toPlainText().split(QLatin1Char('\n')).size(), 3);
        QVERIFY(details->toPlainText().startsWith(QLatin1String("a.reg:9: dword value longer")));
        QCOMPARE(details->accessibleDescription(), summary);

        // Tab from the field before it lands in the details, and Tab leaves them again.
        before->setFocus();
        QTest::keyClick(before, Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), details);
        QVERIFY(details->tabChangesFocus());

        note->clear();
        QVERIFY(!note->isVisible());
        QVERIFY(FileWarningsNote::summary({}).isEmpty());
    }
};

QTEST_MAIN(TestFileWarningsNote)
#include "tst_filewarningsnote.moc"
