#pragma once

#include "core/catalog/Setting.h"
#include "core/registry/ChangeSet.h"

#include <QJsonObject>

namespace ssod::core::catalog {

/// Machine-readable forms shared by the CLI's --json output and diagnostic bundles.
QJsonObject settingToJson(const Setting &s, bool full);
QJsonObject changeToJson(const registry::Change &c);
QJsonObject changeSetToJson(const registry::ChangeSet &cs);

} // namespace ssod::core::catalog
