#include "core/probe/PortsPlan.h"

#include <QCoreApplication>

#include <algorithm>

namespace ssod::core::probe {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("PortsPlan", text);
}

/// The items of one option: a list, one number, or "88, 389" as a string.
QVariantList items(const QVariant &v)
{
    if (v.typeId() == QMetaType::QVariantList || v.typeId() == QMetaType::QStringList)
        return v.toList();
    if (v.typeId() == QMetaType::QString) {
        QVariantList out;
        for (const QString &s : v.toString().split(QLatin1Char(','), Qt::SkipEmptyParts))
            out << s;
        return out;
    }
    return { v };
}

Result<quint16> portNumber(const QVariant &v, const char *option)
{
    bool ok = false;
    qlonglong n = -1;
    if (v.typeId() == QMetaType::QString) {
        // Digits only: "80abc", "-1", "0x50" and " 8 0" are mistakes, not ports.
        const QString s = v.toString().trimmed();
        if (!s.isEmpty() && s.size() <= 5 && std::all_of(s.cbegin(), s.cend(), [](QChar c) { return c.isDigit(); }))
            n = s.toLongLong(&ok);
    } else if (v.typeId() == QMetaType::Int || v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::UInt
        || v.typeId() == QMetaType::ULongLong) {
        n = v.toLongLong(&ok);
    } else if (v.typeId() == QMetaType::Double) {
        // JSON numbers arrive as doubles: only whole ones.
        const double d = v.toDouble();
        ok = d == double(qlonglong(d));
        n = qlonglong(d);
    }
    if (!ok || n < 1 || n > 65535)
        return Error::invalid(tr("\"%1\" in %2 is not a TCP port (1-65535)")
                                  .arg(v.toString().left(40), QLatin1String(option)));
    return quint16(n);
}

} // namespace

QList<quint16> PortsPlan::defaultPorts()
{
    return { 88, 389, 636, 3268, 445, 3389, 5985, 5986, 80, 443 };
}

Result<PortsPlan> PortsPlan::fromOptions(const QVariantMap &options)
{
    PortsPlan plan;
    const auto add = [&plan](const QVariant &list, const char *option, bool closed) -> Result<void> {
        for (const QVariant &v : items(list)) {
            auto port = portNumber(v, option);
            if (!port)
                return port.error();
            const auto same = std::find_if(plan.ports.cbegin(), plan.ports.cend(),
                [&](const Port &p) { return p.port == *port; });
            if (same != plan.ports.cend()) {
                // Expected open and closed at once: a contradiction the caller must resolve.
                if (same->shouldBeClosed != closed)
                    return Error::invalid(tr("port %1 is in both ports and closed").arg(*port));
                continue;
            }
            plan.ports << Port { *port, closed };
            if (plan.ports.size() > kMaxPorts)
                return Error::invalid(tr("at most %1 ports can be tried at once").arg(kMaxPorts));
        }
        return {};
    };
    const QVariant open = options.value(QStringLiteral("ports"));
    const QVariant closed = options.value(QStringLiteral("closed"));
    if (open.isValid()) {
        if (auto r = add(open, "ports", false); !r)
            return r.error();
    }
    if (closed.isValid()) {
        if (auto r = add(closed, "closed", true); !r)
            return r.error();
    }
    if (!open.isValid() && !closed.isValid())
        for (quint16 p : defaultPorts())
            plan.ports << Port { p, false };
    if (plan.ports.isEmpty())
        return Error::invalid(tr("no port to try: give ports or closed"));
    return plan;
}

QString portService(quint16 port)
{
    switch (port) {
    case 53:
        return QStringLiteral("DNS");
    case 80:
        return QStringLiteral("HTTP");
    case 88:
        return QStringLiteral("Kerberos");
    case 135:
        return QStringLiteral("RPC endpoint mapper");
    case 389:
        return QStringLiteral("LDAP");
    case 443:
        return QStringLiteral("HTTPS");
    case 445:
        return QStringLiteral("SMB");
    case 464:
        return QStringLiteral("Kerberos password change");
    case 636:
        return QStringLiteral("LDAPS");
    case 3268:
        return QStringLiteral("Global Catalog");
    case 3269:
        return QStringLiteral("Global Catalog over TLS");
    case 3389:
        return QStringLiteral("Remote Desktop");
    case 5985:
        return QStringLiteral("WinRM HTTP");
    case 5986:
        return QStringLiteral("WinRM HTTPS");
    default:
        return QStringLiteral("TCP %1").arg(port);
    }
}

QString portFindingId(TcpConnectResult::State state, bool shouldBeClosed)
{
    using S = TcpConnectResult::State;
    if (state == S::Cancelled)
        return QString();
    if (shouldBeClosed) {
        if (state == S::Connected)
            return QStringLiteral("ports.should-be-closed");
        if (state == S::Refused || state == S::Silent)
            return QStringLiteral("ports.closed-ok");
    }
    switch (state) {
    case S::Connected:
        return QStringLiteral("ports.open");
    case S::Refused:
        return QStringLiteral("ports.refused");
    case S::Silent:
        return QStringLiteral("ports.silent");
    case S::NoRoute:
        return QStringLiteral("ports.no-route");
    case S::NameNotFound:
        return QStringLiteral("ports.name-not-found");
    case S::Cancelled:
    case S::Failed:
        break;
    }
    return QStringLiteral("ports.failed");
}

} // namespace ssod::core::probe
