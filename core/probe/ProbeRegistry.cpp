#include "core/probe/ProbeRegistry_p.h"

#include "core/probe/ClockProbe.h"
#include "core/probe/DnsProbe.h"
#include "core/probe/HttpNegotiateProbe.h"
#include "core/probe/KerberosProbe.h"
#include "core/probe/PolicyProbe.h"
#include "core/probe/PortsProbe.h"
#include "core/probe/RdpProbe.h"
#include "core/probe/SpnProbe.h"
#include "core/probe/TlsProbe.h"

namespace ssod::core::probe {

const std::vector<std::unique_ptr<Probe>> &builtinProbes()
{
    static const std::vector<std::unique_ptr<Probe>> probes = [] {
        std::vector<std::unique_ptr<Probe>> v;
        // One line per probe, in the order a reader follows the Kerberos flow.
        v.push_back(std::make_unique<DnsProbe>());
        v.push_back(std::make_unique<PortsProbe>());
        v.push_back(std::make_unique<ClockProbe>());
        v.push_back(std::make_unique<KerberosProbe>());
        v.push_back(std::make_unique<SpnProbe>());
        v.push_back(std::make_unique<TlsProbe>());
        v.push_back(std::make_unique<RdpProbe>());
        v.push_back(std::make_unique<HttpNegotiateProbe>());
        v.push_back(std::make_unique<PolicyProbe>());
        return v;
    }();
    return probes;
}

} // namespace ssod::core::probe
