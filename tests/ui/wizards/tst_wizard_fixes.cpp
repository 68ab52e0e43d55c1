// The wizard bugs a new helpdesk user found (issue 6), each driven through the real pages by
// objectName against real files: every test here failed before its fix.
#include "WizardDriver.h"
#include "core/catalog/Catalog.h"
#include "core/registry/RegOp.h"
#include "ui/MainWindow.h"
#include "ui/Translations.h"
#include "ui/wizards/SettingsWizard.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace ssod;
using core::registry::RegOp;
using driver::dword;
using driver::sz;

namespace {

const QString kDelegation
    = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation");
const QString kDefaultList = kDelegation + QStringLiteral("\\AllowDefaultCredentials");
const QString kAuthRoot
    = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\AuthRoot");

template <typename T> T *child(QWidget *w, const QString &name)
{
    return w->findChild<T *>(name);
}

QByteArray bytesOf(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList backupsIn(const QString &dir)
{
    return QDir(dir).entryList({ QStringLiteral("*.ssod-backup-*") }, QDir::Files);
}

/// Clicks Apply and waits for its outcome; true when it applied.
bool applyNow(ui::SettingsWizard *w)
{
    auto *apply = child<QPushButton>(w, QStringLiteral("applyButton"));
    auto *result = child<QLabel>(w, QStringLiteral("applyResultLabel"));
    if (!apply->isEnabled())
        return false;
    QTest::mouseClick(apply, Qt::LeftButton);
    return QTest::qWaitFor([&] { return result->text().contains(QStringLiteral("Applied")); }, 10000);
}

/// The visible message box the wizard opened, once it is there.
QMessageBox *messageBox(ui::SettingsWizard *w, const QString &name)
{
    QMessageBox *box = nullptr;
    const bool shown = QTest::qWaitFor(
        [&] {
            box = w->findChild<QMessageBox *>(name);
            return box && box->isVisible();
        },
        5000);
    return shown ? box : nullptr;
}

} // namespace

class TestWizardFixes final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void changedPlanAfterApplyIsAppliedNotClaimed();
    void readOnlyTargetIsNamedBeforeApply();
    void coreRefusalIsShownOnce();
    void cancelAfterApplyAsksAndUndoes();
    void cancelAfterApplyCanKeep();
    void placeholdersAndBareStarAreRefused();

private:
    /// farm-sso against \a path up to the Options page.
    ui::SettingsWizard *farmToOptions(const QString &path);
    /// farm-sso with one server applied to \a path, on the Apply page.
    ui::SettingsWizard *farmApplied(const QString &path);

    std::unique_ptr<ui::MainWindow> m_window;
};

void TestWizardFixes::initTestCase()
{
    m_window = driver::openMainWindow();
    QVERIFY(m_window);
}

ui::SettingsWizard *TestWizardFixes::farmToOptions(const QString &path)
{
    ui::SettingsWizard *w = driver::start(*m_window, QStringLiteral("farm-sso"));
    if (!w || !driver::clickNext(w) || !driver::chooseTarget(w, QStringLiteral("reg"), path)
        || !driver::clickNext(w))
        return nullptr;
    return w;
}

ui::SettingsWizard *TestWizardFixes::farmApplied(const QString &path)
{
    ui::SettingsWizard *w = farmToOptions(path);
    if (!w)
        return nullptr;
    driver::typeListItems(w, { QStringLiteral("TERMSRV/rdsh01.contoso.com") });
    if (!driver::clickNext(w) || !driver::clickNext(w) || !applyNow(w))
        return nullptr;
    return w;
}

void TestWizardFixes::changedPlanAfterApplyIsAppliedNotClaimed()
{
    // Apply, Back to Options, add a server, Next: the new server is either written (with its own
    // backup and undo) or not claimed; "Verified" must only ever describe what is in the file.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("client.reg"));
    ui::SettingsWizard *w = farmToOptions(path);
    QVERIFY(w);
    driver::typeListItems(w, { QStringLiteral("TERMSRV/rdsh01.contoso.com") });
    QVERIFY(driver::clickNext(w));
    QVERIFY(driver::clickNext(w));
    QVERIFY(applyNow(w));
    QCOMPARE(backupsIn(dir.path()).size(), 1);

    w->back();
    // Back after Apply: Review no longer says the changes "will be made".
    const QString headline = child<QLabel>(w, QStringLiteral("alreadyCompliantLabel"))->text();
    QVERIFY2(headline.contains(QStringLiteral("were applied")), qPrintable(headline));
    w->back();
    QCOMPARE(w->currentId(), int(ui::SettingsWizard::OptionsPageId));
    // The target is fixed now: Verify and Undo need the file that was written.
    w->back();
    QVERIFY(!child<QLineEdit>(w, QStringLiteral("targetPathEdit"))->isEnabled());
    QVERIFY(driver::clickNext(w));
    QTest::mouseClick(child<QPushButton>(w, QStringLiteral("addButton")), Qt::LeftButton);
    QTest::keyClicks(
        child<QLineEdit>(w, QStringLiteral("spnEdit")), QStringLiteral("TERMSRV/rdsh02.contoso.com"));
    QVERIFY(driver::clickNext(w));
    QCOMPARE(
        child<QTableWidget>(w, QStringLiteral("reviewTable"))->rowCount(), 2); // one per list (NTLM twin on)
    QVERIFY(driver::clickNext(w));
    QCOMPARE(w->currentId(), int(ui::SettingsWizard::ApplyPageId));

    // Not applied yet: Next must not lead to a Verify page that vouches for it.
    QVERIFY2(
        !w->button(QWizard::NextButton)->isEnabled(), "Next is enabled for a plan that was never written");
    QVERIFY(child<QLabel>(w, QStringLiteral("applyResultLabel"))->text().isEmpty()
        || !child<QLabel>(w, QStringLiteral("applyResultLabel"))->isVisible());
    QVERIFY2(applyNow(w), "the changed plan cannot be applied");
    QCOMPARE(backupsIn(dir.path()).size(), 2); // its own backup; the first one is kept
    QCOMPARE(driver::read(path, kDefaultList, QStringLiteral("2")),
        sz(QStringLiteral("TERMSRV/rdsh02.contoso.com")));

    QVERIFY(driver::clickNext(w));
    auto *status = child<QLabel>(w, QStringLiteral("verifyStatusLabel"));
    QTRY_VERIFY2_WITH_TIMEOUT(
        status->text().contains(QStringLiteral("Verified")), qPrintable(status->text()), 10000);
    auto *table = child<QTableWidget>(w, QStringLiteral("verifyTable"));
    QStringList now;
    for (int r = 0; r < table->rowCount(); ++r)
        now << table->item(r, 3)->text();
    QVERIFY2(
        now.join(QLatin1Char('|')).contains(QStringLiteral("\"TERMSRV/rdsh02.contoso.com\"")), qPrintable(now.join(QLatin1Char('|'))));

    // Undo takes both applies back: the file holds nothing of this wizard any more.
    QTest::mouseClick(child<QPushButton>(w, QStringLiteral("undoButton")), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(
        status->text().contains(QStringLiteral("Undone")), qPrintable(status->text()), 10000);
    QCOMPARE(driver::read(path, kDefaultList, QStringLiteral("1")), std::nullopt);
    QCOMPARE(driver::read(path, kDefaultList, QStringLiteral("2")), std::nullopt);
    QCOMPARE(driver::read(path, kDelegation, QStringLiteral("AllowDefaultCredentials")), std::nullopt);
    delete w;
}

void TestWizardFixes::readOnlyTargetIsNamedBeforeApply()
{
    QTemporaryDir dir;
    Flow f;
    f.target = QStringLiteral("reg");
    f.fileName = QStringLiteral("locked.reg");
    f.seed = { RegOp::set(kAuthRoot, QStringLiteral("Other"), dword(7)) };
    const QString path = driver::makeTarget(dir.path(), f);
    QVERIFY(QFile::setPermissions(
        path, QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    const QByteArray before = bytesOf(path);

    ui::SettingsWizard *w = driver::start(*m_window, QStringLiteral("root-update"));
    QVERIFY(driver::clickNext(w));
    QVERIFY(driver::chooseTarget(w, QStringLiteral("reg"), path));
    // Said on the Target page, with the mode and what to do; the file can still be reviewed.
    auto *problem = child<QLabel>(w, QStringLiteral("targetProblemLabel"));
    QTRY_VERIFY2(problem->text().contains(QStringLiteral("can't be written")), qPrintable(problem->text()));
    QVERIFY2(problem->text().contains(QStringLiteral("0444")), qPrintable(problem->text()));
    QVERIFY(child<QLineEdit>(w, QStringLiteral("targetPathEdit"))
                ->accessibleDescription()
                .contains(QStringLiteral("can't be written")));
    QVERIFY(driver::clickNext(w));
    QVERIFY(driver::clickNext(w));
    QVERIFY(driver::clickNext(w));
    QCOMPARE(w->currentId(), int(ui::SettingsWizard::ApplyPageId));
    QVERIFY(!child<QPushButton>(w, QStringLiteral("applyButton"))->isEnabled());
    QVERIFY2(
        child<QLabel>(w, QStringLiteral("applyResultLabel"))->text().contains(QStringLiteral("read-only")),
        qPrintable(child<QLabel>(w, QStringLiteral("applyResultLabel"))->text()));
    QCOMPARE(bytesOf(path), before);
    QCOMPARE(backupsIn(dir.path()), QStringList());
    QCOMPARE(QFileInfo(path).permissions() & QFileDevice::WriteOwner, QFileDevice::Permissions());
    delete w;
}

void TestWizardFixes::coreRefusalIsShownOnce()
{
    // The core refuses (here: the backup file exists): the page says so with each path once,
    // keeps Apply available, and does not let Next pretend anything was written.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("target.reg"));
    ui::SettingsWizard *w = driver::start(*m_window, QStringLiteral("root-update"));
    QVERIFY(driver::clickNext(w));
    QVERIFY(driver::chooseTarget(w, QStringLiteral("reg"), path));
    QVERIFY(driver::clickNext(w));
    QVERIFY(driver::clickNext(w));
    QVERIFY(driver::clickNext(w));
    auto *backup = child<QLineEdit>(w, QStringLiteral("backupPathEdit"));
    QFile taken(backup->text());
    QVERIFY(taken.open(QIODevice::WriteOnly));
    taken.close();
    QTest::mouseClick(child<QPushButton>(w, QStringLiteral("applyButton")), Qt::LeftButton);
    auto *result = child<QLabel>(w, QStringLiteral("applyResultLabel"));
    QTRY_VERIFY(result->text().contains(QStringLiteral("Nothing was changed")));
    QCOMPARE(result->text().count(backup->text()), 1);
    QVERIFY2(result->text().contains(QStringLiteral("already exists")), qPrintable(result->text()));
    QVERIFY(child<QPushButton>(w, QStringLiteral("applyButton"))->isEnabled());
    QVERIFY(!w->button(QWizard::NextButton)->isEnabled());
    QVERIFY(!QFileInfo::exists(path));
    delete w;
}

void TestWizardFixes::cancelAfterApplyAsksAndUndoes()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("client.reg"));
    QPointer<ui::SettingsWizard> w = farmApplied(path);
    QVERIFY(w);
    const QString backup = backupsIn(dir.path()).value(0);
    QVERIFY(!backup.isEmpty());

    QTest::mouseClick(w->button(QWizard::CancelButton), Qt::LeftButton);
    QMessageBox *box = messageBox(w, QStringLiteral("cancelAfterApplyBox"));
    QVERIFY2(box, "Cancel after Apply closed without asking");
    QVERIFY(w->isVisible());
    QVERIFY2(box->informativeText().contains(backup), qPrintable(box->informativeText()));
    QTest::mouseClick(child<QPushButton>(box, QStringLiteral("undoChangesButton")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!w || !w->isVisible(), 10000);
    QCOMPARE(driver::read(path, kDelegation, QStringLiteral("AllowDefaultCredentials")), std::nullopt);
    QCOMPARE(driver::read(path, kDefaultList, QStringLiteral("1")), std::nullopt);
    delete w.data();
}

void TestWizardFixes::cancelAfterApplyCanKeep()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("client.reg"));
    QPointer<ui::SettingsWizard> w = farmApplied(path);
    QVERIFY(w);
    QVERIFY(driver::clickNext(w)); // on Verify as well: Escape is Cancel
    QTest::keyClick(w, Qt::Key_Escape);
    QMessageBox *box = messageBox(w, QStringLiteral("cancelAfterApplyBox"));
    QVERIFY2(box, "Escape after Apply closed without asking");
    QTest::mouseClick(child<QPushButton>(box, QStringLiteral("keepChangesButton")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!w || !w->isVisible(), 10000);
    QCOMPARE(driver::read(path, kDelegation, QStringLiteral("AllowDefaultCredentials")), dword(1));
    QCOMPARE(backupsIn(dir.path()).size(), 1);
    delete w.data();
}

void TestWizardFixes::placeholdersAndBareStarAreRefused()
{
    QTemporaryDir dir;
    ui::SettingsWizard *w = farmToOptions(dir.filePath(QStringLiteral("client.reg")));
    QVERIFY(w);
    auto *list = child<QListWidget>(w, QStringLiteral("spnList"));
    auto *edit = child<QLineEdit>(w, QStringLiteral("spnEdit"));
    auto *error = child<QLabel>(w, QStringLiteral("spnErrorLabel"));
    QAbstractButton *next = w->button(QWizard::NextButton);
    driver::typeListItems(w, {});
    // The quick-add "TERMSRV/host" is a template: left as it is, it must not pass.
    QPushButton *hostTemplate = nullptr;
    for (auto *b : w->findChildren<QPushButton *>())
        if (b->objectName().startsWith(QStringLiteral("template-"))
            && b->text() == QStringLiteral("TERMSRV/host"))
            hostTemplate = b;
    QVERIFY(hostTemplate);
    QTest::mouseClick(hostTemplate, Qt::LeftButton);
    QCOMPARE(list->item(0)->text(), QStringLiteral("TERMSRV/host"));
    QVERIFY2(!next->isEnabled(), "the placeholder TERMSRV/host was accepted");
    QVERIFY2(error->text().contains(QStringLiteral("placeholder")), qPrintable(error->text()));
    // Typing replaces the selected placeholder.
    QTest::keyClicks(edit, QStringLiteral("rdsh01.contoso.com"));
    QCOMPARE(list->item(0)->text(), QStringLiteral("TERMSRV/rdsh01.contoso.com"));
    QVERIFY(next->isEnabled());

    // A bare * is refused with the reason; TERMSRV/* stays possible (with the review warning).
    driver::typeListItems(w, { QStringLiteral("*") });
    QVERIFY2(!next->isEnabled(), "a bare * was accepted");
    QVERIFY2(error->text().contains(QStringLiteral("bare *")), qPrintable(error->text()));

    // What is wrong, in words, and shown once on the page.
    driver::typeListItems(w, { QStringLiteral("TERMSRV/rds host") });
    QVERIFY2(error->text().contains(QStringLiteral("space")), qPrintable(error->text()));
    int shown = 0;
    for (auto *label : w->currentPage()->findChildren<QLabel *>())
        if (label->isVisible() && label->text().contains(QStringLiteral("TERMSRV/rds host")))
            ++shown;
    QCOMPARE(shown, 1);
    QVERIFY(edit->accessibleDescription().contains(QStringLiteral("space")));
    driver::typeListItems(w, { QStringLiteral("TERMSRV/") });
    QVERIFY2(error->text().contains(QStringLiteral("no server")), qPrintable(error->text()));
    QVERIFY(!next->isEnabled());
    delete w;
}

QTEST_MAIN(TestWizardFixes)
#include "tst_wizard_fixes.moc"
