#pragma once

#include "core/util/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <atomic>
#include <functional>
#include <memory>

namespace ssod::core::directory {

/// How to reach and bind to a domain controller (the CLI's CONN options).
struct ConnectionOptions {
    enum class Bind {
        Gssapi, ///< SASL GSSAPI with the user's Kerberos ticket (the default: no password)
        Simple, ///< a DN and password, only over TLS unless allowInsecureBind
    };
    enum class Tls {
        None, ///< ldap:// (GSSAPI signs and seals the connection itself)
        StartTls, ///< ldap:// then StartTLS
        Ldaps, ///< ldaps://
    };

    QString domain; ///< DNS domain: domain controllers are found from its SRV records
    QString dc; ///< HOST or HOST:PORT, instead of discovery
    Bind bind = Bind::Gssapi;
    Tls tls = Tls::None;
    QString bindDn;
    QString password; ///< kept in memory only (never logged, never in argv)
    QString caFile; ///< CA certificates for LDAPS/StartTLS; empty: the system store
    bool allowInsecureBind = false;
    bool globalCatalog = false; ///< the forest-wide global catalog (port 3268/3269)
    int timeoutMs = 10000; ///< connect, bind and each search round trip
};

/// One directory entry with the attributes a search asked for.
struct LdapEntry {
    QString dn;
    QMap<QString, QList<QByteArray>> attributes; ///< lower-cased attribute name -> values

    QStringList strings(const QString &name) const;
    QString string(const QString &name) const; ///< first value, or empty
    QList<QByteArray> values(const QString &name) const { return attributes.value(name.toLower()); }
};

/// What the rootDSE says about the DC (anonymous read).
struct RootDse {
    QString dnsHostName;
    QString defaultNamingContext;
    QString configurationNamingContext;
    QString rootDomainNamingContext;
    QStringList namingContexts;
    QStringList saslMechanisms;
    QDateTime currentTime; ///< the DC's clock (UTC)
    QString serverName;
    int domainFunctionality = -1;
};

/**
 * A connection to one domain controller through OpenLDAP's libldap: bound with SASL GSSAPI (the
 * user's ticket) or a simple bind over TLS, TLS certificates verified, every operation bounded by a
 * timeout, searches paged (RFC 2696) and streamed entry by entry. A simple bind over cleartext is
 * refused unless allowed, because it sends the password readable to anyone on the path.
 */
class LdapConnection final {
public:
    static Result<std::unique_ptr<LdapConnection>> connect(const ConnectionOptions &options);
    /// The rootDSE of \a host (port 389) read anonymously over plain LDAP, without a bind: what a
    /// clock check needs. Connect and the search are each bounded by \a timeoutMs.
    static Result<RootDse> anonymousRootDse(const QString &host, int timeoutMs);
    ~LdapConnection();
    Q_DISABLE_COPY_MOVE(LdapConnection)

    /// "ldap://dc1.lab.test:389 (SASL GSSAPI)": which server and how, for the user to see.
    QString describe() const { return m_description; }
    const RootDse &rootDse() const { return m_rootDse; }
    /// Whom the DC bound us as ("LAB\\alice", or a DN), from the LDAP "Who am I?" operation;
    /// empty when the DC does not say.
    QString boundIdentity() const { return m_boundIdentity; }

    enum class Scope { Base, OneLevel, Subtree };
    /// Called for each entry; return false to stop the search early.
    using EntryHandler = std::function<bool(const LdapEntry &entry)>;
    /// Searches with paged results (\a pageSize per page), handing entries over as they arrive.
    /// Referrals and continuation references are skipped. \a cancel stops between pages.
    Result<void> search(const QString &base, Scope scope, const QString &filter,
        const QStringList &attributes, const EntryHandler &onEntry, const std::atomic<bool> *cancel = nullptr,
        int pageSize = 1000);

    struct Modification {
        enum class Op { Add, Delete, Replace } op;
        QString attribute;
        QList<QByteArray> values;
    };
    Result<void> modify(const QString &dn, const QList<Modification> &mods);

private:
    LdapConnection() = default;
    /// Reads the rootDSE anonymously (the first round trip of connect; kept in rootDse()).
    static Result<RootDse> readRootDse(void *ld, int timeoutMs);
    Error ldapError(const QString &what, int rc) const;
    /// Bounds every read on the connection libldap opens for \a ld: a socket receive timeout of
    /// m_timeoutMs (libldap reads a started message blocking, so a server that sends part of an
    /// answer and stops would hold it for ever) and a largest accepted message (a length prefix of
    /// 2 GiB would otherwise be buffered as it streams in).
    void boundReads(void *ld);

    void *m_ld = nullptr; // LDAP*
    QString m_uri;
    QString m_description;
    QString m_boundIdentity;
    RootDse m_rootDse;
    int m_timeoutMs = 10000;
    std::shared_ptr<void> m_readBound; // the ldap_conncb registered by boundReads()
};

/// Domain controllers of \a domain from DNS (_ldap._tcp.dc._msdcs.DOMAIN, or _gc._tcp.DOMAIN for
/// the global catalog), best first (priority, then weight), as "host:port".
Result<QStringList> findDomainControllers(const QString &domain, bool globalCatalog, int timeoutMs = 5000);

} // namespace ssod::core::directory
