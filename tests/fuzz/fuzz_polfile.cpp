// libFuzzer harness for the Registry.pol codec: parsing must never crash, hang or leak, and any
// tree it yields must survive a write and a re-parse (the writer may refuse a tree, e.g. a value
// over 64 KiB that the lenient reader accepted, but what it writes must read back).
#include "core/registry/PolFileCodec.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace ssod::core::registry;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto tree = parsePolFile(bytes, QStringLiteral("fuzz.pol"));
    if (!tree.ok()) {
        if (tree.error().location.isEmpty())
            std::abort(); // every parse error must say where
        return 0;
    }
    const auto written = writePolFile(*tree);
    if (!written.ok())
        return 0;
    const auto again = parsePolFile(*written, QStringLiteral("rewritten.pol"));
    if (!again.ok())
        std::abort();
    // Writing is deterministic on what it reads back: a second write gives the same bytes.
    const auto rewritten = writePolFile(*again);
    if (!rewritten.ok() || *rewritten != *written)
        std::abort();
    return 0;
}
