#include "core/registry/Applier.h"

#include "core/registry/FileStore.h"
#include "core/registry/Planner.h"
#include "core/registry/RegFileCodec.h"

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
    ExportOptions backupOptions = options;
    backupOptions.sources.prepend(ExportSource{
        QString(), QObject::tr("Backup of %1").arg(store.description()),
        QObject::tr("restores the values SSO Doctor changed; run: ssodoctor-cli undo --backup \"%1\" --to \"%2\"")
            .arg(QFileInfo(backupFile).fileName(), store.filePath())});
    auto backup = exportChangeSet(changes, ExportFormat::RegUndo, backupOptions);
    if (!backup)
        return backup.error();
    if (auto r = writeFileAtomically(backupFile, *backup); !r)
        return Error::io(QObject::tr("could not write the backup, nothing was changed: %1").arg(r.error().message), backupFile);

    if (auto r = store.commit(changes.toOps()); !r)
        return r.error();
    if (auto r = verifyApplied(store, changes); !r) {
        // The store accepted the write but reads back something else: put the old state back.
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
    if (auto r = store.commit(changes->toOps()); !r)
        return r.error();
    if (auto r = verifyApplied(store, *changes); !r)
        return r.error();
    return *changes;
}

QString defaultBackupPath(const QString &targetFile)
{
    return targetFile + QStringLiteral(".ssod-backup-") + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"))
           + QStringLiteral(".reg");
}

} // namespace ssod::core::registry
