#include "core/registry/FileStore.h"

#include "core/registry/AtomicFile.h"
#include "core/registry/PolFileCodec.h"
#include "core/registry/RegFileScanner.h"
#include "core/registry/RegPath.h"

#include <QFile>
#include <QFileInfo>
#include <QObject>

namespace ssod::core::registry {

Result<void> writeFileAtomically(const QString &file, const QByteArray &bytes, const FileFingerprint *expected)
{
    auto out = AtomicFile::begin(file);
    if (!out)
        return out.error();
    if (auto r = (*out)->write(bytes); !r)
        return r;
    if (!expected)
        return (*out)->commit();
    return (*out)->commit([&] { return expected->checkUnchanged(file); });
}

Result<std::unique_ptr<FileStore>> FileStore::open(const QString &file, StoreKind kind, bool createIfMissing,
                                                   const QString &root)
{
    return open(file, kind, createIfMissing, root, ReadOptions{});
}

Result<std::unique_ptr<FileStore>> FileStore::open(const QString &file, StoreKind kind, bool createIfMissing,
                                                   const QString &root, const ReadOptions &options)
{
    std::unique_ptr<FileStore> store(new FileStore(file, kind, root));
    QFile f(file);
    if (!f.exists()) {
        if (!createIfMissing)
            return Error::notFound(QObject::tr("file does not exist"), file);
        return store;
    }
    if (!f.open(QIODevice::ReadOnly))
        return Error::io(QObject::tr("cannot read: %1").arg(f.errorString()), file);
    const bool streamed = options.progress || options.cancel || !options.keys.isEmpty();
    if (kind == StoreKind::RegFile && f.size() > 0 && streamed) {
        // Chunked: no size limit is needed when only the requested keys are kept. A store read in
        // part is never written, so only a whole read needs the fingerprint; it is taken before
        // reading, so a file that changes while it is read is refused at commit.
        if (options.keys.isEmpty()) {
            auto before = FileFingerprint::ofPath(file);
            if (!before)
                return before.error();
            store->m_fingerprint = *before;
        }
        auto parsed = RegFileScanner::read(file, options);
        if (!parsed)
            return parsed.error();
        store->m_tree = std::move(parsed->tree);
        store->m_regFormat = parsed->format;
        store->m_warnings = std::move(parsed->warnings);
        for (const QString &key : options.keys)
            store->m_readKeys << path::canonical(key).value_or(key);
        return store;
    }
    constexpr qint64 kMaxFile = 256 * 1024 * 1024;
    if (f.size() > kMaxFile)
        return Error::invalid(QObject::tr("file is larger than 256 MiB; this is not a policy file"), file);
    const QByteArray bytes = f.readAll();
    if (f.error() != QFileDevice::NoError)
        return Error::io(QObject::tr("cannot read: %1").arg(f.errorString()), file);
    store->m_fingerprint = FileFingerprint::ofBytes(bytes);
    const QString name = QFileInfo(file).fileName();
    if (bytes.isEmpty())
        return store; // an empty file is an empty store; the first commit gives it a header
    if (kind == StoreKind::PolFile) {
        auto tree = parsePolFile(bytes, name, root);
        if (!tree)
            return tree.error();
        store->m_tree = std::move(*tree);
    } else {
        // A target is read as regedit reads it: a broken line is skipped with a warning.
        auto parsed = parseRegFile(bytes, name, RegParseOptions { false });
        if (!parsed)
            return parsed.error();
        store->m_tree = std::move(parsed->tree);
        store->m_regFormat = parsed->format;
        store->m_warnings = std::move(parsed->warnings);
    }
    return store;
}

QString FileStore::description() const
{
    return m_kind == StoreKind::PolFile ? QObject::tr("Registry.pol %1 (%2)").arg(m_file, m_root)
                                        : QObject::tr(".reg file %1").arg(m_file);
}

bool FileStore::covers(const QString &key) const
{
    return m_kind != StoreKind::PolFile || path::isWithin(key, m_root);
}

Result<void> FileStore::checkRead(const QString &key) const
{
    if (m_readKeys.isEmpty())
        return {};
    for (const QString &k : m_readKeys)
        if (path::isWithin(key, k))
            return {};
    // A caller that forgot to name a key would otherwise get "absent" for a key that is there.
    return Error{Error::Code::Internal,
                 QObject::tr("%1 was read for %2 only, not for %3").arg(description(), m_readKeys.join(QStringLiteral(", ")), key),
                 m_file};
}

Result<bool> FileStore::keyExists(const QString &key) const
{
    if (auto r = checkRead(key); !r)
        return r.error();
    return m_tree.keyExists(key);
}

Result<std::optional<RegValue>> FileStore::value(const QString &key, const QString &name) const
{
    if (auto r = checkRead(key); !r)
        return r.error();
    return m_tree.value(key, name);
}

Result<QStringList> FileStore::valueNames(const QString &key) const
{
    if (auto r = checkRead(key); !r)
        return r.error();
    return m_tree.valueNames(key);
}

Result<QStringList> FileStore::subkeyNames(const QString &key) const
{
    if (auto r = checkRead(key); !r)
        return r.error();
    return m_tree.subkeyNames(key);
}

Result<QByteArray> FileStore::serialize(const RegTree &tree) const
{
    if (m_kind == StoreKind::PolFile)
        return writePolFile(tree, m_root);
    return writeRegFile(tree, m_regFormat);
}

Result<void> FileStore::commit(const RegOps &ops)
{
    if (!m_readKeys.isEmpty())
        return Error{Error::Code::Internal, QObject::tr("%1 was read in part and cannot be written").arg(description()), m_file};
    RegTree next = m_tree; // edit a copy: on failure the store and the file stay as they were
    for (const RegOp &op : ops) {
        if (!covers(op.key))
            return Error::unsupported(QObject::tr("%1 cannot hold %2").arg(description(), op.key), m_file);
        switch (op.kind) {
        case RegOp::Kind::CreateKey:
            next.ensureKey(op.key);
            break;
        case RegOp::Kind::SetValue:
            next.setValue(op.key, op.name, *op.value);
            break;
        case RegOp::Kind::DeleteValue:
            next.removeEntry(op.key, op.name);
            break;
        case RegOp::Kind::DeleteKey:
            next.removeSubtree(op.key);
            break;
        }
    }
    auto bytes = serialize(next);
    if (!bytes)
        return Error{bytes.error().code, bytes.error().message, m_file};
    if (auto r = writeFileAtomically(m_file, *bytes, &m_fingerprint); !r)
        return r;
    m_tree = std::move(next);
    // What is on disk now, the bytes just written, is what the next commit must find there.
    m_fingerprint = FileFingerprint::ofBytes(*bytes);
    return {};
}

Result<void> FileStore::checkWritable() const
{
    return AtomicFile::checkWritable(m_file);
}

Result<void> FileStore::checkUnchanged() const
{
    return m_fingerprint.checkUnchanged(m_file);
}

Result<std::unique_ptr<RegistryStore>> FileStore::reopen() const
{
    auto fresh = open(m_file, m_kind, false, m_root);
    if (!fresh)
        return fresh.error();
    return std::unique_ptr<RegistryStore>(std::move(*fresh));
}

} // namespace ssod::core::registry
