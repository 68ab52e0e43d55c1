// gpo-ps1 export: the change set as registry-based policy settings of a domain GPO, written with
// the GroupPolicy module's Set-GPRegistryValue (Microsoft Learn, GroupPolicy module reference).

#include "core/registry/RegPath.h"
#include "core/registry/export/ExportCommon.h"
#include "core/registry/export/PowerShellSyntax.h"

namespace ssod::core::registry::exporting {

namespace {

/// The cmdlets' -Key takes the short hive: HKLM\… (Computer Configuration) or HKCU\… (User
/// Configuration); no other hive exists in a GPO's registry policy.
QString gpoKey(const QString &key)
{
    return ps::quote(path::shortRoot(path::root(key)) + QLatin1Char('\\') + path::withoutRoot(key));
}

Result<void> checkRoot(const Change &c)
{
    const QString root = path::root(c.key);
    if (path::equal(root, QStringLiteral("HKEY_LOCAL_MACHINE"))
        || path::equal(root, QStringLiteral("HKEY_CURRENT_USER")))
        return {};
    return Error::unsupported(
        QStringLiteral("%1 cannot go into a GPO: registry policy only holds HKEY_LOCAL_MACHINE "
                       "(Computer Configuration) and HKEY_CURRENT_USER (User Configuration) "
                       "keys. Use the ps1 or reg export for this change.")
            .arg(c.key),
        c.key);
}

Result<void> writeChange(QStringList &lines, const Change &c)
{
    if (const QString note = changeNote(c); !note.isEmpty())
        lines << QStringLiteral("# ") + note;
    const QString key = gpoKey(c.key);
    switch (c.action) {
    case Change::Action::CreateKey:
        lines << QStringLiteral(
            "# Key %1: Set-GPRegistryValue has no key-only form; clients create the key when "
            "they apply a value set in it.")
                     .arg(c.key);
        break;
    case Change::Action::SetValue: {
        const RegValue value = c.after.value_or(RegValue());
        const auto typed = ps::typedValue(value);
        // REG_NONE has no data form Set-GPRegistryValue documents, so it is refused like the
        // types PowerShell cannot write at all.
        if (!typed || typed->type == QLatin1String("None"))
            return Error::unsupported(
                QStringLiteral(
                    "%1 value \"%2\" under %3 cannot be written by Set-GPRegistryValue with the same "
                    "bytes. Use the pol export and copy it into the GPO instead.")
                    .arg(regTypeName(value.type()), c.name, c.key),
                c.key);
        if ((typed->type == QLatin1String("DWord") || typed->type == QLatin1String("QWord"))
            && typed->value.startsWith(QLatin1String("0x")))
            lines << QStringLiteral(
                "# %1 is a full-width hex literal: PowerShell reads it as the negative signed "
                "integer with the same bits, so the policy stores exactly these bits.")
                         .arg(typed->value);
        lines << QStringLiteral("Set-GPRegistryValue -Name $Gpo -Key %1 -ValueName %2 -Type %3 -Value %4")
                     .arg(key, ps::quote(c.name), typed->type, typed->value);
        break;
    }
    case Change::Action::DeleteValue:
        // Remove-GPRegistryValue only drops a setting from the GPO: clients keep whatever value
        // they have. -Disable records a deletion (**del.<name>) that clients carry out.
        lines << QStringLiteral(
            "# -Disable makes clients delete the value when they apply the GPO "
            "(Remove-GPRegistryValue would only drop the setting and leave clients unchanged).");
        lines << QStringLiteral("Set-GPRegistryValue -Name $Gpo -Key %1 -ValueName %2 -Disable")
                     .arg(key, ps::quote(c.name));
        break;
    case Change::Action::DeleteKey:
        // The cmdlet has no key deletion; -Disable on a key is the closest: it deletes every value
        // directly under the key on clients (**delvals.), leaving the key and its subkeys.
        lines << QStringLiteral(
            "# Delete key %1: the GroupPolicy cmdlets cannot delete a key. -Disable without "
            "-ValueName deletes every value directly under it on clients; the key and its "
            "subkeys stay. The pol export deletes the key itself (**DeleteKeys).")
                     .arg(c.key);
        lines << QStringLiteral("Set-GPRegistryValue -Name $Gpo -Key %1 -Disable").arg(key);
        break;
    }
    return {};
}

} // namespace

Result<QByteArray> exportGpoPowerShell(const ChangeSet &changes, const ExportOptions &options)
{
    if (options.gpoName.trimmed().isEmpty())
        return Error::invalid(
            QStringLiteral("The gpo-ps1 export needs the display name of the GPO to write to."));
    for (const Change &c : changes.changes)
        if (const Result<void> r = checkRoot(c); !r)
            return r.error();

    const QStringList header = headerLines(changes, options,
        QStringLiteral("What: writes these changes as registry policy settings into the domain GPO \"%1\"; "
                       "clients apply them at their next Group Policy refresh.")
            .arg(options.gpoName),
        countOps(changes.toOps()),
        { QStringLiteral(
            "Run where the GroupPolicy module (GPMC / RSAT) is installed, as a user allowed to edit "
            "the GPO.") });

    QStringList lines = ps::commentBlock(header);
    lines << QStringLiteral("$ErrorActionPreference = 'Stop'") << QStringLiteral("Import-Module GroupPolicy")
          << QStringLiteral("$Gpo = %1").arg(ps::quote(options.gpoName)) << QString();
    if (changes.changes.isEmpty())
        lines << QStringLiteral("# Nothing to change: the settings are already compliant.");
    for (const Change &c : changes.changes)
        if (const Result<void> r = writeChange(lines, c); !r)
            return r.error();
    return ps::scriptBytes(lines);
}

} // namespace ssod::core::registry::exporting
