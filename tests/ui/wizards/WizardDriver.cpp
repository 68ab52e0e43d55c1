#include "WizardDriver.h"

#include "core/catalog/Catalog.h"
#include "core/registry/StoreFactory.h"
#include "tests/common/TestTools.h"
#include "ui/MainWindow.h"
#include "ui/Translations.h"
#include "ui/wizards/SettingsWizard.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace ssod;
using core::registry::RegValue;

namespace {

QString describe(const std::optional<RegValue> &v)
{
    return v ? v->display() : QStringLiteral("(absent)");
}

} // namespace

namespace driver {

std::unique_ptr<ui::MainWindow> openMainWindow()
{
    ui::installTranslators(*QCoreApplication::instance());
    auto catalog = core::catalog::Catalog::loadBuiltin();
    if (!catalog)
        return nullptr;
    auto window = std::make_unique<ui::MainWindow>(std::move(*catalog));
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    return window;
}

RegValue dword(quint32 v)
{
    return RegValue::fromDword(v);
}

RegValue sz(const QString &s)
{
    return RegValue::fromString(s);
}

QString makeTarget(const QString &dir, const Flow &flow)
{
    const QString path = dir + QLatin1Char('/') + flow.fileName;
    QDir().mkpath(QFileInfo(path).absolutePath());
    if (flow.target == QLatin1String("hive")) {
        const bool made = flow.fileName == QLatin1String("SYSTEM") ? testtools::makeSystemHive(path)
                                                                  : testtools::makeEmptyHive(path);
        if (!made)
            return {};
    }
    if (!flow.seed.isEmpty()) {
        auto store = core::registry::openStore(path, {}, true);
        if (!store || !(*store)->commit(flow.seed))
            return {};
    }
    return path;
}

std::optional<RegValue> read(const QString &file, const QString &key, const QString &name)
{
    auto store = core::registry::openStore(file);
    if (!store)
        return std::nullopt;
    auto v = (*store)->value(key, name);
    return v ? *v : std::nullopt;
}

ui::SettingsWizard *start(ui::MainWindow &window, const QString &id)
{
    window.showPage(ui::MainWindow::Wizards);
    // A flow that failed half-way leaves its wizard open; it must not be found instead of the new one.
    qDeleteAll(window.findChildren<ui::SettingsWizard *>());
    auto *button = window.findChild<QPushButton *>(QStringLiteral("start-%1").arg(id));
    if (!button || !button->isVisible())
        return nullptr;
    QTest::mouseClick(button, Qt::LeftButton);
    return window.findChild<ui::SettingsWizard *>(QStringLiteral("wizard-%1").arg(id));
}

bool clickNext(ui::SettingsWizard *wizard)
{
    QAbstractButton *next = wizard->button(QWizard::NextButton);
    if (!next->isEnabled() || !next->isVisible())
        return false;
    const int before = wizard->currentId();
    QTest::mouseClick(next, Qt::LeftButton);
    return wizard->currentId() != before;
}

bool chooseTarget(ui::SettingsWizard *wizard, const QString &kind, const QString &path)
{
    auto *radio = wizard->findChild<QRadioButton *>(QStringLiteral("target-%1").arg(kind));
    auto *edit = wizard->findChild<QLineEdit *>(QStringLiteral("targetPathEdit"));
    if (!radio || !edit)
        return false;
    // click(), not a mouse click at the centre: a stretched radio button only reacts on its text.
    radio->click();
    edit->clear();
    QTest::keyClicks(edit, path);
    return QTest::qWaitFor([&] { return wizard->currentPage()->isComplete(); }, 10000);
}

void typeListItems(ui::SettingsWizard *wizard, const QStringList &items)
{
    auto *list = wizard->findChild<QListWidget *>(QStringLiteral("spnList"));
    auto *edit = wizard->findChild<QLineEdit *>(QStringLiteral("spnEdit"));
    auto *add = wizard->findChild<QPushButton *>(QStringLiteral("addButton"));
    auto *remove = wizard->findChild<QPushButton *>(QStringLiteral("removeButton"));
    while (list->count() > 0) {
        list->setCurrentRow(0);
        QTest::mouseClick(remove, Qt::LeftButton);
    }
    for (const QString &item : items) {
        QTest::mouseClick(add, Qt::LeftButton);
        QTest::keyClicks(edit, item);
    }
}

void run(ui::MainWindow &window, const Flow &flow)
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = makeTarget(dir.path(), flow);
    QVERIFY2(!path.isEmpty(), "could not create the target");

    ui::SettingsWizard *wizard = start(window, flow.wizard);
    QVERIFY2(wizard, qPrintable(flow.wizard));
    QCOMPARE(wizard->currentId(), int(ui::SettingsWizard::ProblemPageId));
    QVERIFY(!wizard->findChild<QLabel *>(QStringLiteral("symptomsLabel"))->text().isEmpty());
    QVERIFY(clickNext(wizard));

    QVERIFY2(chooseTarget(wizard, flow.target, path),
             qPrintable(wizard->findChild<QLabel *>(QStringLiteral("targetProblemLabel"))->text()));
    QVERIFY(clickNext(wizard));

    QCOMPARE(wizard->currentId(), int(ui::SettingsWizard::OptionsPageId));
    if (flow.choose)
        flow.choose(wizard);
    QVERIFY2(clickNext(wizard), qPrintable(wizard->findChild<QLabel *>(QStringLiteral("optionsProblemLabel"))->text()));

    QCOMPARE(wizard->currentId(), int(ui::SettingsWizard::ReviewPageId));
    auto *table = wizard->findChild<QTableWidget *>(QStringLiteral("reviewTable"));
    QStringList actions;
    for (int r = 0; r < table->rowCount(); ++r)
        actions << table->item(r, 0)->text();
    for (const QString &a : flow.reviewActions)
        QVERIFY2(actions.contains(a), qPrintable(QStringLiteral("%1 not in %2").arg(a, actions.join(QLatin1Char(',')))));
    // Colour plus words: a row's colour follows its action.
    if (table->rowCount() > 0)
        QVERIFY(table->item(0, 0)->background().color() != table->palette().base().color());
    QVERIFY(clickNext(wizard));

    QCOMPARE(wizard->currentId(), int(ui::SettingsWizard::ApplyPageId));
    auto *backup = wizard->findChild<QLineEdit *>(QStringLiteral("backupPathEdit"));
    QVERIFY(backup->text().startsWith(path + QStringLiteral(".ssod-backup-")));
    QTest::mouseClick(wizard->findChild<QPushButton *>(QStringLiteral("applyButton")), Qt::LeftButton);
    auto *result = wizard->findChild<QLabel *>(QStringLiteral("applyResultLabel"));
    QTRY_VERIFY2_WITH_TIMEOUT(result->text().contains(QStringLiteral("Applied")), qPrintable(result->text()), 10000);
    QVERIFY(result->text().contains(QFileInfo(backup->text()).fileName()));
    QVERIFY(QFileInfo::exists(backup->text()));

    for (const Expect &e : flow.after)
        QVERIFY2(read(path, e.key, e.name) == e.value,
                 qPrintable(QStringLiteral("%1\\%2 after apply: %3, expected %4")
                                .arg(e.key, e.name, describe(read(path, e.key, e.name)), describe(e.value))));

    if (flow.checkAfter) {
        flow.checkAfter(path);
        if (QTest::currentTestFailed())
            return;
    }
    QVERIFY(clickNext(wizard));
    QCOMPARE(wizard->currentId(), int(ui::SettingsWizard::VerifyPageId));
    auto *status = wizard->findChild<QLabel *>(QStringLiteral("verifyStatusLabel"));
    QTRY_VERIFY2_WITH_TIMEOUT(status->text().contains(QStringLiteral("Verified")), qPrintable(status->text()), 10000);
    QTest::mouseClick(wizard->findChild<QPushButton *>(QStringLiteral("undoButton")), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(status->text().contains(QStringLiteral("Undone")), qPrintable(status->text()), 10000);

    for (const Expect &e : flow.before)
        QVERIFY2(read(path, e.key, e.name) == e.value,
                 qPrintable(QStringLiteral("%1\\%2 after undo: %3, expected %4")
                                .arg(e.key, e.name, describe(read(path, e.key, e.name)), describe(e.value))));
    delete wizard; // not close(): a deferred delete could leave it for the next flow's findChild
}

} // namespace driver
