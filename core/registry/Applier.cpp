#include "core/registry/Applier.h"

#include "core/registry/AtomicFile.h"
#include "core/registry/Planner.h"
#include "core/registry/RegFileCodec.h"
#include "core/registry/TargetLock.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QObject>

namespace ssod::core::registry {

Result<void> verifyApplied(const RegistryStore &store, const ChangeSet &changes)
{
    for (const Change &c : changes.changes) {
        if (c.action == Change::Action::CreateKey || c.action == Change::Action::DeleteKey) {
            auto exists = store.keyExists(c.key);
            if (!exists)
                return exists.error();
            if (*exists != (c.action == Change::Action::CreateKey))
                return Error{Error::Code::Verification,
                             QObject::tr("read-back: key %1 is %2").arg(c.key, *exists ? QObject::tr("still there") : QObject::tr("missing")),
                             store.filePath()};
            continue;
        }
        auto v = store.value(c.key, c.name);
        if (!v)
            return v.error();
        if (*v != c.after)
            return Error{Error::Code::Verification,
                         QObject::tr("read-back: %1\\%2 is %3, expected %4")
                             .arg(c.key, c.name, *v ? (*v)->display() : QObject::tr("absent"),
                                  c.after ? c.after->display() : QObject::tr("absent")),
                         store.filePath()};
    }
    return {};
}

namespace {

bool hasFile(const RegistryStore &store)
{
    switch (store.kind()) {
    case StoreKind::RegFile:
    case StoreKind::PolFile:
    case StoreKind::Hive:
    case StoreKind::JsonPolicy:
        return true;
    case StoreKind::LiveRegistry:
    case StoreKind::Memory:
        break;
    }
    return false;
}

/// Locks the store's file (TargetLock) for the whole write and refuses before anything is
/// written when the target cannot be written or is no longer what the changes were planned
/// against. Writability is checked before the lock too, so a read-only target is named as such.
Result<TargetLock> prepareWrite(const RegistryStore &store)
{
    if (auto r = store.checkWritable(); !r)
        return r.error();
    auto lock = hasFile(store) ? TargetLock::acquire(store.filePath()) : Result<TargetLock>(TargetLock());
    if (!lock)
        return lock.error();
    if (auto r = store.checkWritable(); !r)
        return r.error();
    if (auto r = store.checkUnchanged(); !r)
        return r.error();
    return lock;
}

/// Checks \a changes against a fresh read of the target, so the verdict is about what is on
/// disk, not about what the store holds in memory.
Result<void> verifyOnDisk(const RegistryStore &store, const ChangeSet &changes)
{
    auto fresh = store.reopen();
    if (!fresh)
        return Error{Error::Code::Verification,
                     QObject::tr("read-back failed, the file cannot be read again: %1").arg(fresh.error().message),
                     store.filePath()};
    return verifyApplied(*fresh ? **fresh : store, changes);
}

Result<void> writeBackup(const QString &backupFile, const QByteArray &bytes)
{
    // CreateNew: an existing backup may be the only way back from an earlier apply, so it is
    // never replaced, even by one that appears between the check in applyChanges and this write.
    auto out = AtomicFile::begin(backupFile, AtomicFile::Mode::CreateNew);
    if (!out)
        return out.error();
    if (auto r = (*out)->write(bytes); !r)
        return r;
    return (*out)->commit();
}

} // namespace

Result<ApplyOutcome> applyChanges(RegistryStore &store, const ChangeSet &changes, const QString &backupFile,
                                  const ExportOptions &options)
{
    ApplyOutcome outcome;
    outcome.changes = changes;
    if (changes.isCompliant())
        return outcome;

    // An existing backup may be the only way back from an earlier apply: never overwrite it.
    if (QFileInfo::exists(backupFile))
        return Error::invalid(QObject::tr("the backup file already exists; choose another name (--backup) so the "
                                          "earlier backup stays usable"),
                              backupFile);
    // Everything that can refuse does so before the backup exists: a refused apply leaves no file.
    auto lock = prepareWrite(store);
    if (!lock)
        return lock.error();
    ExportOptions backupOptions = options;
    backupOptions.sources.prepend(ExportSource{
        QString(), QObject::tr("Backup of %1").arg(store.description()),
        QObject::tr("restores the values SSO Doctor changed; run: ssodoctor-cli undo --backup \"%1\" --to \"%2\"")
            .arg(QFileInfo(backupFile).fileName(), store.filePath())});
    auto backup = exportChangeSet(changes, ExportFormat::RegUndo, backupOptions);
    if (!backup)
        return backup.error();
    if (auto r = writeBackup(backupFile, *backup); !r)
        return Error::io(QObject::tr("could not write the backup, nothing was changed: %1").arg(r.error().message), backupFile);

    if (auto r = store.commit(changes.toOps()); !r) {
        // The target is as it was: a backup of a change that never happened would only mislead.
        if (store.checkUnchanged())
            QFile::remove(backupFile);
        return r.error();
    }
    if (auto r = verifyOnDisk(store, changes); !r) {
        // The store accepted the write but the file says something else: put the old state back.
        (void)store.commit(changes.toUndoOps());
        return r.error();
    }
    outcome.backupFile = backupFile;
    return outcome;
}

Result<ChangeSet> undoFromBackup(RegistryStore &store, const QString &backupFile)
{
    QFile f(backupFile);
    if (!f.open(QIODevice::ReadOnly))
        return Error::notFound(QObject::tr("cannot read the backup: %1").arg(f.errorString()), backupFile);
    auto parsed = parseRegFile(f.readAll(), QFileInfo(backupFile).fileName());
    if (!parsed)
        return parsed.error();
    auto changes = diffInstructions(&store, parsed->tree, QStringLiteral("undo"));
    if (!changes)
        return changes.error();
    if (changes->isCompliant())
        return *changes;
    auto lock = prepareWrite(store);
    if (!lock)
        return lock.error();
    if (auto r = store.commit(changes->toOps()); !r)
        return r.error();
    if (auto r = verifyOnDisk(store, *changes); !r)
        return r.error();
    return *changes;
}

QString defaultBackupPath(const QString &targetFile)
{
    return targetFile + QStringLiteral(".ssod-backup-") + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"))
           + QStringLiteral(".reg");
}

} // namespace ssod::core::registry
