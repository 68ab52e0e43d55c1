// NTLMSSP messages ([MS-NLMP] §2.2.1). Little-endian fixed headers whose "fields" point into a
// payload; every pointer is checked against the message's end. Hashes and challenge responses
// are never shown, only their lengths: a pasted token must not leak anything crackable.
#include "core/probe/TokenDecoder_p.h"

#include <QDateTime>

namespace ssod::core::probe::detail {

namespace {

struct Flag {
    quint32 bit;
    const char *name;
};

// [MS-NLMP] §2.2.2.5 NEGOTIATE flags, lowest bit first.
constexpr Flag kFlags[] = {
    { 0x00000001, "NEGOTIATE_UNICODE" },
    { 0x00000002, "NEGOTIATE_OEM" },
    { 0x00000004, "REQUEST_TARGET" },
    { 0x00000010, "NEGOTIATE_SIGN" },
    { 0x00000020, "NEGOTIATE_SEAL" },
    { 0x00000040, "NEGOTIATE_DATAGRAM" },
    { 0x00000080, "NEGOTIATE_LM_KEY" },
    { 0x00000200, "NEGOTIATE_NTLM" },
    { 0x00000800, "ANONYMOUS" },
    { 0x00001000, "NEGOTIATE_OEM_DOMAIN_SUPPLIED" },
    { 0x00002000, "NEGOTIATE_OEM_WORKSTATION_SUPPLIED" },
    { 0x00008000, "NEGOTIATE_ALWAYS_SIGN" },
    { 0x00010000, "TARGET_TYPE_DOMAIN" },
    { 0x00020000, "TARGET_TYPE_SERVER" },
    { 0x00080000, "NEGOTIATE_EXTENDED_SESSIONSECURITY" },
    { 0x00100000, "NEGOTIATE_IDENTIFY" },
    { 0x00400000, "REQUEST_NON_NT_SESSION_KEY" },
    { 0x00800000, "NEGOTIATE_TARGET_INFO" },
    { 0x02000000, "NEGOTIATE_VERSION" },
    { 0x20000000, "NEGOTIATE_128" },
    { 0x40000000, "NEGOTIATE_KEY_EXCH" },
    { 0x80000000, "NEGOTIATE_56" },
};

constexpr quint32 kUnicode = 0x1;
constexpr quint32 kVersion = 0x02000000;
constexpr int kMaxAvPairs = 64;

/// Bounds-checked little-endian view of one message.
class Msg
{
public:
    Msg(QByteArrayView b, qsizetype at) : bytes(b), base(at) { }

    bool has(qsizetype at, qsizetype n) const { return at >= 0 && n >= 0 && at <= bytes.size() - n; }
    quint16 u16(qsizetype at) const { return quint16(quint8(bytes[at]) | (quint8(bytes[at + 1]) << 8)); }
    quint32 u32(qsizetype at) const { return quint32(u16(at)) | (quint32(u16(at + 2)) << 16); }
    quint64 u64(qsizetype at) const { return quint64(u32(at)) | (quint64(u32(at + 4)) << 32); }

    Result<void> need(qsizetype at, qsizetype n, const QString &what) const
    {
        if (has(at, n))
            return {};
        return der::truncated(base + bytes.size(), tr("%1 needs bytes %2 to %3 but the message ends at byte %4")
                                                       .arg(what)
                                                       .arg(base + at)
                                                       .arg(base + at + n)
                                                       .arg(base + bytes.size()));
    }

    /// A field descriptor (Len u16, MaxLen u16, BufferOffset u32) at \a at: the bytes it points to.
    Result<QByteArrayView> buffer(qsizetype at, const QString &what) const
    {
        if (auto r = need(at, 8, what); !r)
            return r.error();
        const qsizetype len = u16(at);
        const qsizetype offset = u32(at + 4);
        if (len == 0)
            return QByteArrayView();
        if (!has(offset, len))
            return der::truncated(base + bytes.size(),
                tr("%1 points at bytes %2 to %3 but the message ends at byte %4")
                    .arg(what)
                    .arg(base + offset)
                    .arg(base + offset + len)
                    .arg(base + bytes.size()));
        return bytes.sliced(offset, len);
    }

    QByteArrayView bytes;
    qsizetype base;
};

QString flagNames(quint32 flags)
{
    QStringList names;
    quint32 known = 0;
    for (const Flag &f : kFlags) {
        known |= f.bit;
        if (flags & f.bit)
            names << QLatin1String(f.name);
    }
    if (flags & ~known)
        names << QStringLiteral("0x%1").arg(flags & ~known, 8, 16, QLatin1Char('0'));
    return names.join(QStringLiteral(", "));
}

TokenField flagsField(quint32 flags)
{
    TokenField f = field(tr("negotiate flags"), QStringLiteral("0x%1").arg(flags, 8, 16, QLatin1Char('0')),
        tr("what the two sides support; SIGN/SEAL protect the session, EXTENDED_SESSIONSECURITY is NTLM2 "
           "session security"));
    f.children << field(tr("set"), flagNames(flags));
    return f;
}

QString utf16(QByteArrayView b)
{
    QString s = QString::fromUtf16(reinterpret_cast<const char16_t *>(b.data()), b.size() / 2);
    // The same visibility rule as Kerberos names: no control characters reach a terminal.
    QByteArray utf8 = s.toUtf8();
    return der::text(utf8);
}

QString text(QByteArrayView b, quint32 flags)
{
    // Unaligned UTF-16: copy before reinterpreting.
    if (flags & kUnicode) {
        const QByteArray copy = b.toByteArray();
        return utf16(copy);
    }
    return der::text(b);
}

QString versionText(const Msg &m, qsizetype at)
{
    return QStringLiteral("%1.%2 build %3, NTLM revision %4")
        .arg(quint8(m.bytes[at]))
        .arg(quint8(m.bytes[at + 1]))
        .arg(m.u16(at + 2))
        .arg(quint8(m.bytes[at + 7]));
}

QString fileTime(quint64 ticks)
{
    // FILETIME: 100 ns ticks since 1601-01-01; 11644473600 s lie between 1601 and 1970.
    const qint64 secs = qint64(ticks / 10000000ULL) - 11644473600LL;
    const QDateTime t = QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
    return t.isValid() ? t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")) : QString::number(ticks);
}

/// AV_PAIR list ([MS-NLMP] §2.2.2.1): target info of a CHALLENGE, or the client's copy inside an
/// NTLMv2 response.
Result<void> avPairs(QByteArrayView b, qsizetype base, TokenField &node, DecodedToken *facts)
{
    static const char *const names[] = { "MsvAvEOL", "MsvAvNbComputerName", "MsvAvNbDomainName",
        "MsvAvDnsComputerName", "MsvAvDnsDomainName", "MsvAvDnsTreeName", "MsvAvFlags", "MsvAvTimestamp",
        "MsvAvSingleHost", "MsvAvTargetName", "MsvAvChannelBindings" };
    const Msg m(b, base);
    qsizetype at = 0;
    for (int i = 0; i < kMaxAvPairs; ++i) {
        if (auto r = m.need(at, 4, tr("an AV pair header")); !r)
            return r;
        const quint16 id = m.u16(at);
        const quint16 len = m.u16(at + 2);
        if (id == 0)
            return {};
        if (auto r = m.need(at + 4, len, tr("an AV pair value")); !r)
            return r;
        const QByteArrayView v = b.sliced(at + 4, len);
        const QString label = id < 11 ? QLatin1String(names[id]) : tr("AV pair %1").arg(id);
        QString value;
        QString note;
        if (id >= 1 && id <= 5) {
            value = text(v, kUnicode);
            static const char *const notes[] = { "", QT_TRANSLATE_NOOP("TokenDecoder", "the server's NetBIOS name"),
                QT_TRANSLATE_NOOP("TokenDecoder", "the NetBIOS domain name"),
                QT_TRANSLATE_NOOP("TokenDecoder", "the server's DNS name"),
                QT_TRANSLATE_NOOP("TokenDecoder", "the DNS domain name"),
                QT_TRANSLATE_NOOP("TokenDecoder", "the DNS forest name") };
            note = tr(notes[id]);
        } else if (id == 9) {
            value = text(v, kUnicode);
            note = tr("the SPN the client meant to reach; a Kerberos ticket for it was not used");
        } else if (id == 7 && len == 8) {
            value = fileTime(Msg(v, 0).u64(0));
        } else if (id == 6 && len == 4) {
            value = QStringLiteral("0x%1").arg(Msg(v, 0).u32(0), 8, 16, QLatin1Char('0'));
        } else {
            value = tr("%1 bytes").arg(len);
        }
        node.children << field(label, value, note);
        if (facts && id == 2 && facts->ntlmDomain.isEmpty())
            facts->ntlmDomain = value;
        at += 4 + len;
    }
    node.children << field(tr("more AV pairs"), tr("not shown"), tr("more than %1 pairs").arg(kMaxAvPairs));
    return {};
}

Result<void> negotiate(const Msg &m, Sink &sink, TokenField &node)
{
    if (auto r = m.need(12, 4, tr("the flags")); !r)
        return r;
    const quint32 flags = m.u32(12);
    sink.token.ntlmFlags = flags;
    node.children << flagsField(flags);
    // Domain and workstation (OEM) follow only in messages long enough to have the fields.
    if (m.has(16, 16)) {
        auto domain = m.buffer(16, tr("the domain field"));
        if (!domain)
            return domain.error();
        auto ws = m.buffer(24, tr("the workstation field"));
        if (!ws)
            return ws.error();
        if (!domain->isEmpty())
            node.children << field(tr("domain"), der::text(*domain));
        if (!ws->isEmpty())
            node.children << field(tr("workstation"), der::text(*ws));
    }
    if ((flags & kVersion) && m.has(32, 8))
        node.children << field(tr("version"), versionText(m, 32), tr("the client's Windows version"));
    return {};
}

Result<void> challenge(const Msg &m, Sink &sink, TokenField &node)
{
    if (auto r = m.need(12, 20, tr("the CHALLENGE header")); !r)
        return r;
    const quint32 flags = m.u32(20);
    sink.token.ntlmFlags = flags;
    auto target = m.buffer(12, tr("the target name"));
    if (!target)
        return target.error();
    const QString targetName = text(*target, flags);
    sink.token.ntlmDomain = targetName;
    node.children << field(tr("target name"), targetName, tr("the domain (or server) that will check the password"));
    node.children << flagsField(flags);
    node.children << field(tr("server challenge"), tr("8 bytes"), tr("a random number the client must answer"));
    if (m.has(40, 8)) {
        auto info = m.buffer(40, tr("the target info"));
        if (!info)
            return info.error();
        if (!info->isEmpty()) {
            TokenField f = field(tr("target info"), tr("%1 bytes").arg(info->size()),
                tr("names and time the server tells the client"));
            auto r = avPairs(*info, m.base + m.u32(44), f, nullptr);
            node.children << f;
            if (!r)
                return r;
        }
    }
    if ((flags & kVersion) && m.has(48, 8))
        node.children << field(tr("version"), versionText(m, 48), tr("the server's Windows version"));
    return {};
}

Result<void> authenticate(const Msg &m, Sink &sink, TokenField &node)
{
    if (auto r = m.need(12, 52, tr("the AUTHENTICATE header")); !r)
        return r;
    const quint32 flags = m.u32(60);
    sink.token.ntlmFlags = flags;
    auto lm = m.buffer(12, tr("the LM response"));
    auto nt = lm ? m.buffer(20, tr("the NT response")) : lm;
    auto domain = nt ? m.buffer(28, tr("the domain name")) : nt;
    auto user = domain ? m.buffer(36, tr("the user name")) : domain;
    auto ws = user ? m.buffer(44, tr("the workstation name")) : user;
    auto key = ws ? m.buffer(52, tr("the session key")) : ws;
    if (!key)
        return key.error();
    sink.token.ntlmDomain = text(*domain, flags);
    sink.token.ntlmUser = text(*user, flags);
    sink.token.ntlmWorkstation = text(*ws, flags);
    sink.token.ntlmV2 = nt->size() > 24;
    node.children << field(tr("domain"), sink.token.ntlmDomain);
    node.children << field(tr("user"), sink.token.ntlmUser);
    node.children << field(tr("workstation"), sink.token.ntlmWorkstation);
    node.children << flagsField(flags);
    const bool anonymous = nt->isEmpty() && lm->size() <= 1;
    const QString version = anonymous ? tr("anonymous")
        : sink.token.ntlmV2             ? QStringLiteral("NTLMv2")
        : (flags & 0x00080000)          ? QStringLiteral("NTLMv1 with extended session security")
                                        : QStringLiteral("NTLMv1");
    node.children << field(tr("NTLM version"), version,
        sink.token.ntlmV2 ? tr("the NT response is longer than 24 bytes")
                          : tr("NTLMv1 is weak; Windows refuses it with LmCompatibilityLevel 5"));
    node.children << field(tr("LM response"), tr("%1 bytes").arg(lm->size()), tr("not shown"));
    TokenField ntField = field(tr("NT response"), tr("%1 bytes").arg(nt->size()), tr("not shown"));
    // NTLMv2: NTProofStr (16) and a 28-byte header precede the client's AV pairs, which hold the
    // SPN it was aiming at (MsvAvTargetName): useful, and no secret.
    if (sink.token.ntlmV2 && nt->size() > 16 + 28) {
        TokenField pairs = field(tr("client AV pairs"), {}, tr("inside the NTLMv2 response"));
        auto r = avPairs(nt->sliced(44), m.base + m.u32(24) + 44, pairs, nullptr);
        ntField.children << pairs;
        if (!r) {
            node.children << ntField;
            return r;
        }
    }
    node.children << ntField;
    node.children << field(tr("session key"), tr("%1 bytes").arg(key->size()), tr("encrypted; not shown"));
    if ((flags & kVersion) && m.has(64, 8))
        node.children << field(tr("version"), versionText(m, 64), tr("the client's Windows version"));
    return {};
}

} // namespace

Result<void> explainNtlm(QByteArrayView bytes, qsizetype base, Sink &sink, QList<TokenField> &out)
{
    const Msg m(bytes, base);
    if (auto r = m.need(8, 4, tr("the NTLMSSP message type")); !r)
        return r;
    const quint32 type = m.u32(8);
    TokenField node;
    Result<void> r;
    switch (type) {
    case 1:
        sink.kind() = TokenKind::NtlmNegotiate;
        node = field(QStringLiteral("NTLMSSP NEGOTIATE"), tr("type 1"), tr("the client starts NTLM"));
        r = negotiate(m, sink, node);
        break;
    case 2:
        sink.kind() = TokenKind::NtlmChallenge;
        node = field(QStringLiteral("NTLMSSP CHALLENGE"), tr("type 2"),
            tr("the server's challenge; the client must answer on the same TCP connection"));
        r = challenge(m, sink, node);
        break;
    case 3:
        sink.kind() = TokenKind::NtlmAuthenticate;
        node = field(QStringLiteral("NTLMSSP AUTHENTICATE"), tr("type 3"),
            tr("the client's answer: who it is and proof of the password"));
        r = authenticate(m, sink, node);
        break;
    default:
        sink.kind() = TokenKind::Unknown;
        out << field(QStringLiteral("NTLMSSP"), tr("message type %1").arg(type), tr("not a type this tool knows"));
        return {};
    }
    out << node;
    return r;
}

} // namespace ssod::core::probe::detail
