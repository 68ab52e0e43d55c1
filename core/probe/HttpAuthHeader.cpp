#include "core/probe/HttpAuthHeader.h"

namespace ssod::core::probe {

namespace {

// A hostile server can send thousands of challenges; nobody needs more than a handful.
constexpr int kMaxChallenges = 32;

const QByteArray kNtlmSignature("NTLMSSP\0", 8);
const QByteArray kSpnegoOid("\x06\x06\x2b\x06\x01\x05\x05\x02", 8);
const QByteArray kKrb5Oid("\x06\x09\x2a\x86\x48\x86\xf7\x12\x01\x02\x02", 11);
const QByteArray kMsKrb5Oid("\x06\x09\x2a\x86\x48\x82\xf7\x12\x01\x02\x02", 11);
const QByteArray kNtlmOid("\x06\x0a\x2b\x06\x01\x04\x01\x82\x37\x02\x02\x0a", 12);

/// Splits at commas outside quoted strings.
QList<QByteArray> splitOutsideQuotes(const QByteArray &value)
{
    QList<QByteArray> parts;
    QByteArray current;
    bool quoted = false;
    for (qsizetype i = 0; i < value.size(); ++i) {
        const char c = value.at(i);
        if (c == '"')
            quoted = !quoted;
        else if (c == '\\' && quoted && i + 1 < value.size()) {
            current += c;
            current += value.at(++i);
            continue;
        }
        if (c == ',' && !quoted) {
            parts << current.trimmed();
            current.clear();
            continue;
        }
        current += c;
    }
    parts << current.trimmed();
    return parts;
}

bool isTokenChar(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || QByteArray("!#$%&'*+-.^_`|~").contains(c);
}

/// Position of the first of \a oids in \a bytes from \a from, and which one (index), or -1.
std::pair<qsizetype, int> firstOf(const QByteArray &bytes, qsizetype from, const QList<QByteArray> &oids)
{
    std::pair<qsizetype, int> best { -1, -1 };
    for (int i = 0; i < oids.size(); ++i) {
        const qsizetype at = bytes.indexOf(oids.at(i), from);
        if (at >= 0 && (best.first < 0 || at < best.first))
            best = { at, i };
    }
    return best;
}

} // namespace

QList<AuthChallenge> parseAuthenticate(const QList<QByteArray> &headerValues)
{
    QList<AuthChallenge> out;
    for (const QByteArray &value : headerValues) {
        // Qt joins repeated headers with ", " (or "\n" for some); both separate challenges here.
        for (const QByteArray &line : value.split('\n')) {
            for (const QByteArray &part : splitOutsideQuotes(line)) {
                if (part.isEmpty())
                    continue;
                const qsizetype space = part.indexOf(' ');
                const QByteArray first = space < 0 ? part : part.left(space);
                // "realm=\"x\"" is an auth-param of the challenge before; a scheme is a bare token.
                if (first.isEmpty() || first.contains('=') || !std::all_of(first.begin(), first.end(), isTokenChar))
                    continue;
                if (out.size() >= kMaxChallenges)
                    return out;
                AuthChallenge c;
                c.scheme = QString::fromLatin1(first);
                const QByteArray rest = space < 0 ? QByteArray() : part.mid(space + 1).trimmed();
                // token68 (base64) for Negotiate/NTLM/Kerberos; auth-params otherwise.
                if (!rest.isEmpty() && !rest.contains('"') && !rest.contains(' ')
                    && (rest.indexOf('=') < 0 || rest.indexOf('=') >= rest.size() - 2))
                    c.token = rest;
                out << c;
            }
        }
    }
    return out;
}

QStringList challengeSchemes(const QList<AuthChallenge> &challenges)
{
    QStringList out;
    for (const AuthChallenge &c : challenges)
        if (!out.contains(c.scheme, Qt::CaseInsensitive))
            out << c.scheme;
    return out;
}

const AuthChallenge *findChallenge(const QList<AuthChallenge> &challenges, const QString &scheme)
{
    for (const AuthChallenge &c : challenges)
        if (c.scheme.compare(scheme, Qt::CaseInsensitive) == 0)
            return &c;
    return nullptr;
}

QString negotiateTokenKindName(NegotiateTokenKind kind)
{
    using K = NegotiateTokenKind;
    switch (kind) {
    case K::Empty:
        return QStringLiteral("empty");
    case K::SpnegoInitKerberos:
        return QStringLiteral("spnego-init-kerberos");
    case K::SpnegoInitNtlm:
        return QStringLiteral("spnego-init-ntlm");
    case K::SpnegoInitOther:
        return QStringLiteral("spnego-init-other");
    case K::SpnegoResponse:
        return QStringLiteral("spnego-response");
    case K::SpnegoResponseNtlm:
        return QStringLiteral("spnego-response-ntlm");
    case K::Kerberos:
        return QStringLiteral("kerberos");
    case K::Ntlm:
        return QStringLiteral("ntlm");
    case K::Unknown:
        return QStringLiteral("unknown");
    }
    return QString();
}

NegotiateTokenKind classifyNegotiateToken(const QByteArray &token)
{
    using K = NegotiateTokenKind;
    if (token.isEmpty())
        return K::Empty;
    if (token.startsWith(kNtlmSignature))
        return K::Ntlm;
    const auto tag = quint8(token.at(0));
    if (tag == 0xA1)
        return token.contains(kNtlmSignature) ? K::SpnegoResponseNtlm : K::SpnegoResponse;
    if (tag != 0x60 || token.size() < 2)
        return K::Unknown;
    // [APPLICATION 0] and its DER length (short form, or 0x81/0x82/0x83 long form), then the OID.
    const auto first = quint8(token.at(1));
    qsizetype at = 2;
    if (first & 0x80) {
        const int octets = first & 0x7f;
        if (octets < 1 || octets > 3)
            return K::Unknown;
        at += octets;
    }
    if (token.mid(at, kKrb5Oid.size()) == kKrb5Oid)
        return K::Kerberos;
    if (token.mid(at, kSpnegoOid.size()) != kSpnegoOid)
        return K::Unknown;
    // The first mechanism listed in mechTypes is the one the optimistic token belongs to.
    const auto [pos, which] = firstOf(token, at + kSpnegoOid.size(), { kKrb5Oid, kMsKrb5Oid, kNtlmOid });
    if (pos < 0)
        return K::SpnegoInitOther;
    return which == 2 ? K::SpnegoInitNtlm : K::SpnegoInitKerberos;
}

bool isNtlmToken(NegotiateTokenKind kind)
{
    return kind == NegotiateTokenKind::Ntlm || kind == NegotiateTokenKind::SpnegoInitNtlm
        || kind == NegotiateTokenKind::SpnegoResponseNtlm;
}

} // namespace ssod::core::probe
