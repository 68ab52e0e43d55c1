#pragma once

#include "core/registry/FileFingerprint.h"
#include "core/registry/ReadOptions.h"
#include "core/registry/RegFileCodec.h"
#include "core/registry/RegTree.h"
#include "core/registry/RegistryStore.h"

#include <memory>

namespace ssod::core::registry {

/**
 * A .reg file or a Registry.pol as a store: the file is read once into a RegTree (the state it
 * describes), edits change the tree, and commit() rewrites the whole file atomically (AtomicFile),
 * keeping its mode and owner, and only while the file is still what was read (FileFingerprint).
 * Deleting a value removes its entry; deletion instructions already in the file are kept unless the
 * same value is set.
 */
class FileStore final : public RegistryStore
{
public:
    /// Opens \a file of \a kind (RegFile or PolFile). A missing file is an empty store when
    /// \a createIfMissing, created on the first commit. \a root is the Registry.pol hive root.
    static Result<std::unique_ptr<FileStore>> open(const QString &file, StoreKind kind, bool createIfMissing,
                                                   const QString &root = QStringLiteral("HKEY_LOCAL_MACHINE"));
    /// As above, reading as \a options say: a .reg file opened for some keys keeps only those
    /// subtrees (RegFileScanner), answers only for keys inside them and refuses to commit.
    static Result<std::unique_ptr<FileStore>> open(const QString &file, StoreKind kind, bool createIfMissing,
                                                   const QString &root, const ReadOptions &options);

    StoreKind kind() const override { return m_kind; }
    QString description() const override;
    QString filePath() const override { return m_file; }
    bool covers(const QString &key) const override;
    QString scope() const override { return m_kind == StoreKind::PolFile ? m_root : QString(); }

    Result<bool> keyExists(const QString &key) const override;
    Result<std::optional<RegValue>> value(const QString &key, const QString &name) const override;
    Result<QStringList> valueNames(const QString &key) const override;
    Result<QStringList> subkeyNames(const QString &key) const override;
    Result<void> commit(const RegOps &ops) override;
    Result<void> checkWritable() const override;
    Result<void> checkUnchanged() const override;
    Result<std::unique_ptr<RegistryStore>> reopen() const override;
    FileWarnings readWarnings() const override { return m_warnings; }

    const RegTree &tree() const { return m_tree; }

private:
    FileStore(QString file, StoreKind kind, QString root) : m_file(std::move(file)), m_kind(kind), m_root(std::move(root)) {}
    Result<QByteArray> serialize(const RegTree &tree) const;
    Result<void> checkRead(const QString &key) const;

    QString m_file;
    StoreKind m_kind;
    QString m_root;
    RegTree m_tree;
    RegFileFormat m_regFormat = RegFileFormat::V5;
    FileFingerprint m_fingerprint; ///< the file as read, checked again just before a commit replaces it
    QStringList m_readKeys; // empty: the whole file was read
    FileWarnings m_warnings;
};

/// Atomically replaces \a file with \a bytes (AtomicFile: new file in the same folder, fsync,
/// rename), keeping an existing file's mode and owner. With \a expected, refuses when the file on
/// disk is no longer what was read.
Result<void> writeFileAtomically(const QString &file, const QByteArray &bytes, const FileFingerprint *expected = nullptr);

} // namespace ssod::core::registry
