#include "core/directory/ClientProfile.h"

#include <QCoreApplication>
#include <array>

namespace ssod::core::directory {

namespace {

struct ProfileName {
    ClientProfile client;
    const char *id;
    const char *name;
};

constexpr std::array kProfiles {
    ProfileName {
        ClientProfile::Ie, "ie", QT_TRANSLATE_NOOP("ClientProfile", "Internet Explorer (WinINet)") },
    ProfileName {
        ClientProfile::Edge, "edge", QT_TRANSLATE_NOOP("ClientProfile", "Microsoft Edge on Windows") },
    ProfileName {
        ClientProfile::Chrome, "chrome", QT_TRANSLATE_NOOP("ClientProfile", "Google Chrome on Windows") },
    ProfileName {
        ClientProfile::Firefox, "firefox", QT_TRANSLATE_NOOP("ClientProfile", "Firefox on Windows") },
    ProfileName {
        ClientProfile::Curl, "curl", QT_TRANSLATE_NOOP("ClientProfile", "curl --negotiate (MIT krb5)") },
    ProfileName { ClientProfile::Mstsc, "mstsc",
        QT_TRANSLATE_NOOP("ClientProfile", "Remote Desktop Connection (mstsc)") },
    ProfileName {
        ClientProfile::Winrm, "winrm", QT_TRANSLATE_NOOP("ClientProfile", "PowerShell remoting (WinRM)") },
    ProfileName { ClientProfile::WinrmPort, "winrm-port",
        QT_TRANSLATE_NOOP("ClientProfile", "PowerShell remoting with -IncludePortInSPN") },
};

const ProfileName &entry(ClientProfile client)
{
    for (const ProfileName &p : kProfiles)
        if (p.client == client)
            return p;
    return kProfiles.front();
}

} // namespace

QString clientProfileId(ClientProfile client)
{
    return QString::fromLatin1(entry(client).id);
}

std::optional<ClientProfile> clientProfileFromId(const QString &id)
{
    for (const ProfileName &p : kProfiles)
        if (id.trimmed().compare(QLatin1String(p.id), Qt::CaseInsensitive) == 0)
            return p.client;
    return std::nullopt;
}

QString clientProfileName(ClientProfile client)
{
    return QCoreApplication::translate("ClientProfile", entry(client).name);
}

const QStringList &clientProfileIds()
{
    static const QStringList ids = [] {
        QStringList out;
        for (const ProfileName &p : kProfiles)
            out << QString::fromLatin1(p.id);
        return out;
    }();
    return ids;
}

} // namespace ssod::core::directory
