#pragma once

#include "core/util/Result.h"

#include <QString>
#include <QStringList>
#include <atomic>

namespace ssod::core::directory {

/// What DNS says about a host name: the CNAME hops followed and the addresses of the last name.
struct HostResolution {
    QStringList cnameChain; ///< each hop's target, in order ("app" -> "web01" gives {"web01"})
    QString searchedName; ///< a one-label name as found through a search domain ("web01.corp.test")
    QString canonicalName; ///< the last name of the chain; the name itself when it is no alias
    QStringList addresses; ///< A and AAAA records of the canonical name
};

/**
 * Name resolution as a client does it before it builds an SPN: follow the CNAME chain of a name
 * (canonicalName) and map an address back to a name (reverseName, MIT krb5's `rdns`). Chain
 * following, loop detection, the hop limit and the search domains of a one-label name live here,
 * so every implementation behaves the same;
 * an implementation only answers for one name at a time (lookup). Errors: NotFound when the name
 * does not resolve, Io when DNS does not answer in time, InvalidInput for a loop or a chain too long.
 */
class HostResolver {
public:
    /// Longest CNAME chain followed; a longer one is reported as a DNS misconfiguration. The
    /// number is our choice: real chains have one or two hops.
    static constexpr int kMaxCnameHops = 8;

    virtual ~HostResolver() = default;

    Result<HostResolution> canonicalName(const QString &host, const std::atomic<bool> *cancel = nullptr);
    /// The PTR name of \a address (IPv4 or IPv6 text); NotFound when there is none.
    virtual Result<QString> reverseName(const QString &address) = 0;
    /// This machine's DNS search domains, in order: a one-label name is tried with each, as the
    /// system resolver does; the first is MIT krb5's default `qualify_shortname`.
    virtual QStringList searchDomains() const { return {}; }

protected:
    /// One name's own records: the CNAME target, if the name is an alias, else its addresses.
    struct Answer {
        QString cname;
        QStringList addresses;
    };
    /// NotFound when \a name has neither a CNAME nor an address.
    virtual Result<Answer> lookup(const QString &name) = 0;
};

} // namespace ssod::core::directory
