#pragma once

#include "core/check/IisConfig.h"
#include "core/registry/RegistryStore.h"
#include "core/util/Finding.h"
#include "core/util/Result.h"

#include <QCoreApplication>
#include <QStringList>

namespace ssod::core::check {

/// WinRM's settings as a registry file of the computer has them (FACTS.md §3(g)): the Group
/// Policy keys (…\Policies\Microsoft\Windows\WinRM\Client|Service) win over the service's own
/// configuration (…\CurrentVersion\WSMAN\Client|Service); listeners under …\WSMAN\Listener.
struct WinrmSettings {
    QStringList trustedHosts;
    QString trustedHostsSource;
    bool clientBasic = false;
    bool clientUnencrypted = false;
    bool clientKerberosDisallowed = false; ///< AllowKerberos = 0 (an inverted "Disallow" policy)
    bool clientNegotiateDisallowed = false;
    bool serviceBasic = false;
    bool serviceUnencrypted = false;
    struct Listener {
        QString name; ///< the key name, e.g. "*+HTTPS"
        QString hostname;
        QString thumbprint; ///< upper-case hex, no spaces
        int port = 0;
        bool https = false;
    };
    QList<Listener> listeners;
    QStringList sources; ///< keys that held something
};

class WinrmCheck final {
    Q_DECLARE_TR_FUNCTIONS(WinrmCheck)

public:
    static QStringList keysRead();
    static Result<WinrmSettings> read(const registry::RegistryStore &store);
    /// Findings from the settings. \a host: the server the client connects to (TrustedHosts
    /// match, the SPN); \a computerAccount its account ("SRV01$"); \a holders the directory's
    /// answer for HTTP/<host> (empty function: not checked); \a presentedThumbprint the SHA-1 of
    /// the certificate the HTTPS listener presents (empty: not checked).
    static QList<Finding> findings(const WinrmSettings &s, const QString &host, const QString &computerAccount,
        const SpnHolders &holders, const QString &presentedThumbprint);
};

} // namespace ssod::core::check
