#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace ssod::core::probe {

/// What a token is. The GSS kinds carry a Kerberos message in the RFC 4121 framing (0x60, the
/// Kerberos OID, a two-byte TOK_ID); the plain Kerberos kinds are the bare RFC 4120 message.
enum class TokenKind {
    None, ///< a header with a scheme and no token (a server's first "WWW-Authenticate: Negotiate")
    Unknown,
    SpnegoInit,
    SpnegoResp,
    GssKerberosApReq,
    GssKerberosApRep,
    GssKerberosError,
    KerberosApReq,
    KerberosApRep,
    KerberosError,
    NtlmNegotiate,
    NtlmChallenge,
    NtlmAuthenticate,
};

/// Stable identifier for scripts ("spnego-init", "ntlm-negotiate", …).
QString tokenKindId(TokenKind kind);
/// Words for people ("SPNEGO NegTokenInit", "NTLMSSP NEGOTIATE", …).
QString tokenKindName(TokenKind kind);

/// One explained field: what it is, its value, and what it means, with the fields inside it.
/// The same tree feeds the CLI's indented dump, its JSON and a GUI tree view.
struct TokenField {
    QString label;
    QString value;
    QString note; ///< plain words for a helpdesk reader; may be empty
    QList<TokenField> children;
};

/// A decoded Negotiate/NTLM/Kerberos token. The key facts are also fields of the tree; they are
/// repeated here for callers that act on them rather than show them.
struct DecodedToken {
    QString header; ///< "Authorization", "WWW-Authenticate", … when a header line was pasted
    QString scheme; ///< "Negotiate", "NTLM", "Kerberos", or empty for a bare blob
    TokenKind kind = TokenKind::Unknown;
    /// The mechanism token inside SPNEGO (mechToken / responseToken); None when there is none.
    TokenKind innerKind = TokenKind::None;
    qsizetype bytes = 0;
    QString verdict; ///< one line: what this token means
    QString explanation; ///< plain words on why, e.g. why Negotiate fell back to NTLM; may be empty
    /// Non-empty when decoding stopped early (truncated, damaged); the fields hold what was read.
    QString problem;
    QList<TokenField> fields;

    QStringList mechanisms; ///< SPNEGO mechTypes / supportedMech, by name
    int negState = -1; ///< SPNEGO NegTokenResp negState, -1 when absent
    QString realm; ///< Kerberos: the ticket's or the error's realm
    QString spn; ///< Kerberos: the service principal as "service/host" (no realm)
    int ticketEtype = -1; ///< Kerberos AP-REQ: the ticket's enc-part etype
    int authenticatorEtype = -1; ///< AP-REQ authenticator / AP-REP enc-part etype
    bool mutualRequired = false; ///< AP-REQ ap-options mutual-required
    int errorCode = -1; ///< KRB-ERROR error-code
    quint32 ntlmFlags = 0;
    QString ntlmDomain; ///< AUTHENTICATE domain, CHALLENGE target name
    QString ntlmUser;
    QString ntlmWorkstation;
    bool ntlmV2 = false; ///< AUTHENTICATE with an NT response longer than 24 bytes
};

/// The shallowest field labelled \a label (breadth-first); nullptr when none.
const TokenField *findField(const QList<TokenField> &fields, const QString &label);

} // namespace ssod::core::probe
