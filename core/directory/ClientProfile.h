#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace ssod::core::directory {

/// A client whose SPN rule SSO Doctor knows (FACTS.md §6.5; the rules and their sources are in
/// SpnClientRules.cpp).
enum class ClientProfile {
    Ie, ///< Internet Explorer / WinINet
    Edge, ///< Microsoft Edge on Windows (Chromium, SSPI)
    Chrome, ///< Google Chrome on Windows (Chromium, SSPI)
    Firefox, ///< Firefox on Windows (SSPI)
    Curl, ///< curl --negotiate with MIT krb5 (GSSAPI)
    Mstsc, ///< Remote Desktop Connection (CredSSP)
    Winrm, ///< PowerShell remoting / WinRM
    WinrmPort, ///< PowerShell remoting with -IncludePortInSPN
};

/// "ie", "edge", …, "winrm-port": the ids the CLI's --client takes.
QString clientProfileId(ClientProfile client);
std::optional<ClientProfile> clientProfileFromId(const QString &id);
/// "Microsoft Edge (Windows)", for people.
QString clientProfileName(ClientProfile client);
const QStringList &clientProfileIds();

} // namespace ssod::core::directory
