#include "core/probe/Probe.h"

#include "core/probe/ProbeRegistry_p.h"

#include <QElapsedTimer>

namespace ssod::core::probe {

QString outcomeName(Outcome o)
{
    switch (o) {
    case Outcome::Completed:
        return QStringLiteral("completed");
    case Outcome::TimedOut:
        return QStringLiteral("timeout");
    case Outcome::Cancelled:
        return QStringLiteral("cancelled");
    case Outcome::Failed:
        return QStringLiteral("failed");
    }
    return QString();
}

QJsonObject reportToJson(const ProbeReport &r)
{
    QJsonObject o { { QStringLiteral("id"), r.probe }, { QStringLiteral("target"), r.target },
        { QStringLiteral("ms"), r.ms }, { QStringLiteral("outcome"), outcomeName(r.outcome) },
        { QStringLiteral("data"), r.data } };
    if (!r.error.isEmpty())
        o.insert(QStringLiteral("error"), r.error);
    return o;
}

const Probe *findProbe(const QString &id)
{
    for (const auto &p : builtinProbes())
        if (p->id() == id)
            return p.get();
    return nullptr;
}

QStringList probeIds()
{
    QStringList ids;
    for (const auto &p : builtinProbes())
        ids << p->id();
    return ids;
}

ProbeReport runProbe(const ProbeRequest &request)
{
    QElapsedTimer clock;
    clock.start();
    const Probe *probe = findProbe(request.probe);
    ProbeReport r;
    if (!probe) {
        r.outcome = Outcome::Failed;
        r.error = QStringLiteral("no probe \"%1\"; one of %2").arg(request.probe, probeIds().join(QLatin1String(", ")));
    } else {
        const ProbeContext context(request.timeoutMs);
        r = probe->run(request, context);
        if (r.outcome == Outcome::Completed && context.expired())
            r.outcome = Outcome::TimedOut;
    }
    r.probe = request.probe;
    r.target = request.target;
    r.ms = clock.elapsed();
    return r;
}

} // namespace ssod::core::probe
