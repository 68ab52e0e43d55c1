#pragma once

#include "core/registry/RegOp.h"
#include "core/registry/RegValue.h"
#include "core/util/FileWarning.h"
#include "core/util/Result.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace ssod::core::registry {

enum class StoreKind { RegFile, PolFile, Hive, LiveRegistry, Memory, JsonPolicy };

/**
 * Where settings live: a .reg file, a Registry.pol, an offline hive, the live registry, or a
 * browser's JSON policy file seen as its Windows registry key (JsonPolicyStore). Reads
 * take canonical full key paths; writes happen only through commit(), which applies a whole list
 * of operations atomically (all or nothing) and leaves the target untouched on failure.
 */
class RegistryStore
{
public:
    virtual ~RegistryStore() = default;

    virtual StoreKind kind() const = 0;
    /// For messages: "offline hive /tmp/SOFTWARE (mounted at HKEY_LOCAL_MACHINE\SOFTWARE)".
    virtual QString description() const = 0;
    virtual QString filePath() const = 0;

    /// Whether \a key can live in this store (a SOFTWARE hive cannot hold HKLM\SYSTEM keys).
    virtual bool covers(const QString &key) const = 0;
    /// What the store can hold, e.g. "HKEY_LOCAL_MACHINE\SOFTWARE"; empty when anything goes.
    virtual QString scope() const = 0;
    /// True when a key exists only once created on its own (hive, live registry, JSON policy):
    /// the planner then lists every missing ancestor, so tools that do not create parents
    /// implicitly (hivexregedit) get every key and an undo removes every key an apply created.
    /// .reg and Registry.pol sections imply their parents, so listing ancestors would only add noise.
    virtual bool needsExplicitParents() const { return false; }

    /// What reading the store left out or read one of two ways (a .reg value regedit would skip,
    /// hex(2) bytes already in UTF-16LE), each naming file:line, key and value. Callers show them.
    virtual FileWarnings readWarnings() const { return {}; }

    virtual Result<bool> keyExists(const QString &key) const = 0;
    virtual Result<std::optional<RegValue>> value(const QString &key, const QString &name) const = 0;
    virtual Result<QStringList> valueNames(const QString &key) const = 0;
    virtual Result<QStringList> subkeyNames(const QString &key) const = 0;

    /// Applies \a ops in order, atomically. CreateKey/SetValue create missing parents. A file
    /// store refuses (nothing written) when the file changed on disk since it was read.
    virtual Result<void> commit(const RegOps &ops) = 0;

    /// Whether commit() could write the target at all (read-only file or file system, missing
    /// permission), asked before anything is written, e.g. a backup. Stores without a file: yes.
    virtual Result<void> checkWritable() const { return {}; }
    /// Fails when the target on disk is no longer what this store read (see FileFingerprint).
    virtual Result<void> checkUnchanged() const { return {}; }
    /// A new store on the same target, reading it afresh: a verification then sees what is on
    /// disk rather than what this store holds in memory. Null when every read already goes to the
    /// target (the live registry, an in-memory store).
    virtual Result<std::unique_ptr<RegistryStore>> reopen() const { return std::unique_ptr<RegistryStore>(); }
};

/// Collects operations; nothing reaches the store until commit(). Dropping it is the rollback.
class StoreTransaction final
{
public:
    explicit StoreTransaction(RegistryStore &store) : m_store(store) {}

    void add(RegOp op) { m_ops.append(std::move(op)); }
    const RegOps &ops() const { return m_ops; }
    void rollback() { m_ops.clear(); }
    Result<void> commit()
    {
        auto r = m_store.commit(m_ops);
        m_ops.clear();
        return r;
    }

private:
    RegistryStore &m_store;
    RegOps m_ops;
};

} // namespace ssod::core::registry
