#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>
#include <variant>

namespace ssod::core::probe {

/// A libkrb5 failure: the com_err code (ERROR_TABLE_BASE_krb5 + protocol code for KDC errors) and
/// libkrb5's own message.
struct Krb5Failure {
    qint64 code = 0;
    QString message;
};

/// What the user's default ticket cache holds (read only).
struct Krb5CacheInfo {
    QString name; ///< "FILE:/tmp/krb5cc_0"
    QString principal; ///< empty: no cache, or an empty one
    bool tgtPresent = false;
    QDateTime tgtEnd; ///< UTC
    std::optional<Krb5Failure> failure; ///< why no principal could be read
};

/// A service ticket as obtained, with what klist -e -f shows of it.
struct Krb5Ticket {
    QString client;
    QString server;
    QStringList flags; ///< "forwardable", "ok-as-delegate", … (RFC 4120 ticket flags)
    QString flagLetters; ///< klist -f style: "FRAO"
    QString ticketEtype; ///< enc-part of the ticket: the service account's key
    QString sessionEtype;
    int kvno = 0;
    QDateTime start, end, renewTill;
};

/**
 * The Kerberos client library (MIT libkrb5) for the probes: the configuration as libkrb5 reads it,
 * the user's ticket cache (never written: tickets land in a private MEMORY cache), a TGT from a
 * keytab or a password, and a service ticket for an SPN with its flags and encryption types.
 * libkrb5's KDC exchanges have no timeout a caller can set (krb5 1.20), so callers ask the KDC
 * themselves first (KdcExchange) and call the exchanging functions only once it answered.
 */
class Krb5Client final {
public:
    /// A context reading the usual configuration (KRB5_CONFIG, else the default files); with
    /// \a kdcOverride for \a realm, that realm's KDC list is replaced by that one host.
    static std::variant<std::unique_ptr<Krb5Client>, Krb5Failure> open(
        const QString &realm = {}, const QString &kdcOverride = {});
    ~Krb5Client();
    Krb5Client(const Krb5Client &) = delete;
    Krb5Client &operator=(const Krb5Client &) = delete;

    QString defaultRealm() const;
    /// [realms] REALM kdc, ports stripped; empty when the realm lists none (libkrb5 then asks DNS).
    QStringList configuredKdcs(const QString &realm) const;
    bool dnsLookupKdc() const;
    /// [libdefaults] clockskew in seconds (default 300).
    int clockSkewSeconds() const;
    QString configFiles() const { return m_files; }

    Krb5CacheInfo inspectDefaultCache() const;
    /// Copies the default cache into the private MEMORY cache.
    std::optional<Krb5Failure> useDefaultCache();
    /// A TGT for \a principal (empty: the keytab's first entry) from \a keytab, into the private cache.
    std::optional<Krb5Failure> tgtFromKeytab(const QString &keytab, const QString &principal);
    std::optional<Krb5Failure> tgtFromPassword(const QString &principal, const QString &password);
    /// The client principal of the private cache.
    QString principal() const { return m_principal; }
    QDateTime tgtEnd() const { return m_tgtEnd; }
    /// A service ticket for \a spn in \a realm (empty: the client's realm) through the private cache.
    std::variant<Krb5Ticket, Krb5Failure> serviceTicket(const QString &spn, const QString &realm);

    /// "aes256-cts-hmac-sha1-96" for 18, as klist -e names it.
    static QString etypeName(int etype);

private:
    Krb5Client() = default;
    Krb5Failure failure(long code) const;
    std::optional<Krb5Failure> initPrivateCache(void *principal);

    void *m_ctx = nullptr; // krb5_context
    void *m_cache = nullptr; // krb5_ccache, MEMORY
    QString m_files;
    QString m_principal;
    QDateTime m_tgtEnd;
    QString m_overrideFile;
};

} // namespace ssod::core::probe
