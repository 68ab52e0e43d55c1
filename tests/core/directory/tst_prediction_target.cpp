#include "core/directory/PredictionTarget.h"
#include "core/directory/SpnPredictor.h"
#include "tests/core/directory/PredictTestDns.h"

#include <QTest>

using namespace ssod::core::directory;
using namespace predicttest;
using ssod::core::Error;

// What spn predict accepts as a target (URL, host, host:port, rdp://, WinRM endpoint), each
// client's port and default profile, and the malformed targets refused before any DNS lookup.
class TestPredictionTarget final : public QObject {
    Q_OBJECT

private slots:
    void profileIdsRoundTrip()
    {
        const QStringList ids = clientProfileIds();
        QCOMPARE(ids,
            QStringList({ QStringLiteral("ie"), QStringLiteral("edge"), QStringLiteral("chrome"),
                QStringLiteral("firefox"), QStringLiteral("curl"), QStringLiteral("mstsc"),
                QStringLiteral("winrm"), QStringLiteral("winrm-port") }));
        for (const QString &id : ids) {
            const auto client = clientProfileFromId(id);
            QVERIFY(client.has_value());
            QCOMPARE(clientProfileId(*client), id);
            QVERIFY(!clientProfileName(*client).isEmpty());
        }
        QCOMPARE(clientProfileFromId(QStringLiteral(" EDGE ")).value(), ClientProfile::Edge);
        QVERIFY(!clientProfileFromId(QStringLiteral("safari")).has_value());
    }

    void parsesTargets_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port"); // 0: none given
        QTest::addColumn<bool>("address");
        QTest::newRow("url") << "http://app.contoso.test/"
                             << "http"
                             << "app.contoso.test" << 0 << false;
        QTest::newRow("url, port, path, query") << "https://App.Contoso.Test:8443/a/b?x=1#f"
                                                << "https"
                                                << "app.contoso.test" << 8443 << false;
        QTest::newRow("user info ignored") << "http://bob:pw@web01.contoso.test/"
                                           << "http"
                                           << "web01.contoso.test" << 0 << false;
        QTest::newRow("host") << "web01"
                              << ""
                              << "web01" << 0 << false;
        QTest::newRow("trailing dot") << "web01.contoso.test."
                                      << ""
                                      << "web01.contoso.test" << 0 << false;
        QTest::newRow("host:port") << "web01.contoso.test:8080"
                                   << ""
                                   << "web01.contoso.test" << 8080 << false;
        QTest::newRow("rdp") << "rdp://rdsh01.contoso.test:3390"
                             << "rdp"
                             << "rdsh01.contoso.test" << 3390 << false;
        QTest::newRow("wsman") << "http://web01:5985/wsman"
                               << "http"
                               << "web01" << 5985 << false;
        QTest::newRow("ipv4") << "10.0.0.5"
                              << ""
                              << "10.0.0.5" << 0 << true;
        QTest::newRow("ipv4 url") << "http://10.0.0.5:8080/"
                                  << "http"
                                  << "10.0.0.5" << 8080 << true;
        QTest::newRow("ipv6 bracketed") << "http://[fd00::6]:8080/"
                                        << "http"
                                        << "fd00::6" << 8080 << true;
        QTest::newRow("ipv6 bare") << "FD00:0::6"
                                   << ""
                                   << "fd00::6" << 0 << true;
        QTest::newRow("underscore") << "my_host.contoso.test"
                                    << ""
                                    << "my_host.contoso.test" << 0 << false;
    }
    void parsesTargets()
    {
        QFETCH(QString, text);
        auto t = PredictionTarget::parse(text);
        QVERIFY2(t, t ? "" : qPrintable(t.error().message));
        QTEST(t->scheme, "scheme");
        QTEST(t->host, "host");
        QTEST(int(t->port.value_or(0)), "port");
        QTEST(t->hostIsAddress, "address");
    }

    void refusesMalformedTargets_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("says");
        QTest::newRow("empty") << ""
                               << "the target is empty";
        QTest::newRow("blank") << "   "
                               << "the target is empty";
        QTest::newRow("space inside") << "web 01"
                                      << "contains a blank";
        QTest::newRow("unsupported scheme") << "ftp://web01/"
                                            << "\"ftp://\" is not supported";
        QTest::newRow("no host") << "http:///path"
                                 << "has no host";
        QTest::newRow("port 0") << "web01:0"
                                << "not a number from 1 to 65535";
        QTest::newRow("port too big") << "http://web01:65536/"
                                      << "not a number from 1 to 65535";
        QTest::newRow("port letters") << "web01:http"
                                      << "not a number from 1 to 65535";
        QTest::newRow("port empty") << "web01:"
                                    << "not a number from 1 to 65535";
        QTest::newRow("port sign") << "web01:+80"
                                   << "not a number from 1 to 65535";
        QTest::newRow("empty label") << "web01..contoso.test"
                                     << "not a valid host name";
        QTest::newRow("leading hyphen") << "-web01.contoso.test"
                                        << "not a valid host name";
        QTest::newRow("bad character") << "web!01"
                                       << "not a valid host name";
        QTest::newRow("path without scheme") << "web01/app"
                                             << "neither a host nor a URL";
        QTest::newRow("unclosed bracket") << "http://[fd00::6/"
                                          << "no closing ]";
        QTest::newRow("not ipv6 in brackets") << "[web01]:80"
                                              << "is not an IPv6 address";
        QTest::newRow("bad ipv4") << "10.0.0.300"
                                  << "not an IPv4 address";
        QTest::newRow("bare ipv6 with port") << "fd00::6:80:x"
                                             << "is not an IPv6 address";
    }
    void refusesMalformedTargets()
    {
        QFETCH(QString, text);
        QFETCH(QString, says);
        auto t = PredictionTarget::parse(text);
        QVERIFY(!t);
        QCOMPARE(t.error().code, Error::Code::InvalidInput);
        QVERIFY2(t.error().message.contains(says), qPrintable(t.error().message));
        // predictSpn refuses the same, before any lookup.
        TableHostResolver r = contoso();
        QVERIFY(!predictSpn(text, ClientProfile::Edge, r, nullptr, QString()));
        QCOMPARE(r.lookups, 0);
    }

    void portsAndDefaultClients()
    {
        auto port = [](const char *text, const char *client) {
            return int(PredictionTarget::parse(QString::fromLatin1(text))->effectivePort(profile(client)));
        };
        QCOMPARE(port("http://web01/", "edge"), 80);
        QCOMPARE(port("https://web01/", "edge"), 443);
        QCOMPARE(port("web01", "edge"), 80);
        QCOMPARE(port("web01", "mstsc"), 3389);
        QCOMPARE(port("rdp://web01", "mstsc"), 3389);
        QCOMPARE(port("web01", "winrm-port"), 5985);
        QCOMPARE(port("https://web01:5986/wsman", "winrm-port"), 5986);
        QCOMPARE(port("web01:8080", "ie"), 8080);

        auto client = [](const char *text) {
            return PredictionTarget::parse(QString::fromLatin1(text))->defaultClient();
        };
        QCOMPARE(client("http://web01/"), ClientProfile::Edge);
        QCOMPARE(client("rdp://web01"), ClientProfile::Mstsc);
        QCOMPARE(client("http://web01:5985/wsman"), ClientProfile::Winrm);
        QCOMPARE(client("https://web01/WSMAN"), ClientProfile::Winrm);
        QCOMPARE(client("web01:5986"), ClientProfile::Winrm);

        QVERIFY(!PredictionTarget::parse(QStringLiteral("rdp://web01"))->checkClient(ClientProfile::Edge));
        QVERIFY(!PredictionTarget::parse(QStringLiteral("http://web01/"))->checkClient(ClientProfile::Mstsc));
        QVERIFY(PredictionTarget::parse(QStringLiteral("web01"))->checkClient(ClientProfile::Mstsc));
        TableHostResolver r = contoso();
        auto refused = predictSpn(QStringLiteral("rdp://web01"), ClientProfile::Ie, r, nullptr, QString());
        QVERIFY(!refused);
        QVERIFY(refused.error().message.contains(QLatin1String("--client mstsc")));
    }

};

QTEST_GUILESS_MAIN(TestPredictionTarget)
#include "tst_prediction_target.moc"
