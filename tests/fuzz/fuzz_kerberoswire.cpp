// libFuzzer harness for the KRB-ERROR reader and the TCP framing: any input decodes or fails with a
// message, never crashes or allocates beyond the input; what decodes is self-consistent.

#include "core/probe/KerberosWire.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace ssod::core::probe;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    auto e = kerberoswire::decodeKrbError(bytes);
    if (!e) {
        if (e.error().message.isEmpty())
            std::abort();
    } else {
        if (e->pvno != 5 || e->susec < 0 || e->susec > 999999 || !e->stime.isValid() || bytes.isEmpty()
            || quint8(bytes[0]) != 0x7E || e->eData.size() > bytes.size()) {
            std::fprintf(stderr, "decoded an inconsistent KRB-ERROR\n");
            std::abort();
        }
    }
    auto frame = kerberoswire::tcpFrameSize(bytes);
    if (frame && *frame && (**frame < 4 || **frame > kerberoswire::kMaxMessage + 4))
        std::abort();
    (void)kerberoswire::messageKind(bytes);
    if (size >= 15)
        (void)kerberoswire::parseKerberosTime(bytes.left(15));
    return 0;
}
