#include "core/evaluate/BrowserEvaluator.h"

#include "core/evaluate/BrowserEvaluator_p.h"
#include "core/evaluate/ZoneEvaluator.h"
#include "core/registry/RegPath.h"

namespace ssod::core::evaluate {

namespace {

const QString kHklmPolicies = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\");
const QString kHkcuPolicies = QStringLiteral("HKEY_CURRENT_USER\\SOFTWARE\\Policies\\");

QString chromiumSubkey(Browser b)
{
    switch (b) {
    case Browser::Chrome:
        return QStringLiteral("Google\\Chrome");
    case Browser::Edge:
        return QStringLiteral("Microsoft\\Edge");
    case Browser::Chromium:
    case Browser::Firefox:
    case Browser::InternetExplorer:
        break;
    }
    return QStringLiteral("Chromium");
}

QString unsupportedMessage(const registry::RegistryStore &store, Browser b, const QString &key)
{
    return BrowserEvaluator::tr(
        "%1 cannot hold %2 policy (%3): evaluate the file with the --browser it is for, or a "
        "SOFTWARE hive, a Registry.pol or a .reg export")
        .arg(store.description(), browserTitle(b), shortKey(key));
}

} // namespace

std::optional<Browser> browserFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("chrome"))
        return Browser::Chrome;
    if (n == QLatin1String("chromium"))
        return Browser::Chromium;
    if (n == QLatin1String("edge"))
        return Browser::Edge;
    if (n == QLatin1String("firefox"))
        return Browser::Firefox;
    if (n == QLatin1String("ie") || n == QLatin1String("internet-explorer"))
        return Browser::InternetExplorer;
    return std::nullopt;
}

QString browserName(Browser b)
{
    switch (b) {
    case Browser::Chrome:
        return QStringLiteral("chrome");
    case Browser::Chromium:
        return QStringLiteral("chromium");
    case Browser::Edge:
        return QStringLiteral("edge");
    case Browser::Firefox:
        return QStringLiteral("firefox");
    case Browser::InternetExplorer:
        break;
    }
    return QStringLiteral("ie");
}

QString browserTitle(Browser b)
{
    switch (b) {
    case Browser::Chrome:
        return QStringLiteral("Google Chrome");
    case Browser::Chromium:
        return QStringLiteral("Chromium");
    case Browser::Edge:
        return QStringLiteral("Microsoft Edge");
    case Browser::Firefox:
        return QStringLiteral("Firefox");
    case Browser::InternetExplorer:
        break;
    }
    return QStringLiteral("Internet Explorer");
}

std::optional<Platform> platformFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("windows"))
        return Platform::Windows;
    if (n == QLatin1String("linux"))
        return Platform::Linux;
    return std::nullopt;
}

QString platformName(Platform p)
{
    return p == Platform::Windows ? QStringLiteral("windows") : QStringLiteral("linux");
}

QString BrowserEvaluator::chromiumPolicyKey(Browser b)
{
    return kHklmPolicies + chromiumSubkey(b);
}

QString BrowserEvaluator::firefoxPolicyKey()
{
    return kHklmPolicies + QStringLiteral("Mozilla\\Firefox\\Authentication");
}

QStringList BrowserEvaluator::keysRead(const BrowserQuery &query)
{
    QStringList keys;
    for (const QString &policies : { kHklmPolicies, kHkcuPolicies }) {
        const QString root = policies.left(policies.indexOf(QLatin1Char('\\')) + 1);
        keys << policies + QStringLiteral("Microsoft\\Windows\\CurrentVersion\\Internet Settings")
             << root + QStringLiteral("SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings");
        if (query.browser == Browser::Firefox)
            keys << policies + QStringLiteral("Mozilla\\Firefox\\Authentication");
        else if (query.browser != Browser::InternetExplorer)
            keys << policies + chromiumSubkey(query.browser);
    }
    return keys;
}

Platform BrowserEvaluator::defaultPlatform(const registry::RegistryStore &store)
{
    using registry::StoreKind;
    const StoreKind k = store.kind();
    // Registry formats are Windows targets; the other stores present the browsers' JSON files.
    if (k == StoreKind::RegFile || k == StoreKind::PolFile || k == StoreKind::Hive
        || k == StoreKind::LiveRegistry)
        return Platform::Windows;
    return Platform::Linux;
}

Result<QUrl> BrowserEvaluator::parseUrl(const QString &text)
{
    const QString t = text.trimmed();
    const QUrl url(t, QUrl::StrictMode);
    const QString example = tr("give a full URL such as https://portal.contoso.com/");
    if (t.isEmpty())
        return Error::invalid(tr("the URL is empty: %1").arg(example));
    if (!url.isValid())
        return Error::invalid(tr("\"%1\" is not a valid URL (%2): %3").arg(t, url.errorString(), example));
    if (url.scheme().isEmpty() || url.host().isEmpty()) {
        if (!t.contains(QLatin1String("://")))
            return Error::invalid(tr("\"%1\" has no scheme: %2").arg(t, example));
        return Error::invalid(tr("\"%1\" has no host name: %2").arg(t, example));
    }
    if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        return Error::invalid(
            tr("\"%1\" is not an http or https URL; browsers use Negotiate for web sites only: %2")
                .arg(t, example));
    return url;
}

Result<std::optional<detail::FoundValue>> detail::firstValue(
    const PolicyReader &reader, const QStringList &keys, const QString &name)
{
    for (const QString &key : keys) {
        if (!reader.covers(key))
            continue;
        auto v = reader.store().value(key, name);
        if (!v)
            return v.error();
        if (v->has_value()) {
            const registry::RegValue &rv = **v;
            return std::optional<FoundValue>(FoundValue { key, name,
                rv.isString() ? rv.toString() : QString(), rv.isString(), rv.toDword(), rv.display() });
        }
    }
    return std::optional<FoundValue>();
}

PolicySource detail::noNegotiateSource(const BrowserVerdict &v)
{
    return { v.negotiateDecidedBy.policy, v.negotiateDecidedBy.key, v.negotiateDecidedBy.valueName,
        v.negotiateDecidedBy.entry,
        BrowserEvaluator::tr("Negotiate is not attempted for this URL, so there is nothing to delegate") };
}

Result<ZoneVerdict> detail::zoneOf(const PolicyReader &reader, BrowserVerdict &v)
{
    auto zone = ZoneEvaluator::evaluate(reader, v.url);
    if (!zone)
        return zone.error();
    v.considered << zone->considered;
    v.notes << zone->notes;
    v.zone = zone->zone;
    return zone;
}

Result<void> detail::evaluateInternetExplorer(const PolicyReader &reader, BrowserVerdict &v)
{
    // "Enable Integrated Windows Authentication" (Internet Options > Advanced): 0 turns Negotiate
    // off in IE, which then offers NTLM only. Policy location first, then the machine setting.
    auto enable = firstValue(reader,
        { kHklmPolicies + QStringLiteral("Microsoft\\Windows\\CurrentVersion\\Internet Settings"),
            QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\"
                           "Internet Settings") },
        QStringLiteral("EnableNegotiate"));
    if (!enable)
        return enable.error();
    auto zone = detail::zoneOf(reader, v);
    if (!zone)
        return zone.error();
    const QString zoneText
        = BrowserEvaluator::tr("%1 is in the %2 zone (%3)")
              .arg(v.url.host(), ZoneEvaluator::zoneName(zone->zone), zone->zoneDecidedBy.text);
    if (enable->has_value() && (*enable)->number == 0u) {
        const detail::FoundValue &f = **enable;
        v.negotiate = false;
        v.negotiateDecidedBy = { f.name, f.key, f.name, f.display,
            BrowserEvaluator::tr("%1\\EnableNegotiate = %2: \"Enable Integrated Windows "
                                 "Authentication\" is off, so Internet Explorer offers NTLM only")
                .arg(shortKey(f.key), f.display) };
        v.negotiateFix = { BrowserEvaluator::tr(
                               "Turn on \"Enable Integrated Windows Authentication\" (EnableNegotiate = 1)."),
            QStringLiteral("browser.ie-integrated-auth"), QStringLiteral("browser.ie-integrated-auth") };
    } else {
        v.negotiate = zone->automaticLogon;
        const bool logonDecides = zone->logonPolicyConfigured && zone->logonPolicy != 0x20000;
        const PolicySource &src
            = logonDecides || (!v.negotiate && zone->zone == 2) ? zone->logonDecidedBy : zone->zoneDecidedBy;
        v.negotiateDecidedBy = src;
        v.negotiateDecidedBy.text = zoneText + QStringLiteral("; ") + zone->logonDecidedBy.text;
        if (!v.negotiate)
            v.negotiateFix
                = { BrowserEvaluator::tr("Map %1 to the Local Intranet zone (Site to Zone Assignment List).")
                          .arg(v.url.host()),
                      QStringLiteral("browser.ie-intranet-zone"),
                      QStringLiteral("browser.ie-intranet-zone=") + v.url.host() };
    }
    // WinINet asks for a delegable ticket (ISC_REQ_DELEGATE) only in the Intranet and Trusted zones.
    const bool delegZone = zone->zone == 1 || zone->zone == 2;
    v.delegate = v.negotiate && delegZone;
    if (!v.negotiate)
        v.delegateDecidedBy = noNegotiateSource(v);
    else
        v.delegateDecidedBy = { zone->zoneDecidedBy.policy, zone->zoneDecidedBy.key,
            zone->zoneDecidedBy.valueName, zone->zoneDecidedBy.entry,
            delegZone ? BrowserEvaluator::tr("%1; Internet Explorer allows delegation in the Local "
                                             "Intranet and Trusted Sites zones")
                            .arg(zoneText)
                      : BrowserEvaluator::tr("%1; Internet Explorer allows delegation only in the "
                                             "Local Intranet and Trusted Sites zones")
                            .arg(zoneText) };
    if (v.delegate)
        v.notes << BrowserEvaluator::tr(
            "The ticket is delegated only if Active Directory trusts the web server's "
            "account for delegation (ok-as-delegate); that is not visible in these "
            "settings.");
    return {};
}

Result<BrowserVerdict> BrowserEvaluator::evaluate(
    const registry::RegistryStore &store, const BrowserQuery &query)
{
    auto url = parseUrl(query.url);
    if (!url)
        return url.error();
    BrowserVerdict v;
    v.url = *url;
    v.browser = query.browser;
    v.platform = query.platform.value_or(defaultPlatform(store));
    const PolicyReader reader(store);
    const QString host = url->host();

    Result<void> filled;
    switch (query.browser) {
    case Browser::InternetExplorer: {
        if (v.platform != Platform::Windows)
            return Error::invalid(
                tr("Internet Explorer runs on Windows only: evaluate it against a Windows registry "
                   "file, or pick another --browser"));
        const QString key = ZoneEvaluator::zoneMapKey();
        if (!reader.covers(key)
            && !reader.covers(
                QStringLiteral("HKEY_CURRENT_USER") + key.mid(QStringLiteral("HKEY_LOCAL_MACHINE").size())))
            return Error::unsupported(unsupportedMessage(store, query.browser, key));
        v.spn = QStringLiteral("HTTP/") + host; // WinINet leaves the port out by default (FACTS.md §6.5)
        filled = detail::evaluateInternetExplorer(reader, v);
        break;
    }
    case Browser::Firefox: {
        const QStringList keys { firefoxPolicyKey(),
            kHkcuPolicies + QStringLiteral("Mozilla\\Firefox\\Authentication") };
        if (!reader.covers(keys[0]) && !reader.covers(keys[1]))
            return Error::unsupported(unsupportedMessage(store, query.browser, keys[0]));
        // SSPI on Windows takes "HTTP/host"; GSSAPI a host-based service name "HTTP@host".
        v.spn = (v.platform == Platform::Windows ? QStringLiteral("HTTP/") : QStringLiteral("HTTP@")) + host;
        filled = detail::evaluateFirefox(reader, keys, v);
        break;
    }
    case Browser::Chrome:
    case Browser::Chromium:
    case Browser::Edge: {
        const QStringList keys { chromiumPolicyKey(query.browser),
            kHkcuPolicies + chromiumSubkey(query.browser) };
        if (!reader.covers(keys[0]) && !reader.covers(keys[1]))
            return Error::unsupported(unsupportedMessage(store, query.browser, keys[0]));
        v.spn = (v.platform == Platform::Windows ? QStringLiteral("HTTP/") : QStringLiteral("HTTP@")) + host;
        filled = detail::evaluateChromium(reader, keys, v);
        break;
    }
    }
    if (!filled)
        return filled.error();

    const QString title = browserTitle(query.browser);
    const QString target = url->toString(QUrl::RemoveUserInfo);
    v.explanation
        = (v.negotiate ? tr("%1 will try Kerberos (Negotiate) with the signed-in user's credentials for %2: "
                            "%3.")
                       : tr("%1 will not try Kerberos automatically for %2: %3."))
              .arg(title, target, v.negotiateDecidedBy.text);
    v.explanation += QLatin1Char(' ')
        + (v.delegate ? tr("It will ask for a delegable (forwardable) ticket, so %1 can act as the user: %2.")
                            .arg(host, v.delegateDecidedBy.text)
                      : tr("It will not delegate the user's credentials: %1.").arg(v.delegateDecidedBy.text));
    if (v.spnFromCanonicalName)
        v.notes << tr(
            "The SPN assumes %1 is not a DNS alias: %2 asks for the SPN of the canonical name (the CNAME "
            "target), and DNS is not evaluated offline.")
                       .arg(host, title);
    return v;
}

} // namespace ssod::core::evaluate
