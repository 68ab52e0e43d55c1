#pragma once

#include "core/registry/RegTree.h"
#include "core/util/FileWarning.h"
#include "core/util/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace ssod::core::registry {

enum class RegFileFormat {
    V5,       ///< "Windows Registry Editor Version 5.00", UTF-16LE with BOM
    Regedit4, ///< "REGEDIT4", ANSI (we read/write Latin-1/UTF-8 compatible bytes)
};

struct ParsedRegFile
{
    RegTree tree;
    RegFileFormat format = RegFileFormat::V5;
    FileWarnings warnings; ///< lines skipped (lenient reading) and data read one of two ways
};

struct RegParseOptions {
    /// true: a line regedit would skip is an error naming the line (what validation wants).
    /// false: it is skipped with a warning and the rest is read, as regedit imports the rest.
    bool strict = true;
};

/// The .reg text and its lossy or reinterpreting steps (see FileWarning::Kind::Lost).
struct WrittenRegFile {
    QByteArray bytes;
    FileWarnings warnings;
};

/**
 * Parses a .reg file as regedit and Wine do (FACTS.md §1): BOM decides UTF-16LE vs ANSI, header
 * "Windows Registry Editor Version 5.00" or "REGEDIT4", key and deletion lines, every value form,
 * escapes, hex continuations, comments. Abbreviated roots (HKLM…) are accepted. Errors name
 * \a fileName and the 1-based line: "policy.reg:12: bad hex byte 'zz' in value "X"". With
 * options.strict false, a broken key or value line is skipped with a warning instead, as regedit
 * skips it; only a file regedit would not import at all (bad header) is still an error.
 */
Result<ParsedRegFile> parseRegFile(
    const QByteArray &bytes, const QString &fileName, const RegParseOptions &options = {});

/**
 * Writes \a tree as a .reg file: full root names, CRLF, REG_SZ as "…" (hex(1) when it holds
 * control characters), REG_DWORD as dword:%08x, everything else as hex(N) wrapped at ~77 columns.
 * \a comments become leading "; " lines after the header.
 */
QByteArray writeRegFile(const RegTree &tree, RegFileFormat format = RegFileFormat::V5,
                        const QStringList &comments = {});

/// writeRegFile, plus a warning for each instruction of \a tree a .reg file cannot express (a
/// Registry.pol **delvals., a literal "**" instruction) or a value that reads back changed.
/// \a sourceName is the file \a tree came from, for the warnings' location.
WrittenRegFile writeRegFileReporting(
    const RegTree &tree, RegFileFormat format, const QStringList &comments, const QString &sourceName);

/// The start of a file writeRegFile makes: the byte order mark (V5), the header line, \a comments
/// and a blank line.
QByteArray regFileHeader(RegFileFormat format, const QStringList &comments = {});

/// The sections of \a tree as writeRegFileReporting writes them after the header, so a large file
/// can be written in pieces: the header, then the sections of each part of the tree in order. When
/// no key repeats across the parts, the bytes equal writeRegFile of the whole tree.
WrittenRegFile writeRegFileSections(const RegTree &tree, RegFileFormat format, const QString &sourceName);

} // namespace ssod::core::registry
