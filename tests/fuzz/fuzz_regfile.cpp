// libFuzzer harness for the .reg codec: any input must parse or fail cleanly, and whatever parses
// must survive write -> parse in both formats, with the second write identical to the first
// (the writer's output is a fixed point of parse + write).

#include "core/registry/RegFileCodec.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace ssod::core::registry;

namespace {

void check(const RegTree &tree, RegFileFormat format)
{
    const QByteArray written = writeRegFile(tree, format);
    auto again = parseRegFile(written, QStringLiteral("rewritten.reg"));
    if (!again) {
        std::fprintf(stderr, "reparse failed: %s\n--- written ---\n%s\n", qPrintable(again.error().toString()),
                     written.constData());
        std::abort();
    }
    if (again->format != format || writeRegFile(again->tree, format) != written) {
        std::fprintf(stderr, "writer output is not stable\n");
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    auto parsed = parseRegFile(bytes, QStringLiteral("fuzz.reg"));
    if (!parsed) {
        if (!parsed.error().location.startsWith(QStringLiteral("fuzz.reg:")))
            std::abort();
        return 0;
    }
    check(parsed->tree, RegFileFormat::V5);
    check(parsed->tree, RegFileFormat::Regedit4);
    return 0;
}
