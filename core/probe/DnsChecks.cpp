#include "core/probe/DnsChecks.h"

#include <QCoreApplication>
#include <QHostAddress>

#include <algorithm>

namespace ssod::core::probe {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("DnsChecks", text);
}

QString bare(const QString &name)
{
    QString n = name.trimmed().toLower();
    while (n.endsWith(QLatin1Char('.')))
        n.chop(1);
    return n;
}

bool labelChar(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
        || c == QLatin1Char('-') || c == QLatin1Char('_');
}

} // namespace

const QList<SrvRecordSpec> &adSrvRecords()
{
    static const QList<SrvRecordSpec> specs {
        { QStringLiteral("_kerberos._tcp"), QStringLiteral("dns.srv-missing-kdc"), QStringLiteral("Kerberos KDCs (TCP 88)") },
        { QStringLiteral("_kerberos._udp"), QStringLiteral("dns.srv-missing-kdc"), QStringLiteral("Kerberos KDCs (UDP 88)") },
        { QStringLiteral("_kpasswd._tcp"), QStringLiteral("dns.srv-missing-kpasswd"),
            QStringLiteral("Kerberos password change (TCP 464)") },
        { QStringLiteral("_kpasswd._udp"), QStringLiteral("dns.srv-missing-kpasswd"),
            QStringLiteral("Kerberos password change (UDP 464)") },
        { QStringLiteral("_ldap._tcp.dc._msdcs"), QStringLiteral("dns.srv-missing-dc"),
            QStringLiteral("domain controllers (LDAP 389)") },
        { QStringLiteral("_gc._tcp"), QStringLiteral("dns.srv-missing-gc"), QStringLiteral("Global Catalog servers (3268)") },
    };
    return specs;
}

Result<QString> normalizedDnsName(const QString &text)
{
    const QString name = bare(text);
    if (name.isEmpty())
        return Error::invalid(tr("no name given"));
    if (name.size() > 253)
        return Error::invalid(tr("a DNS name has at most 253 characters, this one %1").arg(name.size()));
    for (const QString &label : name.split(QLatin1Char('.'))) {
        if (label.isEmpty())
            return Error::invalid(tr("\"%1\" has an empty label (two dots in a row)").arg(name.left(80)));
        if (label.size() > 63)
            return Error::invalid(tr("the label \"%1…\" is longer than 63 characters").arg(label.left(20)));
        if (!std::all_of(label.cbegin(), label.cend(), labelChar))
            return Error::invalid(tr("\"%1\" is not a DNS name: only letters, digits, '-' and '.' are allowed")
                                      .arg(name.left(80)));
        if (label.startsWith(QLatin1Char('-')) || label.endsWith(QLatin1Char('-')))
            return Error::invalid(tr("the label \"%1\" starts or ends with '-'").arg(label));
    }
    return name;
}

QString ptrFindingId(const QString &address, const QString &ptrName, const QStringList &ptrNameAddresses,
    const QStringList &hostNames)
{
    const QHostAddress wanted(address);
    const bool resolvesBack = std::any_of(ptrNameAddresses.cbegin(), ptrNameAddresses.cend(),
        [&wanted](const QString &a) { return !wanted.isNull() && QHostAddress(a).isEqual(wanted); });
    if (!resolvesBack)
        return QStringLiteral("dns.ptr-mismatch");
    if (hostNames.isEmpty())
        return QStringLiteral("dns.ptr-ok");
    const QString ptr = bare(ptrName);
    const bool named
        = std::any_of(hostNames.cbegin(), hostNames.cend(), [&ptr](const QString &n) { return bare(n) == ptr; });
    return named ? QStringLiteral("dns.ptr-ok") : QStringLiteral("dns.ptr-other-name");
}

} // namespace ssod::core::probe
