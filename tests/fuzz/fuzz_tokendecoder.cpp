// libFuzzer harness for the token decoder: the same input as token bytes and as pasted text
// (header line, base64, hex). Either way it must return a value with a verdict or an Error with a
// message, a stopped decode must say why in a "problem" field, and nothing may crash, leak or run away.
#include "core/probe/TokenDecoder.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace ssod::core::probe;

namespace {

void check(const ssod::core::Result<DecodedToken> &t, const char *what)
{
    if (!t) {
        if (t.error().message.isEmpty()) {
            std::fprintf(stderr, "%s: an Error without a message\n", what);
            std::abort();
        }
        return;
    }
    if (t->verdict.isEmpty()) {
        std::fprintf(stderr, "%s: no verdict\n", what);
        std::abort();
    }
    if (!t->problem.isEmpty() && (t->fields.isEmpty() || t->fields.last().label != QLatin1String("problem"))) {
        std::fprintf(stderr, "%s: a problem without its field\n", what);
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    check(decodeTokenBytes(bytes, QStringLiteral("Negotiate")), "bytes");
    // The same bytes pasted: as text (whatever it says), and wrapped in a header as base64.
    check(decodeToken(QString::fromLatin1(bytes)), "text");
    check(decodeToken(QStringLiteral("Authorization: Negotiate ") + QString::fromLatin1(bytes.toBase64())), "base64");
    return 0;
}
