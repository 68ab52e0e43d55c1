#pragma once

class QDnsLookup;

namespace ssod::core::directory {

/// Starts \a lookup and waits at most \a timeoutMs for its answer. QDnsLookup reports through the
/// event loop, so a local loop runs meanwhile: blocking, for worker threads and the CLI, never the
/// GUI thread. False, with the lookup aborted, when no answer came in time.
bool runDnsLookup(QDnsLookup &lookup, int timeoutMs);

} // namespace ssod::core::directory
