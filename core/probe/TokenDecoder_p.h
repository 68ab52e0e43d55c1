#pragma once

// Internals of the token decoder, shared by its parts (SPNEGO/GSS framing, Kerberos messages,
// NTLMSSP) and the verdict. Each explain function appends the fields it has read to \a out before
// it returns, also when it fails, so a truncated token still shows everything up to the cut.

#include "core/probe/DecodedToken.h"
#include "core/probe/Der.h"
#include "core/util/Result.h"

#include <QByteArrayView>
#include <QCoreApplication>

#include <functional>

namespace ssod::core::probe::detail {

inline QString tr(const char *text)
{
    return QCoreApplication::translate("TokenDecoder", text);
}

/// SPNEGO inside SPNEGO is not allowed (RFC 4178) and nothing else nests deeper: one level of
/// mechanism token is all a genuine token has.
constexpr int kMaxTokenDepth = 1;

/// Where the explanation goes: the token's facts and, for the current nesting level, its kind.
struct Sink {
    DecodedToken &token;
    int depth = 0; ///< 0 the pasted token, 1 the mechanism token inside SPNEGO
    QString *truncation = nullptr; ///< where DER readers describe the first cut (see DerReader)
    TokenKind &kind() { return depth == 0 ? token.kind : token.innerKind; }
};

/// Protocol integers are up to 64 bits; the facts keep an int, and a crafted value must not wrap.
inline int clampInt(qint64 v)
{
    return int(qBound(qint64(-1000000), v, qint64(0x7fffffff)));
}

TokenField field(const QString &label, const QString &value, const QString &note = {});

/// Calls \a handle for each context-tagged element [n] of a SEQUENCE's contents in order; other
/// elements are listed in \a node as unexpected. Stops at the first failure.
Result<void> eachTagged(DerReader &fields, TokenField &node, const std::function<Result<void>(const DerElement &)> &handle);

/// Classifies \a bytes (absolute offset \a base) and explains them into \a out.
Result<void> explainAny(QByteArrayView bytes, qsizetype base, Sink &sink, QList<TokenField> &out);

/// 0x60 InitialContextToken: SPNEGO NegTokenInit or a Kerberos GSS token.
Result<void> explainGssToken(QByteArrayView bytes, qsizetype base, Sink &sink, QList<TokenField> &out);
/// 0xA0 NegTokenInit / 0xA1 NegTokenResp without the GSS framing.
Result<void> explainNegotiationToken(QByteArrayView bytes, qsizetype base, Sink &sink, QList<TokenField> &out);
/// A bare Kerberos message (AP-REQ 0x6E, AP-REP 0x6F, KRB-ERROR 0x7E).
Result<void> explainKerberos(QByteArrayView bytes, qsizetype base, Sink &sink, QList<TokenField> &out);
/// NTLMSSP NEGOTIATE / CHALLENGE / AUTHENTICATE.
Result<void> explainNtlm(QByteArrayView bytes, qsizetype base, Sink &sink, QList<TokenField> &out);

/// Mechanism OIDs by name ("Kerberos", "MS legacy Kerberos", "NTLMSSP", …); the dotted form if unknown.
QString mechName(const QString &dottedOid);
/// The verdict line and explanation once the fields are read.
void writeVerdict(DecodedToken &token);

} // namespace ssod::core::probe::detail
