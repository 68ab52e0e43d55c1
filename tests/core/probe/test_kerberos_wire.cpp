// The bare AS-REQ SSO Doctor sends and the KRB-ERROR reader: byte-exact encoding, KRB-ERRORs
// captured from the Samba AD lab (tests/data/kerberos), and hostile replies that must give an
// error, never a crash or a large allocation.

#include "core/probe/KerberosWire.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTest>

using namespace ssod::core::probe;
namespace kw = ssod::core::probe::kerberoswire;

namespace {

QByteArray captured(const char *name)
{
    QFile f(qEnvironmentVariable("SSOD_TEST_DATA") + QStringLiteral("/kerberos/") + QLatin1String(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(f.fileName()));
    return f.readAll();
}

} // namespace

class TestKerberosWire : public QObject {
    Q_OBJECT

private slots:
    void encodesAsReqByteForByte()
    {
        AsRequest r;
        r.realm = QStringLiteral("LAB.TEST");
        r.client = KrbPrincipalName { 1, { QStringLiteral("Administrator") } };
        r.nonce = 12345;
        r.till = QDateTime(QDate(2030, 1, 1), QTime(0, 0), Qt::UTC);
        // Made by an independent encoder (python, the same ASN.1 from RFC 4120 §5.4.1); Samba's
        // KDC answered it with KRB-ERROR 25.
        QCOMPARE(kw::encodeAsReq(r).toHex(),
            QByteArray("6a8187308184a103020105a20302010aa4783076a00703050040000010a11a3018a003020101a111300f1b0d41646d"
                       "696e6973747261746f72a20a1b084c41422e54455354a31d301ba003020102a11430121b066b72627467741b08"
                       "4c41422e54455354a511180f32303330303130313030303030305aa70402023039a80b3009020112020111020117"));
    }

    void encodesHighNonceAsPositiveInteger()
    {
        AsRequest r;
        r.realm = QStringLiteral("R");
        r.client = KrbPrincipalName { 1, { QStringLiteral("krbtgt") } };
        r.nonce = 0xffffffffu; // masked to 31 bits, as MIT does: never a negative INTEGER
        const QByteArray m = kw::encodeAsReq(r);
        QVERIFY(m.contains(QByteArray::fromHex("a70602047fffffff")));
    }

    void decodesSambaPreauthRequired()
    {
        const auto e = kw::decodeKrbError(captured("samba-preauth-required-administrator.der"));
        QVERIFY2(e.ok(), qPrintable(e.ok() ? QString() : e.error().toString()));
        QCOMPARE(e->pvno, 5);
        QCOMPARE(e->errorCode, 25);
        QCOMPARE(e->realm, QStringLiteral("LAB.TEST"));
        QCOMPARE(e->crealm, QStringLiteral("LAB.TEST"));
        QCOMPARE(e->cname, QStringLiteral("Administrator"));
        QCOMPARE(e->sname, QStringLiteral("krbtgt/LAB.TEST"));
        QCOMPARE(e->eText, QStringLiteral("Need to use PA-ENC-TIMESTAMP/PA-PK-AS-REQ"));
        QCOMPARE(e->susec, 0x06B539);
        QCOMPARE(e->stime, QDateTime(QDate(2026, 12, 2), QTime(16, 11, 31, 0x06B539 / 1000), Qt::UTC));
        QCOMPARE(e->eData.size(), 124); // METHOD-DATA with the etype-info2 hints
    }

    void decodesSambaUnknownClientAndTcpCapture()
    {
        const auto unknown = kw::decodeKrbError(captured("samba-c-principal-unknown.der"));
        QVERIFY(unknown.ok());
        QCOMPARE(unknown->errorCode, 6);
        QCOMPARE(unknown->cname, QStringLiteral("nosuchuser"));
        QVERIFY(unknown->eText.isEmpty());
        const auto tcp = kw::decodeKrbError(captured("samba-preauth-required-krbtgt-tcp.der"));
        QVERIFY(tcp.ok());
        QCOMPARE(tcp->errorCode, 25);
        QCOMPARE(tcp->cname, QStringLiteral("krbtgt"));
    }

    void everyTruncationIsAnError()
    {
        const QByteArray m = captured("samba-preauth-required-administrator.der");
        for (int n = 0; n < m.size(); ++n)
            QVERIFY2(!kw::decodeKrbError(m.left(n)).ok(), qPrintable(QString::number(n)));
        QVERIFY(!kw::decodeKrbError(m + '\0').ok()); // trailing bytes
    }

    void everySingleByteChangeEndsCleanly()
    {
        const QByteArray m = captured("samba-c-principal-unknown.der");
        for (int i = 0; i < m.size(); ++i)
            for (int bit = 0; bit < 8; ++bit) {
                QByteArray x = m;
                x[i] = char(x[i] ^ (1 << bit));
                (void)kw::decodeKrbError(x); // ok or an error; sanitizers catch the rest
            }
    }

    void garbageAndOversizedAreErrors()
    {
        QRandomGenerator rng(8);
        for (int i = 0; i < 2000; ++i) {
            QByteArray junk(int(rng.bounded(400)), Qt::Uninitialized);
            for (char &c : junk)
                c = char(rng.bounded(256));
            if (i % 2)
                junk.prepend('\x7e');
            (void)kw::decodeKrbError(junk);
        }
        QVERIFY(!kw::decodeKrbError(QByteArray()).ok());
        QVERIFY(!kw::decodeKrbError(QByteArray(kw::kMaxMessage + 1, '\x7e')).ok());
        // A length that claims 4 GB, an indefinite length, a multi-byte tag.
        QVERIFY(!kw::decodeKrbError(QByteArray::fromHex("7e84ffffffff30")).ok());
        QVERIFY(!kw::decodeKrbError(QByteArray::fromHex("7e80300000")).ok());
        QVERIFY(!kw::decodeKrbError(QByteArray::fromHex("7f8101")).ok());
        const auto asRep = kw::decodeKrbError(QByteArray::fromHex("6b03020105"));
        QVERIFY(!asRep.ok());
        QVERIFY(asRep.error().message.contains(QStringLiteral("AS-REP")));
    }

    void deepNestingIsBounded()
    {
        // 10,000 nested SEQUENCEs: the reader never recurses on the input's own structure.
        QByteArray m;
        for (int i = 0; i < 10000; ++i)
            m = QByteArray("\x30") + char(0x80 | 3) + char(m.size() >> 16) + char(m.size() >> 8) + char(m.size()) + m;
        m = QByteArray::fromHex("7e83") + char(m.size() >> 16) + char(m.size() >> 8) + char(m.size()) + m;
        QVERIFY(!kw::decodeKrbError(m).ok());
    }

    void tcpFraming()
    {
        const QByteArray msg("abc");
        QCOMPARE(kw::frameTcp(msg).toHex(), QByteArray("00000003616263"));
        auto partial = kw::tcpFrameSize(QByteArray::fromHex("0000"));
        QVERIFY(partial.ok() && !*partial);
        auto whole = kw::tcpFrameSize(QByteArray::fromHex("0000012d"));
        QVERIFY(whole.ok() && *whole && **whole == 0x12d + 4);
        QVERIFY(!kw::tcpFrameSize(QByteArray::fromHex("80000010")).ok()); // reserved bit
        QVERIFY(!kw::tcpFrameSize(QByteArray::fromHex("7fffffff")).ok()); // 2 GB announced
    }

    void kerberosTime()
    {
        QVERIFY(kw::parseKerberosTime("20240115123456Z").has_value());
        QVERIFY(!kw::parseKerberosTime("20240115123456").has_value());
        QVERIFY(!kw::parseKerberosTime("2024011512345xZ").has_value());
        QVERIFY(!kw::parseKerberosTime("20241315123456Z").has_value());
        QVERIFY(!kw::parseKerberosTime("20240115123456.5Z").has_value());
    }
};

QTEST_GUILESS_MAIN(TestKerberosWire)
#include "test_kerberos_wire.moc"
