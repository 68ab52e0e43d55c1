#pragma once

#include "core/registry/RegTree.h"
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
};

/**
 * Parses a .reg file as regedit and Wine do (FACTS.md §1): BOM decides UTF-16LE vs ANSI, header
 * "Windows Registry Editor Version 5.00" or "REGEDIT4", key and deletion lines, every value form,
 * escapes, hex continuations, comments. Abbreviated roots (HKLM…) are accepted. Errors name
 * \a fileName and the 1-based line: "policy.reg:12: bad hex byte 'zz' in value "X"".
 */
Result<ParsedRegFile> parseRegFile(const QByteArray &bytes, const QString &fileName);

/**
 * Writes \a tree as a .reg file: full root names, CRLF, REG_SZ as "…" (hex(1) when it holds
 * control characters), REG_DWORD as dword:%08x, everything else as hex(N) wrapped at ~77 columns.
 * \a comments become leading "; " lines after the header.
 */
QByteArray writeRegFile(const RegTree &tree, RegFileFormat format = RegFileFormat::V5,
                        const QStringList &comments = {});

} // namespace ssod::core::registry
