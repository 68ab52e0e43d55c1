#pragma once

#include "core/probe/Probe.h"

namespace ssod::core::probe {

/**
 * The certificate of a TLS service (HTTPS, WinRM HTTPS, LDAPS, …) as a client checks it: target
 * host[:port] (443), options name (the name the user types; default the host), caFile (trusted
 * instead of the system store), purpose (https | winrm | ldaps | rdp), noRevocation.
 */
class TlsProbe final : public Probe {
public:
    QString id() const override { return QStringLiteral("tls"); }
    QString description() const override;
    ProbeReport run(const ProbeRequest &request, const ProbeContext &context) const override;
};

} // namespace ssod::core::probe
