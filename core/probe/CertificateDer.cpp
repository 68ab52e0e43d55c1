#include "core/probe/CertificateDer.h"

#include <array>

namespace ssod::core::probe {

namespace {

// More URLs than this in one certificate is not a real CA's work: stop collecting, not parsing.
constexpr int kMaxUrls = 16;
constexpr int kMaxUrlLength = 2048;
// Real OIDs have a dozen arcs at most; a longer one is garbage, not worth a string.
constexpr int kMaxOidArcs = 32;

/// One DER element: tag and the span of its contents inside the input.
struct Tlv {
    quint8 tag = 0;
    qsizetype start = 0; ///< first content byte
    qsizetype length = 0;
    qsizetype end() const { return start + length; }
};

/// Reads the element at \a pos (bounded by \a end); false for anything malformed or too long.
bool readTlv(const QByteArray &d, qsizetype pos, qsizetype end, Tlv &out)
{
    if (pos + 2 > end)
        return false;
    const auto byte = [&d](qsizetype i) { return quint8(d.at(i)); };
    out.tag = byte(pos);
    if ((out.tag & 0x1F) == 0x1F)
        return false; // multi-byte tags never occur in the structures read here
    quint8 first = byte(pos + 1);
    qsizetype p = pos + 2;
    qsizetype len = 0;
    if (first < 0x80) {
        len = first;
    } else {
        const int n = first & 0x7F;
        if (n == 0 || n > 3 || p + n > end)
            return false; // indefinite (BER) or absurdly long
        for (int i = 0; i < n; ++i)
            len = (len << 8) | byte(p + i);
        p += n;
    }
    if (len > end - p)
        return false;
    out.start = p;
    out.length = len;
    return true;
}

/// The children of a constructed element, one after another.
class Children {
public:
    Children(const QByteArray &d, const Tlv &parent) : m_d(d), m_pos(parent.start), m_end(parent.end()) { }
    /// The next child, or false at the end (or on malformed input, then ok() is false).
    bool next(Tlv &out)
    {
        if (m_pos >= m_end)
            return false;
        if (!readTlv(m_d, m_pos, m_end, out)) {
            m_bad = true;
            m_pos = m_end;
            return false;
        }
        m_pos = out.end();
        return true;
    }
    bool ok() const { return !m_bad; }

private:
    const QByteArray &m_d;
    qsizetype m_pos;
    qsizetype m_end;
    bool m_bad = false;
};

QString decodeOid(const QByteArray &d, const Tlv &t)
{
    if (t.tag != 0x06 || t.length == 0 || t.length > 64)
        return QString();
    QStringList arcs;
    quint64 value = 0;
    bool firstArc = true;
    for (qsizetype i = t.start; i < t.end(); ++i) {
        const quint8 b = quint8(d.at(i));
        if (value == 0 && b == 0x80)
            return QString(); // non-minimal encoding
        value = (value << 7) | (b & 0x7F);
        if (value > 0xFFFFFFFFull || arcs.size() > kMaxOidArcs)
            return QString();
        if (b & 0x80)
            continue;
        if (firstArc) {
            const quint64 x = value < 40 ? 0 : value < 80 ? 1 : 2;
            arcs << QString::number(x) << QString::number(value - 40 * x);
            firstArc = false;
        } else {
            arcs << QString::number(value);
        }
        value = 0;
    }
    if (quint8(d.at(t.end() - 1)) & 0x80)
        return QString(); // ends inside an arc
    return arcs.join(QLatin1Char('.'));
}

/// A GeneralName's uniformResourceIdentifier ([6] IMPLICIT IA5String), else empty.
QString uriOf(const QByteArray &d, const Tlv &name)
{
    if (name.tag != 0x86 || name.length == 0 || name.length > kMaxUrlLength)
        return QString();
    const QByteArray raw = d.mid(name.start, name.length);
    for (char c : raw)
        if (quint8(c) < 0x21 || quint8(c) > 0x7E)
            return QString(); // IA5, printable, no spaces: anything else is not a usable URL
    return QString::fromLatin1(raw);
}

void addUrl(QStringList &list, const QString &url)
{
    if (!url.isEmpty() && list.size() < kMaxUrls && !list.contains(url))
        list << url;
}

bool parseCrlDp(const QByteArray &d, const Tlv &value, CertificateDerFields &out)
{
    Tlv seq;
    if (!readTlv(d, value.start, value.end(), seq) || seq.tag != 0x30)
        return false;
    Children points(d, seq);
    Tlv dp;
    while (points.next(dp)) {
        if (dp.tag != 0x30)
            return false;
        Children parts(d, dp);
        Tlv part;
        while (parts.next(part)) {
            if (part.tag != 0xA0) // distributionPoint; reasons and cRLIssuer are not URLs to fetch
                continue;
            Children names(d, part);
            Tlv choice;
            while (names.next(choice)) {
                if (choice.tag != 0xA0) // fullName; nameRelativeToCRLIssuer has no URL
                    continue;
                Children general(d, choice);
                Tlv name;
                while (general.next(name))
                    addUrl(out.crlUrls, uriOf(d, name));
                if (!general.ok())
                    return false;
            }
            if (!names.ok())
                return false;
        }
        if (!parts.ok())
            return false;
    }
    return points.ok();
}

bool parseAia(const QByteArray &d, const Tlv &value, CertificateDerFields &out)
{
    Tlv seq;
    if (!readTlv(d, value.start, value.end(), seq) || seq.tag != 0x30)
        return false;
    Children descriptions(d, seq);
    Tlv desc;
    while (descriptions.next(desc)) {
        Children fields(d, desc);
        Tlv method, location;
        if (desc.tag != 0x30 || !fields.next(method) || !fields.next(location))
            return false;
        const QString oid = decodeOid(d, method);
        if (oid == QLatin1String("1.3.6.1.5.5.7.48.1"))
            addUrl(out.ocspUrls, uriOf(d, location));
        else if (oid == QLatin1String("1.3.6.1.5.5.7.48.2"))
            addUrl(out.caIssuerUrls, uriOf(d, location));
    }
    return descriptions.ok();
}

bool parseEku(const QByteArray &d, const Tlv &value, CertificateDerFields &out)
{
    Tlv seq;
    if (!readTlv(d, value.start, value.end(), seq) || seq.tag != 0x30)
        return false;
    out.hasEku = true;
    Children oids(d, seq);
    Tlv oid;
    while (oids.next(oid)) {
        const QString s = decodeOid(d, oid);
        if (s.isEmpty())
            return false;
        if (out.ekuOids.size() < kMaxUrls)
            out.ekuOids << s;
    }
    return oids.ok();
}

bool parseExtensions(const QByteArray &d, const Tlv &wrapper, CertificateDerFields &out)
{
    Tlv seq;
    if (!readTlv(d, wrapper.start, wrapper.end(), seq) || seq.tag != 0x30)
        return false;
    Children list(d, seq);
    Tlv ext;
    while (list.next(ext)) {
        Children fields(d, ext);
        Tlv oidTlv, f;
        if (ext.tag != 0x30 || !fields.next(oidTlv) || !fields.next(f))
            return false;
        if (f.tag == 0x01 && !fields.next(f)) // critical
            return false;
        if (f.tag != 0x04)
            return false;
        const QString oid = decodeOid(d, oidTlv);
        bool ok = true;
        if (oid == QLatin1String("2.5.29.31"))
            ok = parseCrlDp(d, f, out);
        else if (oid == QLatin1String("1.3.6.1.5.5.7.1.1"))
            ok = parseAia(d, f, out);
        else if (oid == QLatin1String("2.5.29.37"))
            ok = parseEku(d, f, out);
        if (!ok)
            return false;
    }
    return list.ok();
}

} // namespace

Result<CertificateDerFields> parseCertificateDer(const QByteArray &der)
{
    const auto bad = [](const char *what) {
        return Error::invalid(QStringLiteral("not a well-formed certificate: %1").arg(QLatin1String(what)));
    };
    Tlv cert;
    if (!readTlv(der, 0, der.size(), cert) || cert.tag != 0x30)
        return bad("no outer SEQUENCE");
    Children top(der, cert);
    Tlv tbs, sigAlg;
    if (!top.next(tbs) || tbs.tag != 0x30 || !top.next(sigAlg) || sigAlg.tag != 0x30)
        return bad("no tbsCertificate or signatureAlgorithm");
    CertificateDerFields out;
    Children alg(der, sigAlg);
    Tlv algOid;
    if (!alg.next(algOid) || (out.signatureAlgorithmOid = decodeOid(der, algOid)).isEmpty())
        return bad("signature algorithm OID");
    out.signatureAlgorithm = signatureAlgorithmName(out.signatureAlgorithmOid);
    Children fields(der, tbs);
    Tlv f;
    while (fields.next(f)) {
        if (f.tag == 0xA3 && !parseExtensions(der, f, out))
            return bad("extensions");
    }
    if (!fields.ok())
        return bad("tbsCertificate");
    return out;
}

QString ekuName(const QString &oid)
{
    static const std::array<std::pair<const char *, const char *>, 10> names { {
        { "1.3.6.1.5.5.7.3.1", "serverAuth" },
        { "1.3.6.1.5.5.7.3.2", "clientAuth" },
        { "1.3.6.1.5.5.7.3.3", "codeSigning" },
        { "1.3.6.1.5.5.7.3.4", "emailProtection" },
        { "1.3.6.1.5.5.7.3.8", "timeStamping" },
        { "1.3.6.1.5.5.7.3.9", "OCSPSigning" },
        { "2.5.29.37.0", "anyExtendedKeyUsage" },
        { "1.3.6.1.4.1.311.20.2.2", "smartcardLogon" },
        { "1.3.6.1.5.2.3.5", "pkinitKDC" },
        { "1.3.6.1.4.1.311.54.1.2", "remoteDesktopAuthentication" },
    } };
    for (const auto &[o, n] : names)
        if (oid == QLatin1String(o))
            return QLatin1String(n);
    return oid;
}

QString signatureAlgorithmName(const QString &oid)
{
    static const std::array<std::pair<const char *, const char *>, 14> names { {
        { "1.2.840.113549.1.1.4", "md5WithRSAEncryption" },
        { "1.2.840.113549.1.1.5", "sha1WithRSAEncryption" },
        { "1.2.840.113549.1.1.10", "rsassaPss" },
        { "1.2.840.113549.1.1.11", "sha256WithRSAEncryption" },
        { "1.2.840.113549.1.1.12", "sha384WithRSAEncryption" },
        { "1.2.840.113549.1.1.13", "sha512WithRSAEncryption" },
        { "1.2.840.10045.4.1", "ecdsa-with-SHA1" },
        { "1.2.840.10045.4.3.2", "ecdsa-with-SHA256" },
        { "1.2.840.10045.4.3.3", "ecdsa-with-SHA384" },
        { "1.2.840.10045.4.3.4", "ecdsa-with-SHA512" },
        { "1.2.840.10040.4.3", "dsa-with-SHA1" },
        { "2.16.840.1.101.3.4.3.2", "dsa-with-SHA256" },
        { "1.3.101.112", "Ed25519" },
        { "1.3.101.113", "Ed448" },
    } };
    for (const auto &[o, n] : names)
        if (oid == QLatin1String(o))
            return QLatin1String(n);
    return oid;
}

} // namespace ssod::core::probe
