#pragma once

// A small, bounded DER reader for explaining authentication tokens. Hand-written on purpose: no
// maintained library in Debian decodes SPNEGO or Kerberos AP-REQ structures for display (MIT
// krb5's ASN.1 decoders are internal, not public API; libtasn1 needs the full module and gives no
// byte offsets for the "truncated at byte N" messages a helpdesk reader needs). It only reads:
// every length is checked against what remains, nesting is limited, and nothing recurses on its own.

#include "core/util/Result.h"

#include <QByteArrayView>
#include <QString>

namespace ssod::core::probe {

/// One tag-length-value element. Offsets are absolute within the token being explained.
struct DerElement {
    enum Class : quint8 { Universal = 0, Application = 1, Context = 2, Private = 3 };
    quint8 tagClass = Universal;
    bool constructed = false;
    quint32 tagNumber = 0;
    qsizetype offset = 0; ///< where the tag byte sits
    QByteArrayView value; ///< the contents
    qsizetype valueOffset = 0; ///< where the contents start

    bool is(Class c, quint32 number) const { return tagClass == c && tagNumber == number; }
    /// "[APPLICATION 14]", "[2]", "SEQUENCE", "OCTET STRING", … for messages.
    QString tagName() const;
};

/// Reads the elements of one level in order. child() opens a constructed element one level deeper.
class DerReader final
{
public:
    /// No token we explain nests deeper than about ten levels; the limit keeps crafted input from
    /// going further than the schema would.
    static constexpr int kMaxDepth = 24;

    /// With \a truncation set the reader is lenient about a token cut short (header values get
    /// cut off in logs): an element longer than what remains is read as far as it goes and the
    /// first such cut is described in *\a truncation, so the caller can show what was there.
    DerReader(QByteArrayView bytes, qsizetype baseOffset, QString *truncation = nullptr, int depth = 0)
        : m_bytes(bytes), m_base(baseOffset), m_depth(depth), m_truncation(truncation)
    {
    }

    bool atEnd() const { return m_pos >= m_bytes.size(); }
    /// The next element's tag byte without consuming it (0 at the end).
    quint8 peekTag() const { return atEnd() ? 0 : quint8(m_bytes[m_pos]); }
    qsizetype offset() const { return m_base + m_pos; }
    /// The bytes not read yet (a GSS token's inner token follows its OID without a wrapper).
    QByteArrayView rest() const { return m_bytes.sliced(qMin(m_pos, m_bytes.size())); }

    Result<DerElement> next();
    /// Reads the next element and checks its tag; \a what names it in the error.
    Result<DerElement> expect(DerElement::Class c, quint32 number, const QString &what);
    /// A reader over a constructed element's contents.
    Result<DerReader> child(const DerElement &e) const;
    /// The element inside an explicitly tagged one ("[2] OCTET STRING"), checked to be universal
    /// tag \a number.
    Result<DerElement> unwrap(const DerElement &tagged, quint32 number, const QString &what) const;

private:
    QByteArrayView m_bytes;
    qsizetype m_base = 0;
    qsizetype m_pos = 0;
    int m_depth = 0;
    QString *m_truncation = nullptr;
};

/// Value decoders for the universal types the tokens use. Each names the element on failure.
namespace der {
Result<qint64> integer(const DerElement &e);
/// An OBJECT IDENTIFIER in dotted form ("1.2.840.113554.1.2.2").
Result<QString> oid(const DerElement &e);
/// GeneralString / KerberosString / UTF8String / IA5String, with control characters made visible.
QString text(QByteArrayView bytes);
/// A GeneralizedTime ("20240115123456Z") as "2024-01-15 12:34:56 UTC"; the raw text if odd.
QString time(const DerElement &e);
/// BIT STRING bits as a number whose bit 0 is the string's first (most significant) bit, as
/// Kerberos and SPNEGO number their flags; at most the first 32 bits.
Result<quint32> bits(const DerElement &e);
/// "truncated at byte N: …" for a value that ends before \a need bytes.
Error truncated(qsizetype at, const QString &what);
} // namespace der

} // namespace ssod::core::probe
