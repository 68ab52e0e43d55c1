// The rule each client follows to build the SPN it requests, as data: service class, how the host
// name is canonicalized, whether the port goes in, and the words (with their source) the user reads.
// Sources: FACTS.md §6.5 and §9 unless a rule names another.
#include "core/directory/Krb5NameSettings.h"
#include "core/directory/SpnClientRules_p.h"

#include <QCoreApplication>
#include <array>

namespace ssod::core::directory::detail {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("SpnClientRules", text);
}

enum class Canon {
    FollowCname, ///< resolve the name and use the CNAME chain's end (IE, Chromium, Firefox/SSPI)
    AsTyped, ///< use the name as typed (mstsc, WinRM)
    Krb5, ///< MIT krb5's krb5.conf-driven canonicalization (curl)
};

struct Rule {
    ClientProfile client;
    const char *serviceClass;
    Canon canon;
    bool portInSpn; ///< the port always goes in (WinRM -IncludePortInSPN)
    const char *rule; ///< the rule and its source
    const char *cnameOverride; ///< %1 = the name as typed; null when no setting changes it
    const char *port; ///< why the port is (not) in the SPN; %1 = the port
    const char *dnsFailure; ///< what the client does when the name does not resolve
};

constexpr const char *kChromiumRule = QT_TRANSLATE_NOOP("SpnClientRules",
    "Chromium (Edge, Chrome) on Windows asks SSPI for HTTP/ plus the canonical DNS name of the host: it "
    "looks the name up and follows "
    "CNAMEs; a port goes in only with the EnableAuthNegotiatePort policy and a port other than 80 or 443 "
    "(Chromium http_auth_handler_negotiate.cc; FACTS.md §6.5).");
constexpr const char *kChromiumCname = QT_TRANSLATE_NOOP("SpnClientRules",
    "The DisableAuthNegotiateCnameLookup policy would make it ask for the name as typed (%1) instead.");
constexpr const char *kChromiumPort = QT_TRANSLATE_NOOP("SpnClientRules",
    "Port %1 is not part of the SPN: EnableAuthNegotiatePort is off by default, and 80 and 443 are never "
    "added.");
constexpr const char *kChromiumDns = QT_TRANSLATE_NOOP("SpnClientRules",
    "When the lookup fails, Chromium uses the name from the URL (http_auth_handler_negotiate.cc).");
constexpr const char *kAsTypedDns = QT_TRANSLATE_NOOP("SpnClientRules",
    "The name is used as typed whether or not it resolves; the client still needs it to resolve to connect.");

// IE: Microsoft support article "Troubleshoot Kerberos failures in Internet Explorer" (FACTS §6.5).
// Chromium: http_auth_handler_negotiate.cc (FACTS §6.5). Firefox: not in FACTS (marked [U] there);
// read from Firefox's source: nsHttpNegotiateAuth.cpp builds "HTTP@" + the URI's host (no port) and
// nsAuthSSPI.cpp MakeSN resolves it with RESOLVE_CANONICAL_NAME "to be consistent with IE" and fails
// when the lookup fails. mstsc: not in FACTS; the name as typed (the issue's rule; Microsoft does
// not document a CNAME lookup for it). WinRM: New-PSSessionOption -IncludePortInSPN (Microsoft Learn)
// for the port; no CNAME lookup is documented, practitioners report the SPN must match the name used.
constexpr std::array kRules {
    Rule { ClientProfile::Ie, "HTTP", Canon::FollowCname, false,
        QT_TRANSLATE_NOOP("SpnClientRules",
            "Internet Explorer (WinINet) asks for HTTP/ plus the canonical DNS name of the host: it resolves "
            "the "
            "name and uses the A record's name when the name is a CNAME, and it leaves the port out "
            "(Microsoft "
            "support article \"Troubleshoot Kerberos failures in IE\"; FACTS.md §6.5)."),
        QT_TRANSLATE_NOOP("SpnClientRules",
            "FEATURE_USE_CNAME_FOR_SPN_KB911149 (DWORD iexplore.exe = 1 under "
            "HKLM\\SOFTWARE\\Microsoft\\Internet "
            "Explorer\\Main\\FeatureControl) would make IE ask for the alias as typed (%1) instead."),
        QT_TRANSLATE_NOOP("SpnClientRules",
            "Port %1 is not part of the SPN: IE adds it only with FEATURE_INCLUDE_PORT_IN_SPN_KB908209 = 1 "
            "(off by default)."),
        QT_TRANSLATE_NOOP("SpnClientRules",
            "What IE does when the lookup fails is not documented; the name as typed is assumed.") },
    Rule { ClientProfile::Edge, "HTTP", Canon::FollowCname, false, kChromiumRule, kChromiumCname,
        kChromiumPort, kChromiumDns },
    Rule { ClientProfile::Chrome, "HTTP", Canon::FollowCname, false, kChromiumRule, kChromiumCname,
        kChromiumPort, kChromiumDns },
    Rule { ClientProfile::Firefox, "HTTP", Canon::FollowCname, false,
        QT_TRANSLATE_NOOP("SpnClientRules",
            "Firefox on Windows asks SSPI for HTTP/ plus the canonical DNS name of the host, \"to be "
            "consistent with "
            "IE\", and never adds the port (Firefox source: nsHttpNegotiateAuth.cpp, nsAuthSSPI.cpp MakeSN; "
            "FACTS.md "
            "§6.5 leaves Firefox open). On Linux, or with network.auth.use-sspi = false, Firefox uses GSSAPI "
            "and MIT "
            "krb5's rules apply instead: see --client curl."),
        nullptr,
        QT_TRANSLATE_NOOP("SpnClientRules", "Port %1 is not part of the SPN: Firefox never adds it."),
        QT_TRANSLATE_NOOP("SpnClientRules",
            "When its own lookup fails too, Firefox cannot build the SPN (MakeSN fails) and offers no "
            "Kerberos; the "
            "name as typed is assumed here.") },
    Rule { ClientProfile::Curl, "HTTP", Canon::Krb5, false,
        QT_TRANSLATE_NOOP("SpnClientRules",
            "curl --negotiate asks GSSAPI for the host-based service HTTP@ plus the host of the URL, without "
            "the "
            "port (curl Curl_auth_build_spn); MIT krb5 turns it into the principal HTTP/NAME as krb5.conf "
            "says "
            "(krb5_sname_to_principal)."),
        nullptr, QT_TRANSLATE_NOOP("SpnClientRules", "Port %1 is not part of the SPN: curl never adds it."),
        nullptr },
    Rule { ClientProfile::Mstsc, "TERMSRV", Canon::AsTyped, false,
        QT_TRANSLATE_NOOP("SpnClientRules",
            "Remote Desktop Connection authenticates with CredSSP (Network Level Authentication) and asks "
            "for "
            "TERMSRV/ plus the computer name as typed: it does not follow CNAMEs."),
        nullptr, QT_TRANSLATE_NOOP("SpnClientRules", "Port %1 is not part of the SPN."), kAsTypedDns },
    Rule { ClientProfile::Winrm, "HTTP", Canon::AsTyped, false,
        QT_TRANSLATE_NOOP("SpnClientRules",
            "PowerShell remoting (WinRM) asks for HTTP/ plus the computer name as given to -ComputerName or "
            "in "
            "the connection URI: Microsoft documents no CNAME lookup for it, so the name is used as typed."),
        nullptr,
        QT_TRANSLATE_NOOP("SpnClientRules",
            "Port %1 is not part of the SPN; New-PSSessionOption -IncludePortInSPN would add it (--client "
            "winrm-port)."),
        kAsTypedDns },
    Rule { ClientProfile::WinrmPort, "HTTP", Canon::AsTyped, true,
        QT_TRANSLATE_NOOP("SpnClientRules",
            "PowerShell remoting with New-PSSessionOption -IncludePortInSPN asks for HTTP/ plus the computer "
            "name "
            "as typed and the port (Microsoft Learn, New-PSSessionOption). It exists for hosts where "
            "HTTP/NAME "
            "belongs to another account, such as an IIS application pool."),
        nullptr,
        QT_TRANSLATE_NOOP("SpnClientRules",
            "Port %1 is part of the SPN (-IncludePortInSPN): 5985 for HTTP and 5986 for HTTPS unless another "
            "is "
            "given. The computer's HOST/ SPN does not stand in for it: HTTP/NAME:%1 must be registered on "
            "the "
            "computer account."),
        kAsTypedDns },
};

const Rule &ruleFor(ClientProfile client)
{
    for (const Rule &r : kRules)
        if (r.client == client)
            return r;
    return kRules.front();
}

QString text(const char *source)
{
    return QCoreApplication::translate("SpnClientRules", source);
}

using Kind = PredictionStep::Kind;

/// An error message as a step: a sentence, ending with a period.
QString sentence(const QString &message)
{
    return message.endsWith(QLatin1Char('.')) ? message : message + QLatin1Char('.');
}

/// The CNAME chain of \a host as steps; NotFound is no error here (the caller decides what the
/// client then does), every other failure is.
Result<std::optional<HostResolution>> resolveWithSteps(
    const QString &host, HostResolver &resolver, const std::atomic<bool> *cancel, ClientRequest &out)
{
    auto resolved = resolver.canonicalName(host, cancel);
    if (!resolved) {
        if (resolved.error().code != Error::Code::NotFound)
            return resolved.error();
        out.steps << PredictionStep { Kind::Dns, sentence(resolved.error().message) };
        return std::optional<HostResolution> {};
    }
    QString from = host;
    if (!resolved->searchedName.isEmpty()) {
        out.steps << PredictionStep { Kind::Dns,
            tr("%1 is a one-label name: the resolver finds it as %2 (DNS search domain).")
                .arg(host, resolved->searchedName) };
        from = resolved->searchedName;
    }
    for (const QString &hop : resolved->cnameChain) {
        out.steps << PredictionStep { Kind::Cname, tr("%1 is an alias (CNAME) of %2.").arg(from, hop) };
        from = hop;
    }
    out.steps << PredictionStep { Kind::Dns,
        tr("%1 has the address %2.")
            .arg(resolved->canonicalName, resolved->addresses.join(QStringLiteral(", "))) };
    return std::optional<HostResolution>(*resolved);
}

/// MIT's name for \a host without DNS: lower case, and a one-label name qualified with
/// qualify_shortname (default: the first search domain).
QString krb5Unresolved(const QString &host, bool isAddress, const Krb5NameSettings &settings,
    HostResolver &resolver, ClientRequest &out)
{
    if (isAddress || host.contains(QLatin1Char('.')))
        return host;
    const QString domain = settings.qualifyShortname.value_or(resolver.searchDomains().value(0));
    if (domain.isEmpty())
        return host;
    out.steps << PredictionStep { Kind::Config,
        tr("%1 is a short name: krb5 appends %2 (qualify_shortname%3).")
            .arg(host, domain,
                settings.qualifyShortname ? QString() : tr(" unset: the first DNS search domain")) };
    return host + QLatin1Char('.') + domain;
}

/// MIT's canonical name for \a host: the forward lookup's name, then, with rdns, the PTR name of
/// its first address. Falls back to the unresolved form when the forward lookup fails.
Result<QString> krb5Canonical(const PredictionTarget &t, const Krb5NameSettings &settings,
    HostResolver &resolver, const std::atomic<bool> *cancel, ClientRequest &out)
{
    HostResolution forward;
    forward.canonicalName = t.host;
    forward.addresses = { t.host };
    if (!t.hostIsAddress) {
        auto resolved = resolveWithSteps(t.host, resolver, cancel, out);
        if (!resolved)
            return resolved.error();
        if (!*resolved) {
            out.steps << PredictionStep { Kind::Dns, tr("The forward lookup failed: krb5 keeps the name.") };
            return krb5Unresolved(t.host, false, settings, resolver, out);
        }
        forward = **resolved;
        out.followedCname = !forward.cnameChain.isEmpty();
    }
    if (!settings.rdns || forward.addresses.isEmpty())
        return forward.canonicalName;
    const QString address = forward.addresses.first();
    auto reverse = resolver.reverseName(address);
    if (!reverse) {
        // getnameinfo failing for any reason (no PTR, a refusing or silent server) leaves MIT with
        // the forward name.
        out.steps << PredictionStep { Kind::Reverse,
            tr("rdns: the reverse lookup of %1 gives no name (%2), so krb5 keeps %3.")
                .arg(address, reverse.error().message, forward.canonicalName) };
        return forward.canonicalName;
    }
    QString name = reverse->toLower();
    while (name.endsWith(QLatin1Char('.')))
        name.chop(1);
    out.steps << PredictionStep { Kind::Reverse,
        name == forward.canonicalName
            ? tr("rdns: the PTR record of %1 names %2 as well.").arg(address, name)
            : tr("rdns: the PTR record of %1 names %2, so krb5 uses %2, not %3; a PTR record that points "
                 "elsewhere makes the client ask for the wrong SPN.")
                  .arg(address, name, forward.canonicalName) };
    out.followedCname = out.followedCname || name != t.host;
    return name;
}

Result<void> applyKrb5(
    const PredictionTarget &t, HostResolver &resolver, const std::atomic<bool> *cancel, ClientRequest &out)
{
    auto settings = Krb5NameSettings::read();
    if (!settings)
        return settings.error();
    using C = Krb5NameSettings::Canonicalize;
    const QString mode = settings->canonicalize == C::True ? QStringLiteral("true")
        : settings->canonicalize == C::False               ? QStringLiteral("false")
                                                           : QStringLiteral("fallback");
    out.steps << PredictionStep { Kind::Config,
        tr("krb5 configuration %1: dns_canonicalize_hostname = %2, rdns = %3 (MIT's defaults: true, true).")
            .arg(settings->configFiles, mode,
                settings->rdns ? QStringLiteral("true") : QStringLiteral("false")) };
    if (t.hostIsAddress)
        out.steps << PredictionStep { Kind::Config,
            tr("%1 is an IP address. Windows clients would use NTLM; MIT krb5 does not refuse it.")
                .arg(t.host) };
    switch (settings->canonicalize) {
    case C::True: {
        auto name = krb5Canonical(t, *settings, resolver, cancel, out);
        if (!name)
            return name.error();
        out.requestedName = *name;
        return {};
    }
    case C::False:
        out.steps << PredictionStep { Kind::Config,
            tr("dns_canonicalize_hostname = false: no DNS lookup, the name is used as typed (rdns has no "
               "effect).") };
        out.requestedName = krb5Unresolved(t.host, t.hostIsAddress, *settings, resolver, out);
        return {};
    case C::Fallback: {
        out.steps << PredictionStep { Kind::Config,
            tr("dns_canonicalize_hostname = fallback: krb5 first asks for the name as typed and "
               "canonicalizes "
               "it only when the KDC does not know that principal.") };
        out.requestedName = krb5Unresolved(t.host, t.hostIsAddress, *settings, resolver, out);
        ClientRequest retry;
        auto name = krb5Canonical(t, *settings, resolver, cancel, retry);
        if (!name)
            return name.error();
        if (*name != out.requestedName) {
            out.fallbackName = *name;
            for (PredictionStep &s : retry.steps)
                s.text = tr("For the retry: %1").arg(s.text);
            out.steps += retry.steps;
        }
        return {};
    }
    }
    return {};
}

} // namespace

QString ClientRequest::spnFor(const QString &name) const
{
    QString spn = serviceClass + QLatin1Char('/') + name;
    if (spnPort)
        spn += QLatin1Char(':') + QString::number(*spnPort);
    return spn;
}

Result<ClientRequest> clientRequest(
    const PredictionTarget &t, ClientProfile client, HostResolver &resolver, const std::atomic<bool> *cancel)
{
    const Rule &rule = ruleFor(client);
    ClientRequest out;
    out.serviceClass = QString::fromLatin1(rule.serviceClass);
    out.steps << PredictionStep { Kind::Rule, text(rule.rule) };
    const quint16 port = t.effectivePort(client);
    if (rule.portInSpn)
        out.spnPort = port;

    if (t.hostIsAddress && rule.canon != Canon::Krb5) {
        // Windows asks for no ticket for an address literal (FACTS §6.5 examples; TryIPSPN is the
        // opt-in that changes it).
        out.kerberos = false;
        out.requestedName = t.host;
        out.steps << PredictionStep { Kind::NoKerberos,
            tr("%1 is an IP address: Windows clients use NTLM, not Kerberos, for an IP address (unless the "
               "client "
               "sets TryIPSPN and an SPN with the address is registered). Connect by name to use Kerberos.")
                .arg(t.host) };
        return out;
    }
    switch (rule.canon) {
    case Canon::Krb5:
        if (auto r = applyKrb5(t, resolver, cancel, out); !r)
            return r.error();
        break;
    case Canon::FollowCname: {
        auto resolved = resolveWithSteps(t.host, resolver, cancel, out);
        if (!resolved)
            return resolved.error();
        if (!*resolved) {
            out.steps << PredictionStep { Kind::Dns, text(rule.dnsFailure) };
            out.requestedName = t.host;
            break;
        }
        out.requestedName = (*resolved)->canonicalName;
        out.followedCname = !(*resolved)->cnameChain.isEmpty();
        if (out.followedCname && rule.cnameOverride)
            out.steps << PredictionStep { Kind::Config, text(rule.cnameOverride).arg(out.spnFor(t.host)) };
        break;
    }
    case Canon::AsTyped: {
        // Looked up only to tell the user when the typed name is an alias the client will not follow.
        auto resolved = resolver.canonicalName(t.host, cancel);
        if (resolved && !resolved->cnameChain.isEmpty())
            out.steps << PredictionStep { Kind::Dns,
                tr("%1 is an alias (CNAME) of %2, but %3 does not follow it.")
                    .arg(t.host, resolved->canonicalName, clientProfileName(client)) };
        else if (!resolved)
            out.steps << PredictionStep { Kind::Dns,
                sentence(resolved.error().message) + QLatin1Char(' ') + text(rule.dnsFailure) };
        out.requestedName = t.host;
        break;
    }
    }
    out.steps << PredictionStep { Kind::Port, text(rule.port).arg(port) };
    out.steps << PredictionStep { Kind::Spn,
        tr("%1 requests %2.").arg(clientProfileName(client), out.spn()) };
    return out;
}

} // namespace ssod::core::directory::detail
