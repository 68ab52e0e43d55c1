#include "core/probe/ProbeRegistry_p.h"

#include "core/probe/HttpNegotiateProbe.h"

namespace ssod::core::probe {

const std::vector<std::unique_ptr<Probe>> &builtinProbes()
{
    static const std::vector<std::unique_ptr<Probe>> probes = [] {
        std::vector<std::unique_ptr<Probe>> v;
        // One line per probe, in the order a reader follows the Kerberos flow.
        v.push_back(std::make_unique<HttpNegotiateProbe>());
        return v;
    }();
    return probes;
}

} // namespace ssod::core::probe
