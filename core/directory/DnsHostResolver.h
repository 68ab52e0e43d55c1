#pragma once

#include "core/directory/HostResolver.h"

#include <functional>

namespace ssod::core::directory {

/**
 * HostResolver over the system's DNS resolver (QDnsLookup: res_nquery on Unix, DnsQuery on Windows),
 * so inside a lab namespace it asks the namespace's resolv.conf. Each query is bounded by
 * \a timeoutMs. Blocking: it runs a local event loop for each query, so call it from a worker thread
 * (or a command-line program), never from the GUI thread.
 */
class DnsHostResolver final : public HostResolver {
public:
    explicit DnsHostResolver(int timeoutMs = 3000) : m_timeoutMs(timeoutMs) { }
    /// \a stop is asked every 50 ms during a query; true ends it as unanswered (a probe's cancel or
    /// deadline), so no query outlives it by more than that.
    DnsHostResolver(int timeoutMs, std::function<bool()> stop) : m_timeoutMs(timeoutMs), m_stop(std::move(stop)) { }

    Result<QString> reverseName(const QString &address) override;
    QStringList searchDomains() const override;

protected:
    Result<Answer> lookup(const QString &name) override;

private:
    int m_timeoutMs;
    std::function<bool()> m_stop;
};

} // namespace ssod::core::directory
