#pragma once

#include "core/probe/Probe.h"

namespace ssod::core::probe {

/**
 * RDP security negotiation ([MS-RDPBCGR] X.224 with RDP_NEG_REQ): offers SSL|HYBRID|HYBRID_EX,
 * then SSL only, then Standard RDP only, each on a fresh connection; says which protocols the
 * server accepts and whether NLA is required, then checks the TLS certificate read on the same
 * connection. Target host[:port] (3389); options expectNla (required | off | any), name, caFile.
 */
class RdpProbe final : public Probe {
public:
    QString id() const override { return QStringLiteral("rdp"); }
    QString description() const override;
    ProbeReport run(const ProbeRequest &request, const ProbeContext &context) const override;
};

} // namespace ssod::core::probe
