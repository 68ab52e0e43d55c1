#include "core/directory/DnsWait.h"

#include <QDnsLookup>
#include <QEventLoop>
#include <QTimer>
#include <algorithm>
#include <atomic>

namespace ssod::core::directory {

namespace {

/// How often a wait asks \a stop: a cancel ends it within this.
constexpr int kStopSliceMs = 50;

std::atomic<int> g_abandoned { 0 };

bool allFinished(const QList<QDnsLookup *> &lookups)
{
    return std::all_of(lookups.cbegin(), lookups.cend(), [](const QDnsLookup *l) { return l->isFinished(); });
}

} // namespace

bool runDnsLookup(QDnsLookup &lookup, int timeoutMs, const std::function<bool()> &stop)
{
    return runDnsLookups({ &lookup }, timeoutMs, stop) == 1;
}

qsizetype runDnsLookups(const QList<QDnsLookup *> &lookups, int timeoutMs, const std::function<bool()> &stop)
{
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    // A coarse timer may fire 5% late (100 ms on a 2 s wait): the caller's deadline is a promise.
    timer.setTimerType(Qt::PreciseTimer);
    QTimer tick;
    tick.setInterval(kStopSliceMs);
    for (QDnsLookup *l : lookups)
        QObject::connect(l, &QDnsLookup::finished, &loop, [&loop, &lookups] {
            if (allFinished(lookups))
                loop.quit();
        });
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(&tick, &QTimer::timeout, &loop, [&loop, &stop] {
        if (stop && stop())
            loop.quit();
    });
    for (QDnsLookup *l : lookups)
        l->lookup();
    timer.start(std::max(0, timeoutMs));
    tick.start();
    if (!allFinished(lookups) && !(stop && stop()))
        loop.exec();
    qsizetype answered = 0;
    for (QDnsLookup *l : lookups) {
        if (l->isFinished()) {
            ++answered;
            continue;
        }
        // Destroying the lookup afterwards is safe: the pending answer is dropped with it.
        l->abort();
        ++g_abandoned;
    }
    return answered;
}

int abandonedDnsLookups()
{
    return g_abandoned.load();
}

} // namespace ssod::core::directory
