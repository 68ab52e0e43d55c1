// libFuzzer harness for the web portal's <SSOConditions> reader and gate: any bytes give a config
// or an Error with a message (naming a line for malformed XML); a config evaluates to a decision
// whose steps end at the rule that decided, and its findings are made; nothing crashes or hangs.
#include "core/check/PortalGate.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace ssod::core::check;

namespace {

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "fuzz_portalconfig: %s\n", what);
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto config = parsePortalConfig(bytes, QStringLiteral("web.config"));
    if (!config) {
        if (config.error().message.isEmpty())
            fail("an Error without a message");
        return 0;
    }
    for (const auto *list : { &config->spns, &config->ipWhiteList, &config->ipBlackList, &config->urlBlackList,
             &config->browserWhiteList })
        for (const PortalEntry &e : *list)
            if (e.line < 1 || e.value.trimmed().isEmpty())
                fail("an entry without a line or a value");
    // The same config asked about a few requests; the URL's host is the first SPN, so later steps run.
    const QString host = config->spns.isEmpty() ? QStringLiteral("h") : config->spns.first().value;
    for (const PortalRequest &req :
        { PortalRequest { QStringLiteral("10.1.2.3"), QStringLiteral("https://%1/a/b?c=d").arg(host),
              QStringLiteral("Mozilla/5.0 Edg/120"), {} },
            PortalRequest { QStringLiteral("fe80::1"), QStringLiteral("http://%1:8080/").arg(host), QString(),
                { { QStringLiteral("PstarNoKerberos"), QStringLiteral("0") } } },
            PortalRequest { QString::fromUtf8(bytes.left(40)), QString::fromUtf8(bytes.left(80)), QString::fromUtf8(bytes), {} } }) {
        const PortalDecision d = PortalGate::evaluate(*config, req);
        if (d.rule.isEmpty() || d.steps.isEmpty())
            fail("a decision without a rule or steps");
        if (d.attempted != (d.rule == QLatin1String("allowed")) || d.steps.last().passed != d.attempted)
            fail("the steps do not end at the rule that decided");
        if (PortalGate::findings(*config, req, d).isEmpty())
            fail("no finding for a decision");
    }
    return 0;
}
