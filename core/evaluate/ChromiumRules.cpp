// Chrome, Chromium and Edge. Sources: Chrome/Edge policy documentation of AuthServerAllowlist
// ("Integrated authentication is only on when Google Chrome gets an authentication challenge from
// a proxy or from a server in this permitted list"; unset: "tries to detect if a server is on the
// intranet"), AuthNegotiateDelegateAllowlist (unset: "won't delegate user credentials even if a
// server is detected as Intranet"), EnableAuthNegotiatePort, DisableAuthNegotiateCnameLookup,
// AuthSchemes; FACTS.md §3(f) and §6.5. Intranet detection is the Windows zone and its logon option
// (Chromium defers to WinINet's URL action for credentials); on Linux there is none, so without
// an allowlist Chromium uses no Kerberos ticket automatically.

#include "core/evaluate/BrowserEvaluator_p.h"
#include "core/evaluate/PatternMatch.h"
#include "core/evaluate/ZoneEvaluator.h"
#include "core/registry/RegPath.h"

namespace ssod::core::evaluate::detail {

namespace {

QString tr(const char *text)
{
    return BrowserEvaluator::tr(text);
}

/// An allowlist policy as Chromium would load it: the current name, else the pre-86 name.
struct ChromiumList {
    std::optional<FoundValue> value; ///< empty: not set (or set in a form Chromium ignores)
    QStringList notes;
};

Result<ChromiumList> readList(
    const PolicyReader &reader, const QStringList &keys, const QString &name, const QString &oldName)
{
    ChromiumList out;
    for (const QString &n : { name, oldName }) {
        auto f = firstValue(reader, keys, n);
        if (!f)
            return f.error();
        if (!f->has_value()) {
            for (const QString &key : keys) {
                auto listKey = reader.keyExists(registry::path::join(key, n));
                if (!listKey)
                    return listKey.error();
                if (*listKey)
                    out.notes << tr(
                        "%1 is written as a list (subkey %2); the policy is one comma-separated string, "
                        "so Chromium ignores it.")
                                     .arg(n, shortKey(registry::path::join(key, n)));
            }
            continue;
        }
        if (!(*f)->isString) {
            out.notes << tr("%1 is %2, not a string: Chromium ignores a policy of the wrong type.")
                             .arg(n, (*f)->display);
            continue;
        }
        if ((*f)->text.trimmed().isEmpty()) {
            out.notes << tr("%1 is empty: treated as not set.").arg(n);
            continue;
        }
        if (out.value) {
            out.notes << tr("%1 (the name before Chrome 86) is also set and is ignored: %2 takes precedence.")
                             .arg(oldName, name);
            break;
        }
        out.value = *f;
        if (n == oldName)
            out.notes << tr("Uses the old policy name %1; current browsers call it %2.").arg(oldName, name);
    }
    return out;
}

/// Matches every entry of \a list, recording them; returns the first match.
std::optional<QString> matchList(const FoundValue &list, BrowserVerdict &v)
{
    std::optional<QString> first;
    for (const QString &entry : pattern::splitChromiumList(list.text)) {
        const pattern::Match m = pattern::chromiumEntry(entry, v.url);
        v.considered << ConsideredEntry { list.name, list.key, list.name, entry, m.matched, true, m.note };
        if (m.matched && !first)
            first = entry;
    }
    return first;
}

} // namespace

Result<void> evaluateChromium(const PolicyReader &reader, const QStringList &keys, BrowserVerdict &v)
{
    const QString host = v.url.host();
    const QString title = browserTitle(v.browser);

    // The SPN the browser will ask for.
    auto port = firstValue(reader, keys, QStringLiteral("EnableAuthNegotiatePort"));
    if (!port)
        return port.error();
    const int urlPort = v.url.port();
    if (port->has_value() && (*port)->number.value_or(0) == 1 && urlPort != -1 && urlPort != 80
        && urlPort != 443)
        v.spn += QLatin1Char(':') + QString::number(urlPort);
    auto cname = firstValue(reader, keys, QStringLiteral("DisableAuthNegotiateCnameLookup"));
    if (!cname)
        return cname.error();
    if (cname->has_value() && (*cname)->number.value_or(0) == 1) {
        v.spnFromCanonicalName = false;
        v.notes << tr(
            "DisableAuthNegotiateCnameLookup = 1: the SPN uses the name as typed, even for a DNS alias.");
    }

    // AuthSchemes can switch Negotiate off altogether.
    auto schemes = firstValue(reader, keys, QStringLiteral("AuthSchemes"));
    if (!schemes)
        return schemes.error();
    if (schemes->has_value() && (*schemes)->isString) {
        const FoundValue &s = **schemes;
        const QStringList names = s.text.toLower().split(QLatin1Char(','), Qt::SkipEmptyParts);
        bool negotiate = false;
        for (const QString &n : names)
            negotiate = negotiate || n.trimmed() == QLatin1String("negotiate");
        if (!negotiate) {
            v.negotiate = false;
            v.negotiateDecidedBy = { s.name, s.key, s.name, s.text,
                tr("%1\\AuthSchemes = \"%2\" does not include negotiate").arg(shortKey(s.key), s.text) };
            v.delegate = false;
            v.delegateDecidedBy = noNegotiateSource(v);
            v.negotiateFix
                = { tr("Add negotiate to AuthSchemes (or remove the policy: all schemes are then allowed)."),
                      {}, {} };
            return {};
        }
    }

    // Negotiate with the user's credentials: the allowlist, else the platform's intranet rule.
    auto allow = readList(
        reader, keys, QStringLiteral("AuthServerAllowlist"), QStringLiteral("AuthServerWhitelist"));
    if (!allow)
        return allow.error();
    v.notes << allow->notes;
    if (allow->value) {
        const FoundValue &l = *allow->value;
        if (const auto entry = matchList(l, v)) {
            v.negotiate = true;
            v.negotiateDecidedBy = { l.name, l.key, l.name, *entry,
                tr("%1\\%2 = \"%3\": entry \"%4\" matches %5")
                    .arg(shortKey(l.key), l.name, l.text, *entry, host) };
        } else {
            v.negotiate = false;
            v.negotiateDecidedBy = { l.name, l.key, l.name, l.text,
                tr("%1\\%2 = \"%3\": no entry matches %4, and with the list set nothing else gets "
                   "integrated authentication")
                    .arg(shortKey(l.key), l.name, l.text, host) };
            v.negotiateFix
                = { tr("Add %1 to AuthServerAllowlist (a pattern such as *.contoso.com covers a whole "
                       "domain).")
                          .arg(host),
                      QStringLiteral("browser.negotiate-allowlist"),
                      QStringLiteral("browser.negotiate-allowlist=") + host };
        }
    } else if (v.platform == Platform::Windows) {
        auto zone = zoneOf(reader, v);
        if (!zone)
            return zone.error();
        v.negotiate = zone->automaticLogon;
        const bool logonDecides = zone->logonPolicyConfigured && zone->logonPolicy != 0x20000;
        v.negotiateDecidedBy
            = logonDecides || (!v.negotiate && zone->zone == 2) ? zone->logonDecidedBy : zone->zoneDecidedBy;
        v.negotiateDecidedBy.text
            = tr("AuthServerAllowlist is not set, so the Windows zone decides: %1 is in the %2 "
                 "zone (%3); %4")
                  .arg(host, ZoneEvaluator::zoneName(zone->zone), zone->zoneDecidedBy.text,
                      zone->logonDecidedBy.text);
        if (!v.negotiate)
            v.negotiateFix
                = { tr("Map %1 to the Local Intranet zone, or list it in AuthServerAllowlist.").arg(host),
                      QStringLiteral("browser.ie-intranet-zone"),
                      QStringLiteral("browser.ie-intranet-zone=") + host };
    } else {
        v.negotiate = false;
        v.negotiateDecidedBy = { QStringLiteral("AuthServerAllowlist"), keys.first(),
            QStringLiteral("AuthServerAllowlist"), {},
            tr("AuthServerAllowlist is not set, and on Linux %1 uses the signed-in user's Kerberos "
               "ticket only for servers in that list")
                .arg(title) };
        v.negotiateFix = { tr("List %1 in AuthServerAllowlist.").arg(host),
            QStringLiteral("browser.negotiate-allowlist"),
            QStringLiteral("browser.negotiate-allowlist=") + host };
    }

    // Delegation: only to servers in the delegate allowlist.
    auto deleg = readList(reader, keys, QStringLiteral("AuthNegotiateDelegateAllowlist"),
        QStringLiteral("AuthNegotiateDelegateWhitelist"));
    if (!deleg)
        return deleg.error();
    v.notes << deleg->notes;
    std::optional<QString> delegEntry;
    if (deleg->value)
        delegEntry = matchList(*deleg->value, v);
    if (delegEntry && v.negotiate) {
        const FoundValue &l = *deleg->value;
        v.delegate = true;
        v.delegateDecidedBy = { l.name, l.key, l.name, *delegEntry,
            tr("%1\\%2 = \"%3\": entry \"%4\" matches %5")
                .arg(shortKey(l.key), l.name, l.text, *delegEntry, host) };
        auto byKdc = firstValue(reader, keys, QStringLiteral("AuthNegotiateDelegateByKdcPolicy"));
        if (!byKdc)
            return byKdc.error();
        if (byKdc->has_value() && (*byKdc)->number.value_or(0) == 1 && v.platform != Platform::Windows)
            v.notes << tr(
                "AuthNegotiateDelegateByKdcPolicy = 1: delegation also needs the KDC's ok-as-delegate flag "
                "on the service ticket.");
    } else if (delegEntry) {
        v.delegate = false;
        v.delegateDecidedBy = noNegotiateSource(v);
    } else {
        v.delegate = false;
        if (deleg->value) {
            const FoundValue &l = *deleg->value;
            v.delegateDecidedBy = { l.name, l.key, l.name, l.text,
                tr("%1\\%2 = \"%3\": no entry matches %4").arg(shortKey(l.key), l.name, l.text, host) };
        } else {
            v.delegateDecidedBy = { QStringLiteral("AuthNegotiateDelegateAllowlist"), keys.first(),
                QStringLiteral("AuthNegotiateDelegateAllowlist"), {},
                tr("AuthNegotiateDelegateAllowlist is not set, and %1 then delegates to no server, "
                   "not even intranet ones")
                    .arg(title) };
        }
        v.delegateFix = { tr("List %1 in AuthNegotiateDelegateAllowlist.").arg(host),
            QStringLiteral("browser.delegate-allowlist"),
            QStringLiteral("browser.delegate-allowlist=") + host };
    }
    return {};
}

} // namespace ssod::core::evaluate::detail
