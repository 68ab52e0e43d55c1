#pragma once

#include <QHash>
#include <QWidget>

class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QTreeView;

namespace ssod::core::catalog {
class Catalog;
struct Setting;
} // namespace ssod::core::catalog

namespace ssod::ui {

class ExportPanel;
class SettingDetailsView;
class SettingValueEditor;
class SettingsFilterModel;
class SettingsModel;

/**
 * Browse and search the catalog, read what each setting does and why, pick values and export
 * the ticked settings (or the selected one) in any format. The catalog must outlive the page.
 */
class SettingsReferencePage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsReferencePage)

public:
    explicit SettingsReferencePage(const core::catalog::Catalog &catalog, QWidget *parent = nullptr);

    /// Makes \a id the current setting (clearing a search that hides it); a non-empty \a value
    /// becomes its value. Returns false for an unknown id.
    bool selectSetting(const QString &id, const QString &value = {});
    QString currentSettingId() const;

    /// Writes the export shown in the preview to \a path (no dialog); \a error says why not.
    bool exportTo(const QString &path, QString *error);
    void exportWithDialog();

Q_SIGNALS:
    void statusMessage(const QString &message);

private:
    QWidget *createListPane();
    QWidget *createDetailsPane();
    QWidget *createActionPane();
    void setupTabOrder();
    void onSearchChanged(const QString &text);
    void onCurrentChanged();
    void onValueEdited(const QString &value);
    void updateChecked();
    void updateExport();

    const core::catalog::Catalog &m_catalog;
    SettingsModel *m_model;
    SettingsFilterModel *m_filter;
    QLineEdit *m_search = nullptr;
    QLabel *m_matches = nullptr;
    QTreeView *m_view = nullptr;
    QLabel *m_checkedLabel = nullptr;
    QPushButton *m_clearChecked = nullptr;
    SettingDetailsView *m_details = nullptr;
    QGroupBox *m_valueBox = nullptr;
    SettingValueEditor *m_value = nullptr;
    ExportPanel *m_export = nullptr;
    QSplitter *m_splitter = nullptr;

    const core::catalog::Setting *m_current = nullptr;
    QHash<QString, QString> m_values; ///< value per setting id, as last edited
};

} // namespace ssod::ui
