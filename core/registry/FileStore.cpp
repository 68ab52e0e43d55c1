#include "core/registry/FileStore.h"

#include "core/registry/PolFileCodec.h"
#include "core/registry/RegPath.h"

#include <QFile>
#include <QFileInfo>
#include <QObject>
#include <QSaveFile>

namespace ssod::core::registry {

Result<void> writeFileAtomically(const QString &file, const QByteArray &bytes)
{
    QSaveFile out(file);
    // QSaveFile writes a temporary file next to the target, fsyncs it in commit() and renames it
    // over the target, so a crash leaves either the old or the new file, never a mix.
    if (!out.open(QIODevice::WriteOnly))
        return Error::io(QObject::tr("cannot write: %1").arg(out.errorString()), file);
    if (out.write(bytes) != bytes.size()) {
        out.cancelWriting();
        return Error::io(QObject::tr("write failed: %1").arg(out.errorString()), file);
    }
    if (!out.commit())
        return Error::io(QObject::tr("could not replace the file: %1").arg(out.errorString()), file);
    return {};
}

Result<std::unique_ptr<FileStore>> FileStore::open(const QString &file, StoreKind kind, bool createIfMissing,
                                                   const QString &root)
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
    constexpr qint64 kMaxFile = 256 * 1024 * 1024;
    if (f.size() > kMaxFile)
        return Error::invalid(QObject::tr("file is larger than 256 MiB; this is not a policy file"), file);
    const QByteArray bytes = f.readAll();
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

Result<bool> FileStore::keyExists(const QString &key) const
{
    return m_tree.keyExists(key);
}

Result<std::optional<RegValue>> FileStore::value(const QString &key, const QString &name) const
{
    return m_tree.value(key, name);
}

Result<QStringList> FileStore::valueNames(const QString &key) const
{
    return m_tree.valueNames(key);
}

Result<QStringList> FileStore::subkeyNames(const QString &key) const
{
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
    if (auto r = writeFileAtomically(m_file, *bytes); !r)
        return r;
    m_tree = std::move(next);
    return {};
}

} // namespace ssod::core::registry
