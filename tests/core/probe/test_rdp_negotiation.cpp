// X.224 Connection Request encoding and strict Connection Confirm decoding (FACTS.md §4.4
// vectors), and hostile replies: short, wrong lengths, garbage, oversized.
#include "core/probe/RdpNegotiation.h"

#include <QRandomGenerator>
#include <QTest>

using namespace ssod::core::probe::rdpneg;

namespace {

QByteArray hex(const char *h)
{
    return QByteArray::fromHex(QByteArray(h).replace(' ', ""));
}

} // namespace

class TestRdpNegotiation : public QObject {
    Q_OBJECT
private slots:
    void requestMinimalVector()
    {
        QCOMPARE(connectionRequest(ProtocolSsl | ProtocolHybrid), hex("03 00 00 13 0E E0 00 00 00 00 00 01 00 08 00 03 00 00 00"));
    }
    void requestCookieVector()
    {
        const QByteArray expected = hex("03 00 00 2b 26 e0 00 00 00 00 00") + QByteArrayLiteral("Cookie: mstshash=hello")
            + hex("0d 0a 01 00 08 00 03 00 00 00");
        QCOMPARE(connectionRequest(ProtocolSsl | ProtocolHybrid, "hello"), expected);
    }
    void requestOffers()
    {
        // The three offers of the probe: LI = length - 5, requestedProtocols LE at the end.
        const QByteArray all = connectionRequest(ProtocolSsl | ProtocolHybrid | ProtocolHybridEx);
        QCOMPARE(all.right(4), hex("0b 00 00 00"));
        QCOMPARE(connectionRequest(ProtocolRdp).right(4), hex("00 00 00 00"));
        QCOMPARE(quint8(all.at(4)), quint8(all.size() - 5));
    }
    void confirmSelected()
    {
        const auto cc = parseConnectionConfirm(hex("03 00 00 13 0E D0 00 00 12 34 00 02 1F 08 00 08 00 00 00"));
        QVERIFY(cc.ok());
        QCOMPARE(cc->kind, ConnectionConfirm::Kind::Selected);
        QCOMPARE(cc->selectedProtocol, quint32(ProtocolHybridEx));
        QCOMPARE(cc->flags, quint8(0x1F));
        QCOMPARE(describe(*cc), QStringLiteral("selected HYBRID_EX"));
    }
    void confirmFailure()
    {
        const auto cc = parseConnectionConfirm(hex("03 00 00 13 0E D0 00 00 12 34 00 03 00 08 00 05 00 00 00"));
        QVERIFY(cc.ok());
        QCOMPARE(cc->kind, ConnectionConfirm::Kind::Failure);
        QCOMPARE(cc->failureCode, quint32(HybridRequiredByServer));
        QCOMPARE(describe(*cc), QStringLiteral("failure HYBRID_REQUIRED_BY_SERVER"));
    }
    void confirmLegacy()
    {
        const auto cc = parseConnectionConfirm(hex("03 00 00 0B 06 D0 00 00 12 34 00"));
        QVERIFY(cc.ok());
        QCOMPARE(cc->kind, ConnectionConfirm::Kind::Legacy);
    }
    void names()
    {
        QCOMPARE(protocolNames(0), QStringList { QStringLiteral("RDP") });
        QCOMPARE(protocolNames(0xB), (QStringList { QStringLiteral("SSL"), QStringLiteral("HYBRID"), QStringLiteral("HYBRID_EX") }));
        QCOMPARE(protocolNames(0x100), QStringList { QStringLiteral("0x00000100") });
        QCOMPARE(failureCodeName(1), QStringLiteral("SSL_REQUIRED_BY_SERVER"));
        QCOMPARE(failureCodeName(3), QStringLiteral("SSL_CERT_NOT_ON_SERVER"));
        QCOMPARE(failureCodeName(6), QStringLiteral("SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER"));
        QCOMPARE(failureCodeName(99), QStringLiteral("UNKNOWN_0x00000063"));
    }
    void hostile_data()
    {
        QTest::addColumn<QByteArray>("packet");
        QTest::addColumn<QString>("needle");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("only 0 bytes");
        QTest::newRow("short") << hex("03 00") << QStringLiteral("only 2 bytes");
        QTest::newRow("http") << QByteArrayLiteral("HTTP/1.1 400 Bad Request\r\n") << QStringLiteral("not a TPKT header");
        QTest::newRow("tls alert") << hex("15 03 01 00 02 02 28") << QStringLiteral("not a TPKT header");
        QTest::newRow("65535") << hex("03 00 ff ff") << QStringLiteral("65535");
        QTest::newRow("tiny length") << hex("03 00 00 05 00") << QStringLiteral("too short");
        QTest::newRow("truncated") << hex("03 00 00 13 0E D0 00 00 12 34 00 02") << QStringLiteral("announces 19");
        QTest::newRow("longer than tpkt") << hex("03 00 00 0B 06 D0 00 00 12 34 00 00") << QStringLiteral("announces 11");
        QTest::newRow("bad LI") << hex("03 00 00 13 0D D0 00 00 12 34 00 02 00 08 00 01 00 00 00") << QStringLiteral("length indicator");
        QTest::newRow("CR not CC") << hex("03 00 00 13 0E E0 00 00 00 00 00 01 00 08 00 03 00 00 00") << QStringLiteral("not a Connection Confirm");
        QTest::newRow("class 4") << hex("03 00 00 0B 06 D0 00 00 12 34 40") << QStringLiteral("class");
        QTest::newRow("dst-ref") << hex("03 00 00 0B 06 D0 00 01 12 34 00") << QStringLiteral("DST-REF");
        QTest::newRow("neg type") << hex("03 00 00 13 0E D0 00 00 12 34 00 07 00 08 00 01 00 00 00") << QStringLiteral("type 7");
        QTest::newRow("neg length") << hex("03 00 00 13 0E D0 00 00 12 34 00 02 00 09 00 01 00 00 00") << QStringLiteral("length field 9");
        QTest::newRow("odd neg data") << hex("03 00 00 10 0B D0 00 00 12 34 00 02 00 08 00") << QStringLiteral("5 bytes");
    }
    void hostile()
    {
        QFETCH(QByteArray, packet);
        QFETCH(QString, needle);
        const auto cc = parseConnectionConfirm(packet);
        QVERIFY(!cc.ok());
        QVERIFY2(cc.error().message.contains(needle), qPrintable(cc.error().message));
    }
    void headerCapsLength()
    {
        // The reader trusts the header only up to kMaxConfirmLength: an endless or huge reply is
        // refused before a byte of its body is read.
        QVERIFY(readTpktHeader(hex("03 00 00 13")).valid);
        QCOMPARE(readTpktHeader(hex("03 00 00 13")).length, 19);
        QVERIFY(readTpktHeader(hex("03 00 00 40")).valid);
        QVERIFY(!readTpktHeader(hex("03 00 00 41")).valid);
        QVERIFY(!readTpktHeader(hex("03 00 ff ff")).valid);
    }
    void randomGarbage()
    {
        // Random replies of every length: never accepted unless well-formed, never a crash.
        QRandomGenerator rng(20240601);
        int accepted = 0;
        for (int i = 0; i < 20000; ++i) {
            QByteArray b(int(rng.bounded(0, 40)), '\0');
            for (char &c : b)
                c = char(rng.bounded(256));
            if (i % 2 && b.size() >= 4) { // a plausible header over random contents
                b[0] = 3;
                b[1] = 0;
                b[2] = 0;
                b[3] = char(b.size());
            }
            if (parseConnectionConfirm(b).ok())
                ++accepted;
        }
        QCOMPARE(accepted, 0);
    }
};

QTEST_GUILESS_MAIN(TestRdpNegotiation)
#include "test_rdp_negotiation.moc"
