#pragma once

#include "core/registry/RegistryStore.h"
#include "core/util/Result.h"

#include <memory>

namespace ssod::core::registry {

/// What a file holds, from its first bytes (not its extension).
enum class FileType { Unknown, RegFile, PolFile, Hive };

/// Detects the type from content: "regf" → hive, "PReg" → Registry.pol, BOM or a regedit header →
/// .reg. Empty or missing files are typed by extension.
FileType detectFileType(const QByteArray &head, const QString &fileName);

/**
 * Opens FILE as a store, whatever it holds. \a root: where a hive is mounted, or which hive a
 * Registry.pol applies to (HKLM by default; a path with a "User" folder means HKCU). A missing
 * .reg/.pol is an empty store when \a createIfMissing; a hive must exist. On Windows, FILE
 * "registry:" is this computer's live registry.
 */
Result<std::unique_ptr<RegistryStore>> openStore(const QString &file, const QString &root = {},
                                                 bool createIfMissing = false);

} // namespace ssod::core::registry
