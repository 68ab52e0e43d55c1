#include "core/probe/Der.h"

#include <QCoreApplication>
#include <QDateTime>

namespace ssod::core::probe {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("TokenDecoder", text);
}

QString hexByte(quint8 b)
{
    return QStringLiteral("0x%1").arg(b, 2, 16, QLatin1Char('0'));
}

} // namespace

QString DerElement::tagName() const
{
    switch (tagClass) {
    case Application:
        return QStringLiteral("[APPLICATION %1]").arg(tagNumber);
    case Context:
        return QStringLiteral("[%1]").arg(tagNumber);
    case Private:
        return QStringLiteral("[PRIVATE %1]").arg(tagNumber);
    default:
        break;
    }
    switch (tagNumber) {
    case 2: return QStringLiteral("INTEGER");
    case 3: return QStringLiteral("BIT STRING");
    case 4: return QStringLiteral("OCTET STRING");
    case 6: return QStringLiteral("OBJECT IDENTIFIER");
    case 10: return QStringLiteral("ENUMERATED");
    case 16: return QStringLiteral("SEQUENCE");
    case 24: return QStringLiteral("GeneralizedTime");
    case 27: return QStringLiteral("GeneralString");
    default: return QStringLiteral("universal tag %1").arg(tagNumber);
    }
}

Result<DerElement> DerReader::next()
{
    const qsizetype size = m_bytes.size();
    const qsizetype start = m_pos;
    if (start >= size)
        return der::truncated(m_base + start, tr("another element was expected"));
    const quint8 first = quint8(m_bytes[start]);
    DerElement e;
    e.offset = m_base + start;
    e.tagClass = quint8(first >> 6);
    e.constructed = first & 0x20;
    e.tagNumber = first & 0x1f;
    qsizetype p = start + 1;
    if (e.tagNumber == 0x1f) {
        // High tag numbers: base-128 digits. Four digits already exceed any tag these tokens use.
        e.tagNumber = 0;
        for (int digits = 0;; ++digits) {
            if (p >= size)
                return der::truncated(m_base + p, tr("the tag at byte %1 is cut off").arg(e.offset));
            if (digits == 4)
                return Error::invalid(tr("the tag at byte %1 is longer than any token uses").arg(e.offset));
            const quint8 b = quint8(m_bytes[p++]);
            e.tagNumber = (e.tagNumber << 7) | (b & 0x7f);
            if (!(b & 0x80))
                break;
        }
    }
    if (p >= size)
        return der::truncated(m_base + p, tr("the length of the element at byte %1 is cut off").arg(e.offset));
    const quint8 lead = quint8(m_bytes[p++]);
    qsizetype length = lead;
    if (lead == 0x80)
        return Error::invalid(tr("the element at byte %1 has an indefinite length, which DER does not allow: "
                                 "the token is damaged or not a Kerberos/SPNEGO token")
                                  .arg(e.offset));
    if (lead > 0x80) {
        const int count = lead & 0x7f;
        // Four length bytes describe 4 GiB, far beyond the input cap; more is never genuine.
        if (count > 4)
            return Error::invalid(tr("the element at byte %1 has a %2-byte length field: the token is damaged")
                                      .arg(e.offset)
                                      .arg(count));
        if (size - p < count)
            return der::truncated(m_base + size, tr("the length of the element at byte %1 is cut off").arg(e.offset));
        length = 0;
        for (int i = 0; i < count; ++i)
            length = (length << 8) | quint8(m_bytes[p++]);
    }
    if (length > size - p) {
        const Error cut = der::truncated(m_base + size,
            tr("the element at byte %1 (%2, tag %3) says it is %4 bytes long but only %5 remain")
                .arg(e.offset)
                .arg(e.tagName(), hexByte(first))
                .arg(length)
                .arg(size - p));
        if (!m_truncation)
            return cut;
        if (m_truncation->isEmpty())
            *m_truncation = cut.message;
        length = size - p;
    }
    e.valueOffset = m_base + p;
    e.value = m_bytes.sliced(p, length);
    m_pos = p + length;
    return e;
}

Result<DerElement> DerReader::expect(DerElement::Class c, quint32 number, const QString &what)
{
    auto e = next();
    if (!e)
        return e;
    if (!e->is(c, number)) {
        DerElement wanted;
        wanted.tagClass = c;
        wanted.tagNumber = number;
        return Error::invalid(tr("byte %1: expected %2 (%3) but found %4")
                                  .arg(e->offset)
                                  .arg(what, wanted.tagName(), e->tagName()));
    }
    return e;
}

Result<DerReader> DerReader::child(const DerElement &e) const
{
    if (!e.constructed)
        return Error::invalid(tr("byte %1: %2 should be a constructed element").arg(e.offset).arg(e.tagName()));
    if (m_depth + 1 > kMaxDepth)
        return Error::invalid(tr("byte %1: the structure is nested more than %2 levels deep").arg(e.offset).arg(kMaxDepth));
    return DerReader(e.value, e.valueOffset, m_truncation, m_depth + 1);
}

Result<DerElement> DerReader::unwrap(const DerElement &tagged, quint32 number, const QString &what) const
{
    auto inner = child(tagged);
    if (!inner)
        return inner.error();
    return inner->expect(DerElement::Universal, number, what);
}

namespace der {

Error truncated(qsizetype at, const QString &what)
{
    return Error::invalid(tr("truncated at byte %1: %2; the token was cut off (copy the whole header value) "
                             "or is damaged")
                              .arg(at)
                              .arg(what));
}

Result<qint64> integer(const DerElement &e)
{
    if (e.value.isEmpty() || e.value.size() > 8)
        return Error::invalid(tr("byte %1: an INTEGER of %2 bytes is not a valid number here")
                                  .arg(e.offset)
                                  .arg(e.value.size()));
    // Two's complement, sign from the first byte.
    quint64 v = (quint8(e.value[0]) & 0x80) ? ~quint64(0) : 0;
    for (char c : e.value)
        v = (v << 8) | quint8(c);
    return qint64(v);
}

Result<QString> oid(const DerElement &e)
{
    if (e.value.isEmpty() || e.value.size() > 64)
        return Error::invalid(tr("byte %1: an OBJECT IDENTIFIER of %2 bytes is not valid")
                                  .arg(e.offset)
                                  .arg(e.value.size()));
    QStringList arcs;
    quint64 arc = 0;
    int digits = 0;
    for (char c : e.value) {
        const quint8 b = quint8(c);
        if (++digits > 9)
            return Error::invalid(tr("byte %1: an OBJECT IDENTIFIER arc is too large").arg(e.offset));
        arc = (arc << 7) | (b & 0x7f);
        if (b & 0x80)
            continue;
        if (arcs.isEmpty()) {
            const quint64 top = arc < 80 ? arc / 40 : 2;
            arcs << QString::number(top) << QString::number(arc - top * 40);
        } else {
            arcs << QString::number(arc);
        }
        arc = 0;
        digits = 0;
    }
    if (digits != 0)
        return Error::invalid(tr("byte %1: the OBJECT IDENTIFIER ends inside an arc").arg(e.offset));
    return arcs.join(QLatin1Char('.'));
}

QString text(QByteArrayView bytes)
{
    // Realms and names are ASCII in practice; anything else is shown, never interpreted, and a
    // pasted token must not be able to send escape sequences to a terminal.
    constexpr qsizetype kMax = 256;
    QString s = QString::fromUtf8(bytes.first(qMin(bytes.size(), kMax)));
    for (QChar &c : s) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || (c.unicode() >= 0x80 && c.unicode() < 0xa0))
            c = QChar(0xfffd);
    }
    if (bytes.size() > kMax)
        s += QStringLiteral("…");
    return s;
}

QString time(const DerElement &e)
{
    const QString raw = text(e.value);
    QDateTime t = QDateTime::fromString(raw, QStringLiteral("yyyyMMddHHmmss'Z'"));
    if (!t.isValid())
        return raw;
    t.setTimeSpec(Qt::UTC);
    return t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

Result<quint32> bits(const DerElement &e)
{
    if (e.value.isEmpty() || quint8(e.value[0]) > 7)
        return Error::invalid(tr("byte %1: the BIT STRING is malformed").arg(e.offset));
    quint32 out = 0;
    const qsizetype n = qMin<qsizetype>(e.value.size() - 1, 4);
    for (qsizetype i = 0; i < n; ++i) {
        const quint8 b = quint8(e.value[1 + i]);
        for (int bit = 0; bit < 8; ++bit) {
            if (b & (0x80 >> bit))
                out |= quint32(1) << (i * 8 + bit);
        }
    }
    return out;
}

} // namespace der

} // namespace ssod::core::probe
