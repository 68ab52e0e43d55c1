// libFuzzer harness for the .reg codec: any input must parse or fail cleanly with a location, and
// whatever parses must survive write -> parse in both formats. The first write may be lossy in the
// documented ways (regedit adds missing NULs, REGEDIT4 holds 8-bit text), so the strict check is
// one round later: writing the re-parsed tree must reach a fixed point.

#include "core/registry/RegFileCodec.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace ssod::core::registry;

namespace {

ParsedRegFile reparse(const QByteArray &written)
{
    auto again = parseRegFile(written, QStringLiteral("rewritten.reg"));
    if (!again) {
        std::fprintf(stderr, "reparse failed: %s\n--- written ---\n%s\n",
            qPrintable(again.error().toString()), written.constData());
        std::abort();
    }
    return std::move(again).value();
}

void check(const RegTree &tree, RegFileFormat format)
{
    const ParsedRegFile second = reparse(writeRegFile(tree, format));
    if (second.format != format)
        std::abort();
    const QByteArray stable = writeRegFile(second.tree, format);
    if (writeRegFile(reparse(stable).tree, format) != stable) {
        std::fprintf(stderr, "writer output does not reach a fixed point\n%s\n", stable.constData());
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // SSOD_FUZZ_PARSE_ONLY=1 runs the parser alone (both reads and their agreement, no write round
    // trips): about six times the executions per second, for the long runs outside CI.
    static const bool parseOnly = qEnvironmentVariableIntValue("SSOD_FUZZ_PARSE_ONLY") == 1;
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    // Read as regedit reads (what stores do): broken lines are skipped with warnings, so only a
    // bad header fails, and what is read must survive writing like a strict read.
    auto lenient = parseRegFile(bytes, QStringLiteral("fuzz.reg"), RegParseOptions { false });
    if (!lenient && !lenient.error().location.startsWith(QStringLiteral("fuzz.reg:")))
        std::abort();
    auto parsed = parseRegFile(bytes, QStringLiteral("fuzz.reg"));
    if (!parsed) {
        if (!parsed.error().location.startsWith(QStringLiteral("fuzz.reg:")))
            std::abort();
        if (lenient && !parseOnly) {
            check(lenient->tree, RegFileFormat::V5);
            check(lenient->tree, RegFileFormat::Regedit4);
        }
        return 0;
    }
    // A file a strict read accepts is read the same way leniently.
    if (!lenient || writeRegFile(lenient->tree) != writeRegFile(parsed->tree)) {
        std::fprintf(stderr, "lenient and strict reads differ on a valid file\n");
        std::abort();
    }
    if (parseOnly)
        return 0;
    check(parsed->tree, RegFileFormat::V5);
    check(parsed->tree, RegFileFormat::Regedit4);
    return 0;
}
