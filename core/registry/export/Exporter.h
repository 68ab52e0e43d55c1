#pragma once

#include "core/registry/ChangeSet.h"
#include "core/util/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace ssod::core::registry {

enum class ExportFormat {
    Reg,     ///< .reg (Version 5.00, UTF-16LE)
    RegUndo, ///< .reg that reverts the change set
    Pol,     ///< Registry.pol (machine or user part)
    Ps1,     ///< PowerShell for the local machine (New-Item / Set-ItemProperty / Remove-ItemProperty)
    GpoPs1,  ///< PowerShell for a domain GPO (Set-GPRegistryValue / Remove-GPRegistryValue)
    GppXml,  ///< Group Policy Preferences Registry.xml
};

/// "reg", "reg-undo", "pol", "ps1", "gpo-ps1", "gpp-xml" ⇄ ExportFormat.
std::optional<ExportFormat> exportFormatFromName(const QString &name);
QString exportFormatName(ExportFormat f);
QString exportFileSuffix(ExportFormat f); ///< ".reg", ".pol", ".ps1", ".xml"

/// Why an export exists, written into its leading comment.
struct ExportSource
{
    QString settingId;
    QString title;
    QString why; ///< one line: the explanation a reader of the script needs
};

struct ExportOptions
{
    QList<ExportSource> sources;
    QString gpoName = QStringLiteral("SSO Doctor"); ///< for GpoPs1
    /// Timestamp written into the header and GPP "changed" attributes; tests pin it.
    QString generatedAt;
};

/**
 * Renders \a changes in \a format. Each text export starts with a comment that says what it does,
 * why, and which settings it came from (Registry.pol has no comment syntax). Fails with a message
 * when the change set cannot be expressed (e.g. HKCU and HKLM changes mixed in one Registry.pol).
 */
Result<QByteArray> exportChangeSet(const ChangeSet &changes, ExportFormat format, const ExportOptions &options);

} // namespace ssod::core::registry
