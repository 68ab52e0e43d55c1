#pragma once

#include "core/util/Result.h"

#include <QString>
#include <QStringList>
#include <optional>

namespace ssod::core::directory {

/**
 * A service principal name as Active Directory stores it in servicePrincipalName (FACTS.md §6.1):
 * `serviceclass/host[:port][/servicename]`, e.g. `HTTP/web01.contoso.com`,
 * `MSSQLSvc/sql01.contoso.com:1433`, `ldap/dc01.contoso.com/contoso.com`. Comparisons are
 * case-insensitive, as the directory's and the KDC's are.
 */
class Spn final {
public:
    /// Parses \a text, refusing what setspn and the directory refuse, with a message that says what
    /// is wrong and what to write instead: "HTTP/" (no host), "/web01" (no service class), a space,
    /// a port that is not 1–65535, an empty part ("HTTP//x").
    static Result<Spn> parse(const QString &text);

    QString serviceClass() const { return m_class; }
    QString host() const { return m_host; }
    std::optional<quint16> port() const { return m_port; }
    QString serviceName() const { return m_serviceName; }

    /// The host without its domain ("web01" for "web01.contoso.com"); the host itself when it has no dot.
    QString shortHost() const;
    /// True when the host is an IPv4 or IPv6 address literal (clients then use NTLM, not Kerberos).
    bool hostIsAddress() const;

    QString toString() const;

    /// Case-insensitive equality of the whole name.
    bool sameAs(const Spn &other) const;

    /// True when \a pattern (setspn -Q syntax: `*` matches any run of characters, case-insensitive)
    /// matches this SPN's text.
    static bool matches(const QString &spn, const QString &pattern);
    /// An LDAP filter value for \a pattern: RFC 4515 escapes for every special character except `*`.
    static QString ldapFilterValue(const QString &pattern);

private:
    QString m_class;
    QString m_host;
    std::optional<quint16> m_port;
    QString m_serviceName;
};

/// Classes a computer's HOST/ SPN stands in for (the default sPNMappings, FACTS.md §6.1): an
/// `HTTP/web01` request is satisfied by `HOST/web01` on the computer account.
const QStringList &hostAliasClasses();

} // namespace ssod::core::directory
