#include "core/directory/DnsWait.h"

#include <QDnsLookup>
#include <QEventLoop>
#include <QTimer>

namespace ssod::core::directory {

bool runDnsLookup(QDnsLookup &lookup, int timeoutMs, const std::function<bool()> &stop)
{
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&lookup, &QDnsLookup::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    QTimer poll;
    if (stop) {
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (stop())
                loop.quit();
        });
        poll.start(50);
    }
    lookup.lookup();
    timer.start(timeoutMs);
    if (!lookup.isFinished())
        loop.exec();
    if (lookup.isFinished())
        return true;
    // Destroying the lookup afterwards is safe: the pending answer is dropped with it.
    lookup.abort();
    return false;
}

} // namespace ssod::core::directory
