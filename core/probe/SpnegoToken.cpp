// SPNEGO (RFC 4178) and the GSS-API token framing (RFC 2743 §3.1, RFC 4121 §4.1) of Negotiate tokens.
#include "core/probe/TokenDecoder_p.h"

#include <QHash>

namespace ssod::core::probe::detail {

namespace {

const QString kSpnegoOid = QStringLiteral("1.3.6.1.5.5.2");
const QString kKerberosOid = QStringLiteral("1.2.840.113554.1.2.2");
const QString kMsKerberosOid = QStringLiteral("1.2.840.48018.1.2.2");

QString bytesText(qsizetype n)
{
    return tr("%1 bytes").arg(n);
}

/// mechToken / responseToken: an OCTET STRING holding the mechanism's own token, explained inside.
Result<void> nestedToken(const DerReader &r, const DerElement &tagged, const QString &label, const QString &note,
    Sink &sink, TokenField &node)
{
    auto octets = r.unwrap(tagged, 4, label);
    if (!octets)
        return octets.error();
    if (sink.depth + 1 > kMaxTokenDepth)
        return Error::invalid(tr("byte %1: a token nested inside another mechanism token; genuine tokens "
                                 "nest only one level").arg(octets->valueOffset));
    TokenField f = field(label, bytesText(octets->value.size()), note);
    Sink inner { sink.token, sink.depth + 1, sink.truncation };
    auto result = explainAny(octets->value, octets->valueOffset, inner, f.children);
    node.children << f;
    return result;
}

Result<void> mechTypes(const DerReader &r, const DerElement &tagged, Sink &sink, TokenField &node)
{
    auto seq = r.unwrap(tagged, 16, tr("the mechanism list"));
    if (!seq)
        return seq.error();
    auto list = r.child(*seq);
    if (!list)
        return list.error();
    QStringList names;
    for (int i = 1; !list->atEnd(); ++i) {
        auto e = list->expect(DerElement::Universal, 6, tr("a mechanism OID"));
        if (!e)
            return e.error();
        auto dotted = der::oid(*e);
        if (!dotted)
            return dotted.error();
        const QString name = mechName(*dotted);
        names << name;
        sink.token.mechanisms << name;
        node.children << field(tr("#%1").arg(i), name,
            i == 1 ? tr("%1; listed first, so the optimistic mechToken (if any) is for it").arg(*dotted)
                   : *dotted);
        node.value = names.join(QStringLiteral(", "));
    }
    return {};
}

Result<void> reqFlags(const DerReader &r, const DerElement &tagged, TokenField &node)
{
    auto e = r.unwrap(tagged, 3, tr("the context flags"));
    if (!e)
        return e.error();
    auto bits = der::bits(*e);
    if (!bits)
        return bits.error();
    static const char *const names[] = { "delegFlag", "mutualFlag", "replayFlag", "sequenceFlag", "anonFlag",
        "confFlag", "integFlag" };
    QStringList set;
    for (int i = 0; i < 7; ++i) {
        if (*bits & (1u << i))
            set << QLatin1String(names[i]);
    }
    node.value = set.isEmpty() ? tr("none") : set.join(QStringLiteral(", "));
    return {};
}

Result<void> negTokenInit(DerReader &seqFields, Sink &sink, TokenField &node)
{
    return eachTagged(seqFields, node, [&](const DerElement &tagged) -> Result<void> {
        const DerElement *e = &tagged;
        switch (e->tagNumber) {
        case 0: {
            TokenField f = field(tr("mechTypes"), {}, tr("the mechanisms the client offers, preferred first"));
            auto r = mechTypes(seqFields, *e, sink, f);
            node.children << f;
            if (!r)
                return r;
            break;
        }
        case 1: {
            TokenField f = field(tr("reqFlags"), {}, tr("the context features the client asks for"));
            auto r = reqFlags(seqFields, *e, f);
            node.children << f;
            if (!r)
                return r;
            break;
        }
        case 2:
            return nestedToken(seqFields, *e, QStringLiteral("mechToken"), tr("the optimistic token for the first mechanism offered"), sink, node);
        case 3: {
            // NegTokenInit2 (MS-SPNG §2.2.1), sent by servers, has negHints here; RFC 4178 has mechListMIC.
            auto inner = seqFields.child(*e);
            if (!inner)
                return inner.error();
            if (inner->peekTag() == 0x30) {
                node.children << field(tr("negHints"), {}, tr("Microsoft NegTokenInit2 hints from a server"));
                break;
            }
            auto octets = inner->expect(DerElement::Universal, 4, tr("the mechListMIC"));
            if (!octets)
                return octets.error();
            node.children << field(tr("mechListMIC"), bytesText(octets->value.size()),
                tr("protects the mechanism list against downgrade"));
            break;
        }
        case 4:
            node.children << field(tr("mechListMIC"), bytesText(e->value.size()),
                tr("protects the mechanism list against downgrade"));
            break;
        default:
            node.children << field(tr("unknown element"), e->tagName());
        }
        return {};
    });
}

QString negStateName(qint64 state)
{
    switch (state) {
    case 0: return QStringLiteral("accept-completed");
    case 1: return QStringLiteral("accept-incomplete");
    case 2: return QStringLiteral("reject");
    case 3: return QStringLiteral("request-mic");
    default: return tr("unknown (%1)").arg(state);
    }
}

QString negStateNote(qint64 state)
{
    switch (state) {
    case 0: return tr("authentication finished successfully on the server's side");
    case 1: return tr("another round trip is needed (typical of NTLM: this carries its CHALLENGE)");
    case 2: return tr("the server refused the authentication");
    case 3: return tr("the server wants a mechListMIC before it completes");
    default: return {};
    }
}

Result<void> negTokenResp(DerReader &seqFields, Sink &sink, TokenField &node)
{
    return eachTagged(seqFields, node, [&](const DerElement &tagged) -> Result<void> {
        const DerElement *e = &tagged;
        switch (e->tagNumber) {
        case 0: {
            auto en = seqFields.unwrap(*e, 10, tr("negState"));
            if (!en)
                return en.error();
            auto v = der::integer(*en);
            if (!v)
                return v.error();
            sink.token.negState = clampInt(*v);
            node.children << field(tr("negState"), negStateName(*v), negStateNote(*v));
            break;
        }
        case 1: {
            auto o = seqFields.unwrap(*e, 6, tr("supportedMech"));
            if (!o)
                return o.error();
            auto dotted = der::oid(*o);
            if (!dotted)
                return dotted.error();
            sink.token.mechanisms << mechName(*dotted);
            node.children << field(tr("supportedMech"), mechName(*dotted),
                tr("%1; the mechanism the server chose").arg(*dotted));
            break;
        }
        case 2:
            return nestedToken(seqFields, *e, QStringLiteral("responseToken"), tr("the chosen mechanism's own token"), sink, node);
        case 3:
            node.children << field(tr("mechListMIC"), bytesText(e->value.size()),
                tr("protects the mechanism list against downgrade"));
            break;
        default:
            node.children << field(tr("unknown element"), e->tagName());
        }
        return {};
    });
}

} // namespace

QString mechName(const QString &dottedOid)
{
    static const QHash<QString, QString> names {
        { kKerberosOid, QStringLiteral("Kerberos") },
        { kMsKerberosOid, QStringLiteral("MS legacy Kerberos") },
        { QStringLiteral("1.3.6.1.4.1.311.2.2.10"), QStringLiteral("NTLMSSP") },
        { QStringLiteral("1.3.6.1.4.1.311.2.2.30"), QStringLiteral("NegoEx") },
        { QStringLiteral("1.2.840.113554.1.2.2.3"), QStringLiteral("Kerberos user-to-user") },
        { kSpnegoOid, QStringLiteral("SPNEGO") },
        { QStringLiteral("1.3.6.1.5.2.5"), QStringLiteral("IAKERB") },
    };
    return names.value(dottedOid, dottedOid);
}

Result<void> explainGssToken(QByteArrayView bytes, qsizetype base, Sink &sink, QList<TokenField> &out)
{
    DerReader top(bytes, base, sink.truncation);
    auto app = top.expect(DerElement::Application, 0, tr("the GSS-API token"));
    if (!app)
        return app.error();
    auto inner = top.child(*app);
    if (!inner)
        return inner.error();
    auto oidElement = inner->expect(DerElement::Universal, 6, tr("the mechanism OID"));
    if (!oidElement)
        return oidElement.error();
    auto dotted = der::oid(*oidElement);
    if (!dotted)
        return dotted.error();
    const QByteArrayView rest = inner->rest();
    const qsizetype restOffset = inner->offset();
    if (*dotted == kSpnegoOid) {
        sink.kind() = TokenKind::SpnegoInit;
        out << field(tr("GSS-API mechanism"), QStringLiteral("SPNEGO (%1)").arg(*dotted),
            tr("Negotiate: the client and server agree on Kerberos or NTLM"));
        return explainNegotiationToken(rest, restOffset, sink, out);
    }
    if (*dotted != kKerberosOid && *dotted != kMsKerberosOid) {
        sink.kind() = TokenKind::Unknown;
        out << field(tr("GSS-API mechanism"), mechName(*dotted), tr("a mechanism this tool does not explain"));
        out << field(tr("inner token"), bytesText(rest.size()));
        return {};
    }
    out << field(tr("GSS-API mechanism"), QStringLiteral("%1 (%2)").arg(mechName(*dotted), *dotted),
        tr("a Kerberos token without SPNEGO around it (RFC 4121)"));
    if (rest.size() < 2)
        return der::truncated(base + bytes.size(), tr("the two-byte TOK_ID after the Kerberos OID is missing"));
    const int tokId = (quint8(rest[0]) << 8) | quint8(rest[1]);
    static const QHash<int, QString> tokIds { { 0x0100, QStringLiteral("KRB_AP_REQ") },
        { 0x0200, QStringLiteral("KRB_AP_REP") }, { 0x0300, QStringLiteral("KRB_ERROR") } };
    out << field(tr("TOK_ID"),
        QStringLiteral("%1 %2 (%3)")
            .arg(quint8(rest[0]), 2, 16, QLatin1Char('0'))
            .arg(quint8(rest[1]), 2, 16, QLatin1Char('0'))
            .arg(tokIds.value(tokId, tr("not a context-establishment token"))));
    if (!tokIds.contains(tokId)) {
        sink.kind() = TokenKind::Unknown;
        return {};
    }
    auto r = explainKerberos(rest.sliced(2), restOffset + 2, sink, out);
    // The framing decides the kind even when the message inside is cut short.
    sink.kind() = tokId == 0x0100 ? TokenKind::GssKerberosApReq
        : tokId == 0x0200         ? TokenKind::GssKerberosApRep
                                  : TokenKind::GssKerberosError;
    return r;
}

Result<void> explainNegotiationToken(QByteArrayView bytes, qsizetype base, Sink &sink, QList<TokenField> &out)
{
    DerReader r(bytes, base, sink.truncation);
    const quint8 tag = r.peekTag();
    if (tag != 0xa0 && tag != 0xa1)
        return Error::invalid(tr("byte %1: expected a SPNEGO NegTokenInit [0] or NegTokenResp [1]").arg(base));
    const bool init = tag == 0xa0;
    sink.kind() = init ? TokenKind::SpnegoInit : TokenKind::SpnegoResp;
    TokenField node = init
        ? field(tr("NegTokenInit"), {}, tr("the client's opening SPNEGO message"))
        : field(tr("NegTokenResp"), {}, tr("a SPNEGO reply (or a client's later round)"));
    auto result = [&]() -> Result<void> {
        auto choice = r.next();
        if (!choice)
            return choice.error();
        auto seq = r.unwrap(*choice, 16, init ? tr("the NegTokenInit SEQUENCE") : tr("the NegTokenResp SEQUENCE"));
        if (!seq)
            return seq.error();
        auto fields = r.child(*seq);
        if (!fields)
            return fields.error();
        return init ? negTokenInit(*fields, sink, node) : negTokenResp(*fields, sink, node);
    }();
    out << node;
    return result;
}

} // namespace ssod::core::probe::detail
