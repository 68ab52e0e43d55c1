#pragma once

#include "core/probe/Probe.h"
#include "core/util/Result.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVariantMap>

namespace ssod::core::probe {

/// One probe of a scenario, with {placeholders} in its target and options.
struct ScenarioStep {
    QString probe;
    QString target;
    QVariantMap options;
    bool perRun = false; ///< once for the whole run (domain-wide), not once per target
    QString when; ///< "https" or "http": only for such targets; empty: always
};

/// A Diagnose scenario (resources/scenarios): which probes answer "where does SSO break here?".
struct Scenario {
    QString id;
    QString title;
    QString description;
    QString targetHint;
    int defaultPort = 0;
    QStringList order; ///< probe ids in the order their findings are explained
    QList<ScenarioStep> steps;
    /// Options given once for the run (command line, Diagnose page) that reach every step of the
    /// named probes unless the step sets them: option key → probe ids ("caFile" → tls, rdp, http).
    QMap<QString, QStringList> shared;
};

/// A step left out of a run because a placeholder has no value (e.g. no --dc and no domain).
struct SkippedStep {
    QString probe;
    QString target;
    QString missing;
};

/// The probes a scenario runs for some targets.
struct ScenarioPlan {
    QList<ProbeRequest> requests;
    QList<SkippedStep> skipped;
};

/// Reads scenarios from \a json; \a source names it in errors. Probe ids are checked against
/// \a knownProbes when it is not empty.
Result<QList<Scenario>> parseScenarios(const QByteArray &json, const QString &source, const QStringList &knownProbes = {});
/// The built-in scenarios (":/scenarios", or $SSOD_SCENARIOS_DIR), read once.
const Result<QList<Scenario>> &builtinScenarios();
const Scenario *findScenario(const QString &id);

/**
 * What a target means to the placeholders: "https://web.lab.test:8443/x" gives scheme https, host
 * web.lab.test, port 8443, url as typed; "rdsh01:3390" host rdsh01 and port 3390; a bare name the
 * scenario's default port. domain is the host's DNS suffix unless \a globals gives one; realm its
 * upper case; dc the domain unless given. InvalidInput for a target that names no host.
 */
Result<QVariantMap> targetVariables(const QString &target, const Scenario &scenario, const QVariantMap &globals);

/// The scenario's requests for \a targets: every per-target step for each, the per-run steps once
/// (for the first target's domain), duplicates run once. \a globals: dc, domain, client, account,
/// caFile, … from the command line or the Diagnose page.
Result<ScenarioPlan> planScenario(
    const Scenario &scenario, const QStringList &targets, const QVariantMap &globals, int timeoutMs);

} // namespace ssod::core::probe
