#pragma once

#include "core/registry/RegValue.h"

#include <QList>
#include <QString>

#include <optional>

namespace ssod::core::registry {

/// An idempotent edit: describes the desired state of one value, not a blind write. Applying an
/// edit to a state that already satisfies it changes nothing.
struct Edit
{
    enum class Op {
        Set,              ///< value == value
        Delete,           ///< value absent
        MultiSzItem,      ///< REG_MULTI_SZ contains / lacks item (other items kept)
        CommaListItem,    ///< comma-separated REG_SZ contains / lacks item, appended as ", item"
        NumberedListItem, ///< values "1","2",… of key contain / lack item (REG_SZ each)
    };
    Op op = Op::Set;
    QString key; ///< canonical full path
    QString name;
    std::optional<RegValue> value; ///< for Set
    QString item;
    bool present = true;
    bool optional = false; ///< skip when the target cannot hold \a key
    QString settingId;
};

using Edits = QList<Edit>;

} // namespace ssod::core::registry
