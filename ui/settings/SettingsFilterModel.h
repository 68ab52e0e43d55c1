#pragma once

#include <QSet>
#include <QSortFilterProxyModel>

namespace ssod::core::catalog {
class Catalog;
} // namespace ssod::core::catalog

namespace ssod::ui {

/**
 * Filters a SettingsModel with the core's Catalog::search, so the GUI finds exactly what
 * `ssodoctor-cli settings search` finds (id, title, category, summary, registry location, GPO
 * path; case-insensitive). Categories stay visible while one of their settings matches.
 */
class SettingsFilterModel final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsFilterModel)

public:
    explicit SettingsFilterModel(const core::catalog::Catalog &catalog, QObject *parent = nullptr);

    void setSearchText(const QString &text);
    QString searchText() const { return m_text; }
    /// Number of settings (not categories) that pass the filter.
    int matchCount() const { return int(m_matches.size()); }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    const core::catalog::Catalog &m_catalog;
    QString m_text;
    QSet<QString> m_matches;
};

} // namespace ssod::ui
