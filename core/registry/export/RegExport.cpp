// .reg and undo-.reg exports: the change set replayed into a RegTree, written by RegFileCodec.

#include "core/registry/RegFileCodec.h"
#include "core/registry/export/ExportCommon.h"

namespace ssod::core::registry::exporting {

Result<QByteArray> exportReg(const ChangeSet &changes, const ExportOptions &options, bool undo)
{
    // toUndoOps() already orders the reverse operations (restore before-values, "x"=- for values
    // that did not exist, [-key] for keys the change set created), so both directions share
    // one path: replay the operations, then let the codec decide the file syntax.
    const RegOps ops = undo ? changes.toUndoOps() : changes.toOps();
    const QString ts = timestamp(options);
    const QString what = undo
        ? QStringLiteral("What: undoes the SSO Doctor export generated %1: restores the values it changed, "
                         "deletes the values and keys it created. Import with regedit or reg import.")
              .arg(ts)
        : QStringLiteral("What: registry changes to import with regedit or reg import "
                         "(needs an elevated prompt for HKEY_LOCAL_MACHINE).");
    const QStringList comments = headerLines(changes, options, what, countOps(ops));
    return writeRegFile(treeFromOps(ops), RegFileFormat::V5, comments);
}

} // namespace ssod::core::registry::exporting
