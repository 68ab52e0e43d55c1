// Kerberos messages as HTTP Negotiate carries them (RFC 4120 §5.5.1 AP-REQ, §5.5.2 AP-REP,
// §5.9.1 KRB-ERROR). Only the clear-text parts are shown: what is encrypted stays a length.
#include "core/probe/KerberosNames.h"
#include "core/probe/TokenDecoder_p.h"

#include <functional>

namespace ssod::core::probe::detail {

namespace {

/// eachTagged over the SEQUENCE inside \a seqHolder, with the reader the handler unwraps from.
using Handler = std::function<Result<void>(const DerReader &, const DerElement &, TokenField &)>;

Result<void> eachField(const DerReader &outer, const DerElement &seqHolder, const QString &what, TokenField &node,
    const Handler &handle)
{
    auto seq = outer.unwrap(seqHolder, 16, what);
    if (!seq)
        return seq.error();
    auto fields = outer.child(*seq);
    if (!fields)
        return fields.error();
    return eachTagged(*fields, node, [&](const DerElement &e) { return handle(*fields, e, node); });
}

Result<qint64> intField(const DerReader &r, const DerElement &tagged, const QString &what)
{
    auto e = r.unwrap(tagged, 2, what);
    if (!e)
        return e.error();
    return der::integer(*e);
}

Result<QString> stringField(const DerReader &r, const DerElement &tagged, const QString &what)
{
    auto e = r.unwrap(tagged, 27, what);
    if (!e)
        return e.error();
    return der::text(e->value);
}

Result<QString> timeField(const DerReader &r, const DerElement &tagged, const QString &what)
{
    auto e = r.unwrap(tagged, 24, what);
    if (!e)
        return e.error();
    return der::time(*e);
}

QString nameTypeName(qint64 type)
{
    switch (type) {
    case 0: return QStringLiteral("NT-UNKNOWN");
    case 1: return QStringLiteral("NT-PRINCIPAL");
    case 2: return QStringLiteral("NT-SRV-INST");
    case 3: return QStringLiteral("NT-SRV-HST");
    case 10: return QStringLiteral("NT-ENTERPRISE");
    default: return tr("name type %1").arg(type);
    }
}

/// PrincipalName ::= SEQUENCE { name-type [0] Int32, name-string [1] SEQUENCE OF KerberosString }
Result<QString> principal(const DerReader &r, const DerElement &tagged, TokenField &node)
{
    QStringList parts;
    auto result = eachField(r, tagged, tr("a PrincipalName"), node,
        [&](const DerReader &fr, const DerElement &e, TokenField &n) -> Result<void> {
            if (e.tagNumber == 0) {
                auto type = intField(fr, e, tr("the name type"));
                if (!type)
                    return type.error();
                n.children << field(tr("name-type"), nameTypeName(*type));
            } else if (e.tagNumber == 1) {
                auto seq = fr.unwrap(e, 16, tr("the name components"));
                if (!seq)
                    return seq.error();
                auto list = fr.child(*seq);
                if (!list)
                    return list.error();
                while (!list->atEnd()) {
                    auto s = list->expect(DerElement::Universal, 27, tr("a name component"));
                    if (!s)
                        return s.error();
                    if (parts.size() < 16)
                        parts << der::text(s->value);
                }
            }
            return {};
        });
    node.value = parts.join(QLatin1Char('/'));
    if (!result)
        return result.error();
    return node.value;
}

/// EncryptedData ::= SEQUENCE { etype [0] Int32, kvno [1] UInt32 OPTIONAL, cipher [2] OCTET STRING }
Result<qint64> encryptedData(const DerReader &r, const DerElement &tagged, TokenField &node, const QString &cipherNote)
{
    qint64 etype = -1;
    auto result = eachField(r, tagged, tr("EncryptedData"), node,
        [&](const DerReader &fr, const DerElement &e, TokenField &n) -> Result<void> {
            switch (e.tagNumber) {
            case 0: {
                auto v = intField(fr, e, tr("the encryption type"));
                if (!v)
                    return v.error();
                etype = *v;
                node.value = etypeName(*v);
                n.children << field(tr("etype"), QStringLiteral("%1 (%2)").arg(etypeName(*v)).arg(*v), etypeNote(*v));
                break;
            }
            case 1: {
                auto v = intField(fr, e, tr("the key version"));
                if (!v)
                    return v.error();
                n.children << field(tr("kvno"), QString::number(*v),
                    tr("the version of the service account's key; the service's keytab must hold it"));
                break;
            }
            case 2:
                n.children << field(tr("cipher"), tr("%1 bytes").arg(e.value.size()), cipherNote);
                break;
            default:
                break;
            }
            return {};
        });
    if (!result)
        return result.error();
    return etype;
}

QString apOptionsText(quint32 bits)
{
    QStringList set;
    if (bits & (1u << 1))
        set << QStringLiteral("use-session-key");
    if (bits & (1u << 2))
        set << QStringLiteral("mutual-required");
    return set.isEmpty() ? tr("none") : set.join(QStringLiteral(", "));
}

Result<void> ticket(const DerReader &r, const DerElement &tagged, Sink &sink, TokenField &node)
{
    auto inner = r.child(tagged);
    if (!inner)
        return inner.error();
    auto app = inner->expect(DerElement::Application, 1, tr("the Ticket"));
    if (!app)
        return app.error();
    return eachField(*inner, *app, tr("the Ticket SEQUENCE"), node,
        [&](const DerReader &fr, const DerElement &e, TokenField &n) -> Result<void> {
            switch (e.tagNumber) {
            case 0: {
                auto v = intField(fr, e, tr("tkt-vno"));
                if (!v)
                    return v.error();
                n.children << field(tr("tkt-vno"), QString::number(*v));
                return {};
            }
            case 1: {
                auto realm = stringField(fr, e, tr("the ticket's realm"));
                if (!realm)
                    return realm.error();
                sink.token.realm = *realm;
                n.children << field(tr("realm"), *realm, tr("the realm (domain) of the service"));
                return {};
            }
            case 2: {
                TokenField f = field(tr("sname"), {}, tr("the SPN the ticket is for"));
                auto spn = principal(fr, e, f);
                n.children << f;
                if (!spn)
                    return spn.error();
                sink.token.spn = *spn;
                return {};
            }
            case 3: {
                TokenField f = field(tr("enc-part"), {},
                    tr("encrypted with the service account's key; the service must hold the same key"));
                auto etype = encryptedData(fr, e, f, tr("the encrypted ticket (PAC, session key)"));
                n.children << f;
                if (!etype)
                    return etype.error();
                sink.token.ticketEtype = clampInt(*etype);
                return {};
            }
            default:
                return {};
            }
        });
}

Result<void> apReq(const DerReader &top, const DerElement &app, Sink &sink, TokenField &node)
{
    return eachField(top, app, tr("the AP-REQ SEQUENCE"), node,
        [&](const DerReader &fr, const DerElement &e, TokenField &n) -> Result<void> {
            switch (e.tagNumber) {
            case 0:
            case 1: {
                auto v = intField(fr, e, e.tagNumber == 0 ? tr("pvno") : tr("msg-type"));
                if (!v)
                    return v.error();
                n.children << field(e.tagNumber == 0 ? tr("pvno") : tr("msg-type"), QString::number(*v));
                return {};
            }
            case 2: {
                auto bitsEl = fr.unwrap(e, 3, tr("ap-options"));
                if (!bitsEl)
                    return bitsEl.error();
                auto bits = der::bits(*bitsEl);
                if (!bits)
                    return bits.error();
                sink.token.mutualRequired = *bits & (1u << 2);
                n.children << field(tr("ap-options"), apOptionsText(*bits),
                    sink.token.mutualRequired ? tr("mutual-required: the server must prove itself with an AP-REP")
                                              : QString());
                return {};
            }
            case 3: {
                TokenField f = field(tr("ticket"), {}, tr("the service ticket the KDC issued for this server"));
                auto r = ticket(fr, e, sink, f);
                if (!sink.token.spn.isEmpty())
                    f.value = sink.token.spn + QLatin1Char('@') + sink.token.realm;
                n.children << f;
                return r;
            }
            case 4: {
                TokenField f = field(tr("authenticator"), {}, tr("encrypted with the ticket's session key"));
                auto etype = encryptedData(fr, e, f, tr("the encrypted authenticator"));
                n.children << f;
                if (!etype)
                    return etype.error();
                sink.token.authenticatorEtype = clampInt(*etype);
                return {};
            }
            default:
                return {};
            }
        });
}

Result<void> apRep(const DerReader &top, const DerElement &app, Sink &sink, TokenField &node)
{
    return eachField(top, app, tr("the AP-REP SEQUENCE"), node,
        [&](const DerReader &fr, const DerElement &e, TokenField &n) -> Result<void> {
            if (e.tagNumber == 0 || e.tagNumber == 1) {
                auto v = intField(fr, e, e.tagNumber == 0 ? tr("pvno") : tr("msg-type"));
                if (!v)
                    return v.error();
                n.children << field(e.tagNumber == 0 ? tr("pvno") : tr("msg-type"), QString::number(*v));
            } else if (e.tagNumber == 2) {
                TokenField f = field(tr("enc-part"), {}, tr("encrypted with the session key: proves the server "
                                                            "could read the ticket"));
                auto etype = encryptedData(fr, e, f, tr("the encrypted reply"));
                n.children << f;
                if (!etype)
                    return etype.error();
                sink.token.authenticatorEtype = clampInt(*etype);
            }
            return {};
        });
}

Result<void> krbError(const DerReader &top, const DerElement &app, Sink &sink, TokenField &node)
{
    return eachField(top, app, tr("the KRB-ERROR SEQUENCE"), node,
        [&](const DerReader &fr, const DerElement &e, TokenField &n) -> Result<void> {
            switch (e.tagNumber) {
            case 0:
            case 1:
            case 3:
            case 5: {
                static const char *const labels[] = { "pvno", "msg-type", "", "cusec", "", "susec" };
                const QString label = QLatin1String(labels[e.tagNumber]);
                auto v = intField(fr, e, label);
                if (!v)
                    return v.error();
                n.children << field(label, QString::number(*v));
                return {};
            }
            case 2:
            case 4: {
                const bool server = e.tagNumber == 4;
                auto t = timeField(fr, e, server ? tr("stime") : tr("ctime"));
                if (!t)
                    return t.error();
                n.children << field(server ? tr("stime") : tr("ctime"), *t,
                    server ? tr("the server's clock; compare with the client's to rule out clock skew") : QString());
                return {};
            }
            case 6: {
                auto v = intField(fr, e, tr("error-code"));
                if (!v)
                    return v.error();
                sink.token.errorCode = clampInt(*v);
                n.children << field(tr("error-code"), QStringLiteral("%1 (%2)").arg(krbErrorName(*v)).arg(*v),
                    krbErrorNote(*v));
                return {};
            }
            case 7:
            case 9: {
                const bool server = e.tagNumber == 9;
                auto s = stringField(fr, e, server ? tr("realm") : tr("crealm"));
                if (!s)
                    return s.error();
                if (server)
                    sink.token.realm = *s;
                n.children << field(server ? tr("realm") : tr("crealm"), *s);
                return {};
            }
            case 8:
            case 10: {
                const bool server = e.tagNumber == 10;
                TokenField f = field(server ? tr("sname") : tr("cname"), {});
                auto name = principal(fr, e, f);
                n.children << f;
                if (!name)
                    return name.error();
                if (server)
                    sink.token.spn = *name;
                return {};
            }
            case 11: {
                auto s = stringField(fr, e, tr("e-text"));
                if (!s)
                    return s.error();
                n.children << field(tr("e-text"), *s, tr("the server's own words on the error"));
                return {};
            }
            case 12:
                n.children << field(tr("e-data"), tr("%1 bytes").arg(e.value.size()),
                    tr("extra error data (Windows: often an NTSTATUS)"));
                return {};
            default:
                return {};
            }
        });
}

} // namespace

Result<void> explainKerberos(QByteArrayView bytes, qsizetype base, Sink &sink, QList<TokenField> &out)
{
    DerReader top(bytes, base, sink.truncation);
    auto app = top.next();
    if (!app)
        return app.error();
    if (app->tagClass != DerElement::Application
        || (app->tagNumber != 14 && app->tagNumber != 15 && app->tagNumber != 30))
        return Error::invalid(tr("byte %1: expected a Kerberos AP-REQ, AP-REP or KRB-ERROR but found %2")
                                  .arg(app->offset)
                                  .arg(app->tagName()));
    Result<void> r;
    TokenField node;
    switch (app->tagNumber) {
    case 14:
        sink.kind() = TokenKind::KerberosApReq;
        node = field(QStringLiteral("AP-REQ"), {}, tr("the client's Kerberos authentication: a service ticket "
                                                      "and an authenticator"));
        r = apReq(top, *app, sink, node);
        break;
    case 15:
        sink.kind() = TokenKind::KerberosApRep;
        node = field(QStringLiteral("AP-REP"), {}, tr("the server's mutual-authentication reply"));
        r = apRep(top, *app, sink, node);
        break;
    default:
        sink.kind() = TokenKind::KerberosError;
        node = field(QStringLiteral("KRB-ERROR"), {}, tr("a Kerberos error instead of an authentication"));
        r = krbError(top, *app, sink, node);
        if (sink.token.errorCode >= 0)
            node.value = krbErrorName(sink.token.errorCode);
        break;
    }
    out << node;
    return r;
}

} // namespace ssod::core::probe::detail
