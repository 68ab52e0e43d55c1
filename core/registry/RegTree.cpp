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

/// True when \a folded is \a foldedKey or below it.
bool inSubtree(const QString &folded, const QString &foldedKey)
{
    return folded.startsWith(foldedKey)
           && (folded.size() == foldedKey.size() || folded.at(foldedKey.size()) == QLatin1Char('\\'));
}

} // namespace

void RegTree::compact() const
{
    if (m_erasedCount == 0)
        return;
    QList<RegKeyNode> kept;
    kept.reserve(m_nodes.size() - m_erasedCount);
    for (qsizetype i = 0; i < m_nodes.size(); ++i)
        if (!m_erased[i])
            kept.append(std::move(m_nodes[i]));
    m_nodes = std::move(kept);
    m_erased = QList<bool>(m_nodes.size(), false);
    m_erasedCount = 0;
    m_index.clear();
    for (qsizetype i = 0; i < m_nodes.size(); ++i)
        m_index.insert(path::fold(m_nodes[i].path), i);
}

const QList<RegKeyNode> &RegTree::nodes() const
{
    compact();
    return m_nodes;
}

QMap<QString, qsizetype>::const_iterator RegTree::subtreeBegin(const QString &foldedKey) const
{
    return m_index.lowerBound(foldedKey);
}

RegKeyNode &RegTree::ensureKey(const QString &p)
{
    // One fold and one search per section: this runs for every key of a converted export.
    const QString folded = path::fold(p);
    const auto it = m_index.lowerBound(folded);
    if (it != m_index.end() && it.key() == folded) {
        RegKeyNode &n = m_nodes[*it];
        n.present = true;
        return n;
    }
    m_nodes.append(RegKeyNode{p, false, false, true, {}});
    m_erased.append(false);
    m_index.insert(it, folded, m_nodes.size() - 1);
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
    m_erased.append(false);
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
    const QString folded = path::fold(key);
    auto it = m_index.lowerBound(folded);
    while (it != m_index.end() && inSubtree(it.key(), folded)) {
        m_erased[*it] = true;
        m_nodes[*it] = RegKeyNode{}; // free the entries now; the slot goes at the next compaction
        ++m_erasedCount;
        it = m_index.erase(it);
    }
}

bool RegTree::keyExists(const QString &key) const
{
    const QString folded = path::fold(key);
    for (auto it = subtreeBegin(folded); it != m_index.cend() && inSubtree(it.key(), folded); ++it)
        if (m_nodes[*it].present)
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
    // Children in file order, first spelling wins.
    const QString folded = path::fold(key);
    QList<qsizetype> positions;
    for (auto it = subtreeBegin(folded); it != m_index.cend() && inSubtree(it.key(), folded); ++it)
        if (it.key().size() > folded.size() && m_nodes[*it].present)
            positions << *it;
    std::sort(positions.begin(), positions.end());
    QStringList names;
    QSet<QString> seen;
    for (qsizetype pos : positions) {
        const QString child = m_nodes[pos].path.mid(key.size() + 1).section(QLatin1Char('\\'), 0, 0);
        if (!seen.contains(child.toCaseFolded())) {
            seen.insert(child.toCaseFolded());
            names << child;
        }
    }
    return names;
}

} // namespace ssod::core::registry
