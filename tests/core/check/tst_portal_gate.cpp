// The web portal's Kerberos gate: each step of the vendor's order of evaluation, table-driven, on
// a web.config written in PortalGuard's documented <SSOConditions> layout.
#include "core/check/PortalGate.h"

#include <QTest>

using namespace ssod::core::check;

namespace {

const QByteArray kConfig = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<configuration>\n"
    "  <appSettings />\n"
    "  <SSOConditions disabled=\"false\" debugging=\"true\" keepDomain=\"false\">\n"
    "    <SPNs>\n"
    "      <add value=\"portal.contoso.com\" />\n"
    "      <add value=\"PORTAL\" />\n"
    "    </SPNs>\n"
    "    <IPWhiteList>\n"
    "      <add value=\"10.1.*.*\" />\n"
    "      <add value=\"192.168.7.20\" />\n"
    "    </IPWhiteList>\n"
    "    <IPBlackList>\n"
    "      <add value=\"10.1.99.*\" />\n"
    "    </IPBlackList>\n"
    "    <URLBlackList>\n"
    "      <add value=\"/_layouts/PG/*\" />\n"
    "      <add value=\"logout\\.aspx\" />\n"
    "      <add value=\"([unclosed\" />\n"
    "    </URLBlackList>\n"
    "    <BrowserWhiteList>\n"
    "      <add value=\"Trident\" />\n"
    "      <add value=\"Edg/\" />\n"
    "      <add value=\"Chrome\" />\n"
    "    </BrowserWhiteList>\n"
    "    <Extra><add value=\"x\" /></Extra>\n"
    "  </SSOConditions>\n"
    "</configuration>\n"
    "";

const QString kEdge = QStringLiteral(
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0");

} // namespace

class TestPortalGate final : public QObject {
    Q_OBJECT

private slots:
    void parsesTheLayout()
    {
        const auto c = parsePortalConfig(kConfig, QStringLiteral("web.config"));
        QVERIFY2(c, qPrintable(c ? QString() : c.error().toString()));
        QCOMPARE(c->line, 4);
        QVERIFY(!c->disabled);
        QVERIFY(c->debugging);
        QCOMPARE(c->spns.size(), 2);
        QCOMPARE(c->ipWhiteList.at(1).value, QStringLiteral("192.168.7.20"));
        QCOMPARE(c->ipWhiteList.at(1).line, 11);
        QCOMPARE(c->urlBlackList.size(), 3);
        QCOMPARE(c->browserWhiteList.size(), 3);
        QCOMPARE(c->unknownChildren, QStringList { QStringLiteral("Extra (line 26)") });
    }

    void vendorOrder_data()
    {
        QTest::addColumn<QString>("ip");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("ua");
        QTest::addColumn<QString>("cookie");
        QTest::addColumn<bool>("attempted");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("entry");
        const QString ok = QStringLiteral("https://portal.contoso.com/app/default.aspx?x=1");
        QTest::newRow("allowed") << "10.1.2.3" << ok << kEdge << "" << true << "allowed" << "";
        QTest::newRow("cookie first, even when all else passes") << "10.1.2.3" << ok << kEdge << "PstarNoKerberos=1" << false << "cookie" << "";
        QTest::newRow("cookie other value") << "10.1.2.3" << ok << kEdge << "PstarNoKerberos=0" << true << "allowed" << "";
        QTest::newRow("not in white list") << "172.16.0.5" << ok << kEdge << "" << false << "ip-whitelist" << "";
        QTest::newRow("exact white entry") << "192.168.7.20" << ok << kEdge << "" << true << "allowed" << "";
        QTest::newRow("white then black") << "10.1.99.4" << ok << kEdge << "" << false << "ip-blacklist" << "10.1.99.*";
        QTest::newRow("IPv6 passes a white list") << "fe80::1" << ok << kEdge << "" << true << "allowed" << "";
        QTest::newRow("host not in SPNs") << "10.1.2.3" << "https://portal2.contoso.com/" << kEdge << "" << false << "spn" << "";
        QTest::newRow("no substring match") << "10.1.2.3" << "https://xportal.contoso.com/" << kEdge << "" << false << "spn" << "";
        QTest::newRow("SPN case and port ignored") << "10.1.2.3" << "https://PORTAL.contoso.com:8443/" << kEdge << "" << true << "allowed" << "";
        QTest::newRow("short name in SPNs") << "10.1.2.3" << "http://portal/" << kEdge << "" << true << "allowed" << "";
        QTest::newRow("unanchored URL pattern") << "10.1.2.3" << "https://portal.contoso.com/site/_layouts/PGx/page" << kEdge << "" << false << "url-blacklist" << "/_layouts/PG/*";
        QTest::newRow("URL pattern in the query") << "10.1.2.3" << "https://portal.contoso.com/a?next=logout.aspx" << kEdge << "" << false << "url-blacklist" << "logout\\.aspx";
        QTest::newRow("browser not listed") << "10.1.2.3" << ok << "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0" << "" << false << "user-agent" << "";
        QTest::newRow("browser case-insensitive") << "10.1.2.3" << ok << "mozilla/4.0 (compatible; msie 7.0; trident/7.0)" << "" << true << "allowed" << "";
    }

    void vendorOrder()
    {
        QFETCH(QString, ip);
        QFETCH(QString, url);
        QFETCH(QString, ua);
        QFETCH(QString, cookie);
        QFETCH(bool, attempted);
        QFETCH(QString, rule);
        QFETCH(QString, entry);
        const auto c = parsePortalConfig(kConfig, QStringLiteral("web.config"));
        QVERIFY(c);
        PortalRequest req { ip, url, ua, {} };
        if (!cookie.isEmpty())
            req.cookies << qMakePair(cookie.section(QLatin1Char('='), 0, 0), cookie.section(QLatin1Char('='), 1));
        const PortalDecision d = PortalGate::evaluate(*c, req);
        QCOMPARE(d.attempted, attempted);
        QCOMPARE(d.rule, rule);
        QCOMPARE(d.entry, entry);
        // The steps stop at the one that denied; every step before it passed.
        QVERIFY(!d.steps.isEmpty());
        for (int i = 0; i + 1 < d.steps.size(); ++i)
            QVERIFY(d.steps.at(i).passed);
        QCOMPARE(d.steps.last().passed, attempted);
        if (!attempted)
            QCOMPARE(d.steps.last().rule, rule);
        // The pattern that does not compile is reported (when the URL step was reached), not fatal.
        const bool reachedUrl = std::any_of(d.steps.cbegin(), d.steps.cend(),
            [](const PortalStep &s) { return s.rule == QLatin1String("url-blacklist"); });
        // (The broken pattern is the third: a match of the first two ends the step before it.)
        QCOMPARE(d.notes.size(), reachedUrl && rule != QLatin1String("url-blacklist") ? 1 : 0);
    }

    void switchesAndEmptyLists()
    {
        auto c = parsePortalConfig("<configuration><SSOConditions disabled=\"True\"><SPNs><add value=\"a\"/></SPNs>\n"
    "            <BrowserWhiteList><add value=\"Edg\"/></BrowserWhiteList></SSOConditions></configuration>",
            QStringLiteral("w"));
        QVERIFY(c);
        PortalDecision d = PortalGate::evaluate(*c, { QStringLiteral("1.2.3.4"), QStringLiteral("http://a/"), kEdge, {} });
        QCOMPARE(d.rule, QStringLiteral("disabled"));
        // No IP lists: every address passes; an empty BrowserWhiteList lets no browser through.
        c = parsePortalConfig("<configuration><SSOConditions><SPNs><add value=\"a\"/></SPNs><IPWhiteList/>\n"
    "            <BrowserWhiteList/></SSOConditions></configuration>", QStringLiteral("w"));
        QVERIFY(c);
        d = PortalGate::evaluate(*c, { QStringLiteral("8.8.8.8"), QStringLiteral("http://a/"), kEdge, {} });
        QCOMPARE(d.rule, QStringLiteral("user-agent"));
    }

    void badFilesAreNamed()
    {
        auto c = parsePortalConfig("<configuration>\n<SSOConditions>\n<SPNs>\n</configuration>", QStringLiteral("web.config"));
        QVERIFY(!c);
        QVERIFY2(c.error().toString().startsWith(QLatin1String("web.config: line 4")), qPrintable(c.error().toString()));
        c = parsePortalConfig("<configuration/>", QStringLiteral("web.config"));
        QVERIFY(!c);
        QVERIFY(c.error().toString().contains(QLatin1String("no <SSOConditions>")));
        c = parsePortalConfig(QByteArray(2048, ' '), QStringLiteral("big"), 1024);
        QVERIFY(!c);
    }
};

QTEST_MAIN(TestPortalGate)
#include "tst_portal_gate.moc"
