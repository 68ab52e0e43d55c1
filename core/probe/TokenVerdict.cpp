// The one-line verdict and the plain-words explanation of a decoded token, for a helpdesk reader.
#include "core/probe/KerberosNames.h"
#include "core/probe/TokenDecoder_p.h"

namespace ssod::core::probe::detail {

namespace {

bool isApReq(TokenKind k)
{
    return k == TokenKind::GssKerberosApReq || k == TokenKind::KerberosApReq;
}
bool isApRep(TokenKind k)
{
    return k == TokenKind::GssKerberosApRep || k == TokenKind::KerberosApRep;
}
bool isKrbError(TokenKind k)
{
    return k == TokenKind::GssKerberosError || k == TokenKind::KerberosError;
}

QString apReqVerdict(const DecodedToken &t)
{
    QStringList parts;
    if (!t.spn.isEmpty())
        parts << tr("AP-REQ for %1@%2").arg(t.spn, t.realm);
    else
        parts << QStringLiteral("AP-REQ");
    if (t.ticketEtype >= 0)
        parts << etypeShortName(t.ticketEtype);
    return tr("Kerberos (%1)").arg(parts.join(QStringLiteral(", ")));
}

QString apReqExplanation(const DecodedToken &t)
{
    QString s = tr("The client obtained a Kerberos service ticket and sent it: Kerberos single sign-on works on the "
                   "client's side.");
    if (!t.spn.isEmpty())
        s += QLatin1Char(' ')
            + tr("If the server still answers 401, it cannot decrypt the ticket: %1 must be registered on the "
                 "account that runs the service, and its keytab must hold that account's current key (%2).")
                  .arg(t.spn, t.ticketEtype >= 0 ? etypeName(t.ticketEtype) : tr("the ticket's encryption type"));
    if (t.ticketEtype == 23 || t.ticketEtype == 24)
        s += QLatin1Char(' ') + etypeNote(t.ticketEtype);
    return s;
}

QString ntlmFallbackExplanation()
{
    return tr("Negotiate fell back to NTLM. A client does this silently when it cannot get a Kerberos ticket for "
              "the server: no account holds the SPN built from the name in the URL (check it with "
              "\"ssodoctor-cli spn predict URL\"), the URL uses an IP address or a name the browser does not treat "
              "as intranet (zone or allow-list), the client cannot reach a domain controller, or the user is not "
              "logged on with a domain account. NTLM still logs the user on, but it cannot be delegated and is "
              "weaker; fix the cause to get Kerberos back.");
}

QString ntlmUserText(const DecodedToken &t)
{
    QString who = t.ntlmDomain.isEmpty() ? t.ntlmUser : t.ntlmDomain + QLatin1Char('\\') + t.ntlmUser;
    QString s = tr("NTLMSSP AUTHENTICATE for %1").arg(who.isEmpty() ? tr("an anonymous user") : who);
    if (!t.ntlmWorkstation.isEmpty())
        s += tr(" from %1").arg(t.ntlmWorkstation);
    return s + QStringLiteral(" (%1)").arg(t.ntlmV2 ? QStringLiteral("NTLMv2") : QStringLiteral("NTLMv1"));
}

QString krbErrorVerdict(const DecodedToken &t)
{
    if (t.errorCode < 0)
        return tr("Kerberos error");
    return tr("Kerberos error %1 (%2)").arg(krbErrorName(t.errorCode)).arg(t.errorCode);
}

/// The verdict for a mechanism token, whether it came bare or inside SPNEGO.
QString mechVerdict(DecodedToken &t, TokenKind k, bool underNegotiate, bool inSpnego)
{
    const QString where = inSpnego ? tr(" inside SPNEGO") : underNegotiate ? tr(" under Negotiate, without SPNEGO")
                                                                           : QString();
    if (isApReq(k)) {
        t.explanation = apReqExplanation(t);
        return apReqVerdict(t) + (inSpnego ? QString() : tr(", without SPNEGO"));
    }
    if (isApRep(k)) {
        t.explanation = tr("The server proved its identity with the session key from the ticket: Kerberos "
                           "authentication completed in both directions.");
        return tr("Kerberos mutual-authentication reply (AP-REP)");
    }
    if (isKrbError(k)) {
        t.explanation = krbErrorNote(t.errorCode);
        return krbErrorVerdict(t);
    }
    const bool fallback = underNegotiate || inSpnego;
    switch (k) {
    case TokenKind::NtlmNegotiate:
        if (fallback) {
            t.explanation = ntlmFallbackExplanation();
            return tr("NTLM fallback: NTLMSSP NEGOTIATE%1 (the client found no Kerberos ticket for the SPN or the "
                      "name is an IP/not in the intranet zone)")
                .arg(where);
        }
        t.explanation = tr("The NTLM scheme never tries Kerberos: the server or the client is set up for NTLM only.");
        return tr("NTLM: NTLMSSP NEGOTIATE (the client starts NTLM)");
    case TokenKind::NtlmChallenge:
        if (fallback)
            t.explanation = ntlmFallbackExplanation();
        return tr("%1NTLMSSP CHALLENGE from the server%2 (target %3); the client must answer on the same connection")
            .arg(fallback ? tr("NTLM fallback: ") : QString(), where, t.ntlmDomain);
    case TokenKind::NtlmAuthenticate:
        if (fallback)
            t.explanation = ntlmFallbackExplanation();
        return (fallback ? tr("NTLM fallback: ") : QString()) + ntlmUserText(t) + where;
    default:
        return {};
    }
}

QString spnegoRespVerdict(DecodedToken &t)
{
    if (t.innerKind != TokenKind::None && t.innerKind != TokenKind::Unknown)
        return mechVerdict(t, t.innerKind, true, true);
    switch (t.negState) {
    case 0:
        return tr("The server accepted the authentication (SPNEGO accept-completed)");
    case 2:
        t.explanation = tr("The server refused every mechanism the client offered, or the credentials.");
        return tr("The server rejected the authentication (SPNEGO reject)");
    default:
        return tr("SPNEGO NegTokenResp");
    }
}

} // namespace

void writeVerdict(DecodedToken &t)
{
    const bool negotiate = t.scheme == QLatin1String("Negotiate");
    t.explanation.clear();
    QString v;
    switch (t.kind) {
    case TokenKind::None:
        if (t.header.endsWith(QLatin1String("Authenticate"))) {
            v = tr("The server asks for %1 authentication (no token yet)").arg(t.scheme);
            t.explanation = tr("A browser answers with a token only for sites it trusts for single sign-on (intranet "
                               "zone or allow-list). It sends Kerberos when it can get a ticket for the server's SPN, "
                               "otherwise NTLM or a password prompt.");
        } else {
            v = tr("A %1 header without a token").arg(t.scheme);
        }
        break;
    case TokenKind::Unknown:
        v = tr("Not a Negotiate, Kerberos or NTLM token");
        break;
    case TokenKind::SpnegoInit:
        if (t.innerKind == TokenKind::None)
            v = tr("SPNEGO offer without a token (mechanisms: %1)").arg(t.mechanisms.join(QStringLiteral(", ")));
        else
            v = mechVerdict(t, t.innerKind, negotiate, true);
        if (v.isEmpty())
            v = tr("SPNEGO NegTokenInit carrying %1").arg(tokenKindName(t.innerKind));
        break;
    case TokenKind::SpnegoResp:
        v = spnegoRespVerdict(t);
        if (v.isEmpty())
            v = tr("SPNEGO NegTokenResp carrying %1").arg(tokenKindName(t.innerKind));
        break;
    default:
        v = mechVerdict(t, t.kind, negotiate, false);
        break;
    }
    if (!t.problem.isEmpty())
        v += tr(" [incomplete: %1]").arg(t.problem);
    t.verdict = v;
}

} // namespace ssod::core::probe::detail
