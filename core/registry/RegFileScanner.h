#pragma once

#include "core/registry/ReadOptions.h"
#include "core/registry/RegFileCodec.h"
#include "core/util/Result.h"

#include <QString>
#include <functional>

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

    /// Turns one part of the file (consecutive sections, as a tree of their own) into output
    /// bytes, adding its warnings. Runs on worker threads, several at once.
    using PartWriter = std::function<Result<QByteArray>(const RegTree &part, FileWarnings &warnings)>;
    /// Takes the bytes of each part in file order, on the calling thread.
    using PartSink = std::function<Result<void>(const QByteArray &bytes)>;

    struct Streamed {
        /// false: the file repeats or deletes, in a later part, a key an earlier part holds (or an
        /// ANSI file turned out not to be UTF-8 after non-ASCII text): what the sink got differs
        /// from writing the whole tree; discard it and read() the file instead.
        bool complete = true;
        RegFileFormat format = RegFileFormat::V5;
        FileWarnings warnings; ///< reading warnings, then the writer's, in file order
    };

    /**
     * Converts a file without ever holding all of it: reads it in chunks, parses the parts on
     * worker threads, writes each with \a write and hands the bytes to \a sink in order. The
     * result equals writing read()'s tree in one piece whenever it is complete. An error of the
     * parser (strict), the writer or the sink stops the stream and is returned.
     */
    static Result<Streamed> stream(
        const QString &file, const ReadOptions &options, const PartWriter &write, const PartSink &sink);
};

} // namespace ssod::core::registry
