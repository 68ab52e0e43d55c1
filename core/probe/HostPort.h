#pragma once

#include "core/util/Result.h"

#include <QString>

namespace ssod::core::probe {

/// A probe target split into host and port.
struct HostPort {
    QString host;
    quint16 port = 0;
};

/// "host", "host:port", "[v6]:port", a bare IPv6 address, or a URL ("https://host:8443/x"), with
/// \a defaultPort when none is given.
Result<HostPort> parseHostPort(const QString &target, quint16 defaultPort);

} // namespace ssod::core::probe
