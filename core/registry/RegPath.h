#pragma once

#include <QString>

#include <optional>

/// Registry key paths are plain QStrings in canonical form: a full root name
/// ("HKEY_LOCAL_MACHINE"), then "\"-separated components, no trailing backslash. Windows compares
/// key and value names case-insensitively; so do these helpers.
namespace ssod::core::registry::path {

/// Canonical form of \a path, accepting abbreviated roots (HKLM, HKCU, HKU, HKCR, HKCC) and
/// "HKLM:" as PowerShell writes it; nullopt when the root is not a registry root.
std::optional<QString> canonical(const QString &path);

QString root(const QString &path);       ///< "HKEY_LOCAL_MACHINE"
QString withoutRoot(const QString &path); ///< "SOFTWARE\Policies\…" (empty for a bare root)
QString parent(const QString &path);     ///< empty for a root
QString leaf(const QString &path);       ///< last component
QString join(const QString &path, const QString &child);
QString shortRoot(const QString &rootName); ///< "HKLM" for "HKEY_LOCAL_MACHINE"

bool equal(const QString &a, const QString &b);
/// True when \a path is \a ancestor or lies below it.
bool isWithin(const QString &path, const QString &ancestor);
/// Lower-cased key used for hashing case-insensitively.
QString fold(const QString &path);

} // namespace ssod::core::registry::path
