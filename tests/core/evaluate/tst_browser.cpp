// Browser Negotiate verdicts from policy in registry form. Expected answers come from the
// browsers' documentation, not from the evaluator:
//  - Chrome/Edge policy docs: AuthServerAllowlist set → integrated authentication "only" for
//    servers in the list; unset → intranet detection (on Windows the zone); on Linux Chrome needs
//    the policy. AuthNegotiateDelegateAllowlist unset → "won't delegate user credentials even if a
//    server is detected as Intranet". Chromium's pattern rules (design doc "HTTP authentication",
//    proxy-bypass syntax): "*example.com" = any host ending in example.com, no '*' = exact host.
//  - Mozilla: Authentication.SPNEGO/Delegated = trusted-uris/delegation-uris, entries are domain
//    suffixes on a dot boundary or scheme://host:port prefixes (HttpAuthUtils grammar); dotless
//    hosts also pass when AllowNonFQDN.SPNEGO is true.
//  - IE: Site to Zone Assignment List (ZoneMapKey, "1" Local Intranet, "2" Trusted Sites);
//    automatic logon default "only in Intranet zone" (1A00 = 0x20000); ISC_REQ_DELEGATE only in
//    the Intranet and Trusted zones (FACTS.md §3(f)).
#include "RegFixture.h"
#include "core/evaluate/BrowserEvaluator.h"

#include <QTest>

using namespace ssod::core;
using namespace ssod::core::evaluate;

namespace {

QString chromeKey(const QString &sub = QStringLiteral("Google\\Chrome"))
{
    return QStringLiteral("[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\%1]\n").arg(sub);
}

QString chrome(const QString &allow, const QString &delegate = {}, const QString &extra = {})
{
    QString s = chromeKey();
    if (!allow.isNull())
        s += QStringLiteral("\"AuthServerAllowlist\"=\"%1\"\n").arg(allow);
    if (!delegate.isNull())
        s += QStringLiteral("\"AuthNegotiateDelegateAllowlist\"=\"%1\"\n").arg(delegate);
    return s + extra + QLatin1Char('\n');
}

QString firefoxList(const QString &name, const QStringList &entries)
{
    QString s
        = QStringLiteral("[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Mozilla\\Firefox\\Authentication\\%1]\n")
              .arg(name);
    for (qsizetype i = 0; i < entries.size(); ++i)
        s += QStringLiteral("\"%1\"=\"%2\"\n").arg(i + 1).arg(entries[i]);
    return s + QLatin1Char('\n');
}

const QString kNonFqdn = QStringLiteral(
    "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Mozilla\\Firefox\\Authentication\\AllowNonFQDN]\n\"SPNEGO\"="
    "dword:00000001\n\n");

QString zoneMap(const QList<QPair<QString, QString>> &sites)
{
    QString s = QStringLiteral(
        "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet "
        "Settings\\ZoneMapKey]\n");
    for (const auto &p : sites)
        s += QStringLiteral("\"%1\"=\"%2\"\n").arg(p.first, p.second);
    return s + QLatin1Char('\n');
}

QString zoneLogon(int zone, int value)
{
    return QStringLiteral(
        "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet "
        "Settings\\Zones\\%1]\n\"1A00\"=dword:%2\n\n")
        .arg(zone)
        .arg(value, 8, 16, QLatin1Char('0'));
}

} // namespace

class TestBrowserEvaluator final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    BrowserVerdict evaluate(const QString &reg, const QString &url, Browser browser, Platform platform)
    {
        auto store = fixture::openReg(m_dir, reg);
        const auto v = BrowserEvaluator::evaluate(*store, { url, browser, platform });
        if (!v)
            qFatal("evaluate failed: %s", qPrintable(v.error().toString()));
        return *v;
    }

private slots:
    void verdicts_data()
    {
        QTest::addColumn<QString>("reg");
        QTest::addColumn<QString>("url");
        QTest::addColumn<int>("browser");
        QTest::addColumn<int>("platform");
        QTest::addColumn<bool>("negotiate");
        QTest::addColumn<bool>("delegate");
        QTest::addColumn<QString>("negotiatePolicy"); ///< the policy (or value) that decided Negotiate
        QTest::addColumn<QString>("negotiateEntry");

        const int chromeB = int(Browser::Chrome), edgeB = int(Browser::Edge),
                  chromiumB = int(Browser::Chromium);
        const int ff = int(Browser::Firefox), ie = int(Browser::InternetExplorer);
        const int win = int(Platform::Windows), lnx = int(Platform::Linux);
        const QString portal = QStringLiteral("https://portal.contoso.com/");

        // Chrome / Chromium / Edge allowlists.
        QTest::newRow("chrome *.contoso.com matches portal")
            << chrome(QStringLiteral("*.contoso.com")) << portal << chromeB << win << true << false
            << "AuthServerAllowlist"
            << "*.contoso.com";
        QTest::newRow("chrome *.contoso.com not the apex")
            << chrome(QStringLiteral("*.contoso.com")) << "https://contoso.com/" << chromeB << lnx << false
            << false << "AuthServerAllowlist"
            << "*.contoso.com";
        QTest::newRow("chrome *contoso.com also notcontoso.com")
            << chrome(QStringLiteral("*contoso.com")) << "https://notcontoso.com/" << chromeB << lnx << true
            << false << "AuthServerAllowlist"
            << "*contoso.com";
        QTest::newRow("chrome contoso.com is that host only")
            << chrome(QStringLiteral("contoso.com")) << portal << chromeB << lnx << false << false
            << "AuthServerAllowlist"
            << "contoso.com";
        QTest::newRow("chrome list with spaces, second entry")
            << chrome(QStringLiteral("intranet, portal.contoso.com")) << portal << chromeB << lnx << true
            << false << "AuthServerAllowlist"
            << "portal.contoso.com";
        QTest::newRow("chrome allow + delegate")
            << chrome(QStringLiteral("*.contoso.com"), QStringLiteral("portal.contoso.com")) << portal
            << chromeB << lnx << true << true << "AuthServerAllowlist"
            << "*.contoso.com";
        QTest::newRow("chrome delegate list alone is not Negotiate")
            << chrome({}, QStringLiteral("portal.contoso.com")) << portal << chromeB << lnx << false << false
            << "AuthServerAllowlist"
            << "";
        QTest::newRow("chrome delegate list without this host")
            << chrome(QStringLiteral("*.contoso.com"), QStringLiteral("web.contoso.com")) << portal << chromeB
            << lnx << true << false << "AuthServerAllowlist"
            << "*.contoso.com";
        QTest::newRow("chrome unset on Linux")
            << QString() << portal << chromeB << lnx << false << false << "AuthServerAllowlist"
            << "";
        QTest::newRow("chrome unset on Windows, intranet zone")
            << zoneMap({ { QStringLiteral("*.contoso.com"), QStringLiteral("1") } }) << portal << chromeB
            << win << true << false << "ZoneMapKey"
            << "1";
        QTest::newRow("chrome unset on Windows, Internet zone")
            << QString() << portal << chromeB << win << false << false << "Windows default"
            << "";
        QTest::newRow("chrome unset on Windows, dotless intranet name")
            << QString() << "http://intranet/" << chromeB << win << true << false << "Windows default"
            << "";
        QTest::newRow("chrome old policy name")
            << chromeKey() + QStringLiteral("\"AuthServerWhitelist\"=\"*.contoso.com\"\n\n") << portal
            << chromeB << lnx << true << false << "AuthServerWhitelist"
            << "*.contoso.com";
        QTest::newRow("chrome AuthSchemes without negotiate")
            << chrome(QStringLiteral("*.contoso.com"), {}, QStringLiteral("\"AuthSchemes\"=\"basic,ntlm\"\n"))
            << portal << chromeB << lnx << false << false << "AuthSchemes"
            << "basic,ntlm";
        QTest::newRow("chrome scheme-specific entry, other scheme")
            << chrome(QStringLiteral("https://portal.contoso.com")) << "http://portal.contoso.com/" << chromeB
            << lnx << false << false << "AuthServerAllowlist"
            << "https://portal.contoso.com";
        QTest::newRow("edge reads its own key") << chrome(QStringLiteral("*.contoso.com")) << portal << edgeB
                                                << lnx << false << false << "AuthServerAllowlist"
                                                << "";
        QTest::newRow("edge key") << chromeKey(QStringLiteral("Microsoft\\Edge"))
                + QStringLiteral("\"AuthServerAllowlist\"=\"*.contoso.com\"\n\n")
                                  << portal << edgeB << lnx << true << false << "AuthServerAllowlist"
                                  << "*.contoso.com";
        QTest::newRow("chromium key") << chromeKey(QStringLiteral("Chromium"))
                + QStringLiteral("\"AuthServerAllowlist\"=\"portal.contoso.com\"\n\n")
                                      << portal << chromiumB << lnx << true << false << "AuthServerAllowlist"
                                      << "portal.contoso.com";

        // Firefox: domain suffix on a dot boundary, URL prefixes, non-FQDN, delegation.
        const QString ffDomain = firefoxList(QStringLiteral("SPNEGO"), { QStringLiteral("contoso.com") });
        QTest::newRow("firefox contoso.com matches portal")
            << ffDomain << portal << ff << lnx << true << false << "SPNEGO"
            << "contoso.com";
        QTest::newRow("firefox contoso.com matches the apex")
            << ffDomain << "https://contoso.com/" << ff << lnx << true << false << "SPNEGO"
            << "contoso.com";
        QTest::newRow("firefox contoso.com not notcontoso.com")
            << ffDomain << "https://notcontoso.com/" << ff << lnx << false << false << "SPNEGO"
            << "contoso.com";
        QTest::newRow("firefox .contoso.com not the apex")
            << firefoxList(QStringLiteral("SPNEGO"), { QStringLiteral(".contoso.com") })
            << "https://contoso.com/" << ff << lnx << false << false << "SPNEGO"
            << ".contoso.com";
        const QString ffPrefix
            = firefoxList(QStringLiteral("SPNEGO"), { QStringLiteral("https://app.contoso.com") });
        QTest::newRow("firefox https prefix, https URL")
            << ffPrefix << "https://app.contoso.com/x" << ff << lnx << true << false << "SPNEGO"
            << "https://app.contoso.com";
        QTest::newRow("firefox https prefix, http URL")
            << ffPrefix << "http://app.contoso.com/" << ff << lnx << false << false << "SPNEGO"
            << "https://app.contoso.com";
        QTest::newRow("firefox scheme only covers every host")
            << firefoxList(QStringLiteral("SPNEGO"), { QStringLiteral("https://") })
            << "https://anything.example/" << ff << lnx << true << false << "SPNEGO"
            << "https://";
        const QString ffPort
            = firefoxList(QStringLiteral("SPNEGO"), { QStringLiteral("portal.contoso.com:8443") });
        QTest::newRow("firefox port entry, default port")
            << ffPort << portal << ff << lnx << false << false << "SPNEGO"
            << "portal.contoso.com:8443";
        QTest::newRow("firefox port entry, that port")
            << ffPort << "https://portal.contoso.com:8443/" << ff << lnx << true << false << "SPNEGO"
            << "portal.contoso.com:8443";
        QTest::newRow("firefox no wildcards")
            << firefoxList(QStringLiteral("SPNEGO"), { QStringLiteral("*.contoso.com") }) << portal << ff
            << lnx << false << false << "SPNEGO"
            << "*.contoso.com";
        QTest::newRow("firefox dotless host, no AllowNonFQDN")
            << ffDomain << "http://wiki/" << ff << lnx << false << false << "SPNEGO"
            << "contoso.com";
        QTest::newRow("firefox dotless host with AllowNonFQDN")
            << ffDomain + kNonFqdn << "http://wiki/" << ff << lnx << true << false << "AllowNonFQDN"
            << "1 (0x00000001)";
        QTest::newRow("firefox AllowNonFQDN is for dotless hosts only")
            << kNonFqdn << portal << ff << lnx << false << false << "SPNEGO"
            << "";
        QTest::newRow("firefox delegated")
            << ffDomain + firefoxList(QStringLiteral("Delegated"), { QStringLiteral("portal.contoso.com") })
            << portal << ff << lnx << true << true << "SPNEGO"
            << "contoso.com";
        QTest::newRow("firefox delegated alone")
            << firefoxList(QStringLiteral("Delegated"), { QStringLiteral("contoso.com") }) << portal << ff
            << lnx << false << false << "SPNEGO"
            << "";
        QTest::newRow("firefox not configured")
            << QString() << portal << ff << win << false << false << "SPNEGO"
            << "";

        // Internet Explorer: zone, logon option, delegation.
        QTest::newRow("ie intranet zone")
            << zoneMap({ { QStringLiteral("*.contoso.com"), QStringLiteral("1") } }) << portal << ie << win
            << true << true << "ZoneMapKey"
            << "1";
        QTest::newRow("ie trusted zone, default logon")
            << zoneMap({ { QStringLiteral("*.contoso.com"), QStringLiteral("2") } }) << portal << ie << win
            << false << false << "Windows default"
            << "";
        QTest::newRow("ie trusted zone, automatic logon")
            << zoneMap({ { QStringLiteral("*.contoso.com"), QStringLiteral("2") } }) + zoneLogon(2, 0)
            << portal << ie << win << true << true << "1A00"
            << "0 (0x00000000)";
        QTest::newRow("ie intranet zone set to prompt")
            << zoneMap({ { QStringLiteral("*.contoso.com"), QStringLiteral("1") } }) + zoneLogon(1, 0x10000)
            << portal << ie << win << false << false << "1A00"
            << "65536 (0x00010000)";
        QTest::newRow("ie unmapped FQDN is Internet")
            << QString() << portal << ie << win << false << false << "Windows default"
            << "";
        QTest::newRow("ie Internet zone with automatic logon, no delegation")
            << zoneMap({ { QStringLiteral("portal.contoso.com"), QStringLiteral("3") } }) + zoneLogon(3, 0)
            << portal << ie << win << true << false << "1A00"
            << "0 (0x00000000)";
        QTest::newRow("ie most specific site wins")
            << zoneMap({ { QStringLiteral("*.contoso.com"), QStringLiteral("1") },
                   { QStringLiteral("ext.contoso.com"), QStringLiteral("4") } })
            << "https://ext.contoso.com/" << ie << win << false << false << "ZoneMapKey"
            << "4";
        QTest::newRow("ie protocol-specific site, other protocol")
            << zoneMap({ { QStringLiteral("https://portal.contoso.com"), QStringLiteral("1") } })
            << "http://portal.contoso.com/" << ie << win << false << false << "Windows default"
            << "";
        QTest::newRow("ie dotless name is intranet")
            << QString() << "http://intranet/" << ie << win << true << true << "Windows default"
            << "";
        QTest::newRow("ie IntranetName off")
            << QStringLiteral(
                   "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet "
                   "Settings\\ZoneMap]\n\"IntranetName\"=dword:00000000\n\n")
            << "http://intranet/" << ie << win << false << false << "IntranetName"
            << "0 (0x00000000)";
        QTest::newRow("ie integrated auth off")
            << zoneMap({ { QStringLiteral("*.contoso.com"), QStringLiteral("1") } })
                + QStringLiteral(
                    "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings]\n"
                    "\"EnableNegotiate\"=dword:00000000\n\n")
            << portal << ie << win << false << false << "EnableNegotiate"
            << "0 (0x00000000)";
    }

    void verdicts()
    {
        QFETCH(QString, reg);
        QFETCH(QString, url);
        QFETCH(int, browser);
        QFETCH(int, platform);
        QFETCH(bool, negotiate);
        QFETCH(bool, delegate);
        QFETCH(QString, negotiatePolicy);
        QFETCH(QString, negotiateEntry);
        const BrowserVerdict v = evaluate(reg, url, Browser(browser), Platform(platform));
        QCOMPARE(v.negotiate, negotiate);
        QCOMPARE(v.delegate, delegate);
        QCOMPARE(v.negotiateDecidedBy.policy, negotiatePolicy);
        QCOMPARE(v.negotiateDecidedBy.entry, negotiateEntry);
        QVERIFY(!v.negotiateDecidedBy.text.isEmpty());
        QVERIFY(!v.delegateDecidedBy.text.isEmpty());
        QVERIFY(!v.explanation.isEmpty());
        QCOMPARE(v.negotiateFix.text.isEmpty(), negotiate);
    }

    void zoneNumbersAreReported()
    {
        const BrowserVerdict v
            = evaluate(zoneMap({ { QStringLiteral("*.contoso.com"), QStringLiteral("2") } }),
                QStringLiteral("https://portal.contoso.com/"), Browser::InternetExplorer, Platform::Windows);
        QCOMPARE(v.zone, 2);
        QVERIFY2(v.notes.join(QLatin1Char(' ')).contains(QLatin1String("1A00")),
            qPrintable(v.notes.join(QLatin1Char('|'))));
        const BrowserVerdict c = evaluate(chrome(QStringLiteral("*.contoso.com")),
            QStringLiteral("https://portal.contoso.com/"), Browser::Chrome, Platform::Windows);
        QCOMPARE(c.zone, -1); // the allowlist decided; no zone was consulted
    }

    void spnFollowsPlatformAndPortPolicy()
    {
        const QString allow = chrome(QStringLiteral("*.contoso.com"));
        const QString url = QStringLiteral("https://portal.contoso.com:8443/");
        QCOMPARE(evaluate(allow, url, Browser::Chrome, Platform::Windows).spn,
            QStringLiteral("HTTP/portal.contoso.com"));
        QCOMPARE(evaluate(allow, url, Browser::Chrome, Platform::Linux).spn,
            QStringLiteral("HTTP@portal.contoso.com"));
        const QString withPort = chrome(QStringLiteral("*.contoso.com"), {},
            QStringLiteral("\"EnableAuthNegotiatePort\"=dword:00000001\n"));
        QCOMPARE(evaluate(withPort, url, Browser::Chrome, Platform::Windows).spn,
            QStringLiteral("HTTP/portal.contoso.com:8443"));
        // "a port other than 80 or 443": the standard ports never appear.
        QCOMPARE(evaluate(withPort, QStringLiteral("https://portal.contoso.com/"), Browser::Chrome,
                     Platform::Windows)
                     .spn,
            QStringLiteral("HTTP/portal.contoso.com"));
        QCOMPARE(evaluate({}, QStringLiteral("http://intranet:8080/"), Browser::InternetExplorer,
                     Platform::Windows)
                     .spn,
            QStringLiteral("HTTP/intranet"));
        const BrowserVerdict cname
            = evaluate(chrome(QStringLiteral("*.contoso.com"), {},
                           QStringLiteral("\"DisableAuthNegotiateCnameLookup\"=dword:00000001\n")),
                QStringLiteral("https://portal.contoso.com/"), Browser::Chrome, Platform::Linux);
        QVERIFY(!cname.spnFromCanonicalName);
        QVERIFY(evaluate(allow, url, Browser::Chrome, Platform::Linux).spnFromCanonicalName);
    }

    void wrongTypeIsIgnoredAndSaid()
    {
        // Chrome's schema says string: a DWORD, or a list subkey, is rejected by the browser.
        const BrowserVerdict v
            = evaluate(chromeKey() + QStringLiteral("\"AuthServerAllowlist\"=dword:00000001\n\n"),
                QStringLiteral("https://portal.contoso.com/"), Browser::Chrome, Platform::Linux);
        QVERIFY(!v.negotiate);
        QVERIFY(v.notes.join(QLatin1Char(' ')).contains(QLatin1String("wrong type")));
    }

    void fixesNameTheCatalogSettings()
    {
        const BrowserVerdict v
            = evaluate({}, QStringLiteral("https://portal.contoso.com/"), Browser::Chromium, Platform::Linux);
        QCOMPARE(v.negotiateFix.spec, QStringLiteral("browser.negotiate-allowlist=portal.contoso.com"));
        QCOMPARE(v.delegateFix.spec, QStringLiteral("browser.delegate-allowlist=portal.contoso.com"));
        const BrowserVerdict ie = evaluate(
            {}, QStringLiteral("https://portal.contoso.com/"), Browser::InternetExplorer, Platform::Windows);
        QCOMPARE(ie.negotiateFix.spec, QStringLiteral("browser.ie-intranet-zone=portal.contoso.com"));
    }

    void badInput()
    {
        auto store = fixture::openReg(m_dir, {});
        for (const char *bad :
            { "", "portal.contoso.com", "ftp://portal.contoso.com/", "https://", "http://exa mple/" }) {
            const auto v = BrowserEvaluator::evaluate(
                *store, { QLatin1String(bad), Browser::Chrome, Platform::Windows });
            QVERIFY2(!v, bad);
            QCOMPARE(v.error().code, Error::Code::InvalidInput);
            QVERIFY2(v.error().message.contains(QLatin1String("https://portal.contoso.com/")),
                qPrintable(v.error().message));
        }
        const auto ieLinux = BrowserEvaluator::evaluate(*store,
            { QStringLiteral("https://portal.contoso.com/"), Browser::InternetExplorer, Platform::Linux });
        QVERIFY(!ieLinux);
        QVERIFY(ieLinux.error().message.contains(QLatin1String("Windows only")));
    }

    void platformDefaultsFromTheStore()
    {
        auto store = fixture::openReg(m_dir, {});
        QCOMPARE(BrowserEvaluator::defaultPlatform(*store), Platform::Windows);
        QCOMPARE(browserFromName(QStringLiteral("IE")), Browser::InternetExplorer);
        QVERIFY(!browserFromName(QStringLiteral("safari")));
    }
};

QTEST_GUILESS_MAIN(TestBrowserEvaluator)
#include "tst_browser.moc"
