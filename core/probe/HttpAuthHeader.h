#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace ssod::core::probe {

/// One challenge of a WWW-Authenticate header: "Negotiate <token>", "NTLM", "Basic realm=…".
struct AuthChallenge {
    QString scheme; ///< as sent ("Negotiate", "NTLM", "Basic", "Kerberos", …)
    QByteArray token; ///< the base64 token68 after the scheme (Negotiate/NTLM), empty when none
};

/**
 * The challenges of every WWW-Authenticate header value (RFC 7235 §4.1): one header may hold
 * several comma-separated challenges, and auth-params ("realm=\"x\"") belong to the challenge
 * before them. Lenient, as browsers are; bounded: at most kMaxChallenges challenges are kept.
 */
QList<AuthChallenge> parseAuthenticate(const QList<QByteArray> &headerValues);
/// Scheme names of \a challenges without repeats, in order.
QStringList challengeSchemes(const QList<AuthChallenge> &challenges);
/// The first challenge whose scheme is \a scheme (case-insensitive), or null.
const AuthChallenge *findChallenge(const QList<AuthChallenge> &challenges, const QString &scheme);

/// What a Negotiate token is, from its first bytes and OIDs only (FACTS.md §8.2). The full decoder is
/// TokenDecoder; this is what the probe needs to tell Kerberos from NTLM.
enum class NegotiateTokenKind {
    Empty,
    SpnegoInitKerberos, ///< NegTokenInit whose first mechanism is Kerberos (either OID)
    SpnegoInitNtlm, ///< NegTokenInit whose first mechanism is NTLMSSP
    SpnegoInitOther,
    SpnegoResponse, ///< NegTokenResp (A1 …): a server's answer or a later leg
    SpnegoResponseNtlm, ///< NegTokenResp carrying an NTLMSSP message (an NTLM challenge)
    Kerberos, ///< a raw Kerberos GSS token (60 … krb5 OID)
    Ntlm, ///< a raw NTLMSSP message ("TlRMTVNT" in base64)
    Unknown,
};
/// "spnego-init-kerberos", "spnego-init-ntlm", …: the names used in the probe's data.
QString negotiateTokenKindName(NegotiateTokenKind kind);
/// Classifies a decoded token.
NegotiateTokenKind classifyNegotiateToken(const QByteArray &token);
/// True for the kinds that mean NTLM is in use.
bool isNtlmToken(NegotiateTokenKind kind);

} // namespace ssod::core::probe
