#pragma once

#include "core/registry/RegValue.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace ssod::core::registry {

/// One value line of a key: a value, or a deletion instruction ("name"=- / **del.name).
struct RegEntry
{
    QString name;                  ///< empty for the default value (@)
    std::optional<RegValue> value; ///< nullopt: delete this value
};

/// One key section, in file order.
struct RegKeyNode
{
    QString path;                 ///< canonical full path
    bool deleteKey = false;       ///< [-path] / **DeleteKeys: the key is deleted first
    bool deleteAllValues = false; ///< **delvals.: all values are deleted first
    bool present = true;          ///< false: only the deletion marker, the key is not (re)created
    QList<RegEntry> entries;
};

/**
 * The content of a .reg or Registry.pol file: ordered key sections with values and deletion
 * instructions. It doubles as the state such a file describes ("what the registry looks like after
 * applying it to an empty one"), which is what the file-backed stores expose.
 */
class RegTree final
{
public:
    /// Key sections in file order.
    const QList<RegKeyNode> &nodes() const;
    bool isEmpty() const { return m_index.isEmpty(); }

    /// Section for \a path, created (present) at the end when missing.
    RegKeyNode &ensureKey(const QString &path);
    const RegKeyNode *node(const QString &path) const;
    RegKeyNode *node(const QString &path);

    /// Replay helpers: each mirrors what regedit does for the matching .reg line.
    void setValue(const QString &key, const QString &name, const RegValue &value);
    void deleteValueInstruction(const QString &key, const QString &name); ///< "name"=-
    void deleteKeyInstruction(const QString &key);                        ///< [-key]

    /// State edits: drop an entry or a whole subtree without leaving an instruction behind.
    bool removeEntry(const QString &key, const QString &name);
    void removeSubtree(const QString &key);

    /// State view: a key exists if a present section is it or lies below it.
    bool keyExists(const QString &key) const;
    std::optional<RegValue> value(const QString &key, const QString &name) const;
    QStringList valueNames(const QString &key) const;  ///< names with a value (not deletions)
    QStringList subkeyNames(const QString &key) const; ///< immediate children, first spelling wins

private:
    void compact() const;
    /// Index entries for \a key itself and every key below it (sorted order keeps them together).
    QMap<QString, qsizetype>::const_iterator subtreeBegin(const QString &foldedKey) const;

    // Removed sections are marked and dropped lazily, so deleting many subtrees stays
    // O(k log n) instead of rescanning the list each time (hostile .reg files have many [-K]).
    mutable QList<RegKeyNode> m_nodes;
    mutable QList<bool> m_erased;
    mutable qsizetype m_erasedCount = 0;
    mutable QMap<QString, qsizetype> m_index; // folded path -> position in m_nodes
};

} // namespace ssod::core::registry
