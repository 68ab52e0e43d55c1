#pragma once

#include "core/directory/HostResolver.h"

#include <QDeadlineTimer>
#include <QDnsLookup>
#include <QHostAddress>
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
    /// Where and how long to ask. The DNS probe asks a named server and bounds every query by its
    /// own deadline and cancel; the SPN predictor takes the defaults.
    struct Options {
        int timeoutMs = 3000; ///< per query
        QHostAddress nameserver; ///< null: the system's resolver configuration
        QDeadlineTimer deadline { QDeadlineTimer::Forever }; ///< bounds every query as well
        std::function<bool()> stop; ///< asked every 50 ms while waiting: true ends the wait
    };

    explicit DnsHostResolver(int timeoutMs = 3000) { m_options.timeoutMs = timeoutMs; }
    explicit DnsHostResolver(Options options) : m_options(std::move(options)) { }

    Result<QString> reverseName(const QString &address) override;
    QStringList searchDomains() const override;
    /// The A (or, with \a ipv6, AAAA) records of \a name itself; an empty list when it has none.
    Result<QStringList> addressRecords(const QString &name, bool ipv6);
    /// Whether a query of this resolver got no answer in time: the server is silent or slow, as
    /// opposed to an answer that says "no such name".
    bool timedOut() const { return m_timedOut; }

protected:
    Result<Answer> lookup(const QString &name) override;

private:
    struct Records;
    Result<Records> query(QDnsLookup::Type type, const QString &name);

    Options m_options;
    bool m_timedOut = false;
};

} // namespace ssod::core::directory
