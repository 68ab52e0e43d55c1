#pragma once

#include "core/registry/ReadOptions.h"
#include "core/registry/RegistryStore.h"
#include "core/util/Result.h"

#include <memory>

namespace ssod::core::registry {

/// What a file holds, from its first bytes (not its extension).
enum class FileType { Unknown, RegFile, PolFile, Hive, JsonPolicy };

/// Detects the type from content: "regf" → hive, "PReg" → Registry.pol, BOM or a regedit header →
/// .reg, "{" → a browser's JSON policy file. Empty or missing files are typed by extension.
FileType detectFileType(const QByteArray &head, const QString &fileName);

/**
 * Opens FILE as a store, whatever it holds. \a root: where a hive is mounted, which hive a
 * Registry.pol applies to (HKLM by default; a path with a "User" folder means HKCU), or which
 * browser's policy key a JSON policy file stands for (by default from its folder, see
 * JsonPolicyStore). A missing .reg/.pol/.json is an empty store when \a createIfMissing; a hive
 * must exist. On Windows, FILE "registry:" is this computer's live registry. \a options: which keys
 * will be read (a .reg file then keeps only those), progress and cancel (see ReadOptions).
 */
Result<std::unique_ptr<RegistryStore>> openStore(const QString &file, const QString &root = {},
                                                 bool createIfMissing = false, const ReadOptions &options = {});

} // namespace ssod::core::registry
