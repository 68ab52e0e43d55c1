#include "ui/settings/SettingsFilterModel.h"

#include "core/catalog/Catalog.h"
#include "ui/settings/SettingsModel.h"

namespace ssod::ui {

SettingsFilterModel::SettingsFilterModel(const core::catalog::Catalog &catalog, QObject *parent)
    : QSortFilterProxyModel(parent), m_catalog(catalog)
{
    setRecursiveFilteringEnabled(true);
    setSearchText({});
}

void SettingsFilterModel::setSearchText(const QString &text)
{
    m_text = text;
    m_matches.clear();
    for (const core::catalog::Setting *s : m_catalog.search(text))
        m_matches.insert(s->id);
    invalidateFilter();
}

bool SettingsFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const QString id = index.data(SettingsModel::SettingIdRole).toString();
    // Category rows pass through recursive filtering when one of their settings does.
    return !id.isEmpty() && m_matches.contains(id);
}

} // namespace ssod::ui
