#pragma once

#include "core/probe/Probe.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>
#include <functional>
#include <memory>

namespace ssod::core::probe {

/**
 * Runs probes concurrently, each on its own thread, and reports each as it ends, on the thread
 * that owns the runner. Every probe is bounded by its own timeout and the whole run by an overall
 * deadline; a probe that does not return in time (blocked in a library call such as libkrb5's KDC
 * exchange, which has no timeout of its own) is reported as timed out and left to finish on its
 * own. cancel() reports every unfinished probe as cancelled at once and tells the threads to stop.
 *
 * Why threads and blocking calls, not Qt's asynchronous sockets: GSSAPI, libkrb5 and the resolver
 * block, and one model for every probe keeps their timeouts and cancel alike.
 */
class ProbeRunner final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProbeRunner)

public:
    /// Finds a request's probe; the built-in ones unless a test gives its own.
    using Lookup = std::function<const Probe *(const QString &id)>;

    explicit ProbeRunner(QObject *parent = nullptr, Lookup lookup = {});
    ~ProbeRunner() override;

    /// Starts every request at once. \a overallMs bounds the whole run; 0: the longest timeout
    /// plus a grace. Ignored while running.
    void start(const QList<ProbeRequest> &requests, int overallMs = 0);
    void cancel();
    bool isRunning() const { return m_running; }
    int total() const { return int(m_slots.size()); }
    int done() const { return m_done; }
    /// The reports so far, in the order the probes ended.
    const QList<ProbeReport> &reports() const { return m_reports; }
    /// Wall time of the run (so far).
    qint64 elapsedMs() const { return m_clock.isValid() ? m_clock.elapsed() : 0; }

    /// Probe threads of every runner still running, including those a runner stopped waiting for.
    /// A program that exits while some run must leave with std::_Exit (static objects they use
    /// would be destroyed under them); the CLI and the GUI do.
    static int liveThreads();

    /// How long after its timeout a probe that has not returned is given up (ms).
    static constexpr int kGraceMs = 300;

signals:
    void reportReady(const ssod::core::probe::ProbeReport &report);
    void progress(int done, int total);
    void finished(qint64 ms);

private:
    struct Slot {
        ProbeRequest request;
        QDeadlineTimer giveUp;
        bool done = false;
    };
    struct Mailbox;

    void deliver(int generation, int index, ProbeReport report);
    void finishSlot(int index, ProbeReport report);
    void watch();
    void endRun();

    Lookup m_lookup;
    std::shared_ptr<Mailbox> m_mailbox;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QList<Slot> m_slots;
    QList<ProbeReport> m_reports;
    QDeadlineTimer m_overall;
    QElapsedTimer m_clock;
    QTimer m_watchdog;
    int m_generation = 0;
    int m_done = 0;
    bool m_running = false;
};

/// Runs \a requests with a local event loop until all have ended (command line, tests);
/// \a onReport sees each report as it arrives. The reports in the order they ended.
QList<ProbeReport> runProbes(const QList<ProbeRequest> &requests, int overallMs = 0,
    const std::function<void(const ProbeReport &)> &onReport = {}, qint64 *totalMs = nullptr);

} // namespace ssod::core::probe

Q_DECLARE_METATYPE(ssod::core::probe::ProbeReport)
