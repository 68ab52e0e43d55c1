// Firefox. Sources: Mozilla enterprise policy reference, "Authentication" (SPNEGO → preference
// network.negotiate-auth.trusted-uris, Delegated → network.negotiate-auth.delegation-uris,
// AllowNonFQDN.SPNEGO → network.negotiate-auth.allow-non-fqdn; registry form
// Software\Policies\Mozilla\Firefox\Authentication\SPNEGO\1 = "mydomain.com"); the grammar of the
// URI lists in Mozilla's HttpAuthUtils.h (see PatternMatch.h). Firefox answers a Negotiate
// challenge when the host is dotless and allow-non-fqdn is on, or when trusted-uris matches; both
// lists are empty by default, so without policy Firefox uses Negotiate for no site.

#include "core/evaluate/BrowserEvaluator_p.h"
#include "core/evaluate/PatternMatch.h"
#include "core/registry/RegPath.h"

namespace ssod::core::evaluate::detail {

namespace {

QString tr(const char *text)
{
    return BrowserEvaluator::tr(text);
}

struct FirefoxList {
    QString key; ///< the list's key; the machine one when neither exists
    bool exists = false;
    QList<ListValue> values;
};

/// Machine policy wins over user policy: the first Authentication key holding the list is used.
Result<FirefoxList> readList(const PolicyReader &reader, const QStringList &authKeys, const QString &name)
{
    FirefoxList out { registry::path::join(authKeys.first(), name), false, {} };
    for (const QString &auth : authKeys) {
        const QString key = registry::path::join(auth, name);
        auto exists = reader.keyExists(key);
        if (!exists)
            return exists.error();
        if (!*exists)
            continue;
        auto values = reader.list(key);
        if (!values)
            return values.error();
        return FirefoxList { key, true, *values };
    }
    return out;
}

std::optional<ListValue> matchList(const FirefoxList &l, const QString &policy, BrowserVerdict &v)
{
    std::optional<ListValue> first;
    for (const ListValue &lv : l.values) {
        ConsideredEntry e { policy, l.key, lv.valueName, lv.text, false, lv.isString, {} };
        if (!lv.isString) {
            e.note = tr("not a string value: ignored");
        } else {
            const pattern::Match m = pattern::firefoxEntry(lv.text, v.url);
            e.matched = m.matched;
            e.note = m.note;
            if (m.matched && !first)
                first = lv;
        }
        v.considered << e;
    }
    return first;
}

QString listText(const FirefoxList &l)
{
    QStringList items;
    for (const ListValue &lv : l.values)
        items << lv.text;
    return items.join(QLatin1String(", "));
}

} // namespace

Result<void> evaluateFirefox(const PolicyReader &reader, const QStringList &authKeys, BrowserVerdict &v)
{
    const QString host = v.url.host();
    v.spnFromCanonicalName = false; // undocumented for Firefox: said in the notes instead
    auto spnego = readList(reader, authKeys, QStringLiteral("SPNEGO"));
    if (!spnego)
        return spnego.error();
    QStringList nonFqdnKeys;
    for (const QString &k : authKeys)
        nonFqdnKeys << registry::path::join(k, QStringLiteral("AllowNonFQDN"));
    auto nonFqdn = firstValue(reader, nonFqdnKeys, QStringLiteral("SPNEGO"));
    if (!nonFqdn)
        return nonFqdn.error();
    const bool allowNonFqdn = nonFqdn->has_value() && (*nonFqdn)->number.value_or(0) != 0;
    const bool dotless = pattern::isDotless(host);

    const std::optional<ListValue> match = matchList(*spnego, QStringLiteral("SPNEGO"), v);
    if (match) {
        v.negotiate = true;
        v.negotiateDecidedBy = { QStringLiteral("SPNEGO"), spnego->key, match->valueName, match->text,
            tr("%1\\%2 = \"%3\" matches %4 (Authentication.SPNEGO, network.negotiate-auth."
               "trusted-uris)")
                .arg(shortKey(spnego->key), match->valueName, match->text, host) };
    } else if (dotless && allowNonFqdn) {
        const FoundValue &f = **nonFqdn;
        v.negotiate = true;
        v.negotiateDecidedBy = { QStringLiteral("AllowNonFQDN"), f.key, f.name, f.display,
            tr("%1\\SPNEGO = %2 (AllowNonFQDN.SPNEGO): Firefox uses Negotiate for every host name "
               "without a dot, such as %3")
                .arg(shortKey(f.key), f.display, host) };
    } else {
        v.negotiate = false;
        const QString why = spnego->exists && !spnego->values.isEmpty()
            ? tr("%1 lists %2; none matches %3 (entries match the host or a parent domain on a dot "
                 "boundary)")
                  .arg(shortKey(spnego->key), listText(*spnego), host)
            : tr("Authentication.SPNEGO is not set, and Firefox then uses Negotiate for no site "
                 "(network.negotiate-auth.trusted-uris is empty by default)");
        v.negotiateDecidedBy = { QStringLiteral("SPNEGO"), spnego->key, {}, listText(*spnego), why };
        if (dotless)
            v.notes << tr(
                "%1 is not a fully qualified name: list it as it is typed, or set AllowNonFQDN.SPNEGO to "
                "true (network.negotiate-auth.allow-non-fqdn), which trusts every dotless name.")
                           .arg(host);
        v.negotiateFix = { tr("Add %1 to Authentication.SPNEGO (a domain such as contoso.com also covers its "
                              "subdomains).")
                               .arg(host),
            QStringLiteral("browser.negotiate-allowlist"),
            QStringLiteral("browser.negotiate-allowlist=") + host };
    }

    auto delegated = readList(reader, authKeys, QStringLiteral("Delegated"));
    if (!delegated)
        return delegated.error();
    const std::optional<ListValue> dmatch = matchList(*delegated, QStringLiteral("Delegated"), v);
    if (dmatch && v.negotiate) {
        v.delegate = true;
        v.delegateDecidedBy = { QStringLiteral("Delegated"), delegated->key, dmatch->valueName, dmatch->text,
            tr("%1\\%2 = \"%3\" matches %4 (Authentication.Delegated, network.negotiate-auth."
               "delegation-uris)")
                .arg(shortKey(delegated->key), dmatch->valueName, dmatch->text, host) };
    } else if (dmatch) {
        v.delegate = false;
        v.delegateDecidedBy = noNegotiateSource(v);
    } else {
        v.delegate = false;
        v.delegateDecidedBy = { QStringLiteral("Delegated"), delegated->key, {}, listText(*delegated),
            delegated->exists && !delegated->values.isEmpty()
                ? tr("%1 lists %2; none matches %3").arg(shortKey(delegated->key), listText(*delegated), host)
                : tr("Authentication.Delegated is not set, and Firefox then delegates to no site") };
        v.delegateFix = { tr("Add %1 to Authentication.Delegated.").arg(host),
            QStringLiteral("browser.delegate-allowlist"),
            QStringLiteral("browser.delegate-allowlist=") + host };
    }
    v.notes << tr(
        "Only enterprise policy is read: preferences a user set in about:config or user.js are not visible "
        "here. Whether Firefox canonicalizes a DNS alias for the SPN is not documented.");
    return {};
}

} // namespace ssod::core::evaluate::detail
