// The certificate fields read from DER (CDP, AIA, OCSP, EKU, signature algorithm), bounded against
// truncated and corrupted input; RFC 6125 name matching; target parsing.
#include "core/probe/CertificateCheck.h"
#include "core/probe/CertificateDer.h"
#include "core/probe/HostPort.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QTest>

using namespace ssod::core::probe;

class TestCertificateCheck : public QObject {
    Q_OBJECT
private:
    QSslCertificate m_cert;

private slots:
    void initTestCase()
    {
        QFile f(qEnvironmentVariable("SSOD_TEST_DATA") + QStringLiteral("/probe/server-urls.pem"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        m_cert = QSslCertificate(f.readAll(), QSsl::Pem);
        QVERIFY(!m_cert.isNull());
    }
    void derFields()
    {
        const auto fields = parseCertificateDer(m_cert.toDer());
        QVERIFY2(fields.ok(), fields.ok() ? "" : qPrintable(fields.error().message));
        QCOMPARE(fields->signatureAlgorithm, QStringLiteral("sha256WithRSAEncryption"));
        QVERIFY(fields->hasEku);
        QCOMPARE(fields->ekuOids, (QStringList { QStringLiteral("1.3.6.1.5.5.7.3.1"), QStringLiteral("1.3.6.1.5.5.7.3.2") }));
        QCOMPARE(fields->crlUrls, (QStringList { QStringLiteral("http://pki.lab.test/crl/lab-ca.crl"),
                                      QStringLiteral("ldap://pki.lab.test/cn=lab-ca?certificateRevocationList") }));
        QCOMPARE(fields->caIssuerUrls, QStringList { QStringLiteral("http://pki.lab.test/aia/lab-ca.crt") });
        QCOMPARE(fields->ocspUrls, QStringList { QStringLiteral("http://ocsp.lab.test/") });
        QCOMPARE(ekuName(fields->ekuOids.at(0)), QStringLiteral("serverAuth"));
    }
    void derTruncatedAndCorrupted()
    {
        const QByteArray der = m_cert.toDer();
        for (qsizetype n = 0; n < der.size(); ++n)
            QVERIFY(!parseCertificateDer(der.left(n)).ok());
        // Flipped bytes: each either parses or fails, never reads out of bounds (ASan run).
        QRandomGenerator rng(7);
        for (int i = 0; i < 5000; ++i) {
            QByteArray b = der;
            for (int k = 0; k < 3; ++k)
                b[rng.bounded(int(b.size()))] = char(rng.bounded(256));
            (void)parseCertificateDer(b);
        }
        QVERIFY(!parseCertificateDer(QByteArray(100000, '\x30')).ok());
        QVERIFY(!parseCertificateDer(QByteArray::fromHex("3084ffffffff")).ok()); // 4-byte length
        QVERIFY(!parseCertificateDer(QByteArray::fromHex("3080")).ok()); // indefinite length
    }
    void presentedNames()
    {
        QStringList names = CertificateCheck::presentedNames(m_cert);
        QCOMPARE(names.takeLast(), QStringLiteral("10.77.0.9")); // addresses after the DNS names
        names.sort();
        QCOMPARE(names, (QStringList { QStringLiteral("*.farm.lab.test"), QStringLiteral("web.lab.test") }));
        QCOMPARE(CertificateCheck::thumbprint(m_cert, QCryptographicHash::Sha1).size(), 40);
        QVERIFY(!CertificateCheck::isRemoteDesktopSelfGenerated(m_cert, { QLatin1String(kEkuServerAuth) }));
    }
    void nameMatches_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("match");
        QTest::newRow("exact") << "web.lab.test" << "web.lab.test" << true;
        QTest::newRow("case and dot") << "WEB.lab.test" << "web.LAB.test." << true;
        QTest::newRow("other") << "web.lab.test" << "app.lab.test" << false;
        QTest::newRow("wildcard one label") << "*.farm.lab.test" << "rdsh1.farm.lab.test" << true;
        QTest::newRow("wildcard two labels") << "*.farm.lab.test" << "a.b.farm.lab.test" << false;
        QTest::newRow("wildcard bare") << "*.farm.lab.test" << "farm.lab.test" << false;
        QTest::newRow("partial wildcard") << "rd*.farm.lab.test" << "rdsh1.farm.lab.test" << false;
        QTest::newRow("wildcard not leftmost") << "web.*.lab.test" << "web.farm.lab.test" << false;
        QTest::newRow("wildcard tld") << "*.test" << "lab.test" << false;
        QTest::newRow("wildcard ip") << "*.0.0.1" << "127.0.0.1" << false;
        QTest::newRow("short name vs fqdn") << "rdsh1" << "rdsh1.lab.test" << false;
        QTest::newRow("ip") << "10.77.0.9" << "10.77.0.9" << true;
        QTest::newRow("empty") << "" << "" << false;
    }
    void nameMatches()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, name);
        QFETCH(bool, match);
        QCOMPARE(CertificateCheck::nameMatches(pattern, name), match);
    }
    void hostPort()
    {
        QCOMPARE(parseHostPort(QStringLiteral("rdsh1.lab.test"), 3389)->port, quint16(3389));
        QCOMPARE(parseHostPort(QStringLiteral("127.0.0.1:4433"), 443)->port, quint16(4433));
        QCOMPARE(parseHostPort(QStringLiteral("127.0.0.1:4433"), 443)->host, QStringLiteral("127.0.0.1"));
        QCOMPARE(parseHostPort(QStringLiteral("[::1]:8443"), 443)->host, QStringLiteral("::1"));
        QCOMPARE(parseHostPort(QStringLiteral("::1"), 443)->port, quint16(443));
        QCOMPARE(parseHostPort(QStringLiteral("https://web.lab.test/app"), 80)->port, quint16(443));
        QCOMPARE(parseHostPort(QStringLiteral("https://web.lab.test:8443/"), 80)->port, quint16(8443));
        QVERIFY(!parseHostPort(QString(), 443).ok());
        QVERIFY(!parseHostPort(QStringLiteral("host:0"), 443).ok());
        QVERIFY(!parseHostPort(QStringLiteral("host:99999"), 443).ok());
        QVERIFY(!parseHostPort(QStringLiteral("host:x"), 443).ok());
        QVERIFY(!parseHostPort(QStringLiteral("[::1"), 443).ok());
    }
};

QTEST_GUILESS_MAIN(TestCertificateCheck)
#include "test_certificate_check.moc"
