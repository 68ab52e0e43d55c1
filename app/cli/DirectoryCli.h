#pragma once

// The directory commands that change it (spn add/remove/plan, delegation set), in SpnChangeCommands.cpp.
#include "app/cli/CliContext.h"

namespace ssod::cli {

/// spn add | remove | plan.
int runSpnChange(const Context &ctx, const QStringList &argv);
/// delegation set.
int runDelegationSet(const Context &ctx, const QStringList &argv);

} // namespace ssod::cli
