#pragma once

// Internal helpers shared by RegFileParser.cpp and RegFileWriter.cpp; not part of the core API.

#include "core/registry/RegFileCodec.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>
#include <optional>

namespace ssod::core::registry::regfile {

/// Largest value data we accept or write. Windows itself allows more in theory, but nothing a
/// policy or SSO setting needs comes close, and the cap keeps hostile files from eating memory.
inline constexpr qsizetype kMaxValueBytes = 16 * 1024 * 1024;

/**
 * How the text of a .reg file is encoded. regedit only knows "UTF-16LE with BOM" and "ANSI" (the
 * system code page). We cannot know the writer's code page, so ANSI files are read as UTF-8 when
 * the whole file is valid UTF-8 (ASCII files included; this is also what our own REGEDIT4 writer
 * produces) and as Latin-1 otherwise (the closest fixed stand-in for Windows-1252).
 */
enum class TextEncoding { Utf16, Utf8, Latin1 };

inline bool isStringType(quint32 type)
{
    return type == 1 || type == 2 || type == 7; // REG_SZ, REG_EXPAND_SZ, REG_MULTI_SZ
}

/// UTF-16LE bytes of \a s, without adding a terminator.
QByteArray toUtf16le(QStringView s);

/// The UTF-16 code units of \a bytes (a trailing odd byte becomes its own unit, zero-extended).
QString fromUtf16le(QByteArrayView bytes);

/**
 * What regedit does to the bytes of a hex(1)/hex(2)/hex(7) value on import (FACTS.md §1.3): add a
 * missing final NUL and, in an ANSI file, widen the 8-bit text to UTF-16LE. The writer runs the
 * same function to find values that will not read back exactly.
 */
QByteArray importHexString(QByteArray bytes, TextEncoding encoding);

/// True when string-type hex bytes are evidently UTF-16LE text already: an even length, every high
/// byte NUL, some text, and a UTF-16 NUL at the end. ANSI text never looks like this (it holds no
/// NUL inside a string, and a REG_MULTI_SZ of one-letter ANSI strings has an odd length).
bool looksLikeUtf16le(QByteArrayView bytes);

/// 8-bit form of a UTF-16LE string value for a REGEDIT4 file (UTF-8, see TextEncoding).
QByteArray narrowForRegedit4(const QByteArray &utf16);

/**
 * Parses lines of a .reg file that follow its header, as parseRegFile would at that point: \a text
 * (decoded from \a encoding) starts with 1-based line \a firstLine and at a line the file starts a
 * section with (or right after the header); its sections are applied on top of \a into. This is how
 * RegFileScanner parses only the sections a request needs, with the file's real line numbers.
 */
Result<void> parseSections(QString text, TextEncoding encoding, qsizetype firstLine, const QString &fileName,
                           ParsedRegFile &into, const RegParseOptions &options = {});

/// Full root name for the part of \a keyName before the first backslash, and the rest verbatim
/// (trailing backslashes dropped). Unlike path::canonical this keeps '/' and doubled backslashes:
/// both are legal inside key names (e.g. SCHANNEL\Ciphers\RC4 128/128).
std::optional<QString> canonicalKeyName(QStringView keyName);

} // namespace ssod::core::registry::regfile
