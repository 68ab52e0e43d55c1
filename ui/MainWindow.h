#pragma once

#include "core/catalog/Catalog.h"
#include "core/util/Finding.h"
#include "core/wizard/WizardDefinition.h"

#include <QMainWindow>

class QListWidget;
class QStackedWidget;

namespace ssod::ui {

class DiagnosePage;
class DirectoryPage;
class DirectorySession;
class SettingsReferencePage;
class SettingsWizard;

/// The application shell: navigation between the areas on the left, the current area on the
/// right. It owns the catalog every page reads from.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    /// Order of the entries in the navigation list and the pages in the stack.
    enum Page { SettingsReference, Diagnose, Wizards, Directory, Bundles };

    explicit MainWindow(core::catalog::Catalog catalog, QWidget *parent = nullptr);

    void showPage(Page page);
    SettingsReferencePage *settingsPage() const { return m_settingsPage; }
    const QList<core::wizard::WizardDefinition> &wizards() const { return m_wizards; }
    /// The directory connection the Directory page and the wizards that need a DC share.
    DirectorySession *directorySession() const { return m_directorySession; }
    DirectoryPage *directoryPage() const { return m_directoryPage; }
    DiagnosePage *diagnosePage() const { return m_diagnosePage; }
    /// Opens wizard \a id as a window-modal dialog (deleted on close); null for an unknown id.
    /// Opens wizard \a id; the settings wizard is returned (the SPN wizard, which works on the
    /// directory session, is shown but not returned).
    SettingsWizard *startWizard(const QString &id);
    /// Opens what fixes \a finding: its wizard, its catalog setting on the Settings reference, or
    /// the SPN wizard with the SPN and account filled in. False when it proposes nothing known.
    bool openFix(const core::Finding &finding);

private:
    void addPage(const QString &name, QWidget *page, bool available);
    void createMenus();
    void about();

    core::catalog::Catalog m_catalog;
    QListWidget *m_navigation;
    QStackedWidget *m_pages;
    SettingsReferencePage *m_settingsPage = nullptr;
    DirectorySession *m_directorySession;
    DirectoryPage *m_directoryPage = nullptr;
    DiagnosePage *m_diagnosePage = nullptr;
    QList<core::wizard::WizardDefinition> m_wizards; ///< outlives every wizard: they hold references
};

} // namespace ssod::ui
