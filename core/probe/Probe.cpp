#include "core/probe/Probe.h"

#include "core/probe/FindingCatalog.h"
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

ProbeReport runOne(const Probe *probe, const ProbeRequest &request, const ProbeContext &context)
{
    QElapsedTimer clock;
    clock.start();
    ProbeReport report;
    if (probe) {
        report = probe->run(request, context);
        if (report.outcome == Outcome::Completed && context.cancelled())
            report.outcome = Outcome::Cancelled;
    } else {
        report.outcome = Outcome::Failed;
        report.error = QStringLiteral("no probe \"%1\"; one of %2").arg(request.probe, probeIds().join(QLatin1String(", ")));
    }
    report.probe = request.probe;
    report.target = request.target;
    report.ms = clock.elapsed();
    return report;
}

ProbeReport runProbe(const ProbeRequest &request, std::shared_ptr<const std::atomic<bool>> cancel)
{
    const ProbeContext context(QDeadlineTimer(request.timeoutMs), std::move(cancel));
    ProbeReport r = runOne(findProbe(request.probe), request, context);
    if (r.outcome == Outcome::Completed && context.expired())
        r.outcome = Outcome::TimedOut;
    return r;
}

ProbeReport badTargetReport(const QString &target, const QString &reason)
{
    ProbeReport r;
    r.outcome = Outcome::Failed;
    r.error = reason;
    r.findings << FindingCatalog::builtin().make(QStringLiteral("probe.bad-target"), target,
        { { QStringLiteral("target"), target }, { QStringLiteral("reason"), reason } });
    return r;
}

} // namespace ssod::core::probe
