#pragma once

#include <QByteArray>
#include <QString>

namespace ssod::core::probe {

/// How one GSSAPI call ended: the major/minor status in plain words and, for Kerberos, the protocol
/// code (KDC_ERR_S_PRINCIPAL_UNKNOWN = 7, KRB_AP_ERR_MODIFIED = 41, …) when the minor status is one.
struct GssStatus {
    bool ok = false; ///< GSS_S_COMPLETE or GSS_S_CONTINUE_NEEDED
    bool complete = false; ///< the context is established (GSS_S_COMPLETE)
    quint32 major = 0;
    quint32 minor = 0;
    /// The minor status as MIT's com_err value (signed, e.g. -1765328377), 0 when none.
    qint32 krb5Code = 0;
    /// krb5Code minus the krb5 error-table base when it is a protocol code (0-127), else -1.
    int kerberosProtocolCode = -1;
    /// gss_display_status of the major and the minor status, "; "-joined.
    QString text;

    /// No ticket cache or no TGT in it (GSS_S_NO_CRED, or krb5's "No Kerberos credentials").
    bool noCredentials() const;
};

/**
 * The client side of HTTP Negotiate (RFC 4559) over GSSAPI with the SPNEGO mechanism: builds the
 * first token for an SPN from the default ticket cache, then feeds the server's answer back to
 * verify mutual authentication. Qt 6.4's own Negotiate does not work on Linux, so the probe builds
 * the token here and uses Qt only as transport. Blocking (the first step talks to the KDC):
 * call it from a worker thread. Not thread-safe; one object per exchange.
 */
class NegotiateClient final {
public:
    /// How the SPN given to init() is read.
    enum class NameType {
        Principal, ///< "HTTP/web01.lab.test" as an exact Kerberos principal (the predicted SPN)
        HostBased, ///< "HTTP@web01.lab.test", canonicalized by krb5.conf as curl's GSSAPI does
    };
    /// Which GSS mechanism builds the token.
    enum class Mech { Spnego, Kerberos };

    NegotiateClient();
    ~NegotiateClient();
    NegotiateClient(const NegotiateClient &) = delete;
    NegotiateClient &operator=(const NegotiateClient &) = delete;

    /// The first token for \a name (mutual authentication requested). On success token() holds it.
    GssStatus init(const QString &name, NameType type = NameType::Principal, Mech mech = Mech::Spnego);
    /// Feeds the server's token (its WWW-Authenticate: Negotiate value, decoded); complete() when it
    /// was the mutual-authentication answer that the context accepts.
    GssStatus step(const QByteArray &serverToken);

    /// The token of the last successful step (empty when the step produced none).
    QByteArray token() const { return m_token; }
    bool complete() const { return m_complete; }
    /// The mechanism the context uses ("kerberos", "ntlm", "spnego" or the OID), once known.
    QString mechanism() const;
    /// The client principal of the ticket cache, once a context exists.
    QString clientPrincipal() const;

private:
    GssStatus call(const QByteArray *input);

    struct Gss;
    Gss *m_gss;
    QByteArray m_token;
    bool m_complete = false;
};

} // namespace ssod::core::probe
