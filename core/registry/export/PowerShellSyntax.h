#pragma once

// Internal to core/registry/export: PowerShell literals for the ps1 and gpo-ps1 exports.

#include "core/registry/RegValue.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <optional>

namespace ssod::core::registry::ps {

/**
 * A PowerShell string literal for \a s: single-quoted with embedded quotes doubled (PowerShell
 * also treats the typographic quotes U+2018–U+201B as single quotes), or, when \a s holds control
 * characters, double-quoted with backtick escapes, so the script stays one command per line.
 */
QString quote(const QString &s);

/// True when \a s holds a character PowerShell's wildcard matching would interpret (* ? [ ]).
bool hasWildcard(const QString &s);

/**
 * DWORD and QWORD literals with the exact bits of \a v. Values with the top bit set are written as
 * full-width hex (0xFFFFFFFF), which PowerShell reads as the negative Int32/Int64 with those bits;
 * that is the signed type .NET's RegistryKey.SetValue expects, whereas 4294967295 would be an
 * Int64 the DWord conversion rejects as out of range.
 */
QString dwordLiteral(quint32 v);
QString qwordLiteral(quint64 v);
QString byteArrayLiteral(const QByteArray &bytes); ///< ([byte[]](0x01,0x02)), ([byte[]]@()) when empty

/// A value as the registry cmdlets take it: -Type / -PropertyType name and -Value expression.
struct TypedValue {
    QString type; ///< String, ExpandString, MultiString, DWord, QWord, Binary, None
    QString value; ///< PowerShell expression
};

/// nullopt for types the cmdlets cannot write with the exact bytes (REG_LINK, big-endian DWORD,
/// resource lists, unnamed type numbers, a DWORD whose data is not 4 bytes).
std::optional<TypedValue> typedValue(const RegValue &v);

/// \a header as a <# … #> block (a "#>" inside the text is defused so it cannot end the block).
QStringList commentBlock(const QStringList &header);

/// The script file: UTF-8 with BOM, CRLF line ends, final newline.
QByteArray scriptBytes(const QStringList &lines);

} // namespace ssod::core::registry::ps
