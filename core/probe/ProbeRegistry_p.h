#pragma once

#include "core/probe/Probe.h"

#include <memory>
#include <vector>

namespace ssod::core::probe {

/// Every built-in probe, made once (ProbeRegistry.cpp lists them: a new probe adds one line there).
const std::vector<std::unique_ptr<Probe>> &builtinProbes();

} // namespace ssod::core::probe
