// ps1 export: the change set as registry-provider commands for the local machine.

#include "core/registry/RegPath.h"
#include "core/registry/export/ExportCommon.h"
#include "core/registry/export/PowerShellSyntax.h"

#include <QSet>

namespace ssod::core::registry::exporting {

namespace {

const QString kUser = QStringLiteral("HKEY_CURRENT_USER");

/// HKLM:\… and HKCU:\… are the drives PowerShell defines; other hives only exist through the
/// provider-qualified form.
QString providerPath(const QString &key)
{
    const QString root = path::root(key);
    QString drive;
    if (path::equal(root, QStringLiteral("HKEY_LOCAL_MACHINE")))
        drive = QStringLiteral("HKLM:\\");
    else if (path::equal(root, kUser))
        drive = QStringLiteral("HKCU:\\");
    else
        return QStringLiteral("Registry::") + key;
    return drive + path::withoutRoot(key);
}

/// -Path expands wildcards, so a key name holding * ? [ ] would address other keys: those paths
/// go through -LiteralPath. Ordinary paths keep the -Path form admins read everywhere.
QString pathArg(const QString &key)
{
    const QString p = providerPath(key);
    return (ps::hasWildcard(p) ? QStringLiteral("-LiteralPath ") : QStringLiteral("-Path ")) + ps::quote(p);
}

QString nameArg(const QString &name)
{
    // The registry provider spells the unnamed (default) value "(default)".
    return ps::quote(name.isEmpty() ? QStringLiteral("(default)") : name);
}

/// The .NET hive property for a root, used where the cmdlets would expand a wildcard value name.
QString dotNetHive(const QString &root)
{
    static const std::pair<const char *, const char *> kHives[] = {
        { "HKEY_LOCAL_MACHINE", "LocalMachine" },
        { "HKEY_CURRENT_USER", "CurrentUser" },
        { "HKEY_USERS", "Users" },
        { "HKEY_CLASSES_ROOT", "ClassesRoot" },
        { "HKEY_CURRENT_CONFIG", "CurrentConfig" },
    };
    for (const auto &[full, prop] : kHives)
        if (path::equal(root, QLatin1String(full)))
            return QString::fromLatin1(prop);
    return {};
}

class ScriptWriter {
public:
    QStringList lines;

    void ensureKey(const QString &key)
    {
        const QString folded = path::fold(key);
        if (m_ensured.contains(folded))
            return;
        m_ensured.insert(folded);
        // New-Item -Force on an existing registry key recreates it empty, hence the Test-Path guard;
        // -Force is still wanted because it creates missing parent keys.
        lines << QStringLiteral("if (-not (Test-Path %1)) { New-Item -Path %2 -Force | Out-Null }")
                     .arg(pathArg(key), ps::quote(providerPath(key)));
    }

    void forgetKeysUnder(const QString &key)
    {
        m_ensured.removeIf([&](const QString &k) { return path::isWithin(k, path::fold(key)); });
    }

private:
    QSet<QString> m_ensured;
};

/// The list's current content was not known when the change was planned, so the script reads it
/// on the target machine and adds/removes the item there: a fixed value would replace entries
/// (e.g. kerberos, msv1_0 in Lsa\Security Packages) that the machine needs.
void writeRelativeItems(ScriptWriter &w, const Change &c)
{
    w.ensureKey(c.key);
    const QString where = pathArg(c.key);
    const QString name = nameArg(c.name);
    const QString read = QStringLiteral("(Get-ItemProperty %1 -ErrorAction SilentlyContinue).%2").arg(where, ps::quote(c.name));
    for (const ListItemEdit &e : c.relativeItems) {
        const QString item = ps::quote(e.item);
        if (e.kind == ListItemEdit::Kind::MultiSz) {
            w.lines << QStringLiteral("$Items = @(%1 | Where-Object { $_ })").arg(read);
            if (e.present)
                w.lines << QStringLiteral("if ($Items -notcontains %1) { Set-ItemProperty %2 -Name %3 -Type MultiString -Value ($Items + %1) }")
                               .arg(item, where, name);
            else
                w.lines << QStringLiteral("if ($Items -contains %1) { Set-ItemProperty %2 -Name %3 -Type MultiString -Value @($Items | Where-Object { $_ -ne %1 }) }")
                               .arg(item, where, name);
        } else {
            w.lines << QStringLiteral("$Text = [string]%1").arg(read);
            w.lines << QStringLiteral("$Items = @($Text -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ })");
            if (e.present)
                w.lines << QStringLiteral("if ($Items -notcontains %1) { $Text = $Text.TrimEnd(' ', ','); "
                                          "Set-ItemProperty %2 -Name %3 -Type String -Value $(if ($Text) { $Text + ', ' + %1 } else { %1 }) }")
                               .arg(item, where, name);
            else
                w.lines << QStringLiteral("if ($Items -contains %1) { Set-ItemProperty %2 -Name %3 -Type String -Value (@($Items | Where-Object { $_ -ne %1 }) -join ', ') }")
                               .arg(item, where, name);
        }
    }
}

Result<void> writeChange(ScriptWriter &w, const Change &c)
{
    if (const QString note = changeNote(c); !note.isEmpty())
        w.lines << QStringLiteral("# ") + note;
    switch (c.action) {
    case Change::Action::CreateKey:
        w.ensureKey(c.key);
        break;
    case Change::Action::SetValue: {
        if (!c.relativeItems.isEmpty()) {
            writeRelativeItems(w, c);
            break;
        }
        const RegValue value = c.after.value_or(RegValue());
        const auto typed = ps::typedValue(value);
        if (!typed)
            return Error::unsupported(
                QStringLiteral("%1 value \"%2\" under %3 cannot be written by Set-ItemProperty with the same "
                               "bytes. Use the reg or pol export for this change.")
                    .arg(regTypeName(value.type()), c.name, c.key),
                c.key);
        if ((typed->type == QLatin1String("DWord") || typed->type == QLatin1String("QWord"))
            && typed->value.startsWith(QLatin1String("0x")))
            w.lines << QStringLiteral("# %1 is a full-width hex literal: PowerShell reads it as the negative "
                                      "signed integer with the same bits, which is the type -Type %2 takes.")
                           .arg(typed->value, typed->type);
        w.ensureKey(c.key);
        w.lines << QStringLiteral("Set-ItemProperty %1 -Name %2 -Type %3 -Value %4")
                       .arg(pathArg(c.key), nameArg(c.name), typed->type, typed->value);
        break;
    }
    case Change::Action::DeleteValue:
        if (ps::hasWildcard(c.name)) {
            // Remove-ItemProperty matches -Name as a wildcard: '*' would delete every value of the key.
            const QString hive = dotNetHive(path::root(c.key));
            if (hive.isEmpty())
                return Error::unsupported(
                    QStringLiteral("Value \"%1\" under %2 cannot be deleted by the ps1 export. "
                                   "Use the reg export for this change.")
                        .arg(c.name, c.key),
                    c.key);
            w.lines << QStringLiteral(
                "# The value name holds wildcard characters that Remove-ItemProperty would "
                "expand, so it is deleted through .NET.");
            w.lines << QStringLiteral("$Key = [Microsoft.Win32.Registry]::%1.OpenSubKey(%2, $true); "
                                      "if ($Key) { $Key.DeleteValue(%3, $false); $Key.Close() }")
                           .arg(hive, ps::quote(path::withoutRoot(c.key)), ps::quote(c.name));
        } else {
            w.lines << QStringLiteral("Remove-ItemProperty %1 -Name %2 -ErrorAction SilentlyContinue")
                           .arg(pathArg(c.key), nameArg(c.name));
        }
        break;
    case Change::Action::DeleteKey:
        w.lines << QStringLiteral("Remove-Item %1 -Recurse -Force -ErrorAction SilentlyContinue")
                       .arg(pathArg(c.key));
        w.forgetKeysUnder(c.key);
        break;
    }
    return {};
}

} // namespace

Result<QByteArray> exportPowerShell(const ChangeSet &changes, const ExportOptions &options)
{
    // Changes confined to HKCU must run as the user they are for: an elevated prompt may belong to
    // another (admin) account and would write that account's HKCU.
    bool userOnly = !changes.changes.isEmpty();
    for (const Change &c : changes.changes)
        userOnly = userOnly && path::equal(path::root(c.key), kUser);
    const QString run = userOnly
        ? QStringLiteral(
            "Run as the user whose settings should change; no elevation needed (HKEY_CURRENT_USER only).")
        : QStringLiteral("Run elevated: from a PowerShell started with \"Run as administrator\".");
    const QStringList header = headerLines(changes, options,
        QStringLiteral("What: applies these registry changes to this computer through the PowerShell "
                       "registry provider."),
        countOps(changes.toOps()), { run });

    ScriptWriter w;
    w.lines << ps::commentBlock(header);
    if (!userOnly)
        w.lines << QStringLiteral("#Requires -RunAsAdministrator");
    w.lines << QStringLiteral("$ErrorActionPreference = 'Stop'") << QString();
    if (changes.changes.isEmpty())
        w.lines << QStringLiteral("# Nothing to change: the settings are already compliant.");
    for (const Change &c : changes.changes)
        if (const Result<void> r = writeChange(w, c); !r)
            return r.error();
    return ps::scriptBytes(w.lines);
}

} // namespace ssod::core::registry::exporting
