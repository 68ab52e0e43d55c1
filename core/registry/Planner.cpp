#include "core/registry/Planner.h"

#include "core/registry/RegPath.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <algorithm>
#include <map>

namespace ssod::core::registry {

namespace {

/// The desired state being built on top of the store: reads go through the overlay first.
class Overlay
{
public:
    explicit Overlay(const RegistryStore *store) : m_store(store) {}

    Result<std::optional<RegValue>> value(const QString &key, const QString &name)
    {
        const auto it = m_changeIndex.constFind(valueId(key, name));
        if (it != m_changeIndex.cend())
            return m_changes[*it].after;
        if (m_deletedKeys.contains(path::fold(key)) || !m_store)
            return std::optional<RegValue>();
        return m_store->value(key, name);
    }

    bool baselineKnown() const { return m_store != nullptr; }

    /// Notes on the change of key\\name that it adds/removes \a item from a list of unknown content.
    void markRelative(const QString &key, const QString &name, const ListItemEdit &edit)
    {
        const auto it = m_changeIndex.constFind(valueId(key, name));
        if (it != m_changeIndex.cend())
            m_changes[*it].relativeItems.append(edit);
    }

    Result<bool> keyExists(const QString &key)
    {
        if (m_createdKeys.contains(path::fold(key)))
            return true;
        if (!m_store)
            return false;
        return m_store->keyExists(key);
    }

    Result<QStringList> valueNames(const QString &key)
    {
        QStringList names;
        if (m_store) {
            auto exists = m_store->keyExists(key);
            if (!exists)
                return exists.error();
            if (*exists) {
                auto n = m_store->valueNames(key);
                if (!n)
                    return n.error();
                names = *n;
            }
        }
        // Overlay additions/removals.
        for (const Change &c : m_changes) {
            if (c.action == Change::Action::CreateKey || !path::equal(c.key, key))
                continue;
            const bool listed = names.contains(c.name, Qt::CaseInsensitive);
            if (c.after && !listed)
                names << c.name;
            else if (!c.after && listed)
                names.removeIf([&](const QString &n) { return n.compare(c.name, Qt::CaseInsensitive) == 0; });
        }
        return names;
    }

    /// Records key → name := after (nullopt deletes), folding repeated writes into one change.
    Result<void> write(const QString &key, const QString &name, std::optional<RegValue> after,
                       const QString &settingId, const QString &summary)
    {
        if (after) {
            if (auto r = ensureKey(key, settingId); !r)
                return r;
        }
        const QString id = valueId(key, name);
        const auto it = m_changeIndex.constFind(id);
        if (it != m_changeIndex.cend()) {
            Change &c = m_changes[*it];
            c.after = std::move(after);
            c.action = c.after ? Change::Action::SetValue : Change::Action::DeleteValue;
            c.summary = c.summary + QStringLiteral("; ") + summary;
            return {};
        }
        auto before = value(key, name);
        if (!before)
            return before.error();
        if (*before == after)
            return {};
        Change c;
        c.action = after ? Change::Action::SetValue : Change::Action::DeleteValue;
        c.key = key;
        c.name = name;
        c.before = *before;
        c.after = std::move(after);
        c.settingId = settingId;
        c.summary = summary;
        m_changeIndex.insert(id, m_changes.size());
        m_changes.append(std::move(c));
        return {};
    }

    Result<void> ensureKey(const QString &key, const QString &settingId)
    {
        auto exists = keyExists(key);
        if (!exists)
            return exists.error();
        if (*exists)
            return {};
        // Missing ancestors inside the store's scope first (see needsExplicitParents()).
        if (m_store && m_store->needsExplicitParents()) {
            const QString parent = path::parent(key);
            if (!path::withoutRoot(parent).isEmpty() && m_store->covers(parent)
                && (m_store->scope().isEmpty() || parent.size() > m_store->scope().size())) {
                if (auto r = ensureKey(parent, settingId); !r)
                    return r;
            }
        }
        m_createdKeys.insert(path::fold(key));
        Change c;
        c.action = Change::Action::CreateKey;
        c.key = key;
        c.settingId = settingId;
        c.summary = QObject::tr("create key");
        m_changes.append(std::move(c));
        return {};
    }

    Result<void> deleteKey(const QString &key, const QString &settingId)
    {
        auto exists = keyExists(key);
        if (!exists)
            return exists.error();
        if (!*exists)
            return {};
        m_deletedKeys.insert(path::fold(key));
        m_createdKeys.remove(path::fold(key));
        Change c;
        c.action = Change::Action::DeleteKey;
        c.key = key;
        c.settingId = settingId;
        c.summary = QObject::tr("delete key and its subkeys");
        m_changes.append(std::move(c));
        return {};
    }

    ChangeSet result(QStringList settingIds) const
    {
        ChangeSet cs;
        cs.settingIds = std::move(settingIds);
        for (const Change &c : m_changes) {
            // A value written and then written back is no change at all.
            if ((c.action == Change::Action::SetValue || c.action == Change::Action::DeleteValue) && c.before == c.after)
                continue;
            cs.changes.append(c);
        }
        return cs;
    }

private:
    static QString valueId(const QString &key, const QString &name)
    {
        return path::fold(key) + QChar(0) + name.toCaseFolded();
    }

    const RegistryStore *m_store;
    QList<Change> m_changes;
    QHash<QString, qsizetype> m_changeIndex;
    QSet<QString> m_createdKeys;
    QSet<QString> m_deletedKeys;
};

QStringList splitCommaList(const QString &s)
{
    QStringList out;
    for (const QString &part : s.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            out << part.trimmed();
    return out;
}

bool containsCi(const QStringList &list, const QString &item)
{
    return list.contains(item, Qt::CaseInsensitive);
}

Result<void> applyMultiSz(Overlay &o, const Edit &e)
{
    auto cur = o.value(e.key, e.name);
    if (!cur)
        return cur.error();
    QStringList items;
    if (*cur) {
        if ((*cur)->type() == quint32(RegType::MultiSz))
            items = (*cur)->toMultiString();
        else if ((*cur)->isString() && !(*cur)->toString().isEmpty())
            items = {(*cur)->toString()};
    }
    const bool has = containsCi(items, e.item);
    if (has == e.present && (!*cur || (*cur)->type() == quint32(RegType::MultiSz)))
        return {};
    if (e.present && !has)
        items << e.item;
    if (!e.present)
        items.removeIf([&](const QString &s) { return s.compare(e.item, Qt::CaseInsensitive) == 0; });
    const QString summary = e.present ? QObject::tr("add item %1").arg(e.item) : QObject::tr("remove item %1").arg(e.item);
    auto r = o.write(e.key, e.name, RegValue::fromMultiString(items), e.settingId, summary);
    if (r && !o.baselineKnown())
        o.markRelative(e.key, e.name, ListItemEdit{ListItemEdit::Kind::MultiSz, e.item, e.present});
    return r;
}

Result<void> applyCommaList(Overlay &o, const Edit &e)
{
    auto cur = o.value(e.key, e.name);
    if (!cur)
        return cur.error();
    const QString text = *cur ? (*cur)->toString() : QString();
    const RegType type = *cur && (*cur)->type() == quint32(RegType::ExpandSz) ? RegType::ExpandSz : RegType::Sz;
    const QStringList items = splitCommaList(text);
    const bool has = containsCi(items, e.item);
    if (has == e.present)
        return {};
    QString next;
    if (e.present) {
        // Append exactly ", item" and keep the rest of the string as it was (KB951608).
        QString base = text;
        while (base.endsWith(QLatin1Char(' ')) || base.endsWith(QLatin1Char(',')))
            base.chop(1);
        next = base.isEmpty() ? e.item : base + QStringLiteral(", ") + e.item;
    } else {
        QStringList kept = items;
        kept.removeIf([&](const QString &s) { return s.compare(e.item, Qt::CaseInsensitive) == 0; });
        next = kept.join(QStringLiteral(", "));
    }
    const QString summary = e.present ? QObject::tr("add %1 to the list").arg(e.item) : QObject::tr("remove %1 from the list").arg(e.item);
    auto r = o.write(e.key, e.name, RegValue::fromString(next, type), e.settingId, summary);
    if (r && !o.baselineKnown())
        o.markRelative(e.key, e.name, ListItemEdit{ListItemEdit::Kind::CommaList, e.item, e.present});
    return r;
}

Result<void> applyNumberedList(Overlay &o, const Edit &e)
{
    auto names = o.valueNames(e.key);
    if (!names)
        return names.error();
    std::map<quint32, QString> entries; // number -> item, in numeric order
    for (const QString &n : *names) {
        bool ok = false;
        const quint32 num = n.toUInt(&ok);
        if (!ok || num == 0)
            continue;
        auto v = o.value(e.key, n);
        if (!v)
            return v.error();
        if (*v)
            entries[num] = (*v)->toString();
    }
    QStringList items;
    for (const auto &[num, item] : entries)
        items << item;
    const bool has = containsCi(items, e.item);
    if (has == e.present)
        return {};
    if (e.present) {
        const quint32 next = entries.empty() ? 1 : entries.rbegin()->first + 1;
        return o.write(e.key, QString::number(next), RegValue::fromString(e.item), e.settingId,
                       QObject::tr("add %1").arg(e.item));
    }
    // Remove and renumber 1..n so readers that stop at the first gap still see every entry.
    items.removeIf([&](const QString &s) { return s.compare(e.item, Qt::CaseInsensitive) == 0; });
    quint32 i = 0;
    for (const QString &item : items) {
        if (auto r = o.write(e.key, QString::number(++i), RegValue::fromString(item), e.settingId,
                             QObject::tr("remove %1").arg(e.item));
            !r)
            return r;
    }
    for (const auto &[num, item] : entries) {
        if (num > i) {
            if (auto r = o.write(e.key, QString::number(num), std::nullopt, e.settingId, QObject::tr("remove %1").arg(e.item)); !r)
                return r;
        }
    }
    return {};
}

Result<void> checkScope(const RegistryStore *store, const QString &key, const QString &settingId)
{
    if (!store || store->covers(key))
        return {};
    return Error::unsupported(QObject::tr("%1 writes %2, which %3 cannot hold; choose a target that contains it")
                                  .arg(settingId.isEmpty() ? QObject::tr("this change") : settingId, key, store->description()));
}

} // namespace

Result<ChangeSet> diff(const RegistryStore *current, const Edits &edits)
{
    Overlay o(current);
    QStringList ids;
    QSet<QString> settingsInScope;
    for (const Edit &e : edits) {
        if (!ids.contains(e.settingId))
            ids << e.settingId;
        if (e.optional && current && !current->covers(e.key))
            continue;
        if (auto r = checkScope(current, e.key, e.settingId); !r)
            return r.error();
        settingsInScope.insert(e.settingId);
        Result<void> r;
        switch (e.op) {
        case Edit::Op::Set:
            r = o.write(e.key, e.name, e.value, e.settingId, QObject::tr("set to %1").arg(e.value->display()));
            break;
        case Edit::Op::Delete:
            r = o.write(e.key, e.name, std::nullopt, e.settingId, QObject::tr("delete"));
            break;
        case Edit::Op::MultiSzItem:
            r = applyMultiSz(o, e);
            break;
        case Edit::Op::CommaListItem:
            r = applyCommaList(o, e);
            break;
        case Edit::Op::NumberedListItem:
            r = applyNumberedList(o, e);
            break;
        }
        if (!r)
            return r.error();
    }
    for (const QString &id : ids)
        if (!settingsInScope.contains(id))
            return Error::unsupported(QObject::tr("%1 has nothing that %2 can hold; choose a target for it")
                                          .arg(id.isEmpty() ? QObject::tr("this change") : id, current->description()));
    return o.result(ids);
}

QStringList keysRead(const Edits &edits)
{
    QStringList keys;
    for (const Edit &e : edits)
        if (!keys.contains(e.key, Qt::CaseInsensitive))
            keys << e.key;
    return keys;
}

Result<ChangeSet> diffInstructions(const RegistryStore *current, const RegTree &instructions, const QString &settingId)
{
    Overlay o(current);
    for (const RegKeyNode &node : instructions.nodes()) {
        if (auto r = checkScope(current, node.path, settingId); !r)
            return r.error();
        if (node.deleteKey) {
            if (auto r = o.deleteKey(node.path, settingId); !r)
                return r.error();
        }
        if (!node.present)
            continue;
        if (auto r = o.ensureKey(node.path, settingId); !r)
            return r.error();
        for (const RegEntry &entry : node.entries) {
            const QString summary = entry.value ? QObject::tr("restore %1").arg(entry.value->display()) : QObject::tr("delete");
            if (auto r = o.write(node.path, entry.name, entry.value, settingId, summary); !r)
                return r.error();
        }
    }
    return o.result(settingId.isEmpty() ? QStringList() : QStringList{settingId});
}

} // namespace ssod::core::registry
