#pragma once

#include "core/probe/Probe.h"

namespace ssod::core::probe {

/**
 * What DNS says about a name, as a Kerberos client sees it: for a host, its A/AAAA records, the
 * CNAME chain (and which SPN a client therefore asks for), the PTR record of each address and
 * whether forward and reverse DNS agree; for an address, its PTR; with option "srv", the AD SRV
 * records of a domain and the addresses of the servers they name. Options: "server" (a DNS
 * server's IP to ask instead of the system's resolver), "srv" and "expectA" (a CNAME is then a
 * warning: the web scenario). Chain following is core/directory's HostResolver, the same the
 * SPN predictor uses, so the probe and the prediction never disagree about a name.
 */
class DnsProbe final : public Probe {
public:
    QString id() const override { return QStringLiteral("dns"); }
    QString description() const override;
    ProbeReport run(const ProbeRequest &request, const ProbeContext &context) const override;
};

} // namespace ssod::core::probe
