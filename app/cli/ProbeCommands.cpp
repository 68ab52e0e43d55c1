// probe KIND TARGET and diagnose --scenario: the probes of core/probe, run concurrently, printed
// as findings (text or --json), exit 1 when a finding is an error.
#include "app/cli/CliContext.h"
#include "app/cli/DirectoryConnection.h"
#include "core/directory/DnsWait.h"
#include "core/probe/ProbeRunner.h"
#include "core/probe/Scenario.h"

#include <QJsonArray>
#include <algorithm>

namespace ssod::cli {

namespace {

using core::probe::ProbeReport;
using core::probe::ProbeRequest;

/// Command-line options that become probe options (the option name without "--" → the key).
struct OptionKey {
    const char *option;
    const char *key;
    bool list; ///< comma-separated → a list
};
constexpr OptionKey kProbeOptions[] = {
    { "--server", "server", false }, { "--ports", "ports", true }, { "--closed", "closed", true },
    { "--spn", "spn", false }, { "--service", "service", false }, { "--client", "client", false },
    { "--realm", "realm", false }, { "--keytab", "keytab", false }, { "--principal", "principal", false },
    { "--kdc", "kdc", false }, { "--ca-file", "caFile", false }, { "--name", "name", false },
    { "--expect-nla", "expectNla", false }, { "--account", "account", false }, { "--purpose", "purpose", false },
    { "--dc", "dc", false }, { "--domain", "domain", false },
    { "--method", "method", false }, { "--policy", "policy", false }, { "--policy-root", "policyRoot", false },
    { "--check", "check", false },
};
constexpr const char *kProbeFlags[] = { "--srv", "--expect-a", "--no-revocation", "--keychain", "--delegation" };
constexpr const char *kFlagKeys[] = { "srv", "expectA", "noRevocation", "keychain", "delegation" };

QStringList valuedOptions()
{
    QStringList v { QStringLiteral("--timeout") };
    for (const auto &o : kProbeOptions)
        v << QLatin1String(o.option);
    return v;
}

QStringList flagOptions()
{
    QStringList f { QStringLiteral("--json") };
    for (const char *o : kProbeFlags)
        f << QLatin1String(o);
    return f;
}

QVariantMap probeOptions(const Args &args)
{
    QVariantMap m;
    for (const auto &o : kProbeOptions) {
        const QString name = QLatin1String(o.option);
        if (!args.has(name))
            continue;
        const QString v = args.option(name);
        if (o.list) {
            QVariantList items;
            for (const QString &item : v.split(QLatin1Char(','), Qt::SkipEmptyParts))
                items << item.trimmed();
            m.insert(QLatin1String(o.key), items);
        } else {
            m.insert(QLatin1String(o.key), v);
        }
    }
    for (size_t i = 0; i < std::size(kProbeFlags); ++i)
        if (args.flag(QLatin1String(kProbeFlags[i])))
            m.insert(QLatin1String(kFlagKeys[i]), true);
    return m;
}

core::Result<int> timeoutMs(const Args &args)
{
    if (!args.has(QStringLiteral("--timeout")))
        return 5000;
    bool ok = false;
    const double s = args.option(QStringLiteral("--timeout")).toDouble(&ok);
    if (!ok || s <= 0 || s > 600)
        return core::Error::invalid(QStringLiteral("--timeout takes seconds, more than 0 and at most 600"));
    return int(s * 1000);
}

QString severityTag(core::Severity s)
{
    return QLatin1Char('[') + core::severityName(s) + QLatin1Char(']');
}

void printFinding(const Context &ctx, const core::Finding &f)
{
    ctx.out << "  " << severityTag(f.severity) << ' ' << f.title << '\n';
    if (f.severity != core::Severity::Ok)
        ctx.out << "      " << f.explanation << '\n';
    for (const core::Evidence &e : f.evidence)
        ctx.out << "      " << e.label << ": " << e.value << '\n';
    if (f.fix)
        ctx.out << "      fix: " << f.fix->text << " (" << core::fixKindName(f.fix->kind) << ' ' << f.fix->id << ")\n";
}

void printReport(const Context &ctx, const ProbeReport &r)
{
    ctx.out << r.probe << ' ' << r.target << " (" << r.ms << " ms";
    if (r.outcome != core::probe::Outcome::Completed)
        ctx.out << ", " << core::probe::outcomeName(r.outcome);
    ctx.out << ")\n";
    if (!r.error.isEmpty())
        ctx.out << "  [error] " << r.error << '\n';
    QList<core::Finding> sorted = r.findings;
    std::stable_sort(sorted.begin(), sorted.end(),
        [](const core::Finding &a, const core::Finding &b) { return a.severity > b.severity; });
    for (const core::Finding &f : sorted)
        printFinding(ctx, f);
    ctx.out.flush();
}

/// The findings of every report, the probe and target added to each; a failed probe is an error.
QJsonObject resultJson(const QList<ProbeReport> &reports, const QStringList &order)
{
    QList<ProbeReport> sorted = reports;
    std::stable_sort(sorted.begin(), sorted.end(), [&order](const ProbeReport &a, const ProbeReport &b) {
        const auto rank = [&order](const QString &id) {
            const qsizetype i = order.indexOf(id);
            return i < 0 ? order.size() : i;
        };
        return rank(a.probe) < rank(b.probe);
    });
    QJsonArray findings, probes;
    for (const ProbeReport &r : sorted) {
        probes.append(core::probe::reportToJson(r));
        for (const core::Finding &f : r.findings) {
            QJsonObject o = core::findingToJson(f);
            o.insert(QStringLiteral("probe"), r.probe);
            o.insert(QStringLiteral("target"), r.target);
            findings.append(o);
        }
    }
    return QJsonObject { { QStringLiteral("findings"), findings }, { QStringLiteral("probes"), probes } };
}

bool anyError(const QList<ProbeReport> &reports)
{
    return std::any_of(reports.cbegin(), reports.cend(), [](const ProbeReport &r) {
        return r.outcome == core::probe::Outcome::Failed || core::worstSeverity(r.findings) == core::Severity::Error;
    });
}

/// Leaves at once when a probe thread is still blocked in a library call past its deadline: the
/// report is out, and returning would destroy static objects under it. Likewise after a DNS
/// lookup given up on: QCoreApplication's destruction would wait for Qt's resolver thread.
int leave(const Context &ctx, int code)
{
    ctx.out.flush();
    ctx.err.flush();
    if (core::probe::ProbeRunner::liveThreads() > 0 || core::directory::abandonedDnsLookups() > 0) {
        std::fflush(nullptr);
        std::_Exit(code);
    }
    return code;
}

} // namespace

int runProbeCommand(const Context &ctx, const QStringList &argv)
{
    auto parsed = Args::parse(argv, valuedOptions(), flagOptions());
    if (!parsed)
        return ctx.fail(parsed.error());
    const Args &args = *parsed;
    if (args.positional().size() != 2)
        return ctx.usage(QStringLiteral("usage: probe %1 TARGET [options] [--timeout S] [--json]")
                             .arg(core::probe::probeIds().join(QLatin1Char('|'))));
    const QString kind = args.positional().at(0);
    if (!core::probe::findProbe(kind))
        return ctx.usage(QStringLiteral("no probe \"%1\"; one of %2")
                             .arg(kind, core::probe::probeIds().join(QLatin1String(", "))));
    const auto timeout = timeoutMs(args);
    if (!timeout)
        return ctx.fail(timeout.error());
    const ProbeRequest request { kind, args.positional().at(1), probeOptions(args), *timeout };
    const bool json = args.flag(QStringLiteral("--json"));
    const auto reports = core::probe::runProbes({ request }, 0, [&](const ProbeReport &r) {
        if (!json)
            printReport(ctx, r);
    });
    if (json)
        printJson(ctx, resultJson(reports, {}));
    return leave(ctx, anyError(reports) ? ChangesNeeded : Ok);
}

int runDiagnose(const Context &ctx, const QStringList &argv)
{
    auto parsed = Args::parse(argv, valuedOptions() << QStringLiteral("--scenario"), flagOptions(), { QStringLiteral("--target") });
    if (!parsed)
        return ctx.fail(parsed.error());
    const Args &args = *parsed;
    const QStringList targets = args.values(QStringLiteral("--target"));
    const auto &all = core::probe::builtinScenarios();
    if (!all)
        return ctx.fail(all.error());
    QStringList ids;
    for (const auto &s : *all)
        ids << s.id;
    const QString id = args.option(QStringLiteral("--scenario"));
    const core::probe::Scenario *scenario = core::probe::findScenario(id);
    if (!scenario || !args.positional().isEmpty() || targets.isEmpty())
        return ctx.usage(QStringLiteral("usage: diagnose --scenario %1 --target T [--target T…] [--timeout S] [--json]%2")
                             .arg(ids.join(QLatin1Char('|')),
                                 id.isEmpty() || scenario ? QString() : QStringLiteral(" (no scenario \"%1\")").arg(id)));
    const auto timeout = timeoutMs(args);
    if (!timeout)
        return ctx.fail(timeout.error());
    const auto plan = core::probe::planScenario(*scenario, targets, probeOptions(args), *timeout);
    if (!plan)
        return ctx.fail(plan.error());
    const bool json = args.flag(QStringLiteral("--json"));
    if (!json) {
        ctx.out << scenario->title << ": " << plan->requests.size() << " checks on " << targets.join(QLatin1String(", "))
                << '\n';
        for (const auto &s : plan->skipped)
            ctx.out << "  (left out: " << s.probe << ' ' << s.target << ", no value for " << s.missing << ")\n";
        ctx.out.flush();
    }
    // The overall deadline: every probe runs at once, so the longest timeout plus a grace.
    qint64 totalMs = 0;
    const auto reports = core::probe::runProbes(plan->requests, 0, [&](const ProbeReport &r) {
        if (!json)
            printReport(ctx, r);
    }, &totalMs);
    if (json) {
        QJsonObject o = resultJson(reports, scenario->order);
        o.insert(QStringLiteral("scenario"), scenario->id);
        o.insert(QStringLiteral("ms"), totalMs);
        QJsonArray skipped;
        for (const auto &s : plan->skipped)
            skipped.append(QJsonObject { { QStringLiteral("probe"), s.probe }, { QStringLiteral("target"), s.target },
                { QStringLiteral("missing"), s.missing } });
        o.insert(QStringLiteral("skipped"), skipped);
        printJson(ctx, o);
    } else {
        ctx.out << "done in " << totalMs << " ms\n";
    }
    return leave(ctx, anyError(reports) ? ChangesNeeded : Ok);
}

} // namespace ssod::cli
