#pragma once

#include "core/registry/ChangeSet.h"
#include "core/registry/Edit.h"
#include "core/registry/RegTree.h"
#include "core/registry/RegistryStore.h"
#include "core/util/Result.h"

namespace ssod::core::registry {

/**
 * diff(current, desired): the ordered changes that make \a current satisfy \a edits. A null
 * \a current is an empty registry. Pure apart from reading the store; empty result = compliant.
 * Several edits on one value fold into one change (before = the store's value, after = final).
 * Keys that do not exist get a create-key change (for a store, every missing ancestor inside the
 * store's scope; without a store, the key itself).
 */
Result<ChangeSet> diff(const RegistryStore *current, const Edits &edits);

/// The keys diff() reads for \a edits (each edit reads only its own key), to open a large target
/// for just those (ReadOptions::keys).
QStringList keysRead(const Edits &edits);

/// The changes that replay the instructions of a .reg file (e.g. an undo backup) onto \a current.
Result<ChangeSet> diffInstructions(const RegistryStore *current, const RegTree &instructions,
                                   const QString &settingId = {});

} // namespace ssod::core::registry
