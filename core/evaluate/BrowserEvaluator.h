#pragma once

#include "core/evaluate/Evaluation.h"
#include "core/registry/RegistryStore.h"
#include "core/util/Result.h"

#include <QCoreApplication>
#include <QUrl>
#include <optional>

namespace ssod::core::evaluate {

enum class Browser { Chrome, Chromium, Edge, Firefox, InternetExplorer };
/// Where the browser runs: decides the fallback without an allowlist and the SPN's form.
enum class Platform { Windows, Linux };

std::optional<Browser> browserFromName(const QString &name); ///< chrome, chromium, edge, firefox, ie
QString browserName(Browser b); ///< the CLI name
QString browserTitle(Browser b); ///< "Google Chrome"
std::optional<Platform> platformFromName(const QString &name); ///< windows, linux
QString platformName(Platform p);

struct BrowserQuery {
    QString url;
    Browser browser = Browser::Chrome;
    /// Unset: Windows for registry files, hives and the live registry; Linux for anything else
    /// (the browsers' JSON policy files).
    std::optional<Platform> platform;
};

struct BrowserVerdict {
    QUrl url;
    Browser browser = Browser::Chrome;
    Platform platform = Platform::Windows;
    bool negotiate = false; ///< Negotiate (Kerberos) is attempted with the user's credentials, no prompt
    PolicySource negotiateDecidedBy;
    bool delegate = false; ///< the ticket is forwardable to the server (delegation)
    PolicySource delegateDecidedBy;
    QString spn; ///< what the browser asks the KDC for: HTTP/host (SSPI) or HTTP@host (GSSAPI)
    /// The browser resolves a CNAME and asks for the canonical name's SPN (IE, Chromium by default).
    bool spnFromCanonicalName = true;
    int zone = -1; ///< Windows zone, when a zone decided; -1 otherwise
    QString explanation;
    QList<ConsideredEntry> considered;
    QStringList notes;
    FixHint negotiateFix;
    FixHint delegateFix;
};

/**
 * Answers "will this browser try Kerberos for this URL, and delegate?" from browser policy in a
 * store, read at the registry paths Windows uses (JSON policy files appear as stores at the same
 * paths): Chromium family AuthServerAllowlist / AuthNegotiateDelegateAllowlist (and the older
 * *Whitelist names), Firefox Authentication SPNEGO / Delegated / AllowNonFQDN, and for Internet
 * Explorer — and Chrome/Edge on Windows without an allowlist — the zone of the URL and its logon
 * option. DNS (CNAME canonicalization of the SPN) is not evaluated offline.
 */
class BrowserEvaluator final {
    Q_DECLARE_TR_FUNCTIONS(BrowserEvaluator)

public:
    static Result<BrowserVerdict> evaluate(const registry::RegistryStore &store, const BrowserQuery &query);

    /// An http(s) URL with a host; a clear error otherwise.
    static Result<QUrl> parseUrl(const QString &text);
    static Platform defaultPlatform(const registry::RegistryStore &store);
    /// HKLM policy key of a Chromium-family browser ("…\Policies\Google\Chrome").
    static QString chromiumPolicyKey(Browser b);
    static QString firefoxPolicyKey(); ///< HKLM\SOFTWARE\Policies\Mozilla\Firefox\Authentication
    /// Every key evaluate() may read for \a query (their subtrees), to open a large target for
    /// just those: the browser's policy keys and the Internet Settings the zone rules read.
    static QStringList keysRead(const BrowserQuery &query);
};

} // namespace ssod::core::evaluate
