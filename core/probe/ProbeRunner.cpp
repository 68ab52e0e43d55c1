#include "core/probe/ProbeRunner.h"

#include "core/probe/FindingCatalog.h"

#include <QEventLoop>
#include <QMutex>
#include <QMutexLocker>
#include <QPointer>
#include <thread>

namespace ssod::core::probe {

namespace {

std::atomic<int> g_liveThreads { 0 };

} // namespace

/// Where a probe thread posts its report. The runner clears `runner` (under the lock) when it is
/// destroyed, so a thread that ends later posts nothing instead of touching a dead object.
struct ProbeRunner::Mailbox {
    QMutex mutex;
    ProbeRunner *runner = nullptr;
};

ProbeRunner::ProbeRunner(QObject *parent, Lookup lookup)
    : QObject(parent), m_lookup(lookup ? std::move(lookup) : Lookup(&findProbe)), m_mailbox(std::make_shared<Mailbox>()), m_cancel(std::make_shared<std::atomic<bool>>(false))
{
    qRegisterMetaType<ProbeReport>();
    m_mailbox->runner = this;
    m_watchdog.setInterval(50);
    connect(&m_watchdog, &QTimer::timeout, this, &ProbeRunner::watch);
}

ProbeRunner::~ProbeRunner()
{
    m_cancel->store(true);
    QMutexLocker lock(&m_mailbox->mutex);
    m_mailbox->runner = nullptr;
}

int ProbeRunner::liveThreads()
{
    return g_liveThreads.load();
}

void ProbeRunner::start(const QList<ProbeRequest> &requests, int overallMs)
{
    if (m_running)
        return;
    ++m_generation;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_slots.clear();
    m_reports.clear();
    m_done = 0;
    m_running = true;
    m_clock.start();
    int longest = 0;
    for (const ProbeRequest &r : requests)
        longest = std::max(longest, r.timeoutMs);
    m_overall = QDeadlineTimer(overallMs > 0 ? overallMs : longest + kGraceMs);
    for (const ProbeRequest &r : requests) {
        Slot slot;
        slot.request = r;
        // A probe's own deadline is the earlier of its timeout and the overall deadline.
        const QDeadlineTimer deadline = std::min(QDeadlineTimer(r.timeoutMs), m_overall);
        slot.giveUp = QDeadlineTimer(deadline.remainingTime() + kGraceMs);
        m_slots << slot;
    }
    emit progress(0, total());
    if (m_slots.isEmpty()) {
        endRun();
        return;
    }
    for (int i = 0; i < m_slots.size(); ++i) {
        const ProbeRequest request = m_slots.at(i).request;
        const QDeadlineTimer deadline = std::min(QDeadlineTimer(request.timeoutMs), m_overall);
        const ProbeContext context(deadline, m_cancel);
        const int generation = m_generation;
        std::shared_ptr<Mailbox> mailbox = m_mailbox;
        const Probe *probe = m_lookup(request.probe);
        ++g_liveThreads;
        std::thread([request, context, generation, i, mailbox, probe] {
            const ProbeReport report = runOne(probe, request, context);
            {
                QMutexLocker lock(&mailbox->mutex);
                if (ProbeRunner *runner = mailbox->runner)
                    QMetaObject::invokeMethod(
                        runner,
                        [runner, generation, i, report] { runner->deliver(generation, i, report); },
                        Qt::QueuedConnection);
            }
            --g_liveThreads;
        }).detach();
    }
    m_watchdog.start();
}

void ProbeRunner::deliver(int generation, int index, ProbeReport report)
{
    if (generation != m_generation || !m_running || index >= m_slots.size() || m_slots.at(index).done)
        return;
    finishSlot(index, std::move(report));
}

void ProbeRunner::finishSlot(int index, ProbeReport report)
{
    m_slots[index].done = true;
    ++m_done;
    m_reports << report;
    emit reportReady(report);
    emit progress(m_done, total());
    if (m_done == total())
        endRun();
}

void ProbeRunner::watch()
{
    if (!m_running)
        return;
    const bool overallOver = m_overall.hasExpired();
    if (overallOver)
        m_cancel->store(true);
    for (int i = 0; i < m_slots.size() && m_running; ++i) {
        const Slot &slot = m_slots.at(i);
        if (slot.done || (!overallOver && !slot.giveUp.hasExpired()))
            continue;
        ProbeReport r;
        r.probe = slot.request.probe;
        r.target = slot.request.target;
        r.ms = m_clock.elapsed();
        r.outcome = Outcome::TimedOut;
        const int seconds = (std::min<qint64>(slot.request.timeoutMs, r.ms) + 999) / 1000;
        r.findings << FindingCatalog::builtin().make(QStringLiteral("probe.no-answer"), slot.request.target,
            { { QStringLiteral("probe"), slot.request.probe }, { QStringLiteral("target"), slot.request.target },
                { QStringLiteral("seconds"), seconds } });
        finishSlot(i, r);
    }
}

void ProbeRunner::cancel()
{
    if (!m_running)
        return;
    m_cancel->store(true);
    for (int i = 0; i < m_slots.size() && m_running; ++i) {
        if (m_slots.at(i).done)
            continue;
        ProbeReport r;
        r.probe = m_slots.at(i).request.probe;
        r.target = m_slots.at(i).request.target;
        r.ms = m_clock.elapsed();
        r.outcome = Outcome::Cancelled;
        finishSlot(i, r);
    }
}

void ProbeRunner::endRun()
{
    m_watchdog.stop();
    m_running = false;
    emit finished(m_clock.elapsed());
}

QList<ProbeReport> runProbes(const QList<ProbeRequest> &requests, int overallMs,
    const std::function<void(const ProbeReport &)> &onReport, qint64 *totalMs)
{
    ProbeRunner runner;
    QEventLoop loop;
    QObject::connect(&runner, &ProbeRunner::reportReady, &loop, [&onReport](const ProbeReport &r) {
        if (onReport)
            onReport(r);
    });
    QObject::connect(&runner, &ProbeRunner::finished, &loop, &QEventLoop::quit);
    runner.start(requests, overallMs);
    if (runner.isRunning())
        loop.exec();
    if (totalMs)
        *totalMs = runner.elapsedMs();
    return runner.reports();
}

} // namespace ssod::core::probe
