// The pattern languages on their own. Expected results come from each client's documented syntax:
// CredSsp.admx explain text (one '*'), Chromium's proxy-bypass rule format used by its auth
// allowlists ("foobar.com", "*foobar.com", "*.foobar.com", ".google.com", "http://x:99",
// "192.168.1.1/16", "<local>"), Mozilla's trusted-uris grammar (scheme "://" | host [":" port]),
// and the Site to Zone Assignment List explain text (protocol optional, IP ranges "127.0.0.1-10").
#include "core/evaluate/PatternMatch.h"

#include <QTest>

using namespace ssod::core::evaluate;

class TestPatterns final : public QObject {
    Q_OBJECT

private slots:
    void credSsp_data()
    {
        QTest::addColumn<QString>("entry");
        QTest::addColumn<QString>("spn");
        QTest::addColumn<bool>("matched");
        QTest::newRow("star service") << "TERMSRV/*"
                                      << "TERMSRV/a.b.c" << true;
        QTest::newRow("other service") << "TERMSRV/*"
                                       << "WSMAN/a.b.c" << false;
        QTest::newRow("suffix") << "TERMSRV/*.contoso.com"
                                << "TERMSRV/x.contoso.com" << true;
        QTest::newRow("suffix apex") << "TERMSRV/*.contoso.com"
                                     << "TERMSRV/contoso.com" << false;
        QTest::newRow("suffix lookalike") << "TERMSRV/*.contoso.com"
                                          << "TERMSRV/x.contoso.com.evil.net" << false;
        QTest::newRow("everything") << "*"
                                    << "HTTP/web" << true;
        QTest::newRow("trimmed, case") << "  termsrv/HOST "
                                       << "TERMSRV/host" << true;
        QTest::newRow("two stars") << "*/*"
                                   << "TERMSRV/host" << false;
        QTest::newRow("empty") << ""
                               << "TERMSRV/host" << false;
    }
    void credSsp()
    {
        QFETCH(QString, entry);
        QFETCH(QString, spn);
        QFETCH(bool, matched);
        QCOMPARE(pattern::credSspEntry(entry, spn).matched, matched);
    }

    void chromium_data()
    {
        QTest::addColumn<QString>("entry");
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("matched");
        QTest::newRow("exact") << "foobar.com"
                               << "https://foobar.com/" << true;
        QTest::newRow("exact is not suffix") << "foobar.com"
                                             << "https://www.foobar.com/" << false;
        QTest::newRow("star prefix") << "*foobar.com"
                                     << "https://xfoobar.com/" << true;
        QTest::newRow("star dot") << "*.foobar.com"
                                  << "https://www.foobar.com/" << true;
        QTest::newRow("star dot apex") << "*.foobar.com"
                                       << "https://foobar.com/" << false;
        QTest::newRow("dot suffix") << ".google.com"
                                    << "http://mail.google.com/" << true;
        QTest::newRow("star inside") << "x.*.y.com"
                                     << "http://x.a.y.com/" << true;
        QTest::newRow("scheme and port") << "https://x.*.y.com:99"
                                         << "https://x.a.y.com:99/" << true;
        QTest::newRow("scheme and port, wrong port") << "https://x.*.y.com:99"
                                                     << "https://x.a.y.com/" << false;
        QTest::newRow("port of default") << "portal:443"
                                         << "https://portal/" << true;
        QTest::newRow("cidr") << "192.168.1.1/16"
                              << "http://192.168.20.5/" << true;
        QTest::newRow("cidr outside") << "192.168.1.1/16"
                                      << "http://192.169.0.1/" << false;
        QTest::newRow("cidr never a name") << "10.0.0.0/8"
                                           << "http://ten.example/" << false;
        QTest::newRow("local, dotless") << "<local>"
                                        << "http://intranet/" << true;
        QTest::newRow("local, dotted") << "<local>"
                                       << "http://intranet.contoso.com/" << false;
        QTest::newRow("local, IP") << "<local>"
                                   << "http://10.1.2.3/" << false;
        QTest::newRow("everything") << "*"
                                    << "https://any.example/" << true;
        QTest::newRow("ipv6 literal") << "[::1]"
                                      << "http://[::1]:8080/" << true;
        QTest::newRow("case") << "*.CONTOSO.com"
                              << "https://Portal.contoso.COM/" << true;
    }
    void chromium()
    {
        QFETCH(QString, entry);
        QFETCH(QString, url);
        QFETCH(bool, matched);
        QCOMPARE(pattern::chromiumEntry(entry, QUrl(url)).matched, matched);
    }

    void chromiumListSplit()
    {
        QCOMPARE(pattern::splitChromiumList(QStringLiteral(" a.com, *.b.com;c ,, ")),
            (QStringList { QStringLiteral("a.com"), QStringLiteral("*.b.com"), QStringLiteral("c") }));
    }

    void firefox_data()
    {
        QTest::addColumn<QString>("entry");
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("matched");
        // Mozilla's own table: host bar.com/foo.bar.com/foobar.com/foo.bar.com/bar.com against
        // pref bar.com/bar.com/bar.com/.bar.com/.bar.com → accept, accept, reject, accept, reject.
        QTest::newRow("same host") << "bar.com"
                                   << "http://bar.com/" << true;
        QTest::newRow("subdomain") << "bar.com"
                                   << "http://foo.bar.com/" << true;
        QTest::newRow("not on a dot") << "bar.com"
                                      << "http://foobar.com/" << false;
        QTest::newRow("dot prefix, subdomain") << ".bar.com"
                                               << "http://foo.bar.com/" << true;
        QTest::newRow("dot prefix, apex") << ".bar.com"
                                          << "http://bar.com/" << false;
        QTest::newRow("scheme only") << "https://"
                                     << "https://x.example/" << true;
        QTest::newRow("scheme only, other scheme") << "https://"
                                                   << "http://x.example/" << false;
        QTest::newRow("scheme and host") << "http://office.foo.com"
                                         << "http://office.foo.com/a" << true;
        QTest::newRow("port") << "office.foo.com:8080"
                              << "http://office.foo.com:8080/" << true;
        QTest::newRow("port, default port") << "office.foo.com:8080"
                                            << "http://office.foo.com/" << false;
        QTest::newRow("explicit default port") << "office.foo.com:443"
                                               << "https://office.foo.com/" << true;
        QTest::newRow("no wildcard") << "*.foo.com"
                                     << "http://office.foo.com/" << false;
        QTest::newRow("dotless exact") << "wiki"
                                       << "http://wiki/" << true;
        QTest::newRow("case") << "Contoso.COM"
                              << "http://portal.contoso.com/" << true;
    }
    void firefox()
    {
        QFETCH(QString, entry);
        QFETCH(QString, url);
        QFETCH(bool, matched);
        QCOMPARE(pattern::firefoxEntry(entry, QUrl(url)).matched, matched);
    }

    void zoneMap_data()
    {
        QTest::addColumn<QString>("site");
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("matched");
        QTest::newRow("wildcard") << "*.contoso.com"
                                  << "https://a.b.contoso.com/" << true;
        QTest::newRow("wildcard apex") << "*.contoso.com"
                                       << "https://contoso.com/" << false;
        QTest::newRow("host, all protocols") << "www.contoso.com"
                                             << "ftp://www.contoso.com/" << true;
        QTest::newRow("host with protocol") << "http://www.contoso.com"
                                            << "https://www.contoso.com/" << false;
        QTest::newRow("ip") << "10.0.0.5"
                            << "http://10.0.0.5/" << true;
        QTest::newRow("ip range") << "127.0.0.1-10"
                                  << "http://127.0.0.7/" << true;
        QTest::newRow("ip range outside") << "127.0.0.1-10"
                                          << "http://127.0.0.11/" << false;
        QTest::newRow("top-level wildcard refused") << "*.com"
                                                    << "https://contoso.com/" << false;
    }
    void zoneMap()
    {
        QFETCH(QString, site);
        QFETCH(QString, url);
        QFETCH(bool, matched);
        QCOMPARE(pattern::zoneMapEntry(site, QUrl(url)).matched, matched);
    }

    void zoneSpecificity()
    {
        const QUrl url(QStringLiteral("https://ext.contoso.com/"));
        const auto wildcard = pattern::zoneMapEntry(QStringLiteral("*.contoso.com"), url);
        const auto exact = pattern::zoneMapEntry(QStringLiteral("ext.contoso.com"), url);
        const auto withScheme = pattern::zoneMapEntry(QStringLiteral("https://ext.contoso.com"), url);
        QVERIFY(wildcard.matched && exact.matched && withScheme.matched);
        QVERIFY(exact.specificity > wildcard.specificity);
        QVERIFY(withScheme.specificity > exact.specificity);
        QVERIFY(pattern::zoneMapEntry(
                    QStringLiteral("*.ext.contoso.com"), QUrl(QStringLiteral("https://a.ext.contoso.com/")))
                    .specificity
            > pattern::zoneMapEntry(
                QStringLiteral("*.contoso.com"), QUrl(QStringLiteral("https://a.ext.contoso.com/")))
                  .specificity);
    }

    void globIsLinearOnHostileInput()
    {
        // Many stars against a long non-matching text must finish at once (no exponential backtracking).
        const QString pattern = QString(40, QLatin1Char('*')) + QStringLiteral("b");
        const QString text(5000, QLatin1Char('a'));
        QVERIFY(!pattern::glob(pattern, text));
        QVERIFY(pattern::glob(QStringLiteral("a*b?d"), QStringLiteral("AxxxBcD")));
    }
};

QTEST_GUILESS_MAIN(TestPatterns)
#include "tst_patterns.moc"
