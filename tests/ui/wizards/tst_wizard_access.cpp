// Keyboard, screen reader and wording checks of every wizard (issue 6), offscreen: mnemonics,
// tab order, focus, accessible names and descriptions, plurals, messages a helpdesk reader can
// act on, and a main window that fits a 1366×768 screen.
#include "WizardDriver.h"
#include "tests/ui/common/KeyboardWalk.h"
#include "core/catalog/Catalog.h"
#include "core/registry/RegOp.h"
#include "ui/MainWindow.h"
#include "ui/Translations.h"
#include "ui/wizards/SettingsWizard.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QDirIterator>
#include <QFile>
#include <QFileDialog>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace ssod;
using core::registry::RegOp;
using driver::dword;
namespace keyboard = ssod::test::keyboard;

namespace {

const QString kAuthRoot
    = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\AuthRoot");

template <typename T> T *child(QWidget *w, const QString &name)
{
    return w->findChild<T *>(name);
}

/// Every mnemonic reachable on \a page, with the wizard's own buttons (Back, Next, Finish, Cancel).
QMultiMap<QChar, QString> mnemonics(ui::SettingsWizard *w, QWidget *page)
{
    QMultiMap<QChar, QString> out = keyboard::mnemonics(page);
    for (auto b : { QWizard::BackButton, QWizard::NextButton, QWizard::FinishButton, QWizard::CancelButton })
        if (const QChar c = keyboard::mnemonic(w->button(b)->text()); !c.isNull())
            out.insert(c, QStringLiteral("wizard button \"") + w->button(b)->text() + QLatin1Char('"'));
    return out;
}

/// Chooses a target without waiting for it to be read (it is expected to fail).
void pick(ui::SettingsWizard *w, const QString &kind, const QString &path)
{
    child<QRadioButton>(w, QStringLiteral("target-%1").arg(kind))->click();
    child<QLineEdit>(w, QStringLiteral("targetPathEdit"))->setText(path);
}

using keyboard::tabChain;

const QStringList kWizards { QStringLiteral("farm-sso"), QStringLiteral("rdp-host"),
    QStringLiteral("credssp"), QStringLiteral("root-update"), QStringLiteral("browser-sso"),
    QStringLiteral("kerberos-logging") };

} // namespace

class TestWizardAccess final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void mnemonicsAreUniqueOnEveryPage();
    void targetPageTabOrderFollowsTheLayout();
    void noInvisibleTabStops();
    void stepIsAnnouncedAndFocusLandsOnTheFirstControl();
    void explanationsAreAccessibleDescriptions();
    void listFocusIsVisible();
    void pluralsAreReal();
    void tablesShowTitlesAndDetailsByKeyboard();
    void wrongFileSaysWhatToDo();
    void verifyHintFitsTheTargetAndGoesAfterUndo_data();
    void verifyHintFitsTheTargetAndGoesAfterUndo();
    void browseOpensAnOpenDialog();
    void windowsFitA1366x768Screen();

private:
    ui::SettingsWizard *startActive(const QString &id);
    /// root-update against a .reg whose AuthRoot key exists, so the plan is exactly one change.
    QString oneChangeTarget(const QTemporaryDir &dir, const QString &kind);

    std::unique_ptr<ui::MainWindow> m_window;
};

void TestWizardAccess::initTestCase()
{
    QCoreApplication::setAttribute(Qt::AA_DontUseNativeDialogs);
    m_window = driver::openMainWindow();
    QVERIFY(m_window);
}

ui::SettingsWizard *TestWizardAccess::startActive(const QString &id)
{
    ui::SettingsWizard *w = driver::start(*m_window, id);
    if (!w)
        return nullptr;
    QApplication::setActiveWindow(w);
    w->activateWindow();
    if (!QTest::qWaitForWindowActive(w))
        qWarning("wizard window not active");
    return w;
}

QString TestWizardAccess::oneChangeTarget(const QTemporaryDir &dir, const QString &kind)
{
    Flow f;
    f.target = kind;
    f.fileName
        = kind == QLatin1String("pol") ? QStringLiteral("Machine/Registry.pol") : QStringLiteral("one.reg");
    f.seed = { RegOp::set(kAuthRoot, QStringLiteral("Other"), dword(7)) };
    return driver::makeTarget(dir.path(), f);
}

void TestWizardAccess::mnemonicsAreUniqueOnEveryPage()
{
    QStringList clashes;
    for (const QString &id : kWizards) {
        ui::SettingsWizard *w = driver::start(*m_window, id);
        QVERIFY(w);
        for (int pageId : w->pageIds()) {
            for (const QString &clash : keyboard::clashes(mnemonics(w, w->page(pageId))))
                clashes << QStringLiteral("%1 page %2: %3").arg(id, w->page(pageId)->objectName(), clash);
        }
        delete w;
    }
    QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QLatin1Char('\n'))));
}

void TestWizardAccess::targetPageTabOrderFollowsTheLayout()
{
    QTemporaryDir dir;
    ui::SettingsWizard *w = startActive(QStringLiteral("farm-sso"));
    QVERIFY(driver::clickNext(w));
    QVERIFY(driver::chooseTarget(w, QStringLiteral("reg"), dir.filePath(QStringLiteral("t.reg"))));
    auto *path = child<QLineEdit>(w, QStringLiteral("targetPathEdit"));
    path->setFocus(Qt::TabFocusReason);
    QTRY_COMPARE(QApplication::focusWidget(), path);
    const QList<QWidget *> chain = tabChain(w, 10);
    QCOMPARE(chain.value(0), child<QPushButton>(w, QStringLiteral("browseButton")));
    // Then the choices (the chosen one at least), then the wizard's buttons; nothing in between.
    const QList<QAbstractButton *> buttons { w->button(QWizard::BackButton), w->button(QWizard::NextButton),
        w->button(QWizard::CancelButton) };
    int i = 1;
    QStringList choices;
    for (; i < chain.size() && qobject_cast<QRadioButton *>(chain.at(i)); ++i)
        choices << chain.at(i)->objectName();
    QVERIFY2(!choices.isEmpty() && choices.constFirst().startsWith(QStringLiteral("target-")),
        qPrintable(choices.join(QLatin1Char(','))));
    QVERIFY2(i < chain.size() && buttons.contains(qobject_cast<QAbstractButton *>(chain.at(i))),
        qPrintable(chain.value(i) ? chain.value(i)->objectName() : QStringLiteral("null")));
    delete w;
}

void TestWizardAccess::noInvisibleTabStops()
{
    // The Wizards page of the main window and every Options page scroll: the scroll area itself
    // must not take focus, and whatever has focus is visible and named.
    const auto check = keyboard::checkTabStops;
    m_window->showPage(ui::MainWindow::Wizards);
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->findChild<QListWidget *>(QStringLiteral("navigation"))->setFocus(Qt::TabFocusReason);
    const QString main = check(m_window.get(), 12);
    QVERIFY2(main.isEmpty(), qPrintable(main));

    QTemporaryDir dir;
    for (const QString &id : kWizards) {
        ui::SettingsWizard *w = startActive(id);
        QVERIFY(driver::clickNext(w));
        QVERIFY(driver::chooseTarget(w, QStringLiteral("reg"), dir.filePath(id + QStringLiteral(".reg"))));
        QVERIFY(driver::clickNext(w));
        w->button(QWizard::CancelButton)->setFocus(Qt::TabFocusReason);
        const QString options = check(w, 25);
        QVERIFY2(options.isEmpty(), qPrintable(id + QStringLiteral(": ") + options));
        delete w;
    }
}

void TestWizardAccess::stepIsAnnouncedAndFocusLandsOnTheFirstControl()
{
    QTemporaryDir dir;
    const QString path = oneChangeTarget(dir, QStringLiteral("reg"));
    ui::SettingsWizard *w = startActive(QStringLiteral("root-update"));
    for (int step = 1; step <= 6; ++step) {
        QWizardPage *page = w->currentPage();
        const QString prefix = QStringLiteral("Step %1 of 6 \u2014 ").arg(step);
        QVERIFY2(page->accessibleName().startsWith(prefix), qPrintable(page->accessibleName()));
        QVERIFY(w->accessibleDescription().contains(prefix));
        // Focus is on the page, not left on the Next button.
        QTRY_VERIFY2(page->isAncestorOf(QApplication::focusWidget()),
            qPrintable(QStringLiteral("step %1: focus on %2")
                           .arg(step)
                           .arg(QApplication::focusWidget() ? QApplication::focusWidget()->objectName()
                                                            : QStringLiteral("nothing"))));
        if (step == 2) {
            // The first control of Step 2 is the file, the layout's first field.
            QCOMPARE(QApplication::focusWidget(), child<QWidget>(w, QStringLiteral("targetPathEdit")));
            QVERIFY(driver::chooseTarget(w, QStringLiteral("reg"), path));
        }
        if (step == 5) {
            QTest::mouseClick(child<QPushButton>(w, QStringLiteral("applyButton")), Qt::LeftButton);
            QTRY_VERIFY(w->currentPage()->isComplete());
        }
        if (step < 6)
            QVERIFY(driver::clickNext(w));
    }
    delete w;
}

void TestWizardAccess::explanationsAreAccessibleDescriptions()
{
    for (const auto &def : m_window->wizards()) {
        if (def.kind != core::wizard::WizardDefinition::Kind::Settings)
            continue; // the SPN wizard has no settings and no files (tst_spn_wizard drives it)
        ui::SettingsWizard *w = driver::start(*m_window, def.id);
        for (const auto &o : def.options)
            if (auto *check = child<QCheckBox>(w, QStringLiteral("option-%1").arg(o.id)))
                QCOMPARE(check->accessibleDescription(), o.explanation);
        for (const auto &p : def.profiles)
            if (auto *radio = child<QRadioButton>(w, QStringLiteral("profile-%1").arg(p.id)))
                QCOMPARE(radio->accessibleDescription(), p.tradeOff);
        auto *reg = child<QRadioButton>(w, QStringLiteral("target-reg"));
        QVERIFY(reg && !reg->accessibleDescription().isEmpty());
        delete w;
    }
}

void TestWizardAccess::listFocusIsVisible()
{
    QTemporaryDir dir;
    ui::SettingsWizard *w = startActive(QStringLiteral("farm-sso"));
    QVERIFY(driver::clickNext(w));
    QVERIFY(driver::chooseTarget(w, QStringLiteral("reg"), dir.filePath(QStringLiteral("t.reg"))));
    QVERIFY(driver::clickNext(w));
    auto *list = child<QListWidget>(w, QStringLiteral("spnList"));
    list->setCurrentRow(-1);
    list->clearSelection();
    list->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(list->hasFocus());
    // Focus shows as a selected current row, and as a frame in the highlight colour.
    QCOMPARE(list->currentRow(), 0);
    QVERIFY(list->item(0)->isSelected());
    QVERIFY(list->styleSheet().contains(QStringLiteral(":focus")));
    delete w;
}

void TestWizardAccess::pluralsAreReal()
{
    // No "change(s)" in what users read: the GUI and the CLI say "1 change", "2 changes".
    const QString root = qEnvironmentVariable("SSOD_SOURCE_DIR");
    QVERIFY(!root.isEmpty());
    QStringList rough;
    static const QRegularExpression pattern(QStringLiteral("\"[^\"\\n]*[a-z]\\(s\\)[^\"\\n]*\""));
    for (const QString &dir : { QStringLiteral("/ui"), QStringLiteral("/app") }) {
        QDirIterator it(root + dir, { QStringLiteral("*.cpp"), QStringLiteral("*.h") }, QDir::Files,
            QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(f.readAll());
            for (const auto &m : pattern.globalMatch(text))
                rough << it.filePath() + QStringLiteral(": ") + m.captured();
        }
    }
    QVERIFY2(rough.isEmpty(), qPrintable(rough.join(QLatin1Char('\n'))));

    QTemporaryDir dir;
    const QString path = oneChangeTarget(dir, QStringLiteral("reg"));
    ui::SettingsWizard *w = driver::start(*m_window, QStringLiteral("root-update"));
    QVERIFY(driver::clickNext(w));
    QVERIFY(driver::chooseTarget(w, QStringLiteral("reg"), path));
    QVERIFY(driver::clickNext(w));
    QVERIFY(driver::clickNext(w));
    QCOMPARE(child<QTableWidget>(w, QStringLiteral("reviewTable"))->rowCount(), 1);
    const QString review = child<QLabel>(w, QStringLiteral("alreadyCompliantLabel"))->text();
    QVERIFY2(review.startsWith(QStringLiteral("1 change will be made")), qPrintable(review));
    QVERIFY(driver::clickNext(w));
    QVERIFY(child<QLabel>(w, QStringLiteral("applyIntroLabel"))
                ->text()
                .startsWith(QStringLiteral("Writes 1 change to")));
    QTest::mouseClick(child<QPushButton>(w, QStringLiteral("applyButton")), Qt::LeftButton);
    auto *result = child<QLabel>(w, QStringLiteral("applyResultLabel"));
    QTRY_VERIFY2(result->text().contains(QStringLiteral("Applied 1 change and")), qPrintable(result->text()));
    // What the page said before Apply does not linger after it.
    QVERIFY(!child<QLabel>(w, QStringLiteral("applyIntroLabel"))->text().contains(QStringLiteral("Writes")));
    delete w;
}

void TestWizardAccess::tablesShowTitlesAndDetailsByKeyboard()
{
    QTemporaryDir dir;
    const QString path = oneChangeTarget(dir, QStringLiteral("reg"));
    ui::SettingsWizard *w = startActive(QStringLiteral("root-update"));
    QVERIFY(driver::clickNext(w));
    QVERIFY(driver::chooseTarget(w, QStringLiteral("reg"), path));
    QVERIFY(driver::clickNext(w));
    QVERIFY(driver::clickNext(w));
    const QString title = w->state().catalog().find(QStringLiteral("certs.disable-root-auto-update"))->title;
    auto *table = child<QTableWidget>(w, QStringLiteral("reviewTable"));
    QCOMPARE(table->item(0, 1)->text(), title);
    QVERIFY(table->item(0, 1)->toolTip().contains(QStringLiteral("certs.disable-root-auto-update")));
    // The full key and value, reachable with the keyboard: the details pane follows the row and
    // takes focus with Tab.
    auto *details = child<QPlainTextEdit>(w, QStringLiteral("reviewDetails"));
    table->setFocus(Qt::TabFocusReason);
    QTest::keyClick(table, Qt::Key_Home);
    QVERIFY2(details->toPlainText().contains(kAuthRoot), qPrintable(details->toPlainText()));
    QVERIFY(details->toPlainText().contains(QStringLiteral("DisableRootAutoUpdate")));
    QTest::keyClick(table, Qt::Key_Tab);
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(details));

    QVERIFY(driver::clickNext(w));
    QTest::mouseClick(child<QPushButton>(w, QStringLiteral("applyButton")), Qt::LeftButton);
    QTRY_VERIFY(w->currentPage()->isComplete());
    QVERIFY(driver::clickNext(w));
    auto *verify = child<QTableWidget>(w, QStringLiteral("verifyTable"));
    QTRY_COMPARE(verify->rowCount(), 1);
    QCOMPARE(verify->item(0, 1)->text(), title);
    QVERIFY(child<QPlainTextEdit>(w, QStringLiteral("verifyDetails"))->toPlainText().contains(kAuthRoot));
    delete w;
}

void TestWizardAccess::wrongFileSaysWhatToDo()
{
    QTemporaryDir dir;
    const QString reg = oneChangeTarget(dir, QStringLiteral("reg"));
    ui::SettingsWizard *w = driver::start(*m_window, QStringLiteral("root-update"));
    QVERIFY(driver::clickNext(w));
    pick(w, QStringLiteral("pol"), reg);
    auto *problem = child<QLabel>(w, QStringLiteral("targetProblemLabel"));
    QTRY_VERIFY(!problem->text().isEmpty());
    QVERIFY2(problem->text().contains(QStringLiteral("This is a .reg file; choose \"A .reg file\"")),
        qPrintable(problem->text()));
    QCOMPARE(problem->text().count(reg), 1);

    const QString junk = dir.filePath(QStringLiteral("junk.pol"));
    QFile f(junk);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray("\x00\x01\x02\x03\x04\x05\x06\x07 not a policy", 22));
    f.close();
    pick(w, QStringLiteral("pol"), junk);
    QTRY_VERIFY(problem->text().contains(junk));
    QTRY_VERIFY(!problem->text().isEmpty());
    QVERIFY2(problem->text().contains(QStringLiteral("not a .reg file")), qPrintable(problem->text()));
    QVERIFY2(!problem->text().contains(QStringLiteral("00 01")), qPrintable(problem->text()));
    QCOMPARE(problem->text().count(junk), 1);
    delete w;
}

void TestWizardAccess::verifyHintFitsTheTargetAndGoesAfterUndo_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("says");
    QTest::newRow("reg") << QStringLiteral("reg") << QStringLiteral("imported");
    QTest::newRow("pol") << QStringLiteral("pol") << QStringLiteral("gpupdate");
}

void TestWizardAccess::verifyHintFitsTheTargetAndGoesAfterUndo()
{
    QFETCH(QString, kind);
    QFETCH(QString, says);
    QTemporaryDir dir;
    const QString path = oneChangeTarget(dir, kind);
    ui::SettingsWizard *w = driver::start(*m_window, QStringLiteral("root-update"));
    QVERIFY(driver::clickNext(w));
    QVERIFY(driver::chooseTarget(w, kind, path));
    QVERIFY(driver::clickNext(w));
    QVERIFY(driver::clickNext(w));
    QVERIFY(driver::clickNext(w));
    QTest::mouseClick(child<QPushButton>(w, QStringLiteral("applyButton")), Qt::LeftButton);
    QTRY_VERIFY(w->currentPage()->isComplete());
    QVERIFY(driver::clickNext(w));
    auto *status = child<QLabel>(w, QStringLiteral("verifyStatusLabel"));
    QTRY_VERIFY(status->text().contains(QStringLiteral("Verified")));
    auto *hint = child<QLabel>(w, QStringLiteral("verifyHintLabel"));
    QVERIFY(hint->isVisible());
    QVERIFY2(hint->text().contains(says), qPrintable(hint->text()));
    QTest::mouseClick(child<QPushButton>(w, QStringLiteral("undoButton")), Qt::LeftButton);
    QTRY_VERIFY(status->text().contains(QStringLiteral("Undone")));
    QVERIFY(!hint->isVisible());
    delete w;
}

void TestWizardAccess::browseOpensAnOpenDialog()
{
    QTemporaryDir dir;
    ui::SettingsWizard *w = driver::start(*m_window, QStringLiteral("root-update"));
    QVERIFY(driver::clickNext(w));
    child<QRadioButton>(w, QStringLiteral("target-reg"))->click();
    QTest::mouseClick(child<QPushButton>(w, QStringLiteral("browseButton")), Qt::LeftButton);
    QFileDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = w->findChild<QFileDialog *>()) && dialog->isVisible());
    QCOMPARE(dialog->acceptMode(), QFileDialog::AcceptOpen);
    QVERIFY(dialog->windowTitle().contains(QStringLiteral("Modify")));
    const QString chosen = dir.filePath(QStringLiteral("picked.reg"));
    dialog->selectFile(chosen);
    QVERIFY(QMetaObject::invokeMethod(dialog, "accept", Qt::DirectConnection)); // a protected slot
    QTRY_COMPARE(
        child<QLineEdit>(w, QStringLiteral("targetPathEdit"))->text(), QDir::toNativeSeparators(chosen));
    delete w;
}

void TestWizardAccess::windowsFitA1366x768Screen()
{
    // 768 rows minus a title bar and a taskbar: 700 is what a window may take.
    const QSize screen(1366, 700);
    auto fits = [&](const QSize &s) { return s.width() <= screen.width() && s.height() <= screen.height(); };
    QVERIFY2(fits(m_window->size()),
        qPrintable(QStringLiteral("%1x%2").arg(m_window->width()).arg(m_window->height())));
    QVERIFY2(fits(m_window->minimumSizeHint()),
        qPrintable(QStringLiteral("%1x%2")
                       .arg(m_window->minimumSizeHint().width())
                       .arg(m_window->minimumSizeHint().height())));
    for (const QString &id : kWizards) {
        ui::SettingsWizard *w = driver::start(*m_window, id);
        QVERIFY2(fits(w->size()),
            qPrintable(QStringLiteral("%1: %2x%3").arg(id).arg(w->width()).arg(w->height())));
        QVERIFY2(fits(w->minimumSizeHint()),
            qPrintable(QStringLiteral("%1: %2x%3")
                           .arg(id)
                           .arg(w->minimumSizeHint().width())
                           .arg(w->minimumSizeHint().height())));
        delete w;
    }
}

QTEST_MAIN(TestWizardAccess)
#include "tst_wizard_access.moc"
