// The token decoder's front end: what was pasted (header line, header value, base64, hex), which
// kind of token the bytes are, and the field tree the parts build.
#include "core/probe/TokenDecoder.h"

#include "core/probe/TokenDecoder_p.h"

#include <cctype>

namespace ssod::core::probe {

using detail::tr;

namespace {

const QByteArray kNtlmSignature("NTLMSSP\0", 8);

struct Pasted {
    QString header;
    QString scheme;
    QString token; ///< without whitespace
};

bool isSpace(QChar c)
{
    return c.isSpace();
}

bool isHex(const QString &s)
{
    if (s.size() % 2 != 0)
        return false;
    for (QChar c : s) {
        if (!isxdigit(c.unicode() < 0x80 ? c.unicode() : 0))
            return false;
    }
    return true;
}

Result<Pasted> splitInput(const QString &input)
{
    if (input.size() > kMaxTokenText)
        return Error::invalid(tr("the input is %1 characters long; a token is at most %2 characters (Windows' "
                                 "MaxTokenSize): paste one header value only")
                                  .arg(input.size())
                                  .arg(kMaxTokenText));
    Pasted p;
    QStringView rest = QStringView(input).trimmed();
    // A header line: base64 never contains ':', so a colon ends a header name, unless what comes
    // before it is a hex byte ("60:82:…", a hex dump with colons).
    const qsizetype colon = rest.indexOf(QLatin1Char(':'));
    if (colon > 0 && !isHex(rest.first(colon).toString())) {
        const QStringView name = rest.first(colon).trimmed();
        static const char *const known[] = { "Authorization", "WWW-Authenticate", "Proxy-Authorization",
            "Proxy-Authenticate" };
        for (const char *k : known) {
            if (name.compare(QLatin1String(k), Qt::CaseInsensitive) == 0)
                p.header = QLatin1String(k);
        }
        if (p.header.isEmpty())
            return Error::invalid(tr("\"%1\" is not an authentication header; paste the value of Authorization, "
                                     "WWW-Authenticate, Proxy-Authorization or Proxy-Authenticate")
                                      .arg(name.left(60).toString()));
        rest = rest.sliced(colon + 1).trimmed();
    }
    static const char *const schemes[] = { "Negotiate", "NTLM", "Kerberos" };
    for (const char *s : schemes) {
        const QLatin1String scheme(s);
        if (rest.startsWith(scheme, Qt::CaseInsensitive)
            && (rest.size() == scheme.size() || isSpace(rest[scheme.size()]))) {
            p.scheme = scheme;
            rest = rest.sliced(scheme.size());
            break;
        }
    }
    if (p.scheme.isEmpty() && !p.header.isEmpty()) {
        const QStringView word = rest.left(rest.indexOf(QLatin1Char(' '))).left(30);
        return Error::invalid(tr("the header uses the \"%1\" scheme; this tool explains Negotiate, NTLM and "
                                 "Kerberos tokens")
                                  .arg(word.toString()));
    }
    p.token.reserve(rest.size());
    for (QChar c : rest) {
        if (!isSpace(c))
            p.token += c;
    }
    return p;
}

Result<QByteArray> decodeText(QString token)
{
    if (token.startsWith(QLatin1String("0x"), Qt::CaseInsensitive) && isHex(token.mid(2)))
        token = token.mid(2);
    // Hex dumps with separators ("60:82:…"): colons never occur in base64.
    if (token.contains(QLatin1Char(':'))) {
        QString joined = token;
        joined.remove(QLatin1Char(':'));
        if (isHex(joined))
            token = joined;
    }
    // A real token in base64 starts with Y, o, T or b: never all hex digits, so hex is unambiguous.
    if (isHex(token))
        return QByteArray::fromHex(token.toLatin1());
    QByteArray b64;
    b64.reserve(token.size() + 3);
    for (qsizetype i = 0; i < token.size(); ++i) {
        const QChar c = token[i];
        const char16_t u = c.unicode();
        const bool plain = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '+'
            || u == '/';
        if (plain)
            b64 += char(u);
        else if (u == '-' || u == '_') // URL-safe alphabet
            b64 += u == '-' ? '+' : '/';
        else if (u == '=' && token.size() - i <= 2)
            break;
        else
            return Error::invalid(tr("not base64 or hex: character '%1' at position %2")
                                      .arg(u < 0x20 || u == 0x7f ? QStringLiteral("\\x%1").arg(int(u), 2, 16,
                                                                       QLatin1Char('0'))
                                                                 : QString(c))
                                      .arg(i + 1));
    }
    if (b64.size() % 4 == 1)
        return Error::invalid(tr("not base64: %1 characters cannot be a complete base64 value (cut off?)")
                                  .arg(b64.size()));
    while (b64.size() % 4 != 0)
        b64 += '=';
    auto decoded = QByteArray::fromBase64Encoding(b64, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return Error::invalid(tr("not base64"));
    return *decoded;
}

} // namespace

namespace detail {

TokenField field(const QString &label, const QString &value, const QString &note)
{
    return { label, value, note, {} };
}

Result<void> eachTagged(DerReader &fields, TokenField &node, const std::function<Result<void>(const DerElement &)> &handle)
{
    while (!fields.atEnd()) {
        auto e = fields.next();
        if (!e)
            return e.error();
        if (e->tagClass != DerElement::Context) {
            node.children << field(tr("unexpected element"), e->tagName(), tr("not part of %1").arg(node.label));
            continue;
        }
        if (auto r = handle(*e); !r)
            return r;
    }
    return {};
}

Result<void> explainAny(QByteArrayView bytes, qsizetype base, Sink &sink, QList<TokenField> &out)
{
    if (bytes.startsWith(kNtlmSignature))
        return explainNtlm(bytes, base, sink, out);
    switch (bytes.isEmpty() ? 0 : quint8(bytes[0])) {
    case 0x60:
        return explainGssToken(bytes, base, sink, out);
    case 0xa0:
    case 0xa1:
        return explainNegotiationToken(bytes, base, sink, out);
    case 0x6e:
    case 0x6f:
    case 0x7e:
        return explainKerberos(bytes, base, sink, out);
    default:
        break;
    }
    sink.kind() = TokenKind::Unknown;
    out << field(tr("unrecognized token"), QString::fromLatin1(bytes.first(qMin<qsizetype>(bytes.size(), 16)).toByteArray().toHex(' ')),
        tr("not SPNEGO, Kerberos or NTLMSSP: the first bytes are shown"));
    return {};
}

} // namespace detail

Result<DecodedToken> decodeTokenBytes(QByteArrayView bytes, const QString &scheme)
{
    if (bytes.isEmpty())
        return Error::invalid(tr("the token is empty"));
    if (bytes.size() > kMaxTokenBytes)
        return Error::invalid(tr("the token is %1 bytes; no genuine token is larger than %2 bytes")
                                  .arg(bytes.size())
                                  .arg(kMaxTokenBytes));
    DecodedToken token;
    token.scheme = scheme;
    token.bytes = bytes.size();
    QString truncation;
    detail::Sink sink { token, 0, &truncation };
    const auto r = detail::explainAny(bytes, 0, sink, token.fields);
    // A cut-off token usually fails later, where a field is missing: the cut is the cause to name.
    if (!truncation.isEmpty() || !r) {
        token.problem = truncation.isEmpty() ? r.error().message : truncation;
        token.fields << detail::field(tr("problem"), token.problem,
            r ? tr("the fields above are what the token holds up to the cut")
              : tr("decoding stopped here; the fields above were read before it"));
    }
    detail::writeVerdict(token);
    return token;
}

Result<DecodedToken> decodeToken(const QString &input)
{
    auto pasted = splitInput(input);
    if (!pasted)
        return pasted.error();
    if (pasted->token.isEmpty()) {
        if (pasted->scheme.isEmpty())
            return Error::invalid(tr("nothing to decode: paste a header line, a header value or a base64 token"));
        DecodedToken token;
        token.header = pasted->header;
        token.scheme = pasted->scheme;
        token.kind = TokenKind::None;
        detail::writeVerdict(token);
        return token;
    }
    auto bytes = decodeText(pasted->token);
    if (!bytes)
        return bytes.error();
    auto token = decodeTokenBytes(*bytes, pasted->scheme);
    if (token) {
        token->header = pasted->header;
        detail::writeVerdict(*token);
    }
    return token;
}

QString tokenKindId(TokenKind kind)
{
    switch (kind) {
    case TokenKind::None: return QStringLiteral("none");
    case TokenKind::Unknown: return QStringLiteral("unknown");
    case TokenKind::SpnegoInit: return QStringLiteral("spnego-init");
    case TokenKind::SpnegoResp: return QStringLiteral("spnego-resp");
    case TokenKind::GssKerberosApReq: return QStringLiteral("gss-krb5-ap-req");
    case TokenKind::GssKerberosApRep: return QStringLiteral("gss-krb5-ap-rep");
    case TokenKind::GssKerberosError: return QStringLiteral("gss-krb5-error");
    case TokenKind::KerberosApReq: return QStringLiteral("krb5-ap-req");
    case TokenKind::KerberosApRep: return QStringLiteral("krb5-ap-rep");
    case TokenKind::KerberosError: return QStringLiteral("krb5-error");
    case TokenKind::NtlmNegotiate: return QStringLiteral("ntlm-negotiate");
    case TokenKind::NtlmChallenge: return QStringLiteral("ntlm-challenge");
    case TokenKind::NtlmAuthenticate: return QStringLiteral("ntlm-authenticate");
    }
    return QStringLiteral("unknown");
}

QString tokenKindName(TokenKind kind)
{
    switch (kind) {
    case TokenKind::None: return tr("no token");
    case TokenKind::Unknown: return tr("unknown token");
    case TokenKind::SpnegoInit: return QStringLiteral("SPNEGO NegTokenInit");
    case TokenKind::SpnegoResp: return QStringLiteral("SPNEGO NegTokenResp");
    case TokenKind::GssKerberosApReq: return tr("Kerberos GSS token (AP-REQ)");
    case TokenKind::GssKerberosApRep: return tr("Kerberos GSS token (AP-REP)");
    case TokenKind::GssKerberosError: return tr("Kerberos GSS token (KRB-ERROR)");
    case TokenKind::KerberosApReq: return QStringLiteral("Kerberos AP-REQ");
    case TokenKind::KerberosApRep: return QStringLiteral("Kerberos AP-REP");
    case TokenKind::KerberosError: return QStringLiteral("Kerberos KRB-ERROR");
    case TokenKind::NtlmNegotiate: return QStringLiteral("NTLMSSP NEGOTIATE");
    case TokenKind::NtlmChallenge: return QStringLiteral("NTLMSSP CHALLENGE");
    case TokenKind::NtlmAuthenticate: return QStringLiteral("NTLMSSP AUTHENTICATE");
    }
    return tr("unknown token");
}

const TokenField *findField(const QList<TokenField> &fields, const QString &label)
{
    // An explicit stack: the tree is shallow, but a lookup helper should not recurse on data.
    QList<const QList<TokenField> *> pending { &fields };
    while (!pending.isEmpty()) {
        const QList<TokenField> *level = pending.takeFirst();
        for (const TokenField &f : *level) {
            if (f.label == label)
                return &f;
        }
        for (const TokenField &f : *level)
            pending << &f.children;
    }
    return nullptr;
}

} // namespace ssod::core::probe
