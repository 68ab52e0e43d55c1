#pragma once

#include "core/catalog/Catalog.h"

#include <QMainWindow>

class QListWidget;
class QStackedWidget;

namespace ssod::ui {

class SettingsReferencePage;

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

private:
    void addPage(const QString &name, QWidget *page, bool available);
    void createMenus();
    void about();

    core::catalog::Catalog m_catalog;
    QListWidget *m_navigation;
    QStackedWidget *m_pages;
    SettingsReferencePage *m_settingsPage = nullptr;
};

} // namespace ssod::ui
