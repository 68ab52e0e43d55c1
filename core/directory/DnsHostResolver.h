#pragma once

#include "core/directory/HostResolver.h"

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

    Result<QString> reverseName(const QString &address) override;
    QStringList searchDomains() const override;

protected:
    Result<Answer> lookup(const QString &name) override;

private:
    int m_timeoutMs;
};

} // namespace ssod::core::directory
