// libFuzzer harness for the .rdp parser: any input parses or fails cleanly with a location naming
// the file; whatever parses must serialize back to the very same bytes (a corrected copy changes
// only the lines a fix touches), re-parse to an equal file, and survive the linter's fix twice.

#include "core/rdp/RdpFile.h"
#include "core/rdp/RdpLinter.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace ssod::core::rdp;

namespace {

const RdpLinter &linter()
{
    static const RdpLinter l = [] {
        auto built = RdpLinter::builtin();
        if (!built) {
            std::fprintf(stderr, "rules: %s\n", qPrintable(built.error().toString()));
            std::abort();
        }
        return std::move(*built);
    }();
    return l;
}

RdpFile reparse(const QByteArray &bytes, const char *what)
{
    auto again = RdpFile::parse(bytes, QStringLiteral("again.rdp"));
    if (!again) {
        std::fprintf(stderr, "%s does not parse: %s\n", what, qPrintable(again.error().toString()));
        std::abort();
    }
    return std::move(again).value();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    auto parsed = RdpFile::parse(bytes, QStringLiteral("fuzz.rdp"));
    if (!parsed) {
        if (!parsed.error().location.startsWith(QStringLiteral("fuzz.rdp"))
            || parsed.error().message.isEmpty())
            std::abort();
        return 0;
    }
    const QByteArray written = parsed->serialize();
    if (written != bytes) {
        std::fprintf(stderr, "serialize() changed the bytes (%lld -> %lld)\n", qlonglong(bytes.size()),
            qlonglong(written.size()));
        std::abort();
    }
    if (!(reparse(written, "serialized file") == *parsed))
        std::abort();
    const RdpFile once = linter().fixed(*parsed);
    const RdpFile onceAgain = reparse(once.serialize(), "fixed file");
    // The corrected copy must read back to the very bytes written. Its decoded lines must match too,
    // except for an 8-bit (ANSI) file whose only non-UTF-8 bytes sat in a value the fix replaced:
    // the same bytes then also form valid UTF-8 and are read as such (detection cannot tell).
    const QByteArray onceBytes = once.serialize();
    if (onceAgain.serialize() != onceBytes || once.encoding() != parsed->encoding()) {
        std::fprintf(stderr, "fixed file does not read back to its bytes\n");
        std::abort();
    }
    const bool ansiReadAsUtf8 = once.encoding() == RdpEncoding::Ansi && onceAgain.encoding() == RdpEncoding::Utf8;
    if (!ansiReadAsUtf8 && !(onceAgain == once)) {
        std::fprintf(stderr, "fixed file differs after a re-read\n");
        std::abort();
    }
    if (linter().fixed(once).serialize() != once.serialize()) {
        std::fprintf(stderr, "fixing twice changed the file\n");
        std::abort();
    }
    return 0;
}
