#include "core/registry/RegTree.h"

#include "core/registry/RegPath.h"

#include <QSet>

namespace ssod::core::registry {

namespace {

qsizetype findEntry(const QList<RegEntry> &entries, const QString &name)
{
    for (qsizetype i = 0; i < entries.size(); ++i)
        if (entries[i].name.compare(name, Qt::CaseInsensitive) == 0)
            return i;
    return -1;
}

} // namespace

void RegTree::reindex()
{
    m_index.clear();
    for (qsizetype i = 0; i < m_nodes.size(); ++i)
        m_index.insert(path::fold(m_nodes[i].path), i);
}

RegKeyNode &RegTree::ensureKey(const QString &p)
{
    if (RegKeyNode *n = node(p)) {
        n->present = true;
        return *n;
    }
    m_nodes.append(RegKeyNode{p, false, false, true, {}});
    m_index.insert(path::fold(p), m_nodes.size() - 1);
    return m_nodes.last();
}

const RegKeyNode *RegTree::node(const QString &p) const
{
    const auto it = m_index.constFind(path::fold(p));
    return it == m_index.cend() ? nullptr : &m_nodes[*it];
}

RegKeyNode *RegTree::node(const QString &p)
{
    const auto it = m_index.constFind(path::fold(p));
    return it == m_index.cend() ? nullptr : &m_nodes[*it];
}

void RegTree::setValue(const QString &key, const QString &name, const RegValue &value)
{
    RegKeyNode &n = ensureKey(key);
    const qsizetype i = findEntry(n.entries, name);
    if (i >= 0)
        n.entries[i].value = value;
    else
        n.entries.append(RegEntry{name, value});
}

void RegTree::deleteValueInstruction(const QString &key, const QString &name)
{
    RegKeyNode &n = ensureKey(key);
    const qsizetype i = findEntry(n.entries, name);
    if (i >= 0)
        n.entries[i].value.reset();
    else
        n.entries.append(RegEntry{name, std::nullopt});
}

void RegTree::deleteKeyInstruction(const QString &key)
{
    removeSubtree(key);
    m_nodes.append(RegKeyNode{key, true, false, false, {}});
    m_index.insert(path::fold(key), m_nodes.size() - 1);
}

bool RegTree::removeEntry(const QString &key, const QString &name)
{
    RegKeyNode *n = node(key);
    if (!n)
        return false;
    const qsizetype i = findEntry(n->entries, name);
    if (i < 0)
        return false;
    n->entries.removeAt(i);
    return true;
}

void RegTree::removeSubtree(const QString &key)
{
    const auto before = m_nodes.size();
    m_nodes.removeIf([&](const RegKeyNode &n) { return path::isWithin(n.path, key); });
    if (m_nodes.size() != before)
        reindex();
}

bool RegTree::keyExists(const QString &key) const
{
    if (const RegKeyNode *n = node(key); n && n->present)
        return true;
    for (const RegKeyNode &n : m_nodes)
        if (n.present && n.path.size() > key.size() && path::isWithin(n.path, key))
            return true;
    return false;
}

std::optional<RegValue> RegTree::value(const QString &key, const QString &name) const
{
    const RegKeyNode *n = node(key);
    if (!n || !n->present)
        return std::nullopt;
    const qsizetype i = findEntry(n->entries, name);
    return i < 0 ? std::nullopt : n->entries[i].value;
}

QStringList RegTree::valueNames(const QString &key) const
{
    QStringList names;
    if (const RegKeyNode *n = node(key); n && n->present)
        for (const RegEntry &e : n->entries)
            if (e.value)
                names << e.name;
    return names;
}

QStringList RegTree::subkeyNames(const QString &key) const
{
    QStringList names;
    QSet<QString> seen;
    for (const RegKeyNode &n : m_nodes) {
        if (!n.present || n.path.size() <= key.size() || !path::isWithin(n.path, key))
            continue;
        const QString rest = n.path.mid(key.size() + 1);
        const QString child = rest.section(QLatin1Char('\\'), 0, 0);
        if (!seen.contains(child.toCaseFolded())) {
            seen.insert(child.toCaseFolded());
            names << child;
        }
    }
    return names;
}

} // namespace ssod::core::registry
