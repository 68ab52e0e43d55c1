#pragma once

#include "core/probe/Probe.h"

namespace ssod::core::probe {

/**
 * TCP reachability of a host's ports (88, 389, 636, 3268, 445, 3389, 5985, 5986, 80, 443 unless
 * told): each connected, refused (the host is up, nothing listens), silent (a firewall drops the
 * packets) or without a route, with its time. Options: "ports" (numbers, or strings of digits),
 * "closed" (ports that should be closed: open is a warning).
 *
 * Every port is tried at once, each on its own short-lived thread with its own socket through
 * connectTcp: connectTcp waits in blocking slices, so it cannot interleave on one thread, and
 * reusing it keeps one definition of refused vs silent for every probe. The lists are short
 * (PortsPlan::kMaxPorts bounds them), so the whole probe ends within one timeout however many
 * ports are silent.
 */
class PortsProbe final : public Probe {
public:
    QString id() const override { return QStringLiteral("ports"); }
    QString description() const override;
    ProbeReport run(const ProbeRequest &request, const ProbeContext &context) const override;
};

} // namespace ssod::core::probe
