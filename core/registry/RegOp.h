#pragma once

#include "core/registry/RegValue.h"

#include <QList>
#include <QString>

#include <optional>

namespace ssod::core::registry {

/// One primitive write a store performs inside a transaction.
struct RegOp
{
    enum class Kind { CreateKey, SetValue, DeleteValue, DeleteKey };
    Kind kind = Kind::SetValue;
    QString key; ///< canonical full path
    QString name;
    std::optional<RegValue> value; ///< for SetValue

    static RegOp createKey(QString k) { return {Kind::CreateKey, std::move(k), {}, {}}; }
    static RegOp set(QString k, QString n, RegValue v) { return {Kind::SetValue, std::move(k), std::move(n), std::move(v)}; }
    static RegOp deleteValue(QString k, QString n) { return {Kind::DeleteValue, std::move(k), std::move(n), {}}; }
    static RegOp deleteKey(QString k) { return {Kind::DeleteKey, std::move(k), {}, {}}; }
};

using RegOps = QList<RegOp>;

} // namespace ssod::core::registry
