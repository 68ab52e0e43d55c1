// The token decoder on real tokens: SPNEGO and Kerberos from MIT GSSAPI against a throw-away MIT
// KDC (checked against klist's own view of the tickets and keytabs), NTLMSSP from Samba's
// ntlm_auth and the [MS-NLMP] §4.2 sample messages; then damaged, hostile and odd input.
#include "core/probe/TokenDecoder.h"

#include "GssExchange.h"
#include "MitKdc.h"
#include "NtlmSamples.h"
#include "tests/common/TestTools.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>
#include <memory>

using namespace ssod::core::probe;
using ssod::testtools::GssExchange;
using ssod::testtools::MitKdc;

namespace {

const QString kRealm = QStringLiteral("LAB.TEST");
// RFC 4120 §7.5.9 error codes are MIT com_err codes minus this base (FACTS §7.1).
constexpr qint64 kKrb5ErrorBase = -1765328384;

QByteArray tlv(quint8 tag, const QByteArray &content)
{
    QByteArray out(1, char(tag));
    const qsizetype n = content.size();
    if (n < 0x80) {
        out += char(n);
    } else {
        QByteArray len;
        for (qsizetype v = n; v > 0; v >>= 8)
            len.prepend(char(v & 0xff));
        out += char(0x80 | len.size());
        out += len;
    }
    return out + content;
}

/// Every label, value and note of the tree, for "never shows X" checks.
QString allText(const QList<TokenField> &fields)
{
    QString s;
    for (const TokenField &f : fields)
        s += f.label + QLatin1Char('|') + f.value + QLatin1Char('|') + f.note + QLatin1Char('\n') + allText(f.children);
    return s;
}

/// klist -e: the (session key, ticket) etype names of the ticket for \a spn.
QPair<QString, QString> klistEtypes(const MitKdc &kdc, const QString &spn)
{
    const QStringList lines = kdc.run(QStringLiteral("klist"), { QStringLiteral("-e") }).split(QLatin1Char('\n'));
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        if (!lines[i].contains(spn + QLatin1Char('@')))
            continue;
        for (qsizetype j = i + 1; j < lines.size() && j < i + 4; ++j) {
            static const QRegularExpression re(QStringLiteral("Etype \\(skey, tkt\\): (\\S+), (\\S+)"));
            if (const auto m = re.match(lines[j]); m.hasMatch())
                return { m.captured(1), m.captured(2) };
        }
    }
    return {};
}

/// klist -k: the kvno of \a principal's newest key in \a keytab.
int keytabKvno(const MitKdc &kdc, const QString &keytab, const QString &principal)
{
    int kvno = -1;
    for (const QString &line : kdc.run(QStringLiteral("klist"), { QStringLiteral("-k"), keytab }).split(QLatin1Char('\n'))) {
        const QStringList w = line.simplified().split(QLatin1Char(' '));
        if (w.size() == 2 && w[1] == principal)
            kvno = qMax(kvno, w[0].toInt());
    }
    return kvno;
}

int etypeNumber(const QString &name)
{
    return name == QLatin1String("aes256-cts-hmac-sha1-96") ? 18 : name == QLatin1String("aes128-cts-hmac-sha1-96") ? 17 : -1;
}

/// ntlm_auth (Samba) as an NTLM client: its answers to \a requests ("YR", "TT <b64>"), base64 only.
QStringList ntlmAuth(const QString &protocol, const QStringList &requests)
{
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("ntlm_auth"));
    if (tool.isEmpty())
        return {};
    const auto run = ssod::testtools::runTool(tool,
        { QStringLiteral("--helper-protocol=") + protocol, QStringLiteral("--username=alice"),
            QStringLiteral("--domain=LAB"), QStringLiteral("--workstation=WS01"), QStringLiteral("--password=secret") },
        (requests.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8());
    QStringList out;
    for (const QString &line : run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        out << line.section(QLatin1Char(' '), 1, 1);
    return out;
}

} // namespace

class TestTokenDecoder : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<MitKdc> m_kdc;
    QString m_kdcProblem;
    QByteArray m_spnegoInit; ///< SPNEGO NegTokenInit with an AP-REQ for HTTP/web.lab.test
    QByteArray m_spnegoResp; ///< the acceptor's NegTokenResp with the AP-REP
    QByteArray m_rawApReq; ///< Kerberos GSS token (no SPNEGO) for HTTP/web.lab.test

    void needKdc()
    {
        if (!m_kdcProblem.isEmpty())
            QSKIP(qPrintable(m_kdcProblem));
    }
    QString keytab() const { return m_kdc->path(QStringLiteral("http.keytab")); }

    /// Writes the token to $SSOD_DUMP_TOKENS/NAME when set: how the committed fuzz seeds and CLI
    /// test tokens were made.
    static void dump(const QString &name, const QByteArray &token)
    {
        const QString dir = qEnvironmentVariable("SSOD_DUMP_TOKENS");
        if (dir.isEmpty())
            return;
        QFile f(QDir(dir).filePath(name));
        if (f.open(QIODevice::WriteOnly))
            f.write(token);
    }

private slots:
    void initTestCase()
    {
        m_kdc = std::make_unique<MitKdc>(kRealm);
        m_kdcProblem = m_kdc->start();
        if (!m_kdcProblem.isEmpty())
            return;
        for (const QString &error : {
                 m_kdc->addPrincipal(QStringLiteral("HTTP/web.lab.test"), keytab()),
                 // A service with AES-128 keys only: the KDC must encrypt its tickets with etype 17.
                 m_kdc->addPrincipal(QStringLiteral("HTTP/old.lab.test"), m_kdc->path(QStringLiteral("old.keytab")),
                     QStringLiteral("aes128-cts-hmac-sha1-96:normal")),
                 m_kdc->addPrincipal(QStringLiteral("alice"), m_kdc->path(QStringLiteral("alice.keytab"))),
                 m_kdc->kinit(QStringLiteral("alice@LAB.TEST"), m_kdc->path(QStringLiteral("alice.keytab"))) }) {
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }
        GssExchange client;
        m_spnegoInit = client.initiate(QStringLiteral("HTTP@web.lab.test"), GssExchange::Mech::Spnego);
        QVERIFY2(!m_spnegoInit.isEmpty(), qPrintable(client.error()));
        m_spnegoResp = GssExchange().accept(m_spnegoInit, keytab());
        QVERIFY(!m_spnegoResp.isEmpty());
        GssExchange raw;
        m_rawApReq = raw.initiate(QStringLiteral("HTTP@web.lab.test"), GssExchange::Mech::Kerberos);
        QVERIFY2(!m_rawApReq.isEmpty(), qPrintable(raw.error()));
        dump(QStringLiteral("spnego-init-ap-req.bin"), m_spnegoInit);
        dump(QStringLiteral("spnego-resp-ap-rep.bin"), m_spnegoResp);
        dump(QStringLiteral("gss-krb5-ap-req.bin"), m_rawApReq);
    }

    void spnegoInitWithApReq()
    {
        needKdc();
        auto t = decodeToken(QStringLiteral("Authorization: Negotiate ") + QString::fromLatin1(m_spnegoInit.toBase64()));
        QVERIFY2(t.ok(), qPrintable(t.ok() ? QString() : t.error().message));
        QCOMPARE(t->header, QStringLiteral("Authorization"));
        QCOMPARE(t->scheme, QStringLiteral("Negotiate"));
        QCOMPARE(t->kind, TokenKind::SpnegoInit);
        QCOMPARE(t->innerKind, TokenKind::GssKerberosApReq);
        QCOMPARE(t->bytes, m_spnegoInit.size());
        QVERIFY2(t->problem.isEmpty(), qPrintable(t->problem));
        QCOMPARE(t->mechanisms.value(0), QStringLiteral("Kerberos"));
        QCOMPARE(t->realm, kRealm);
        QCOMPARE(t->spn, QStringLiteral("HTTP/web.lab.test"));
        QVERIFY(t->mutualRequired); // GssExchange asks for GSS_C_MUTUAL_FLAG
        const auto [skey, tkt] = klistEtypes(*m_kdc, QStringLiteral("HTTP/web.lab.test"));
        QVERIFY2(etypeNumber(tkt) > 0, qPrintable(m_kdc->run(QStringLiteral("klist"), { QStringLiteral("-e") })));
        QCOMPARE(t->ticketEtype, etypeNumber(tkt));
        QCOMPARE(t->authenticatorEtype, etypeNumber(skey));
        const TokenField *kvno = findField(t->fields, QStringLiteral("kvno"));
        QVERIFY(kvno);
        QCOMPARE(kvno->value.toInt(), keytabKvno(*m_kdc, keytab(), QStringLiteral("HTTP/web.lab.test@LAB.TEST")));
        QVERIFY2(t->verdict.startsWith(QStringLiteral("Kerberos (AP-REQ for HTTP/web.lab.test@LAB.TEST, %1)")
                                           .arg(tkt.section(QLatin1Char('-'), 0, 0))),
            qPrintable(t->verdict));
        QVERIFY(findField(t->fields, QStringLiteral("mechToken")));
    }

    void ticketEtypeFollowsServiceKeys()
    {
        needKdc();
        GssExchange client;
        const QByteArray token = client.initiate(QStringLiteral("HTTP@old.lab.test"), GssExchange::Mech::Spnego);
        QVERIFY2(!token.isEmpty(), qPrintable(client.error()));
        auto t = decodeTokenBytes(token, QStringLiteral("Negotiate"));
        QVERIFY(t.ok());
        const auto [skey, tkt] = klistEtypes(*m_kdc, QStringLiteral("HTTP/old.lab.test"));
        QCOMPARE(tkt, QStringLiteral("aes128-cts-hmac-sha1-96"));
        QCOMPARE(t->ticketEtype, 17);
        QCOMPARE(t->spn, QStringLiteral("HTTP/old.lab.test"));
        QVERIFY2(t->verdict.contains(QStringLiteral("aes128")), qPrintable(t->verdict));
    }

    void spnegoRespWithApRep()
    {
        needKdc();
        auto t = decodeToken(QStringLiteral("WWW-Authenticate: Negotiate ") + QString::fromLatin1(m_spnegoResp.toBase64()));
        QVERIFY(t.ok());
        QCOMPARE(t->kind, TokenKind::SpnegoResp);
        QCOMPARE(t->negState, 0); // accept-completed
        QCOMPARE(t->innerKind, TokenKind::GssKerberosApRep);
        QVERIFY2(t->problem.isEmpty(), qPrintable(t->problem));
        QVERIFY(t->mechanisms.contains(QStringLiteral("Kerberos")));
        QVERIFY2(t->verdict.startsWith(QStringLiteral("Kerberos mutual-authentication reply (AP-REP)")), qPrintable(t->verdict));
        const auto [skey, tkt] = klistEtypes(*m_kdc, QStringLiteral("HTTP/web.lab.test"));
        QCOMPARE(t->authenticatorEtype, etypeNumber(skey));
    }

    void rawKerberosAndBareApReq()
    {
        needKdc();
        auto t = decodeTokenBytes(m_rawApReq, QStringLiteral("Negotiate"));
        QVERIFY(t.ok());
        QCOMPARE(t->kind, TokenKind::GssKerberosApReq);
        QCOMPARE(t->spn, QStringLiteral("HTTP/web.lab.test"));
        QVERIFY2(t->verdict.contains(QStringLiteral("without SPNEGO")), qPrintable(t->verdict));
        // The bare AP-REQ follows the Kerberos OID (FACTS §8.2 bytes) and TOK_ID 01 00.
        const QByteArray oidAndTokId = QByteArray::fromHex("06092a864886f712010202" "0100");
        const qsizetype at = m_rawApReq.indexOf(oidAndTokId);
        QVERIFY(at > 0);
        auto bare = decodeTokenBytes(m_rawApReq.mid(at + oidAndTokId.size()));
        QVERIFY(bare.ok());
        QCOMPARE(bare->kind, TokenKind::KerberosApReq);
        QCOMPARE(bare->realm, kRealm);
        QCOMPARE(bare->spn, QStringLiteral("HTTP/web.lab.test"));
        QCOMPARE(bare->ticketEtype, t->ticketEtype);
    }

    void krbErrorFromStaleKeytab()
    {
        needKdc();
        GssExchange client;
        const QByteArray token = client.initiate(QStringLiteral("HTTP@web.lab.test"), GssExchange::Mech::Kerberos);
        QVERIFY(!token.isEmpty());
        // A new key for the service after the ticket was issued: the acceptor's keytab no longer
        // opens it, and with mutual authentication requested it answers with a KRB-ERROR token.
        const QString stale = m_kdc->path(QStringLiteral("stale.keytab"));
        QString error;
        m_kdc->run(QStringLiteral("kadmin.local"), { QStringLiteral("-r"), kRealm, QStringLiteral("-q"),
                                                      QStringLiteral("ktadd -k %1 HTTP/web.lab.test").arg(stale) },
            &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        GssExchange server;
        const QByteArray reply = server.accept(token, stale);
        QVERIFY(!server.acceptComplete());
        QVERIFY2(!reply.isEmpty(), qPrintable(server.error()));
        dump(QStringLiteral("gss-krb5-error.bin"), reply);
        auto t = decodeTokenBytes(reply, QStringLiteral("Negotiate"));
        QVERIFY(t.ok());
        QCOMPARE(t->kind, TokenKind::GssKerberosError);
        QVERIFY2(t->problem.isEmpty(), qPrintable(t->problem));
        QCOMPARE(qint64(t->errorCode), qint64(qint32(server.minorStatus())) - kKrb5ErrorBase);
        QCOMPARE(t->realm, kRealm);
        QVERIFY(findField(t->fields, QStringLiteral("stime")));
        QVERIFY2(t->verdict.startsWith(QStringLiteral("Kerberos error KRB_AP_ERR_")), qPrintable(t->verdict));
    }

    void inputForms()
    {
        needKdc();
        const QByteArray b64 = m_spnegoInit.toBase64();
        QString wrapped;
        for (qsizetype i = 0; i < b64.size(); i += 76)
            wrapped += QString::fromLatin1(b64.mid(i, 76)) + QStringLiteral("\r\n  ");
        const QString urlSafe = QString::fromLatin1(
            m_spnegoInit.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        const QStringList forms {
            QStringLiteral("Proxy-Authorization: Negotiate ") + QString::fromLatin1(b64),
            QStringLiteral("negotiate ") + QString::fromLatin1(b64),
            QString::fromLatin1(b64),
            wrapped,
            urlSafe,
            QString::fromLatin1(m_spnegoInit.toHex()),
            QString::fromLatin1(m_spnegoInit.toHex(':')),
        };
        for (const QString &form : forms) {
            auto t = decodeToken(form);
            QVERIFY2(t.ok(), qPrintable(form.left(40) + QStringLiteral(": ") + (t.ok() ? QString() : t.error().message)));
            QCOMPARE(t->bytes, m_spnegoInit.size());
            QCOMPARE(t->innerKind, TokenKind::GssKerberosApReq);
            QCOMPARE(t->spn, QStringLiteral("HTTP/web.lab.test"));
        }
        QCOMPARE(decodeToken(forms[0])->header, QStringLiteral("Proxy-Authorization"));
        QCOMPARE(decodeToken(forms[1])->scheme, QStringLiteral("Negotiate"));
        QVERIFY(decodeToken(forms[2])->scheme.isEmpty());
    }

    void ntlmNegotiateFromSamba()
    {
        const QStringList answers = ntlmAuth(QStringLiteral("ntlmssp-client-1"), { QStringLiteral("YR") });
        if (answers.isEmpty())
            QSKIP("ntlm_auth (Samba's winbind package) is not installed");
        const QString b64 = answers.first();
        QVERIFY(b64.startsWith(QStringLiteral("TlRMTVNTUAAB"))); // FACTS §8.2
        const QByteArray raw = QByteArray::fromBase64(b64.toLatin1());
        const quint32 flags = quint8(raw[12]) | quint8(raw[13]) << 8 | quint8(raw[14]) << 16 | quint32(quint8(raw[15])) << 24;
        auto plain = decodeToken(QStringLiteral("NTLM ") + b64);
        QVERIFY(plain.ok());
        QCOMPARE(plain->kind, TokenKind::NtlmNegotiate);
        QCOMPARE(plain->ntlmFlags, flags);
        QVERIFY(findField(plain->fields, QStringLiteral("set"))->value.contains(QStringLiteral("NEGOTIATE_NTLM")));
        QVERIFY2(plain->verdict.startsWith(QStringLiteral("NTLM: ")), qPrintable(plain->verdict));
        auto underNegotiate = decodeToken(QStringLiteral("Authorization: Negotiate ") + b64);
        QVERIFY(underNegotiate.ok());
        QVERIFY2(underNegotiate->verdict.startsWith(QStringLiteral("NTLM fallback: ")), qPrintable(underNegotiate->verdict));
        QVERIFY(!underNegotiate->explanation.isEmpty());
    }

    void ntlmInsideSpnegoFromSamba()
    {
        const QStringList answers = ntlmAuth(QStringLiteral("gss-spnego-client"), { QStringLiteral("YR") });
        if (answers.isEmpty())
            QSKIP("ntlm_auth (Samba's winbind package) is not installed");
        dump(QStringLiteral("spnego-init-ntlm.bin"), QByteArray::fromBase64(answers.first().toLatin1()));
        auto t = decodeToken(QStringLiteral("Negotiate ") + answers.first());
        QVERIFY(t.ok());
        QCOMPARE(t->kind, TokenKind::SpnegoInit);
        QCOMPARE(t->innerKind, TokenKind::NtlmNegotiate);
        QCOMPARE(t->mechanisms, QStringList { QStringLiteral("NTLMSSP") });
        QVERIFY2(t->verdict.startsWith(QStringLiteral("NTLM fallback: NTLMSSP NEGOTIATE inside SPNEGO")), qPrintable(t->verdict));
        QVERIFY(t->explanation.contains(QStringLiteral("SPN")));
    }

    void ntlmChallengeSample()
    {
        const QByteArray msg = ssod::testtools::nlmp::challengeV2();
        QVERIFY(msg.toBase64().startsWith("TlRMTVNTUAAC")); // FACTS §8.2: type 2
        dump(QStringLiteral("ntlm-challenge-msnlmp.bin"), msg);
        auto t = decodeTokenBytes(msg, QStringLiteral("NTLM"));
        QVERIFY(t.ok());
        QCOMPARE(t->kind, TokenKind::NtlmChallenge);
        QVERIFY2(t->problem.isEmpty(), qPrintable(t->problem));
        QCOMPARE(t->ntlmFlags, 0xe28a8233u);
        QCOMPARE(t->ntlmDomain, QStringLiteral("Server"));
        QCOMPARE(findField(t->fields, QStringLiteral("MsvAvNbDomainName"))->value, QStringLiteral("Domain"));
        QCOMPARE(findField(t->fields, QStringLiteral("MsvAvNbComputerName"))->value, QStringLiteral("Server"));
        QCOMPARE(findField(t->fields, QStringLiteral("version"))->value, QStringLiteral("6.0 build 6000, NTLM revision 15"));
        const QString flags = findField(t->fields, QStringLiteral("set"))->value;
        // 0xe28a8233 bit by bit ([MS-NLMP] §2.2.2.5).
        for (const char *name : { "NEGOTIATE_UNICODE", "NEGOTIATE_OEM", "NEGOTIATE_SIGN",
                 "NEGOTIATE_SEAL", "NEGOTIATE_NTLM", "NEGOTIATE_ALWAYS_SIGN", "TARGET_TYPE_SERVER",
                 "NEGOTIATE_EXTENDED_SESSIONSECURITY", "NEGOTIATE_TARGET_INFO", "NEGOTIATE_VERSION", "NEGOTIATE_128",
                 "NEGOTIATE_KEY_EXCH", "NEGOTIATE_56" })
            QVERIFY2(flags.contains(QLatin1String(name)), name);
        for (const char *name : { "REQUEST_TARGET", "NEGOTIATE_LM_KEY", "TARGET_TYPE_DOMAIN", "NEGOTIATE_IDENTIFY" })
            QVERIFY2(!flags.contains(QLatin1String(name)), name);
    }

    void ntlmAuthenticateSamples()
    {
        auto v2 = decodeTokenBytes(ssod::testtools::nlmp::authenticateV2(), QStringLiteral("NTLM"));
        QVERIFY(v2.ok());
        QCOMPARE(v2->kind, TokenKind::NtlmAuthenticate);
        QVERIFY2(v2->problem.isEmpty(), qPrintable(v2->problem));
        QCOMPARE(v2->ntlmFlags, 0xe2888235u);
        QCOMPARE(v2->ntlmDomain, QStringLiteral("Domain"));
        QCOMPARE(v2->ntlmUser, QStringLiteral("User"));
        QCOMPARE(v2->ntlmWorkstation, QStringLiteral("COMPUTER"));
        QVERIFY(v2->ntlmV2);
        QCOMPARE(findField(v2->fields, QStringLiteral("NT response"))->value, QStringLiteral("84 bytes"));
        QVERIFY2(v2->verdict.contains(QStringLiteral("Domain\\User from COMPUTER (NTLMv2)")), qPrintable(v2->verdict));
        // Responses and keys are never shown, in any spelling.
        const QString all = allText(v2->fields).toLower().remove(QLatin1Char(' '));
        for (const char *secret : { "68cd0ab8", "86c35097", "c5dad254" })
            QVERIFY2(!all.contains(QLatin1String(secret)), secret);
        auto v1 = decodeTokenBytes(ssod::testtools::nlmp::authenticateV1(), QStringLiteral("NTLM"));
        QVERIFY(v1.ok());
        QVERIFY(!v1->ntlmV2);
        QCOMPARE(findField(v1->fields, QStringLiteral("NTLM version"))->value, QStringLiteral("NTLMv1"));
    }

    void ntlmAuthenticateFromSamba()
    {
        const QString challenge = QString::fromLatin1(ssod::testtools::nlmp::challengeV2().toBase64());
        const QStringList answers = ntlmAuth(QStringLiteral("ntlmssp-client-1"),
            { QStringLiteral("YR"), QStringLiteral("TT ") + challenge });
        if (answers.size() < 2)
            QSKIP("ntlm_auth (Samba's winbind package) is not installed or gave no AUTHENTICATE");
        dump(QStringLiteral("ntlm-authenticate-samba.bin"), QByteArray::fromBase64(answers[1].toLatin1()));
        auto t = decodeToken(QStringLiteral("Authorization: NTLM ") + answers[1]);
        QVERIFY(t.ok());
        QCOMPARE(t->kind, TokenKind::NtlmAuthenticate);
        QVERIFY2(t->problem.isEmpty(), qPrintable(t->problem));
        QCOMPARE(t->ntlmUser, QStringLiteral("alice"));
        QCOMPARE(t->ntlmDomain, QStringLiteral("LAB"));
        QCOMPARE(t->ntlmWorkstation, QStringLiteral("WS01"));
        QVERIFY(t->ntlmV2);
        // Its NTLMv2 blob repeats the server's AV pairs: the decoder finds them inside.
        QVERIFY(findField(t->fields, QStringLiteral("client AV pairs")));
    }

    void truncatedAtEveryByte()
    {
        QList<QByteArray> tokens { ssod::testtools::nlmp::challengeV2(), ssod::testtools::nlmp::authenticateV2() };
        if (m_kdcProblem.isEmpty())
            tokens << m_spnegoInit << m_spnegoResp << m_rawApReq;
        for (const QByteArray &token : tokens) {
            const bool der = !token.startsWith("NTLMSSP");
            for (qsizetype n = 1; n < token.size(); ++n) {
                auto t = decodeTokenBytes(token.first(n));
                if (!t.ok())
                    continue; // an Error is a fine answer too
                if (!der && n < 8) {
                    // Not even the whole "NTLMSSP\0" signature: nothing to recognize.
                    QCOMPARE(t->kind, TokenKind::Unknown);
                } else if (der || n < 12) {
                    // DER lengths cover the whole token, so every cut is seen.
                    QVERIFY2(t->problem.contains(QStringLiteral("truncated at byte")),
                        qPrintable(QStringLiteral("cut at %1 of %2: %3").arg(n).arg(token.size()).arg(t->problem)));
                    QVERIFY(t->verdict.contains(QStringLiteral("incomplete")));
                }
            }
        }
    }

    void lengthBeyondEnd()
    {
        // 0x60 0x82 <len>: a length 1000 bytes beyond the token.
        QByteArray token = tlv(0x60, tlv(0x06, QByteArray::fromHex("2b0601050502")) + QByteArray(20, '\0'));
        token[1] = char(0x82);
        token.insert(2, QByteArray::fromHex("03e8"));
        auto t = decodeTokenBytes(token);
        QVERIFY(t.ok());
        QVERIFY2(t->problem.contains(QStringLiteral("says it is 1000 bytes long")), qPrintable(t->problem));
    }

    void garbageAndEmpty()
    {
        for (const QString &input : { QString(), QStringLiteral("   \n\t ") }) {
            auto t = decodeToken(input);
            QVERIFY(!t.ok());
            QVERIFY(t.error().message.contains(QStringLiteral("nothing to decode")));
        }
        auto notB64 = decodeToken(QStringLiteral("Negotiate YII%%%"));
        QVERIFY(!notB64.ok());
        QVERIFY2(notB64.error().message.contains(QStringLiteral("position 4")), qPrintable(notB64.error().message));
        auto basic = decodeToken(QStringLiteral("Authorization: Basic dXNlcjpwdw=="));
        QVERIFY(!basic.ok());
        QVERIFY(basic.error().message.contains(QStringLiteral("Basic")));
        QVERIFY(!decodeToken(QStringLiteral("Cookie: Negotiate YIIB")).ok());
        QVERIFY(!decodeToken(QStringLiteral("YIIBA")).ok()); // 5 characters: not whole base64
        auto unknown = decodeToken(QString::fromLatin1(QByteArray("\x30\x03\x02\x01\x05", 5).toBase64()));
        QVERIFY(unknown.ok());
        QCOMPARE(unknown->kind, TokenKind::Unknown);
        QVERIFY(unknown->verdict.startsWith(QStringLiteral("Not a Negotiate")));
        auto challenge = decodeToken(QStringLiteral("WWW-Authenticate: Negotiate"));
        QVERIFY(challenge.ok());
        QCOMPARE(challenge->kind, TokenKind::None);
        QVERIFY(challenge->verdict.contains(QStringLiteral("asks for Negotiate")));
        // Control characters in names never reach the output raw.
        const QByteArray evil = tlv(0x7e, tlv(0x30, tlv(0xa9, tlv(0x1b, QByteArray("EVIL\x1b[2J", 8)))));
        auto escaped = decodeTokenBytes(evil);
        QVERIFY(escaped.ok());
        QVERIFY(!escaped->realm.contains(QChar(0x1b)));
    }

    void hugeInput()
    {
        auto text = decodeToken(QString(kMaxTokenText + 1, QLatin1Char('A')));
        QVERIFY(!text.ok());
        QVERIFY2(text.error().message.contains(QStringLiteral("characters")), qPrintable(text.error().message));
        auto bytes = decodeTokenBytes(QByteArray(kMaxTokenBytes + 1, '\x60'));
        QVERIFY(!bytes.ok());
        QVERIFY(bytes.error().message.contains(QStringLiteral("no genuine token")));
    }

    void deepNesting()
    {
        // SPNEGO whose mechToken is SPNEGO again, 200 times: one level is read, then a clear stop.
        QByteArray token = tlv(0x60, tlv(0x06, QByteArray::fromHex("2b0601050502")));
        for (int i = 0; i < 200; ++i)
            token = tlv(0x60,
                tlv(0x06, QByteArray::fromHex("2b0601050502")) + tlv(0xa0, tlv(0x30, tlv(0xa2, tlv(0x04, token)))));
        QElapsedTimer timer;
        timer.start();
        auto t = decodeTokenBytes(token);
        QVERIFY(t.ok());
        QVERIFY2(t->problem.contains(QStringLiteral("nested")), qPrintable(t->problem));
        // [0] inside [0] inside … 10000 deep: the schema stops at the first level that is wrong.
        QByteArray deep;
        for (int i = 0; i < 10000; ++i)
            deep = tlv(0xa0, deep);
        for (const QByteArray &nested : { deep, tlv(0x60, deep), tlv(0x6e, deep) }) {
            auto d = decodeTokenBytes(nested);
            QVERIFY(d.ok());
            QVERIFY2(d->problem.contains(QStringLiteral("expected")), qPrintable(d->problem));
        }
        QVERIFY(timer.elapsed() < 5000);
    }

    void mechanismNames()
    {
        // mechTypes with each OID of FACTS §8.2 (DER bytes from there) and one unknown OID.
        QByteArray oids;
        for (const char *hex : { "2a864882f712010202", "2a864886f712010202", "2b0601040182370202 0a",
                 "2b0601040182370202 1e", "2a864886f71201020203", "2a0304" })
            oids += tlv(0x06, QByteArray::fromHex(QByteArray(hex).replace(' ', "")));
        const QByteArray token = tlv(0x60, tlv(0x06, QByteArray::fromHex("2b0601050502")) + tlv(0xa0, tlv(0x30, tlv(0xa0, tlv(0x30, oids)))));
        auto t = decodeTokenBytes(token, QStringLiteral("Negotiate"));
        QVERIFY(t.ok());
        QVERIFY2(t->problem.isEmpty(), qPrintable(t->problem));
        QCOMPARE(t->mechanisms,
            (QStringList { QStringLiteral("MS legacy Kerberos"), QStringLiteral("Kerberos"), QStringLiteral("NTLMSSP"),
                QStringLiteral("NegoEx"), QStringLiteral("Kerberos user-to-user"), QStringLiteral("1.2.3.4") }));
        QVERIFY(t->verdict.startsWith(QStringLiteral("SPNEGO offer without a token")));
    }
};

QTEST_GUILESS_MAIN(TestTokenDecoder)
#include "tst_tokendecoder.moc"
