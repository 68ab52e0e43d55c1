// libFuzzer harness for the IIS readers: applicationHost.config and a site's web.config. Any bytes
// give a configuration or an Error with a message; a configuration gives one report per
// application with a non-empty pool and account rule, and findings that all name their subject.
#include "core/check/IisConfig.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace ssod::core::check;

namespace {

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "fuzz_iisconfig: %s\n", what);
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto layer = parseWebConfigWinAuth(bytes, QStringLiteral("web.config"));
    if (!layer && layer.error().message.isEmpty())
        fail("web.config: an Error without a message");
    const auto config = parseApplicationHost(bytes, QStringLiteral("applicationHost.config"));
    if (!config) {
        if (config.error().message.isEmpty())
            fail("applicationHost.config: an Error without a message");
        return 0;
    }
    QMap<QString, WinAuthLayer> webConfigs;
    if (layer && *layer && !config->sites.isEmpty())
        webConfigs.insert(config->sites.first().name, **layer);
    qsizetype apps = 0;
    for (const IisSite &s : config->sites)
        apps += s.applications.size();
    const QList<IisAppReport> reports = IisCheck::applications(*config, webConfigs, QStringLiteral("WEB01"));
    if (reports.size() != apps)
        fail("not one report per application");
    for (const IisAppReport &r : reports) {
        if (r.builtInIdentity && r.account != QLatin1String("WEB01$"))
            fail("a built-in identity without the machine account");
        if (r.spns.size() > r.hosts.size())
            fail("more SPNs than host names");
    }
    for (const ssod::core::Finding &f : IisCheck::findings(reports))
        if (f.subject.isEmpty() && f.id != QLatin1String("iis.winauth-off") && f.title.isEmpty())
            fail("a finding without subject or title");
    return 0;
}
