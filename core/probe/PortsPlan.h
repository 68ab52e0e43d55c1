#pragma once

#include "core/probe/TcpConnect.h"
#include "core/util/Result.h"

#include <QList>
#include <QString>
#include <QVariantMap>

namespace ssod::core::probe {

/**
 * What the ports probe tries and what it expects of each port: the pure part of the probe (option
 * parsing, the service usually on a port, which finding a result gives), kept apart from the
 * sockets so it can be tested without a network.
 */
struct PortsPlan {
    struct Port {
        quint16 port = 0;
        bool shouldBeClosed = false; ///< from the "closed" option: open is the problem
    };
    QList<Port> ports; ///< each port once, in the order given ("ports" first, then "closed")

    /// Most ports one probe tries: each gets its own thread, so a hostile list is refused.
    static constexpr int kMaxPorts = 64;

    /// 88, 389, 636, 3268, 445, 3389, 5985, 5986, 80, 443: what an AD single sign-on estate needs.
    static QList<quint16> defaultPorts();

    /// The plan of \a options "ports" and "closed" (lists of numbers, or strings of digits as the
    /// scenarios substitute "{port}"; one number or a comma-separated string is taken too). No
    /// "ports" and no "closed": the default list. InvalidInput for anything not a port number.
    static Result<PortsPlan> fromOptions(const QVariantMap &options);
};

/// The service usually on \a port ("Kerberos", "LDAP", …), or "TCP <port>" for an unknown one.
QString portService(quint16 port);

/// The finding id for a port's connection result: ports.open / refused / silent / no-route /
/// failed, or closed-ok / should-be-closed for a port that should be closed. Empty for Cancelled.
QString portFindingId(TcpConnectResult::State state, bool shouldBeClosed);

} // namespace ssod::core::probe
