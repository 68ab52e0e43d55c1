#pragma once

// Shared by the SPN prediction tests: DNS as a table and the helpers that read a prediction.
#include "core/directory/SpnPredictor.h"

#include <QHash>
#include <algorithm>

namespace predicttest {

using namespace ssod::core::directory;
using ssod::core::Error;
using ssod::core::Result;

/// DNS as a table, for unit tests only: CNAMEs, addresses, PTR records and names that time out.
class TableHostResolver final : public HostResolver {
public:
    QHash<QString, QString> cnames;
    QHash<QString, QStringList> addresses;
    QHash<QString, QString> ptr;
    QStringList silent; ///< names whose lookup times out
    QStringList search;
    int lookups = 0;

    Result<QString> reverseName(const QString &address) override
    {
        if (ptr.contains(address))
            return ptr.value(address);
        return Error::notFound(QStringLiteral("no PTR record for %1").arg(address));
    }
    QStringList searchDomains() const override { return search; }

protected:
    Result<Answer> lookup(const QString &name) override
    {
        ++lookups;
        if (silent.contains(name))
            return Error::io(QStringLiteral("DNS gave no answer for %1").arg(name));
        if (cnames.contains(name))
            return Answer { cnames.value(name), {} };
        if (addresses.contains(name))
            return Answer { {}, addresses.value(name) };
        return Error::notFound(QStringLiteral("%1 does not resolve").arg(name));
    }
};

/// contoso.test: app is a CNAME of web01 (10.0.0.5, whose PTR says host5), deep is two hops away,
/// short names resolve through the search domain only for krb5's qualification.
inline TableHostResolver contoso()
{
    TableHostResolver r;
    r.cnames = { { QStringLiteral("app.contoso.test"), QStringLiteral("web01.contoso.test") },
        { QStringLiteral("deep.contoso.test"), QStringLiteral("mid.contoso.test") },
        { QStringLiteral("mid.contoso.test"), QStringLiteral("web02.contoso.test.") },
        { QStringLiteral("loop1.contoso.test"), QStringLiteral("loop2.contoso.test") },
        { QStringLiteral("loop2.contoso.test"), QStringLiteral("loop1.contoso.test") },
        { QStringLiteral("dangling.contoso.test"), QStringLiteral("gone.contoso.test") } };
    r.addresses = { { QStringLiteral("web01.contoso.test"), { QStringLiteral("10.0.0.5") } },
        { QStringLiteral("web02.contoso.test"), { QStringLiteral("10.0.0.6"), QStringLiteral("fd00::6") } },
        { QStringLiteral("portal.contoso.test"), { QStringLiteral("10.0.0.7") } } };
    r.ptr = { { QStringLiteral("10.0.0.5"), QStringLiteral("host5.contoso.test.") },
        { QStringLiteral("10.0.0.6"), QStringLiteral("web02.contoso.test") },
        { QStringLiteral("10.0.0.9"), QStringLiteral("printer9.contoso.test") } };
    r.silent = { QStringLiteral("slow.contoso.test") };
    r.search = { QStringLiteral("corp.test"), QStringLiteral("contoso.test") };
    return r;
}

inline ClientProfile profile(const char *id)
{
    return *clientProfileFromId(QString::fromLatin1(id));
}

inline bool hasStep(const SpnPrediction &p, PredictionStep::Kind kind, const QString &containing = {})
{
    return std::any_of(p.steps.begin(), p.steps.end(),
        [&](const PredictionStep &s) { return s.kind == kind && s.text.contains(containing); });
}

inline QString allSteps(const SpnPrediction &p)
{
    QStringList lines;
    for (const PredictionStep &s : p.steps)
        lines << stepKindId(s.kind) + QStringLiteral(": ") + s.text;
    return lines.join(QLatin1Char('\n'));
}

} // namespace predicttest
