#include "core/probe/KerberosWire.h"


namespace ssod::core::probe::kerberoswire {

namespace {

// ---- writing (DER, definite lengths) ----

QByteArray tlv(quint8 tag, const QByteArray &content)
{
    QByteArray out;
    out.append(char(tag));
    const qsizetype n = content.size();
    if (n < 0x80) {
        out.append(char(n));
    } else {
        QByteArray len;
        for (qsizetype v = n; v > 0; v >>= 8)
            len.prepend(char(v & 0xff));
        out.append(char(0x80 | len.size()));
        out.append(len);
    }
    out.append(content);
    return out;
}

QByteArray explicitTag(int number, const QByteArray &inner)
{
    return tlv(quint8(0xA0 | number), inner);
}

QByteArray integer(qint64 v)
{
    QByteArray bytes;
    // Minimal two's complement: stop once the remaining value is only the sign extension.
    do {
        bytes.prepend(char(v & 0xff));
        v >>= 8;
    } while (!((v == 0 && !(bytes.front() & 0x80)) || (v == -1 && (bytes.front() & 0x80))));
    return tlv(0x02, bytes);
}

QByteArray generalString(const QString &s)
{
    return tlv(0x1B, s.toUtf8());
}

QByteArray kerberosTime(const QDateTime &t)
{
    return tlv(0x18, t.toUTC().toString(QStringLiteral("yyyyMMddHHmmss")).toLatin1() + 'Z');
}

QByteArray principalName(const KrbPrincipalName &name)
{
    QByteArray parts;
    for (const QString &c : name.components)
        parts += generalString(c);
    return tlv(0x30, explicitTag(0, integer(name.nameType)) + explicitTag(1, tlv(0x30, parts)));
}

// ---- reading (strict, bounded) ----

struct Tlv {
    quint8 tag = 0;
    int offset = 0; ///< of the content
    int length = 0;
    int end() const { return offset + length; }
};

Error malformed(const QString &what, int offset)
{
    return Error::invalid(QStringLiteral("malformed Kerberos message: %1").arg(what),
        QStringLiteral("offset %1").arg(offset));
}

/// Reads the TLVs between \a pos and \a end of \a data, one at a time.
class Reader {
public:
    Reader(const QByteArray &data, int pos, int end) : m_data(data), m_pos(pos), m_end(end) { }

    bool atEnd() const { return m_pos >= m_end; }
    /// The tag of the next TLV without consuming it; -1 at the end.
    int peekTag() const { return atEnd() ? -1 : quint8(m_data[m_pos]); }

    Result<Tlv> next()
    {
        if (atEnd())
            return malformed(QStringLiteral("a field is missing"), m_pos);
        Tlv t;
        t.tag = quint8(m_data[m_pos]);
        if ((t.tag & 0x1f) == 0x1f)
            return malformed(QStringLiteral("multi-byte tags are not used by Kerberos"), m_pos);
        int p = m_pos + 1;
        if (p >= m_end)
            return malformed(QStringLiteral("truncated before a length"), p);
        const quint8 first = quint8(m_data[p++]);
        qint64 length = first;
        if (first & 0x80) {
            const int n = first & 0x7f;
            if (n == 0)
                return malformed(QStringLiteral("indefinite length (not DER)"), p - 1);
            if (n > 3)
                return malformed(QStringLiteral("a length of %1 bytes").arg(n), p - 1);
            if (p + n > m_end)
                return malformed(QStringLiteral("truncated inside a length"), p);
            length = 0;
            for (int i = 0; i < n; ++i)
                length = (length << 8) | quint8(m_data[p++]);
        }
        if (length > m_end - p)
            return malformed(QStringLiteral("a length of %1 bytes where %2 are left").arg(length).arg(m_end - p), p);
        t.offset = p;
        t.length = int(length);
        m_pos = t.end();
        return t;
    }

    /// The next TLV, which must carry \a tag.
    Result<Tlv> expect(quint8 tag, const char *what)
    {
        const int at = m_pos;
        auto t = next();
        if (!t)
            return t;
        if (t->tag != tag)
            return malformed(QStringLiteral("%1: tag 0x%2 where 0x%3 belongs")
                                 .arg(QLatin1String(what))
                                 .arg(t->tag, 2, 16, QLatin1Char('0'))
                                 .arg(tag, 2, 16, QLatin1Char('0')),
                at);
        return t;
    }

    Reader inside(const Tlv &t) const { return Reader(m_data, t.offset, t.end()); }
    QByteArray bytes(const Tlv &t) const { return m_data.mid(t.offset, t.length); }

    /// [n] EXPLICIT INTEGER that fits an Int32 (or a UInt32 with its leading zero).
    Result<qint64> integerIn(const Tlv &wrapper, const char *what)
    {
        Reader r = inside(wrapper);
        auto t = r.expect(0x02, what);
        if (!t)
            return t.error();
        if (t->length < 1 || t->length > 5 || (t->length == 5 && m_data[t->offset] != 0))
            return malformed(QStringLiteral("%1: an integer of %2 bytes").arg(QLatin1String(what)).arg(t->length),
                t->offset);
        qint64 v = qint8(m_data[t->offset]); // sign-extends the first byte
        for (int i = 1; i < t->length; ++i)
            v = (v << 8) | quint8(m_data[t->offset + i]);
        return v;
    }

    Result<QString> stringIn(const Tlv &wrapper, const char *what)
    {
        Reader r = inside(wrapper);
        auto t = r.expect(0x1B, what);
        if (!t)
            return t.error();
        return QString::fromUtf8(bytes(*t));
    }

    Result<QDateTime> timeIn(const Tlv &wrapper, const char *what)
    {
        Reader r = inside(wrapper);
        auto t = r.expect(0x18, what);
        if (!t)
            return t.error();
        const auto time = parseKerberosTime(bytes(*t));
        if (!time)
            return malformed(QStringLiteral("%1 is not a KerberosTime").arg(QLatin1String(what)), t->offset);
        return *time;
    }

    Result<QString> principalIn(const Tlv &wrapper, const char *what)
    {
        Reader r = inside(wrapper);
        auto seq = r.expect(0x30, what);
        if (!seq)
            return seq.error();
        Reader fields = r.inside(*seq);
        auto type = fields.expect(0xA0, what);
        if (!type)
            return type.error();
        auto typeValue = fields.integerIn(*type, what);
        if (!typeValue)
            return typeValue.error();
        auto names = fields.expect(0xA1, what);
        if (!names)
            return names.error();
        Reader listWrap = fields.inside(*names);
        auto list = listWrap.expect(0x30, what);
        if (!list)
            return list.error();
        Reader items = listWrap.inside(*list);
        QStringList parts;
        while (!items.atEnd()) {
            auto part = items.expect(0x1B, what);
            if (!part)
                return part.error();
            if (parts.size() >= 16)
                return malformed(QStringLiteral("%1 has more than 16 components").arg(QLatin1String(what)), part->offset);
            parts << QString::fromUtf8(items.bytes(*part));
        }
        return parts.join(QLatin1Char('/'));
    }

private:
    const QByteArray &m_data;
    int m_pos;
    int m_end;
};

} // namespace

QByteArray encodeAsReq(const AsRequest &request)
{
    KrbPrincipalName server = request.server;
    if (server.components.isEmpty())
        server = KrbPrincipalName { 2, { QStringLiteral("krbtgt"), request.realm } };
    const QDateTime till = request.till.isValid() ? request.till : QDateTime::currentDateTimeUtc().addDays(1);
    // forwardable | renewable-ok, as kinit asks: an ordinary request that no KDC policy refuses.
    const QByteArray options = tlv(0x03, QByteArray::fromHex("0040000010"));
    QByteArray etypes;
    for (int e : request.etypes)
        etypes += integer(e);
    const QByteArray body = tlv(0x30,
        explicitTag(0, options) + explicitTag(1, principalName(request.client))
            + explicitTag(2, generalString(request.realm)) + explicitTag(3, principalName(server))
            + explicitTag(5, kerberosTime(till)) + explicitTag(7, integer(request.nonce & 0x7fffffff))
            + explicitTag(8, tlv(0x30, etypes)));
    const QByteArray req = tlv(0x30, explicitTag(1, integer(5)) + explicitTag(2, integer(10)) + explicitTag(4, body));
    return tlv(0x6A, req);
}

QString messageKind(const QByteArray &message)
{
    if (message.isEmpty())
        return QString();
    switch (quint8(message[0])) {
    case 0x6A:
        return QStringLiteral("AS-REQ");
    case 0x6B:
        return QStringLiteral("AS-REP");
    case 0x6C:
        return QStringLiteral("TGS-REQ");
    case 0x6D:
        return QStringLiteral("TGS-REP");
    case 0x6E:
        return QStringLiteral("AP-REQ");
    case 0x6F:
        return QStringLiteral("AP-REP");
    case 0x7E:
        return QStringLiteral("KRB-ERROR");
    default:
        return QString();
    }
}

std::optional<QDateTime> parseKerberosTime(const QByteArray &text)
{
    if (text.size() != 15 || text.back() != 'Z')
        return std::nullopt;
    for (int i = 0; i < 14; ++i)
        if (text[i] < '0' || text[i] > '9')
            return std::nullopt;
    const QDateTime t = QDateTime::fromString(QString::fromLatin1(text.left(14)), QStringLiteral("yyyyMMddHHmmss"));
    if (!t.isValid())
        return std::nullopt;
    return QDateTime(t.date(), t.time(), Qt::UTC);
}

Result<KrbError> decodeKrbError(const QByteArray &message)
{
    if (message.size() > kMaxMessage)
        return malformed(QStringLiteral("%1 bytes, more than any KRB-ERROR").arg(message.size()), 0);
    Reader top(message, 0, int(message.size()));
    if (top.peekTag() != 0x7E) {
        const QString kind = messageKind(message);
        return Error::invalid(kind.isEmpty() ? QStringLiteral("not a Kerberos message (first byte 0x%1)")
                                                   .arg(top.peekTag() < 0 ? 0 : top.peekTag(), 2, 16, QLatin1Char('0'))
                                             : QStringLiteral("a %1, not a KRB-ERROR").arg(kind));
    }
    auto app = top.next();
    if (!app)
        return app.error();
    if (!top.atEnd())
        return malformed(QStringLiteral("bytes after the message"), app->end());
    Reader outer = top.inside(*app);
    auto seq = outer.expect(0x30, "KRB-ERROR");
    if (!seq)
        return seq.error();
    if (!outer.atEnd())
        return malformed(QStringLiteral("bytes after the sequence"), seq->end());
    Reader fields = outer.inside(*seq);
    KrbError e;
    int last = -1;
    bool haveStime = false, haveSusec = false, haveCode = false, haveRealm = false, haveSname = false;
    while (!fields.atEnd()) {
        auto f = fields.next();
        if (!f)
            return f.error();
        if ((f->tag & 0xE0) != 0xA0)
            return malformed(QStringLiteral("tag 0x%1 in place of a field").arg(f->tag, 2, 16, QLatin1Char('0')), f->offset);
        const int number = f->tag & 0x1f;
        if (number <= last)
            return malformed(QStringLiteral("field [%1] out of order").arg(number), f->offset);
        last = number;
        switch (number) {
        case 0: {
            auto v = fields.integerIn(*f, "pvno");
            if (!v)
                return v.error();
            e.pvno = int(*v);
            break;
        }
        case 1: {
            auto v = fields.integerIn(*f, "msg-type");
            if (!v)
                return v.error();
            if (*v != 30)
                return malformed(QStringLiteral("msg-type %1 in a KRB-ERROR").arg(*v), f->offset);
            break;
        }
        case 2: {
            auto v = fields.timeIn(*f, "ctime");
            if (!v)
                return v.error();
            e.ctime = *v;
            break;
        }
        case 3:
            if (auto v = fields.integerIn(*f, "cusec"); !v)
                return v.error();
            break;
        case 4: {
            auto v = fields.timeIn(*f, "stime");
            if (!v)
                return v.error();
            e.stime = *v;
            haveStime = true;
            break;
        }
        case 5: {
            auto v = fields.integerIn(*f, "susec");
            if (!v)
                return v.error();
            if (*v < 0 || *v > 999999)
                return malformed(QStringLiteral("susec %1 is not microseconds").arg(*v), f->offset);
            e.susec = int(*v);
            haveSusec = true;
            break;
        }
        case 6: {
            auto v = fields.integerIn(*f, "error-code");
            if (!v)
                return v.error();
            e.errorCode = int(*v);
            haveCode = true;
            break;
        }
        case 7: {
            auto v = fields.stringIn(*f, "crealm");
            if (!v)
                return v.error();
            e.crealm = *v;
            break;
        }
        case 8: {
            auto v = fields.principalIn(*f, "cname");
            if (!v)
                return v.error();
            e.cname = *v;
            break;
        }
        case 9: {
            auto v = fields.stringIn(*f, "realm");
            if (!v)
                return v.error();
            e.realm = *v;
            haveRealm = true;
            break;
        }
        case 10: {
            auto v = fields.principalIn(*f, "sname");
            if (!v)
                return v.error();
            e.sname = *v;
            haveSname = true;
            break;
        }
        case 11: {
            auto v = fields.stringIn(*f, "e-text");
            if (!v)
                return v.error();
            e.eText = *v;
            break;
        }
        case 12: {
            Reader r = fields.inside(*f);
            auto octets = r.expect(0x04, "e-data");
            if (!octets)
                return octets.error();
            e.eData = r.bytes(*octets);
            break;
        }
        default:
            break; // a later extension: skipped, its bounds already checked
        }
    }
    if (!haveStime || !haveSusec || !haveCode || !haveRealm || !haveSname)
        return malformed(QStringLiteral("a required field (stime, susec, error-code, realm, sname) is missing"),
            int(message.size()));
    if (e.pvno != 5)
        return malformed(QStringLiteral("pvno %1, not 5").arg(e.pvno), 0);
    e.stime = e.stime.addMSecs(e.susec / 1000);
    return e;
}

QByteArray frameTcp(const QByteArray &message)
{
    const quint32 n = quint32(message.size());
    QByteArray out;
    out.append(char(n >> 24)).append(char(n >> 16)).append(char(n >> 8)).append(char(n));
    return out + message;
}

Result<std::optional<int>> tcpFrameSize(const QByteArray &head)
{
    if (head.size() < 4)
        return std::optional<int>();
    const quint32 n = (quint32(quint8(head[0])) << 24) | (quint32(quint8(head[1])) << 16)
        | (quint32(quint8(head[2])) << 8) | quint32(quint8(head[3]));
    if (n & 0x80000000u)
        return malformed(QStringLiteral("TCP length with the reserved high bit set"), 0);
    if (n > quint32(kMaxMessage))
        return malformed(QStringLiteral("a TCP reply of %1 bytes announced").arg(n), 0);
    return std::optional<int>(int(n) + 4);
}

} // namespace ssod::core::probe::kerberoswire
