#pragma once

#include "core/util/Finding.h"

#include <QDeadlineTimer>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>
#include <atomic>
#include <memory>

namespace ssod::core::probe {

/// What one probe is asked: which probe, about what, with which options, within how long.
struct ProbeRequest {
    QString probe; ///< "dns", "ports", "kerberos", "clock", "tls", "rdp", "http"
    QString target; ///< a host name, an address, host:port or a URL, as the probe takes it
    /// Probe-specific: "ports" [88, 389], "server" (a DNS server), "spn", "caFile", "realm", …
    QVariantMap options;
    int timeoutMs = 5000;
};

/// How a probe run ended. Completed means it ran to its end, whatever it found.
enum class Outcome { Completed, TimedOut, Cancelled, Failed };

/// "completed", "timeout", "cancelled", "failed" (the CLI's "outcome").
QString outcomeName(Outcome o);

/// What one probe found, with its own wall time.
struct ProbeReport {
    QString probe;
    QString target;
    qint64 ms = 0;
    Outcome outcome = Outcome::Completed;
    QList<Finding> findings;
    QJsonObject data; ///< the structured facts (records, certificate fields, ticket flags, …)
    QString error; ///< Failed: why the probe could not run (bad target, missing option)
};

/// {"id","target","ms","outcome","data"[,"error"]}; findings are printed apart.
QJsonObject reportToJson(const ProbeReport &r);

/**
 * What a running probe may ask: whether to stop (cancelled or out of time) and how long it has
 * left. Every blocking step of a probe is bounded by remainingMs() and checks stopped() at least
 * every 100 ms, so a cancel ends it promptly.
 */
class ProbeContext final {
public:
    ProbeContext(QDeadlineTimer deadline, std::shared_ptr<const std::atomic<bool>> cancel)
        : m_deadline(deadline), m_cancel(std::move(cancel))
    {
    }
    /// A context without cancel (tests, one-off calls).
    explicit ProbeContext(int timeoutMs) : m_deadline(timeoutMs) { }

    bool cancelled() const { return m_cancel && m_cancel->load(); }
    bool expired() const { return m_deadline.hasExpired(); }
    bool stopped() const { return cancelled() || expired(); }
    /// Milliseconds left, at least 0.
    int remainingMs() const { return int(std::max<qint64>(0, m_deadline.remainingTime())); }
    QDeadlineTimer deadline() const { return m_deadline; }
    /// The cancel flag for blocking calls that poll one (directory searches); may be null.
    const std::atomic<bool> *cancelFlag() const { return m_cancel.get(); }

private:
    QDeadlineTimer m_deadline;
    std::shared_ptr<const std::atomic<bool>> m_cancel;
};

/**
 * One probe: takes a request, returns a report; never shows UI. run() blocks (it is called on a
 * worker thread by ProbeRunner) and must return by the context's deadline; the runner reports a
 * probe that does not as timed out and stops waiting for it.
 */
class Probe {
public:
    virtual ~Probe() = default;
    virtual QString id() const = 0;
    /// One line for `probe --help` and the GUI.
    virtual QString description() const = 0;
    /// Findings and data. Outcome and ms are set by the caller (ProbeRunner / runProbe).
    virtual ProbeReport run(const ProbeRequest &request, const ProbeContext &context) const = 0;
};

/// The built-in probe \a id, or null.
const Probe *findProbe(const QString &id);
/// Ids of the built-in probes, in explanation order.
QStringList probeIds();

/// Runs \a request on this thread with its timeout, timing it: for tests and tools, and for work
/// already off the UI thread. \a cancel (may be null) ends it early when set.
ProbeReport runProbe(const ProbeRequest &request, std::shared_ptr<const std::atomic<bool>> cancel = {});

/// Runs \a probe (null: the request names no probe, which is reported) on this thread within
/// \a context, and fills in the probe, target, wall time and a cancel that came while it ran.
ProbeReport runOne(const Probe *probe, const ProbeRequest &request, const ProbeContext &context);

/// A report for a target or option a probe cannot use: outcome Failed, \a reason as the error
/// and as the finding probe.bad-target about \a target.
ProbeReport badTargetReport(const QString &target, const QString &reason);

} // namespace ssod::core::probe
