#include "core/directory/PredictionTarget.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QRegularExpression>
#include <QUrl>
#include <algorithm>

namespace ssod::core::directory {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("PredictionTarget", text);
}

const QStringList kSchemes = { QStringLiteral("http"), QStringLiteral("https"), QStringLiteral("rdp") };

Result<quint16> parsePort(const QString &text, const QString &target)
{
    bool ok = false;
    const uint port = text.toUInt(&ok);
    const bool digits
        = !text.isEmpty() && std::all_of(text.begin(), text.end(), [](QChar c) { return c.isDigit(); });
    if (!ok || !digits || port == 0 || port > 65535)
        return Error::invalid(
            tr("\"%1\": the port \"%2\" is not a number from 1 to 65535").arg(target, text));
    return quint16(port);
}

/// A DNS host name as clients accept it: labels of letters, digits, '-' and '_' (seen in real
/// estates), 1-63 characters each, not starting or ending with '-'; international names in their
/// ASCII (punycode) form.
Result<QString> checkHostName(const QString &host, const QString &target)
{
    QString name = host.toLower();
    while (name.endsWith(QLatin1Char('.')))
        name.chop(1);
    if (name.isEmpty())
        return Error::invalid(tr("\"%1\" has no host name").arg(target));
    const QString ace = QString::fromLatin1(QUrl::toAce(name));
    if (ace.isEmpty())
        return Error::invalid(tr("\"%1\": \"%2\" is not a valid host name").arg(target, host));
    static const QRegularExpression label(QStringLiteral("^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$"));
    for (const QString &part : ace.split(QLatin1Char('.')))
        if (!label.match(part).hasMatch())
            return Error::invalid(
                tr("\"%1\": \"%2\" is not a valid host name (the part \"%3\" is empty, too long or "
                   "holds a character a host name cannot hold)")
                    .arg(target, host, part));
    if (ace.size() > 253)
        return Error::invalid(tr("\"%1\": the host name is longer than 253 characters").arg(target));
    return ace;
}

bool isDottedQuad(const QString &host)
{
    static const QRegularExpression quad(QStringLiteral("^\\d{1,3}(\\.\\d{1,3}){3}$"));
    return quad.match(host).hasMatch();
}

} // namespace

Result<PredictionTarget> PredictionTarget::parse(const QString &raw)
{
    PredictionTarget t;
    t.text = raw.trimmed();
    const QString &text = t.text;
    if (text.isEmpty())
        return Error::invalid(
            tr("the target is empty; give a URL (http://web01.contoso.com/), a host (web01.contoso.com), "
               "HOST:PORT or rdp://HOST"));
    for (const QChar c : text)
        if (c.isSpace() || c.unicode() < 0x20)
            return Error::invalid(
                tr("\"%1\" contains a blank or a control character; a target has none").arg(text));

    QString authority = text;
    if (const qsizetype sep = text.indexOf(QLatin1String("://")); sep >= 0) {
        t.scheme = text.left(sep).toLower();
        if (!kSchemes.contains(t.scheme))
            return Error::invalid(
                tr("\"%1\": the scheme \"%2://\" is not supported; give http://, https:// or "
                   "rdp://, or just the host")
                    .arg(text, text.left(sep)));
        const QString rest = text.mid(sep + 3);
        const qsizetype end = rest.indexOf(QRegularExpression(QStringLiteral("[/?#]")));
        authority = end < 0 ? rest : rest.left(end);
        if (end >= 0 && rest[end] == QLatin1Char('/'))
            t.path = rest.mid(end).section(QRegularExpression(QStringLiteral("[?#]")), 0, 0);
        // user:password@ in a URL says nothing about the SPN.
        if (const qsizetype at = authority.lastIndexOf(QLatin1Char('@')); at >= 0)
            authority = authority.mid(at + 1);
    } else if (text.contains(QLatin1Char('/'))) {
        return Error::invalid(
            tr("\"%1\" is neither a host nor a URL; write http://%1 for a web site, or just the "
               "host name")
                .arg(text));
    }
    if (authority.isEmpty())
        return Error::invalid(tr("\"%1\" has no host after \"%2://\"").arg(text, t.scheme));

    QString host = authority;
    if (authority.startsWith(QLatin1Char('['))) {
        const qsizetype close = authority.indexOf(QLatin1Char(']'));
        if (close < 0)
            return Error::invalid(tr("\"%1\": the IPv6 address has no closing ]").arg(text));
        host = authority.mid(1, close - 1);
        const QString after = authority.mid(close + 1);
        if (!after.isEmpty()) {
            if (!after.startsWith(QLatin1Char(':')))
                return Error::invalid(tr("\"%1\": expected ':' and a port after the address").arg(text));
            auto port = parsePort(after.mid(1), text);
            if (!port)
                return port.error();
            t.port = *port;
        }
        QHostAddress address;
        if (!address.setAddress(host) || address.protocol() != QAbstractSocket::IPv6Protocol)
            return Error::invalid(tr("\"%1\": \"%2\" in brackets is not an IPv6 address").arg(text, host));
        t.host = address.toString();
        t.hostIsAddress = true;
        return t;
    }
    if (authority.count(QLatin1Char(':')) >= 2) {
        // A bare IPv6 literal: it cannot carry a port (that needs brackets).
        QHostAddress address;
        if (!address.setAddress(authority))
            return Error::invalid(tr("\"%1\" is not an IPv6 address; write a port after an IPv6 address as "
                                     "[ADDRESS]:PORT")
                                      .arg(text));
        t.host = address.toString();
        t.hostIsAddress = true;
        return t;
    }
    if (const qsizetype colon = authority.indexOf(QLatin1Char(':')); colon >= 0) {
        host = authority.left(colon);
        auto port = parsePort(authority.mid(colon + 1), text);
        if (!port)
            return port.error();
        t.port = *port;
    }
    if (isDottedQuad(host)) {
        QHostAddress address;
        if (!address.setAddress(host))
            return Error::invalid(tr("\"%1\": \"%2\" is not an IPv4 address").arg(text, host));
        t.host = address.toString();
        t.hostIsAddress = true;
        return t;
    }
    auto name = checkHostName(host, text);
    if (!name)
        return name.error();
    t.host = *name;
    return t;
}

quint16 PredictionTarget::effectivePort(ClientProfile client) const
{
    if (port)
        return *port;
    if (scheme == QLatin1String("https"))
        return 443;
    if (scheme == QLatin1String("http"))
        return 80;
    if (scheme == QLatin1String("rdp") || client == ClientProfile::Mstsc)
        return 3389;
    // A bare host: WinRM's HTTP listener port, or the web's.
    return client == ClientProfile::Winrm || client == ClientProfile::WinrmPort ? 5985 : 80;
}

ClientProfile PredictionTarget::defaultClient() const
{
    if (scheme == QLatin1String("rdp"))
        return ClientProfile::Mstsc;
    if (path.startsWith(QLatin1String("/wsman"), Qt::CaseInsensitive) || port == 5985 || port == 5986)
        return ClientProfile::Winrm;
    return ClientProfile::Edge;
}

Result<void> PredictionTarget::checkClient(ClientProfile client) const
{
    if (scheme == QLatin1String("rdp") && client != ClientProfile::Mstsc)
        return Error::invalid(
            tr("\"%1\" is a Remote Desktop target; %2 does not connect to it: use --client mstsc")
                .arg(text, clientProfileName(client)));
    if ((scheme == QLatin1String("http") || scheme == QLatin1String("https"))
        && client == ClientProfile::Mstsc)
        return Error::invalid(
            tr("\"%1\" is a web address; Remote Desktop connects to a host: give %2 or rdp://%2")
                .arg(text, host));
    return {};
}

} // namespace ssod::core::directory
