#pragma once

#include <QString>

namespace ssod::core::probe {

/// Kerberos encryption types by their RFC/MIT names ("aes256-cts-hmac-sha1-96"); "etype N" if unknown.
QString etypeName(qint64 etype);
/// Short names for one-line verdicts ("aes256", "rc4").
QString etypeShortName(qint64 etype);
/// What the type means in practice (RC4 weak, DES disabled); empty when nothing to say.
QString etypeNote(qint64 etype);
/// RFC 4120 error-code names ("KRB_AP_ERR_MODIFIED"); "error N" if unknown.
QString krbErrorName(qint64 code);
/// The usual cause of an error code in an Active Directory; empty when unknown.
QString krbErrorNote(qint64 code);

} // namespace ssod::core::probe
