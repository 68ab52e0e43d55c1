#include "core/probe/HostPort.h"

#include <QHostAddress>
#include <QUrl>

namespace ssod::core::probe {

Result<HostPort> parseHostPort(const QString &target, quint16 defaultPort)
{
    const QString t = target.trimmed();
    const auto bad = [&t](const QString &why) { return Error::invalid(why, t); };
    if (t.isEmpty())
        return bad(QStringLiteral("no host given"));
    if (t.contains(QLatin1String("://"))) {
        const QUrl url(t, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty())
            return bad(QStringLiteral("not a valid URL"));
        const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : defaultPort);
        return HostPort { url.host(), quint16(port) };
    }
    if (!QHostAddress(t).isNull() && t.count(QLatin1Char(':')) > 1)
        return HostPort { t, defaultPort }; // a bare IPv6 address
    QString host = t;
    QString port;
    if (t.startsWith(QLatin1Char('['))) {
        const qsizetype close = t.indexOf(QLatin1Char(']'));
        if (close < 0)
            return bad(QStringLiteral("an IPv6 address in [ ] needs its closing ]"));
        host = t.mid(1, close - 1);
        const QString rest = t.mid(close + 1);
        if (!rest.isEmpty() && !rest.startsWith(QLatin1Char(':')))
            return bad(QStringLiteral("unexpected text after ]"));
        port = rest.mid(1);
    } else if (t.contains(QLatin1Char(':'))) {
        host = t.section(QLatin1Char(':'), 0, 0);
        port = t.section(QLatin1Char(':'), 1);
    }
    if (host.isEmpty() || host.contains(QLatin1Char('/')) || host.contains(QLatin1Char(' ')))
        return bad(QStringLiteral("not a host name or address"));
    if (port.isEmpty())
        return HostPort { host, defaultPort };
    bool ok = false;
    const uint p = port.toUInt(&ok);
    if (!ok || p == 0 || p > 65535)
        return bad(QStringLiteral("the port must be a number from 1 to 65535"));
    return HostPort { host, quint16(p) };
}

} // namespace ssod::core::probe
