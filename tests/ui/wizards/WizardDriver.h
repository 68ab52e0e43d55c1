#pragma once

#include "core/registry/RegOp.h"
#include "core/registry/RegValue.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace ssod::ui {
class MainWindow;
class SettingsWizard;
} // namespace ssod::ui

/// One registry value a test expects (nullopt: absent).
struct Expect
{
    QString key;
    QString name;
    std::optional<ssod::core::registry::RegValue> value;
};

/// One end-to-end run of a wizard against one target.
struct Flow
{
    QString wizard;
    QString target;   ///< "hive", "reg" or "pol"
    QString fileName; ///< SOFTWARE / SYSTEM for hives, x.reg, Registry.pol
    ssod::core::registry::RegOps seed; ///< written to the target before the wizard runs
    std::function<void(ssod::ui::SettingsWizard *)> choose; ///< on the Options page
    QStringList reviewActions; ///< expected texts of the review table's Change column
    QList<Expect> after;
    QList<Expect> before; ///< after Undo
    std::function<void(const QString &path)> checkAfter; ///< extra checks after Apply
};

namespace driver {

/// The main window on the built-in catalog, shown, with the translators the application installs
/// (English plural forms included); null when the catalog does not load.
std::unique_ptr<ssod::ui::MainWindow> openMainWindow();

/// Creates the target in \a dir (hives via make_empty_hive.py + hivexsh) and seeds it.
QString makeTarget(const QString &dir, const Flow &flow);
/// The value in \a file now, read through a freshly opened store.
std::optional<ssod::core::registry::RegValue> read(const QString &file, const QString &key, const QString &name);
/// Opens the wizard from the Wizards page's Start button.
ssod::ui::SettingsWizard *start(ssod::ui::MainWindow &window, const QString &id);
/// Clicks Next (which must be enabled).
bool clickNext(ssod::ui::SettingsWizard *wizard);
/// Chooses the target kind and file and waits until the page read it.
bool chooseTarget(ssod::ui::SettingsWizard *wizard, const QString &kind, const QString &path);
/// Replaces every row of the list editor with \a items, typing them.
void typeListItems(ssod::ui::SettingsWizard *wizard, const QStringList &items);
/// Runs \a flow end to end (apply, verify, undo), asserting with QTest macros.
void run(ssod::ui::MainWindow &window, const Flow &flow);

ssod::core::registry::RegValue dword(quint32 v);
ssod::core::registry::RegValue sz(const QString &s);

} // namespace driver
