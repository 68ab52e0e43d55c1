#pragma once

#include <QAbstractItemModel>
#include <QColor>
#include <QHash>
#include <QIcon>
#include <QList>
#include <QSet>
#include <QStringList>

namespace ssod::core::catalog {
class Catalog;
struct Setting;
} // namespace ssod::core::catalog

namespace ssod::ui {

/**
 * The catalog as a two-level tree: categories (in the order they first appear in the catalog,
 * which is curated) and their settings. Setting rows are checkable so several can be exported
 * together. The catalog must outlive the model.
 */
class SettingsModel final : public QAbstractItemModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsModel)

public:
    enum Column { TitleColumn, IdColumn, SideColumn, RiskColumn, ColumnCount };
    enum Role {
        SettingIdRole = Qt::UserRole + 1, ///< the setting's id; empty on category rows
    };

    explicit SettingsModel(const core::catalog::Catalog &catalog, QObject *parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// The setting on \a index's row, or nullptr for a category row.
    const core::catalog::Setting *setting(const QModelIndex &index) const;
    QModelIndex indexOf(const QString &id, int column = TitleColumn) const;

    /// Checked settings in catalog order.
    QStringList checkedIds() const;
    void setChecked(const QString &id, bool checked);
    void clearChecked();

    static QString sideText(const QString &side);
    static QString riskLevelText(const QString &level);
    /// Colour that goes with the risk level; always shown next to riskLevelText, never alone.
    static QColor riskColor(const QString &level);

Q_SIGNALS:
    void checkedChanged();

private:
    struct Category {
        QString name;
        QList<const core::catalog::Setting *> settings;
    };

    QVariant categoryData(const Category &category, int column, int role) const;
    QVariant settingData(const core::catalog::Setting &s, int column, int role) const;

    const core::catalog::Catalog &m_catalog;
    QList<Category> m_categories;
    QSet<QString> m_checked;
    mutable QHash<QString, QIcon> m_riskIcons;
};

} // namespace ssod::ui
