// Registry.pol export. PReg has no comment syntax, so nothing of the header survives here; the
// caller's file name (Machine\ or User\Registry.pol) is what tells a reader where it goes.

#include "core/registry/PolFileCodec.h"
#include "core/registry/RegPath.h"
#include "core/registry/export/ExportCommon.h"

namespace ssod::core::registry::exporting {

namespace {

const QString kMachine = QStringLiteral("HKEY_LOCAL_MACHINE");
const QString kUser = QStringLiteral("HKEY_CURRENT_USER");

} // namespace

Result<QByteArray> exportPol(const ChangeSet &changes, const ExportOptions &)
{
    // A Registry.pol file is bound to one hive by where it lives (Machine\ → HKLM, User\ → HKCU),
    // so the root is chosen from the changes and a set spanning both cannot be one file.
    bool machine = false;
    bool user = false;
    for (const Change &c : changes.changes) {
        const QString root = path::root(c.key);
        if (path::equal(root, kMachine)) {
            machine = true;
        } else if (path::equal(root, kUser)) {
            user = true;
        } else {
            return Error::unsupported(
                QStringLiteral("%1 cannot go into Registry.pol: policy files only hold HKEY_LOCAL_MACHINE "
                               "(Machine\\Registry.pol) or HKEY_CURRENT_USER (User\\Registry.pol) keys. "
                               "Use the reg or ps1 export for this change.")
                    .arg(c.key),
                c.key);
        }
    }
    if (machine && user)
        return Error::unsupported(QStringLiteral(
            "The changes touch both HKEY_LOCAL_MACHINE and HKEY_CURRENT_USER, but one Registry.pol "
            "holds only one of them (Machine\\Registry.pol or User\\Registry.pol). Export the "
            "computer and the user settings separately, or use the reg or ps1 export."));
    const QString root = user ? kUser : kMachine;
    return writePolFile(treeFromOps(changes.toOps()), root);
}

} // namespace ssod::core::registry::exporting
