#pragma once

#include "core/registry/RegTree.h"
#include "core/util/Result.h"

#include <QByteArray>
#include <QString>

namespace ssod::core::registry {

/**
 * Registry.pol (PReg, [MS-GPREG] §2.2.1; FACTS.md §2). Keys in the file are relative to \a root
 * ("HKEY_LOCAL_MACHINE" for Machine\Registry.pol, "HKEY_CURRENT_USER" for User\Registry.pol).
 * Special names map onto RegTree: **del.X / **DeleteValues → deletion entries, **delvals. →
 * deleteAllValues, **DeleteKeys → deleteKey markers on the children; other "**" names (soft.,
 * SecureKey) are kept as literal values so nothing is lost. Key-only entries create the key.
 * Errors name \a fileName and the byte offset: "Registry.pol@0x1a: entry size 70000 exceeds …".
 */
Result<RegTree> parsePolFile(const QByteArray &bytes, const QString &fileName,
                             const QString &root = QStringLiteral("HKEY_LOCAL_MACHINE"));

/// Writes \a tree as PReg. Fails (naming the key) when a key lies outside \a root or a value is
/// larger than the format allows.
Result<QByteArray> writePolFile(const RegTree &tree, const QString &root = QStringLiteral("HKEY_LOCAL_MACHINE"));

/// The first 8 bytes of every file writePolFile makes (signature and version).
QByteArray polFileHeader();

/// The entries of \a tree as writePolFile writes them after the header, so a large file can be
/// written in pieces; when no key repeats across the pieces, header + pieces equals writePolFile.
Result<QByteArray> writePolSections(const RegTree &tree, const QString &root = QStringLiteral("HKEY_LOCAL_MACHINE"));

} // namespace ssod::core::registry
