#pragma once

#include "core/util/Finding.h"
#include "core/util/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace ssod::core::check {

/// One <add value="…"/> of an SSOConditions list, with the line it is on (for messages).
struct PortalEntry {
    QString value;
    int line = 0;
};

/**
 * A web SSO portal's Kerberos gate: the <SSOConditions> element of its web.config (PortalGuard's
 * layout): attributes disabled, debugging, keepDomain; child lists SPNs, IPWhiteList, IPBlackList,
 * URLBlackList, BrowserWhiteList of <add value="…"/> (names compared case-insensitively). A list
 * that is absent and a list that is empty are told apart: an empty IP list filters nothing, an
 * absent one too; an absent or empty BrowserWhiteList lets no browser through.
 */
struct PortalConfig {
    QString source; ///< the file, for messages
    int line = 0; ///< the line of <SSOConditions>
    bool disabled = false;
    bool debugging = false;
    bool keepDomain = false;
    QList<PortalEntry> spns;
    QList<PortalEntry> ipWhiteList;
    QList<PortalEntry> ipBlackList;
    QList<PortalEntry> urlBlackList;
    QList<PortalEntry> browserWhiteList;
    bool hasIpWhiteList = false;
    bool hasIpBlackList = false;
    /// Children of SSOConditions this reader does not know ("name (line N)"): reported, not ignored.
    QStringList unknownChildren;
};

/// Reads <SSOConditions> from web.config text; an Error names the file and line of malformed XML
/// or says that the element is missing. \a maxBytes guards against a huge file.
Result<PortalConfig> parsePortalConfig(const QByteArray &xml, const QString &source, qsizetype maxBytes = 16 << 20);

struct PortalRequest {
    QString clientIp;
    QString url;
    QString userAgent;
    QList<QPair<QString, QString>> cookies; ///< name, value
};

/// One step of the vendor's order, as evaluated.
struct PortalStep {
    QString rule; ///< cookie, disabled, ip-whitelist, ip-blacklist, spn, url-blacklist, user-agent
    bool passed = true;
    QString detail; ///< plain words: what was compared and why it passed or denied
    QString entry; ///< the list entry that decided, when one did
    int line = 0; ///< its line in the file
};

struct PortalDecision {
    bool attempted = false;
    /// The rule that denied, or "allowed" when every step passed.
    QString rule;
    QString entry;
    int line = 0;
    QList<PortalStep> steps;
    QStringList notes; ///< e.g. a URLBlackList pattern that does not compile (skipped)
};

/**
 * Will the portal offer Kerberos for this request, and which rule decided? The vendor's order,
 * each step only when the previous did not deny: (1) a cookie PstarNoKerberos=1, then
 * disabled="true"; (2) the client IP against IPWhiteList then IPBlackList ("*" per octet, no CIDR;
 * IPv6 clients pass whenever a white list exists); (3) the URL's host (no port) equal to one of
 * SPNs, case-insensitively; (4) the path and query searched (unanchored, .NET regular expressions,
 * here QRegularExpression) with each URLBlackList entry; (5) the User-Agent containing one of
 * BrowserWhiteList, case-insensitively (an empty list: never).
 */
class PortalGate final {
    Q_DECLARE_TR_FUNCTIONS(PortalGate)

public:
    static PortalDecision evaluate(const PortalConfig &config, const PortalRequest &request);
    /// An IPv4 address against a pattern with "*" for whole octets ("10.1.*.*").
    static bool ipMatches(const QString &pattern, const QString &ip);
    /// The decision and what the configuration itself shows (unknown elements, patterns that do not
    /// compile, debugging on) as findings (resources/findings/portal.json).
    static QList<Finding> findings(const PortalConfig &config, const PortalRequest &request, const PortalDecision &decision);
};

} // namespace ssod::core::check
