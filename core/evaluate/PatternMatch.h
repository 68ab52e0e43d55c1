#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

/// The pattern languages of the policies the evaluators read. Each client has its own rules; the
/// functions are separate so that a test can pin each one down against its documentation.
namespace ssod::core::evaluate::pattern {

struct Match {
    bool matched = false;
    QString note; ///< why an entry cannot match (malformed, unsupported syntax); empty otherwise
};

/// A Credentials Delegation server-list entry against an SPN ("TERMSRV/rdsh01.contoso.com").
/// CredSsp.admx explain text: entries are SPNs, "the use of a single wildcard character is
/// permitted"; TERMSRV/* is every host, TERMSRV/*.humanresources.fabrikam.com every host "in
/// .humanresources.fabrikam.com". Case-insensitive. The wildcard matches any run of characters,
/// so *.contoso.com covers every depth below contoso.com but not contoso.com itself (the dot is
/// literal). Entries with two or more wildcards are outside the documented syntax and never match.
Match credSspEntry(const QString &entry, const QString &spn);

/// A Chromium AuthServerAllowlist / AuthNegotiateDelegateAllowlist entry against a URL. Chromium
/// parses the list with its proxy-bypass rule syntax: [scheme://]host-pattern[:port] with '*' (and
/// '?') wildcards anywhere, ".suffix" meaning "*.suffix", IP literals, IP/prefix ranges, "<local>"
/// (host names without a dot) and "*" for everything. A pattern without a wildcard matches that
/// host only: "example.com" does not cover "www.example.com"; "*example.com" covers both and also
/// "notexample.com"; "*.example.com" covers subdomains but not example.com.
Match chromiumEntry(const QString &entry, const QUrl &url);
/// Splits a Chromium list value: entries are separated by ',' (';' is accepted too), blanks trimmed.
QStringList splitChromiumList(const QString &value);

/// A Firefox network.negotiate-auth.trusted-uris / delegation-uris entry (policies.json
/// Authentication.SPNEGO / Delegated) against a URL. Mozilla's grammar: base-url = scheme "://" |
/// host [":" port] | scheme "://" host [":" port]. The host is a domain suffix on a dot boundary:
/// "contoso.com" matches contoso.com and portal.contoso.com but not notcontoso.com; ".contoso.com"
/// matches subdomains only; an empty host ("https://") matches every host of the scheme. There are
/// no wildcards: "*.contoso.com" matches nothing. The port, when given, must equal the URL's port
/// (the scheme's default when the URL has none).
Match firefoxEntry(const QString &entry, const QUrl &url);

/// A Site to Zone Assignment List site (ZoneMapKey value name) against a URL.
struct ZoneMatch {
    bool matched = false;
    int specificity = 0; ///< the most specific matching site decides; higher is more specific
    QString note;
};

/// Site to Zone Assignment List explain text: the value name is "a host for an intranet site, or a
/// fully qualified domain name for other sites", optionally with a protocol ("http://www.contoso.com"
/// affects http only, "www.contoso.com" every protocol), or an IP address or range
/// ("127.0.0.1-10"). "*.contoso.com" is read as every host below contoso.com; a name without a
/// wildcard as that host only (IE's treatment of a bare domain is undocumented).
ZoneMatch zoneMapEntry(const QString &site, const QUrl &url);

/// True for "10.0.0.5", "::1" and "[::1]".
bool isIpLiteral(const QString &host);
/// A host name without a dot that is not an IP address ("portal", "localhost").
bool isDotless(const QString &host);
/// Case-insensitive glob with '*' (any run) and '?' (one character).
bool glob(const QString &pattern, const QString &text);

} // namespace ssod::core::evaluate::pattern
