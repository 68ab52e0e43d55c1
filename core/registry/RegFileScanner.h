#pragma once

#include "core/registry/ReadOptions.h"
#include "core/registry/RegFileCodec.h"
#include "core/util/Result.h"

#include <QString>

namespace ssod::core::registry {

/**
 * Reads a .reg file from disk in chunks instead of loading and decoding it whole, so a plan or an
 * evaluation against a full registry export (100–300 MB) costs little more than reading the bytes.
 * It walks the raw UTF-16LE or ANSI bytes line by line, looks at section headers only, and hands
 * the sections that lie within ReadOptions::keys (or delete an ancestor of one) to the .reg parser
 * with their real line numbers; every other section is skipped undecoded. For the requested keys
 * the result equals parseRegFile() of the whole file: same values, deletions, order and errors.
 * Errors inside skipped sections are not reported: nothing read from them could change the answer.
 * Without keys every section is parsed, still in chunks (bounded memory, progress, cancel).
 */
class RegFileScanner final {
public:
    static Result<ParsedRegFile> read(const QString &file, const ReadOptions &options = {});
};

} // namespace ssod::core::registry
