#pragma once

#include <functional>

class QDnsLookup;

namespace ssod::core::directory {

/// Starts \a lookup and waits at most \a timeoutMs for its answer. QDnsLookup reports through the
/// event loop, so a local loop runs meanwhile: blocking, for worker threads and the CLI, never the
/// GUI thread. False, with the lookup aborted, when no answer came in time or \a stop (asked every
/// 50 ms, when given) said to give up.
bool runDnsLookup(QDnsLookup &lookup, int timeoutMs, const std::function<bool()> &stop = {});

} // namespace ssod::core::directory
