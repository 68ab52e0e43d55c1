// WWW-Authenticate parsing and the minimal Negotiate token classification of the HTTP probe,
// including what a hostile server sends.
#include "core/probe/HttpAuthHeader.h"

#include <QTest>

using namespace ssod::core::probe;
using namespace Qt::StringLiterals;

class TestHttpAuthHeader : public QObject {
    Q_OBJECT
private slots:
    void separateHeaders()
    {
        const auto c = parseAuthenticate({ "Negotiate", "NTLM", "Basic realm=\"intranet\"" });
        QCOMPARE(challengeSchemes(c), (QStringList { u"Negotiate"_s, u"NTLM"_s, u"Basic"_s }));
        QVERIFY(c.at(2).token.isEmpty()); // an auth-param is no token
    }
    void joinedByQt()
    {
        // Qt joins repeated headers with ", " or "\n"; quoted commas stay inside their challenge.
        const auto c = parseAuthenticate({ "Basic realm=\"a, b\", charset=\"UTF-8\", Negotiate\nNTLM" });
        QCOMPARE(challengeSchemes(c), (QStringList { u"Basic"_s, u"Negotiate"_s, u"NTLM"_s }));
    }
    void tokenKept()
    {
        const auto c = parseAuthenticate({ "Negotiate oYG3MIG0oAMKAQA=" });
        QCOMPARE(c.size(), 1);
        QCOMPARE(c.first().token, QByteArray("oYG3MIG0oAMKAQA="));
        QVERIFY(findChallenge(c, u"negotiate"_s));
        QVERIFY(!findChallenge(c, u"Kerberos"_s));
    }
    void repeatsOnce()
    {
        QCOMPARE(challengeSchemes(parseAuthenticate({ "Negotiate", "negotiate", "NTLM" })).size(), 2);
    }
    void garbage()
    {
        QVERIFY(parseAuthenticate({ "", ",,,", "=\"x\"", "\"unterminated, Negotiate" }).isEmpty());
        const auto c = parseAuthenticate({ QByteArray("\x01\x02 Negotiate\xff", 12), "Ne<go>tiate" });
        QVERIFY(c.isEmpty());
    }
    void oversizedIsBounded()
    {
        QByteArray huge;
        for (int i = 0; i < 20000; ++i)
            huge += "X" + QByteArray::number(i) + ", ";
        const auto c = parseAuthenticate({ huge });
        QVERIFY(c.size() <= 32);
        QVERIFY(!c.isEmpty());
    }

    void classify_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QString>("kind");
        const QByteArray spnegoKrb = QByteArray::fromHex("60 28 06 06 2b 06 01 05 05 02 a0 1e 30 1c a0 1a 30 18"
                                                         "06 09 2a 86 48 82 f7 12 01 02 02 06 09 2a 86 48 86 f7 12 01 02 02"
                                                         "a2 02 04 00");
        const QByteArray spnegoNtlm = QByteArray::fromHex("60 2a 06 06 2b 06 01 05 05 02 a0 20 30 1e a0 1c 30 1a"
                                                          "06 0a 2b 06 01 04 01 82 37 02 02 0a 06 09 2a 86 48 86 f7 12 01 02 02");
        QTest::newRow("empty") << QByteArray() << u"empty"_s;
        QTest::newRow("ntlm type 1") << QByteArray::fromBase64("TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAA=") << u"ntlm"_s;
        QTest::newRow("spnego krb5") << spnegoKrb << u"spnego-init-kerberos"_s;
        QTest::newRow("spnego ntlm first") << spnegoNtlm << u"spnego-init-ntlm"_s;
        QTest::newRow("long form length") << QByteArray::fromHex("60 82 00 20") + spnegoKrb.mid(2) << u"spnego-init-kerberos"_s;
        QTest::newRow("raw krb5") << QByteArray::fromHex("60 10 06 09 2a 86 48 86 f7 12 01 02 02 01 00 6e") << u"kerberos"_s;
        QTest::newRow("negtokenresp (Apache)")
            << QByteArray::fromBase64("oYG3MIG0oAMKAQChCwYJKoZIhvcSAQICooGfBIGcYIGZBgkqhkiG9xIBAgICAG+BiTCBhqADAgEFoQMCAQ+i")
            << u"spnego-response"_s;
        QTest::newRow("negtokenresp ntlm") << QByteArray("\xa1\x10\x30\x0e", 4) + QByteArray("NTLMSSP\0\x02\0\0\0", 12)
                                           << u"spnego-response-ntlm"_s;
        QTest::newRow("truncated") << QByteArray("\x60", 1) << u"unknown"_s;
        QTest::newRow("bad length octets") << QByteArray::fromHex("60 88 01 02") << u"unknown"_s;
        QTest::newRow("spnego no mech") << QByteArray::fromHex("60 08 06 06 2b 06 01 05 05 02") << u"spnego-init-other"_s;
        QTest::newRow("garbage") << QByteArray("<html>hello</html>") << u"unknown"_s;
    }
    void classify()
    {
        QFETCH(QByteArray, token);
        QFETCH(QString, kind);
        QCOMPARE(negotiateTokenKindName(classifyNegotiateToken(token)), kind);
    }
    void ntlmKinds()
    {
        QVERIFY(isNtlmToken(NegotiateTokenKind::Ntlm));
        QVERIFY(isNtlmToken(NegotiateTokenKind::SpnegoInitNtlm));
        QVERIFY(!isNtlmToken(NegotiateTokenKind::SpnegoInitKerberos));
        QVERIFY(!isNtlmToken(NegotiateTokenKind::SpnegoResponse));
    }
};

QTEST_GUILESS_MAIN(TestHttpAuthHeader)
#include "tst_http_auth_header.moc"
