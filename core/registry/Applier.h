#pragma once

#include "core/registry/ChangeSet.h"
#include "core/registry/RegistryStore.h"
#include "core/registry/export/Exporter.h"
#include "core/util/Result.h"

namespace ssod::core::registry {

struct ApplyOutcome
{
    ChangeSet changes;  ///< what was applied (empty: already compliant, nothing written)
    QString backupFile; ///< the .reg that restores the prior state (empty when nothing was written)
};

/**
 * Applies \a changes to \a store as one transaction:
 *  1. writes \a backupFile first — a .reg that restores every touched value exactly, deleting
 *     values and keys that did not exist before;
 *  2. commits atomically;
 *  3. reads every changed value back; on a mismatch it restores the prior state and fails.
 * \a changes must have been computed against \a store's current content.
 */
Result<ApplyOutcome> applyChanges(RegistryStore &store, const ChangeSet &changes, const QString &backupFile,
                                  const ExportOptions &options);

/// Restores the state recorded in \a backupFile (a .reg written by applyChanges) and verifies it.
/// Returns the changes it made (empty when the target already matched the backup).
Result<ChangeSet> undoFromBackup(RegistryStore &store, const QString &backupFile);

/// Checks that every change's "after" state is what \a store holds now.
Result<void> verifyApplied(const RegistryStore &store, const ChangeSet &changes);

/// "<target>.ssod-backup-<yyyyMMdd-HHmmss>.reg" beside the target.
QString defaultBackupPath(const QString &targetFile);

} // namespace ssod::core::registry
