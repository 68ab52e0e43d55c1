#pragma once

#include "core/registry/FileFingerprint.h"
#include "core/registry/RegistryStore.h"

#include <memory>

struct hive_h; // libhivex's handle; hivex.h stays private to the core

namespace ssod::core::registry {

/**
 * An offline Windows hive file (SOFTWARE, SYSTEM, NTUSER.DAT, …) read and written with libhivex.
 *
 * The hive is mounted at one registry path (HKEY_LOCAL_MACHINE\SOFTWARE for a SOFTWARE hive) and
 * covers only keys below it. In a SYSTEM hive, CurrentControlSet is resolved through
 * Select\Current, because offline hives hold only the numbered ControlSet00N keys.
 *
 * commit() never edits the file in place: it writes a copy beside it and renames the copy over the
 * original (AtomicFile, keeping mode and owner), and only while the hive is still what was read,
 * so a failed or killed commit leaves the hive byte-identical. Use an instance from one thread at
 * a time (hivex handles are not thread-safe).
 */
class HiveStore final : public RegistryStore {
public:
    /// Opens \a file read-only. \a mountPoint (canonical or abbreviated) overrides the mount
    /// inferred from the file name; without either, the error asks for --root.
    static Result<std::unique_ptr<HiveStore>> open(const QString &file, const QString &mountPoint = {});

    /// Where a hive of this file name belongs ("SOFTWARE" → HKEY_LOCAL_MACHINE\SOFTWARE), or empty.
    static QString mountPointForFileName(const QString &file);

    /// Windows stores larger values in big-data (db) cells, which hivex cannot write.
    static constexpr qsizetype kMaxValueSize = 16344;

    ~HiveStore() override;
    Q_DISABLE_COPY_MOVE(HiveStore)

    StoreKind kind() const override { return StoreKind::Hive; }
    QString description() const override;
    QString filePath() const override { return m_file; }
    bool covers(const QString &key) const override;
    QString scope() const override { return m_mount; }
    bool needsExplicitParents() const override { return true; }

    Result<bool> keyExists(const QString &key) const override;
    Result<std::optional<RegValue>> value(const QString &key, const QString &name) const override;
    Result<QStringList> valueNames(const QString &key) const override;
    Result<QStringList> subkeyNames(const QString &key) const override;

    Result<void> commit(const RegOps &ops) override;
    Result<void> checkWritable() const override;
    Result<void> checkUnchanged() const override;
    Result<std::unique_ptr<RegistryStore>> reopen() const override;

private:
    struct HiveCloser {
        void operator()(hive_h *h) const;
    };
    using HiveHandle = std::unique_ptr<hive_h, HiveCloser>;

    HiveStore(QString file, QString mount, HiveHandle hive);

    /// Key path below the mount, split into hive components (CurrentControlSet resolved in \a h).
    Result<QStringList> components(hive_h *h, const QString &key) const;
    /// The node for \a key in the read handle; 0 when it does not exist.
    Result<size_t> lookup(const QString &key) const;
    Result<void> apply(hive_h *h, const RegOp &op) const;
    Error failure(const QString &what) const;
    /// Whether \a file holds every byte its header declares.
    Result<void> checkComplete(const QByteArray &file) const;

    QString m_file; ///< as the user named it (messages)
    QString m_mount; ///< canonical key the hive root stands for
    HiveHandle m_hive;
    FileFingerprint m_fingerprint; ///< the file as read, checked again just before a commit replaces it
};

} // namespace ssod::core::registry
