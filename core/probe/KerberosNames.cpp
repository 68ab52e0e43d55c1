// Names of Kerberos encryption types and error codes, with what they mean for a helpdesk reader.
#include "core/probe/KerberosNames.h"

#include "core/probe/TokenDecoder_p.h"

namespace ssod::core::probe {

using detail::tr;

namespace {

struct Etype {
    int number;
    const char *name;
    const char *shortName;
};

// RFC 3961/3962 (DES, AES-SHA1), RFC 4757 (RC4, MS-KILE), RFC 8009 (AES-SHA2), RFC 6803 (Camellia).
constexpr Etype kEtypes[] = {
    { 1, "des-cbc-crc", "des" },
    { 2, "des-cbc-md4", "des" },
    { 3, "des-cbc-md5", "des" },
    { 16, "des3-cbc-sha1", "des3" },
    { 17, "aes128-cts-hmac-sha1-96", "aes128" },
    { 18, "aes256-cts-hmac-sha1-96", "aes256" },
    { 19, "aes128-cts-hmac-sha256-128", "aes128-sha2" },
    { 20, "aes256-cts-hmac-sha384-192", "aes256-sha2" },
    { 23, "rc4-hmac", "rc4" },
    { 24, "rc4-hmac-exp", "rc4-exp" },
    { 25, "camellia128-cts-cmac", "camellia128" },
    { 26, "camellia256-cts-cmac", "camellia256" },
};

struct KrbError {
    int code;
    const char *name;
    const char *note;
};

// RFC 4120 §7.5.9 names; the notes are the usual causes in an Active Directory (FACTS §7.1).
constexpr KrbError kErrors[] = {
    { 6, "KDC_ERR_C_PRINCIPAL_UNKNOWN",
        QT_TRANSLATE_NOOP("TokenDecoder", "the KDC does not know the user or computer: a typo, the wrong realm or "
                                          "UPN suffix, or an account in another domain") },
    { 7, "KDC_ERR_S_PRINCIPAL_UNKNOWN",
        QT_TRANSLATE_NOOP("TokenDecoder", "no account holds the SPN the client asked for (or two do): register the "
                                          "SPN on the service account; until then Negotiate silently falls back to NTLM") },
    { 8, "KDC_ERR_PRINCIPAL_NOT_UNIQUE",
        QT_TRANSLATE_NOOP("TokenDecoder", "the name is held by more than one account (duplicate SPN)") },
    { 12, "KDC_ERR_POLICY",
        QT_TRANSLATE_NOOP("TokenDecoder", "a logon restriction refused it: logon hours, allowed workstations, an "
                                          "authentication policy or silo, smart card required") },
    { 13, "KDC_ERR_BADOPTION",
        QT_TRANSLATE_NOOP("TokenDecoder", "the KDC refused a requested option, typically delegation (constrained "
                                          "delegation list, resource-based delegation, a non-forwardable ticket)") },
    { 14, "KDC_ERR_ETYPE_NOSUPP",
        QT_TRANSLATE_NOOP("TokenDecoder", "no encryption type both sides accept: the account has no AES keys "
                                          "(password not reset since AES), msDS-SupportedEncryptionTypes or policy "
                                          "mismatch, RC4 or DES disabled, a keytab with other types") },
    { 18, "KDC_ERR_CLIENT_REVOKED",
        QT_TRANSLATE_NOOP("TokenDecoder", "the account is disabled, locked out or expired") },
    { 23, "KDC_ERR_KEY_EXPIRED", QT_TRANSLATE_NOOP("TokenDecoder", "the password has expired") },
    { 24, "KDC_ERR_PREAUTH_FAILED",
        QT_TRANSLATE_NOOP("TokenDecoder", "wrong password; for a service, a stale keytab or password") },
    { 25, "KDC_ERR_PREAUTH_REQUIRED",
        QT_TRANSLATE_NOOP("TokenDecoder", "normal first answer to a request without pre-authentication; not a failure") },
    { 29, "KDC_ERR_SVC_UNAVAILABLE", QT_TRANSLATE_NOOP("TokenDecoder", "the KDC is not available") },
    { 31, "KRB_AP_ERR_BAD_INTEGRITY",
        QT_TRANSLATE_NOOP("TokenDecoder", "an integrity check failed while decrypting: the wrong key") },
    { 32, "KRB_AP_ERR_TKT_EXPIRED",
        QT_TRANSLATE_NOOP("TokenDecoder", "the ticket has expired; the client should get a new one (klist purge)") },
    { 33, "KRB_AP_ERR_TKT_NYV",
        QT_TRANSLATE_NOOP("TokenDecoder", "the ticket is not valid yet: the clocks disagree") },
    { 34, "KRB_AP_ERR_REPEAT", QT_TRANSLATE_NOOP("TokenDecoder", "the server saw this authenticator before (replay)") },
    { 35, "KRB_AP_ERR_NOT_US", QT_TRANSLATE_NOOP("TokenDecoder", "the ticket is for another server") },
    { 36, "KRB_AP_ERR_BADMATCH", QT_TRANSLATE_NOOP("TokenDecoder", "the ticket and authenticator do not match") },
    { 37, "KRB_AP_ERR_SKEW",
        QT_TRANSLATE_NOOP("TokenDecoder", "the clocks differ by more than the allowed skew (5 minutes by default)") },
    { 41, "KRB_AP_ERR_MODIFIED",
        QT_TRANSLATE_NOOP("TokenDecoder", "the service cannot decrypt the ticket: the SPN is on a different account "
                                          "than the one running the service, a duplicate SPN, a changed password or "
                                          "keytab, or DNS pointing at the wrong host") },
    { 44, "KRB_AP_ERR_BADKEYVER",
        QT_TRANSLATE_NOOP("TokenDecoder", "the key version does not match the service's keytab (an old keytab)") },
    { 52, "KRB_ERR_RESPONSE_TOO_BIG",
        QT_TRANSLATE_NOOP("TokenDecoder", "the UDP answer was too big; the client retries over TCP (normal with large "
                                          "group memberships)") },
    { 60, "KRB_ERR_GENERIC",
        QT_TRANSLATE_NOOP("TokenDecoder", "a generic error: read e-text and e-data (Windows puts an NTSTATUS there)") },
    { 61, "KRB_ERR_FIELD_TOOLONG", QT_TRANSLATE_NOOP("TokenDecoder", "a field was too long") },
    { 62, "KDC_ERR_CLIENT_NOT_TRUSTED",
        QT_TRANSLATE_NOOP("TokenDecoder", "the KDC does not trust the client's certificate (smart card, PKINIT)") },
    { 68, "KDC_ERR_WRONG_REALM",
        QT_TRANSLATE_NOOP("TokenDecoder", "a referral to another realm (cross-forest or name canonicalization)") },
};

} // namespace

QString etypeName(qint64 etype)
{
    for (const Etype &e : kEtypes) {
        if (e.number == etype)
            return QLatin1String(e.name);
    }
    return tr("etype %1").arg(etype);
}

QString etypeShortName(qint64 etype)
{
    for (const Etype &e : kEtypes) {
        if (e.number == etype)
            return QLatin1String(e.shortName);
    }
    return tr("etype %1").arg(etype);
}

QString etypeNote(qint64 etype)
{
    switch (etype) {
    case 17:
    case 18:
        return tr("AES, what Active Directory uses by default");
    case 23:
    case 24:
        return tr("RC4: weak and being disabled in Active Directory; if only RC4 works, the account probably has no "
                  "AES keys (its password was not reset since AES was enabled) or is limited by "
                  "msDS-SupportedEncryptionTypes");
    case 1:
    case 2:
    case 3:
        return tr("DES: obsolete and disabled by default in current Windows and MIT Kerberos");
    default:
        return {};
    }
}

QString krbErrorName(qint64 code)
{
    for (const KrbError &e : kErrors) {
        if (e.code == code)
            return QLatin1String(e.name);
    }
    return tr("error %1").arg(code);
}

QString krbErrorNote(qint64 code)
{
    for (const KrbError &e : kErrors) {
        if (e.code == code)
            return tr(e.note);
    }
    return {};
}

} // namespace ssod::core::probe
