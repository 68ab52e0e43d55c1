#pragma once

#include "core/util/Finding.h"
#include "core/util/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

namespace ssod::core::check {

/// system.webServer/security/authentication/windowsAuthentication as one layer of configuration
/// sets it (server, a <location>, a web.config): unset attributes inherit (FACTS.md §3(i)).
struct WinAuthLayer {
    std::optional<bool> enabled;
    std::optional<bool> useKernelMode;
    std::optional<bool> useAppPoolCredentials;
    bool providersSet = false; ///< the layer has a <providers> element
    bool providersCleared = false; ///< it starts with <clear/>: the inherited list is dropped
    QStringList providersAdded;
    QStringList providersRemoved;
    QString source; ///< "applicationHost.config:120" for messages
};

/// The effective Windows authentication of one application, with where each value came from.
struct WinAuth {
    bool enabled = false; ///< IIS default: false
    bool useKernelMode = true; ///< default: true
    bool useAppPoolCredentials = false; ///< default: false
    QStringList providers { QStringLiteral("Negotiate"), QStringLiteral("NTLM") }; ///< default order
    QStringList sources; ///< the layers that set something, outermost first
};

struct IisAppPool {
    QString name;
    QString identityType = QStringLiteral("ApplicationPoolIdentity"); ///< the IIS 7.5+ default
    QString userName; ///< for SpecificUser: DOMAIN\user or user@domain
    int line = 0;
};

struct IisBinding {
    QString protocol;
    QString information; ///< "IP:port:host"
    QString host; ///< empty: any host name
    int port = 0;
};

struct IisApplication {
    QString site;
    QString path; ///< "/" or "/app"
    QString pool;
    int line = 0;
    QString location() const { return path == QLatin1String("/") ? site : site + path; }
};

struct IisSite {
    QString name;
    QList<IisBinding> bindings;
    QList<IisApplication> applications;
    int line = 0;
};

/// What the IIS check reads from applicationHost.config (and sites' web.config files).
struct IisConfig {
    QString source;
    QMap<QString, IisAppPool> pools; ///< by name
    IisAppPool poolDefaults;
    QString defaultPool = QStringLiteral("DefaultAppPool"); ///< applicationDefaults
    QList<IisSite> sites;
    WinAuthLayer server; ///< outside any <location>
    QMap<QString, WinAuthLayer> locations; ///< by location path ("Site", "Site/app"), as written
};

/// Reads applicationHost.config; an Error names the file and line of malformed XML.
Result<IisConfig> parseApplicationHost(const QByteArray &xml, const QString &source, qsizetype maxBytes = 64 << 20);
/// The windowsAuthentication layer of a site's or application's web.config; nullopt when it sets
/// none (the section is usually locked to applicationHost.config).
Result<std::optional<WinAuthLayer>> parseWebConfigWinAuth(const QByteArray &xml, const QString &source);

/// One application as the check sees it.
struct IisAppReport {
    IisApplication app;
    IisAppPool pool;
    bool builtInIdentity = true; ///< the machine account holds the SPNs
    QString account; ///< sAMAccountName that must hold the SPNs ("WEB01$" or "svc_web")
    WinAuth auth;
    QStringList hosts; ///< host names of the site's http/https bindings
    QStringList spns; ///< HTTP/<host> for each, one per host name whatever the port
};

/// Who holds an SPN, as a directory answers (empty: nobody); a callback so the check stays offline.
using SpnHolders = std::function<Result<QStringList>(const QString &spn)>;

class IisCheck final {
    Q_DECLARE_TR_FUNCTIONS(IisCheck)

public:
    /// The effective settings per application. \a webConfigs: location ("Site" or "Site/app") →
    /// that application's web.config layer. \a computer: the server's NetBIOS name for the machine
    /// account ("WEB01"); empty says "the computer account".
    static QList<IisAppReport> applications(const IisConfig &config, const QMap<QString, WinAuthLayer> &webConfigs,
        const QString &computer);
    /// Findings with the appcmd lines that fix them; with \a holders each SPN is looked up.
    static QList<Finding> findings(const QList<IisAppReport> &apps, const SpnHolders &holders = {});
    /// "appcmd.exe set config "Site/app" -section:…windowsAuthentication /useAppPoolCredentials:"True" /commit:apphost"
    static QString appcmd(const QString &location, const QString &arguments);
};

} // namespace ssod::core::check
