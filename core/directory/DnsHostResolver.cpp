#include "core/directory/DnsHostResolver.h"

#include "core/directory/DnsWait.h"

#include <QCoreApplication>
#include <QDnsLookup>
#include <QHostAddress>

#ifdef Q_OS_UNIX
#include <netinet/in.h>
#include <resolv.h>
#endif

namespace ssod::core::directory {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("DnsHostResolver", text);
}

struct Records {
    QStringList names; ///< the CNAME target of the name asked for, or its PTR targets
    QStringList addresses;
    bool nxdomain = false; ///< the name does not exist
    /// No records and no clear reason: Qt 6.4 on Unix reports an answer without records ("NODATA":
    /// the name exists, without a record of this type) as an invalid reply because res_nquery
    /// returns -1 for it, and a server that cannot be reached the same way.
    bool unclear = false;
    QString why;
};

QString typeName(QDnsLookup::Type type)
{
    switch (type) {
    case QDnsLookup::A:
        return QStringLiteral("A");
    case QDnsLookup::AAAA:
        return QStringLiteral("AAAA");
    case QDnsLookup::PTR:
        return QStringLiteral("PTR");
    default:
        return QStringLiteral("?");
    }
}

/// One query, bounded by \a timeoutMs. An empty answer gives empty Records saying why: the caller
/// decides what "nothing" means.
Result<Records> query(QDnsLookup::Type type, const QString &name, int timeoutMs, const std::function<bool()> &stop)
{
    QDnsLookup lookup(type, name);
    if (!runDnsLookup(lookup, timeoutMs, stop))
        return Error::io(tr("DNS gave no answer for %1 (%2) within %3 s; the prediction needs the client's "
                            "view of DNS: run it where the client's resolver answers")
                             .arg(name, typeName(type))
                             .arg(timeoutMs / 1000.0));
    Records out;
    switch (lookup.error()) {
    case QDnsLookup::NoError:
        break;
    case QDnsLookup::NotFoundError:
        out.nxdomain = true;
        return out;
    case QDnsLookup::InvalidReplyError:
        out.unclear = true;
        out.why = lookup.errorString();
        return out;
    default:
        return Error::io(
            tr("DNS lookup of %1 (%2) failed: %3").arg(name, typeName(type), lookup.errorString()));
    }
    // Only records owned by the name asked for count: a resolver may append others.
    for (const QDnsDomainNameRecord &r : lookup.canonicalNameRecords())
        if (r.name().compare(name, Qt::CaseInsensitive) == 0)
            out.names << r.value();
    for (const QDnsDomainNameRecord &r : lookup.pointerRecords())
        out.names << r.value();
    for (const QDnsHostAddressRecord &r : lookup.hostAddressRecords())
        if (r.name().compare(name, Qt::CaseInsensitive) == 0)
            out.addresses << r.value().toString();
    return out;
}

/// The in-addr.arpa / ip6.arpa name of an address, for a PTR query.
QString reverseZoneName(const QHostAddress &a)
{
    QStringList parts;
    if (a.protocol() == QAbstractSocket::IPv4Protocol) {
        const quint32 v = a.toIPv4Address();
        for (int shift = 0; shift < 32; shift += 8)
            parts << QString::number((v >> shift) & 0xff);
        return parts.join(QLatin1Char('.')) + QStringLiteral(".in-addr.arpa");
    }
    const Q_IPV6ADDR v6 = a.toIPv6Address();
    for (int i = 15; i >= 0; --i)
        parts << QString::number(v6[i] & 0xf, 16) << QString::number(v6[i] >> 4, 16);
    return parts.join(QLatin1Char('.')) + QStringLiteral(".ip6.arpa");
}

} // namespace

Result<HostResolver::Answer> DnsHostResolver::lookup(const QString &name)
{
    // An A query answers for an alias with its CNAME (resolvers chase the chain and return it), so
    // one query tells an alias from a host; AAAA only for a name with no A record.
    Answer answer;
    bool unclear = true;
    QString why;
    for (const QDnsLookup::Type type : { QDnsLookup::A, QDnsLookup::AAAA }) {
        auto records = query(type, name, m_timeoutMs, m_stop);
        if (!records)
            return records.error();
        if (!records->names.isEmpty()) {
            answer.cname = records->names.first();
            return answer;
        }
        answer.addresses += records->addresses;
        if (!answer.addresses.isEmpty())
            return answer;
        if (records->nxdomain)
            return Error::notFound(tr("%1 does not resolve: DNS says the name does not exist").arg(name));
        unclear = unclear && records->unclear;
        why = records->why;
    }
    // Neither query said anything clear: a name without addresses, or a resolver that did not
    // answer properly. Guessing "does not resolve" would make the prediction silently wrong.
    if (unclear)
        return Error::io(
            tr("DNS gave no usable answer for %1 (%2): either the name has no A or AAAA record, or "
               "the DNS server cannot be reached; check with nslookup %1")
                .arg(name, why));
    return Error::notFound(tr("%1 does not resolve: DNS has no A or AAAA record for it").arg(name));
}

Result<QString> DnsHostResolver::reverseName(const QString &address)
{
    QHostAddress a;
    if (!a.setAddress(address))
        return Error::invalid(tr("\"%1\" is not an IP address").arg(address));
    const QString zoneName = reverseZoneName(a);
    auto records = query(QDnsLookup::PTR, zoneName, m_timeoutMs, m_stop);
    if (!records)
        return records.error();
    if (records->names.isEmpty())
        return Error::notFound(tr("no PTR record for %1 (%2)").arg(address, zoneName));
    return records->names.first();
}

QStringList DnsHostResolver::searchDomains() const
{
    QStringList out;
#ifdef Q_OS_UNIX
    // The resolver's own reading of resolv.conf ("search" or "domain"), as res_nsearch and MIT
    // krb5 use it.
    struct __res_state state = {};
    if (res_ninit(&state) != 0)
        return out;
    for (int i = 0; i < MAXDNSRCH && state.dnsrch[i]; ++i)
        out << QString::fromUtf8(state.dnsrch[i]);
    res_nclose(&state);
#endif
    return out;
}

} // namespace ssod::core::directory
