#pragma once

#include "core/util/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace ssod::core::probe {

/// A Kerberos principal name as it travels (RFC 4120 §5.2.2 PrincipalName).
struct KrbPrincipalName {
    int nameType = 1; ///< 1 KRB5_NT_PRINCIPAL, 2 KRB5_NT_SRV_INST
    QStringList components;

    QString toString() const { return components.join(QLatin1Char('/')); }
};

/// What goes into a bare AS-REQ (no pre-authentication): enough for any KDC to answer.
struct AsRequest {
    QString realm;
    KrbPrincipalName client; ///< cname; "krbtgt" when no user is known
    KrbPrincipalName server; ///< sname; krbtgt/REALM when empty
    quint32 nonce = 0;
    QDateTime till; ///< invalid: now + 1 day
    QList<int> etypes { 18, 17, 23 }; ///< aes256, aes128, rc4
};

/// A KRB-ERROR (RFC 4120 §5.9.1), as read from the wire.
struct KrbError {
    int pvno = 0;
    int errorCode = 0; ///< the protocol code: 6, 7, 25, 37, …
    QDateTime stime; ///< the KDC's clock, UTC, with susec folded in (ms precision)
    int susec = 0;
    std::optional<QDateTime> ctime;
    QString crealm;
    QString cname;
    QString realm;
    QString sname;
    QString eText;
    QByteArray eData;
};

/**
 * The two Kerberos messages SSO Doctor speaks itself, to ask a KDC something libkrb5 will not say
 * within a deadline (does it answer on UDP, on TCP, what is its clock): an AS-REQ without
 * pre-authentication, whose answer is a KRB-ERROR (25 PREAUTH_REQUIRED, or 6 for an unknown client)
 * carrying the KDC's time. The DER reader is strict and bounded: every length is checked against
 * what is left, only the definite form is accepted, and a reply above kMaxMessage is refused, so a
 * hostile answer gives an error, never a crash or a large allocation.
 */
namespace kerberoswire {

/// Larger than any KRB-ERROR a KDC sends (they are ~100-300 bytes; e-data with hints stays small).
constexpr int kMaxMessage = 64 * 1024;

QByteArray encodeAsReq(const AsRequest &request);
/// A KRB-ERROR message; an AS-REP or anything else is an error saying what it is.
Result<KrbError> decodeKrbError(const QByteArray &message);

/// TCP framing (RFC 4120 §7.2.2): a 4-byte big-endian length before the message.
QByteArray frameTcp(const QByteArray &message);
/// How many bytes a complete TCP reply needs, from its first 4 bytes: nullopt while fewer are
/// there; an error for a length above kMaxMessage or with the reserved high bit set.
Result<std::optional<int>> tcpFrameSize(const QByteArray &head);

/// "AS-REP", "KRB-ERROR", … for the application tag of \a message's first byte; empty if none.
QString messageKind(const QByteArray &message);
/// KerberosTime: "YYYYMMDDHHMMSSZ" (GeneralizedTime, UTC, no fraction).
std::optional<QDateTime> parseKerberosTime(const QByteArray &text);

} // namespace kerberoswire

} // namespace ssod::core::probe
