#include "ui/settings/SettingsModel.h"

#include "core/catalog/Catalog.h"

#include <QFont>
#include <QHash>
#include <QIcon>
#include <QPainter>
#include <QPixmap>

namespace ssod::ui {

using core::catalog::Setting;

namespace {

/// Setting rows carry their category's row + 1 as internal id; category rows carry 0.
constexpr quintptr kCategoryRow = 0;

QIcon makeRiskIcon(const QColor &colour)
{
    QPixmap pm(12, 12);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(colour);
    p.drawEllipse(QRectF(1, 1, 10, 10));
    p.end();
    return QIcon(pm);
}

} // namespace

SettingsModel::SettingsModel(const core::catalog::Catalog &catalog, QObject *parent)
    : QAbstractItemModel(parent), m_catalog(catalog)
{
    for (const Setting &s : m_catalog.settings()) {
        auto it = std::find_if(m_categories.begin(), m_categories.end(),
            [&](const Category &c) { return c.name == s.category; });
        if (it == m_categories.end()) {
            m_categories.append({ s.category, {} });
            it = std::prev(m_categories.end());
        }
        it->settings.append(&s);
    }
}

QModelIndex SettingsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < m_categories.size() ? createIndex(row, column, kCategoryRow) : QModelIndex();
    if (parent.internalId() != kCategoryRow || parent.row() >= m_categories.size())
        return {};
    if (row >= m_categories.at(parent.row()).settings.size())
        return {};
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex SettingsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kCategoryRow)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kCategoryRow);
}

int SettingsModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_categories.size());
    if (parent.column() != 0 || parent.internalId() != kCategoryRow)
        return 0;
    return int(m_categories.at(parent.row()).settings.size());
}

int SettingsModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

const Setting *SettingsModel::setting(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.internalId() == kCategoryRow)
        return nullptr;
    return m_categories.at(int(index.internalId() - 1)).settings.at(index.row());
}

QModelIndex SettingsModel::indexOf(const QString &id, int column) const
{
    for (int c = 0; c < m_categories.size(); ++c) {
        const auto &settings = m_categories.at(c).settings;
        for (int r = 0; r < settings.size(); ++r)
            if (settings.at(r)->id == id)
                return createIndex(r, column, quintptr(c) + 1);
    }
    return {};
}

QVariant SettingsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (const Setting *s = setting(index))
        return settingData(*s, index.column(), role);
    return categoryData(m_categories.at(index.row()), index.column(), role);
}

QVariant SettingsModel::categoryData(const Category &category, int column, int role) const
{
    if (column != TitleColumn)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return tr("%1 (%2)").arg(category.name).arg(category.settings.size());
    case Qt::AccessibleTextRole:
        return tr("Category %1, %2 settings").arg(category.name).arg(category.settings.size());
    case Qt::FontRole: {
        QFont f;
        f.setBold(true);
        return f;
    }
    default:
        return {};
    }
}

QVariant SettingsModel::settingData(const Setting &s, int column, int role) const
{
    if (role == SettingIdRole)
        return s.id;
    if (role == Qt::ToolTipRole)
        return column == SideColumn ? sideText(s.side) : s.summary;
    if (role == Qt::CheckStateRole && column == TitleColumn)
        return m_checked.contains(s.id) ? Qt::Checked : Qt::Unchecked;
    switch (column) {
    case TitleColumn:
        if (role == Qt::DisplayRole)
            return s.title;
        break;
    case IdColumn:
        if (role == Qt::DisplayRole)
            return s.id;
        break;
    case SideColumn:
        // "Both" keeps the column narrow; the details and the tooltip spell it out.
        if (role == Qt::DisplayRole)
            return s.side == QLatin1String("both") ? tr("Both") : sideText(s.side);
        if (role == Qt::AccessibleTextRole)
            return sideText(s.side);
        break;
    case RiskColumn:
        if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole)
            return riskLevelText(s.riskLevel);
        if (role == Qt::DecorationRole) {
            // Pixmaps need the GUI application: made on first use, not at static initialisation.
            auto it = m_riskIcons.find(s.riskLevel);
            if (it == m_riskIcons.end())
                it = m_riskIcons.insert(s.riskLevel, makeRiskIcon(riskColor(s.riskLevel)));
            return *it;
        }
        break;
    default:
        break;
    }
    return {};
}

bool SettingsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    const Setting *s = setting(index);
    if (!s || role != Qt::CheckStateRole || index.column() != TitleColumn)
        return false;
    const bool checked = value.value<Qt::CheckState>() == Qt::Checked;
    if (checked == m_checked.contains(s->id))
        return true;
    if (checked)
        m_checked.insert(s->id);
    else
        m_checked.remove(s->id);
    Q_EMIT dataChanged(index, index, { Qt::CheckStateRole });
    Q_EMIT checkedChanged();
    return true;
}

Qt::ItemFlags SettingsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (setting(index)) {
        f |= Qt::ItemNeverHasChildren;
        if (index.column() == TitleColumn)
            f |= Qt::ItemIsUserCheckable;
    }
    return f;
}

QVariant SettingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TitleColumn:
        return tr("Setting");
    case IdColumn:
        return tr("Id");
    case SideColumn:
        return tr("Applies to");
    case RiskColumn:
        return tr("Risk");
    default:
        return {};
    }
}

QStringList SettingsModel::checkedIds() const
{
    QStringList out;
    for (const Setting &s : m_catalog.settings())
        if (m_checked.contains(s.id))
            out << s.id;
    return out;
}

void SettingsModel::setChecked(const QString &id, bool checked)
{
    setData(indexOf(id), checked ? Qt::Checked : Qt::Unchecked, Qt::CheckStateRole);
}

void SettingsModel::clearChecked()
{
    const QStringList ids = checkedIds();
    for (const QString &id : ids)
        setChecked(id, false);
}

QString SettingsModel::sideText(const QString &side)
{
    if (side == QLatin1String("client"))
        return tr("Client");
    if (side == QLatin1String("server"))
        return tr("Server");
    if (side == QLatin1String("both"))
        return tr("Client and server");
    return side;
}

QString SettingsModel::riskLevelText(const QString &level)
{
    if (level == QLatin1String("low"))
        return tr("Low");
    if (level == QLatin1String("medium"))
        return tr("Medium");
    if (level == QLatin1String("high"))
        return tr("High");
    return level;
}

QColor SettingsModel::riskColor(const QString &level)
{
    if (level == QLatin1String("high"))
        return QColor(0xc6, 0x28, 0x28);
    if (level == QLatin1String("medium"))
        return QColor(0xb2, 0x6a, 0x00);
    return QColor(0x2e, 0x7d, 0x32);
}

} // namespace ssod::ui
