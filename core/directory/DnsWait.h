#pragma once

#include <QList>
#include <functional>

class QDnsLookup;

namespace ssod::core::directory {

/// Starts \a lookup and waits at most \a timeoutMs for its answer. QDnsLookup reports through the
/// event loop, so a local loop runs meanwhile: blocking, for worker threads and the CLI, never the
/// GUI thread. False, with the lookup aborted, when no answer came in time or \a stop (asked
/// every 50 ms) said to stop.
bool runDnsLookup(QDnsLookup &lookup, int timeoutMs, const std::function<bool()> &stop = {});

/// Starts every lookup of \a lookups at once and waits until all have answered, \a timeoutMs has
/// passed or \a stop said to stop; the unfinished ones are aborted. The number that answered.
qsizetype runDnsLookups(const QList<QDnsLookup *> &lookups, int timeoutMs, const std::function<bool()> &stop = {});

/// How many lookups this process has given up on. Qt's resolver threads cannot be interrupted: one
/// that asked a silent server stays blocked in res_nquery for the resolver's own retries (5 s × 2
/// by default), and QCoreApplication's destruction waits for it. A program that must end within
/// its timeouts leaves with std::_Exit when this is not 0 (the CLI does).
int abandonedDnsLookups();

} // namespace ssod::core::directory
