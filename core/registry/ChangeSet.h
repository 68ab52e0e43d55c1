#pragma once

#include "core/registry/RegOp.h"
#include "core/registry/RegValue.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ssod::core::registry {

/// An item added to or removed from a list value, kept when the list's current content is not
/// known (diff against no target): exports must then append at run time or refuse, never replace.
struct ListItemEdit
{
    enum class Kind { MultiSz, CommaList };
    Kind kind = Kind::MultiSz;
    QString item;
    bool present = true;
};

/// One change the diff found, with the catalog setting that caused it.
struct Change
{
    enum class Action { CreateKey, SetValue, DeleteValue, DeleteKey };
    Action action = Action::SetValue;
    QString key;  ///< canonical full path
    QString name; ///< value name (empty for key actions and for the default value)
    std::optional<RegValue> before; ///< value before (nullopt: absent)
    std::optional<RegValue> after;  ///< value after (nullopt: absent)
    QString settingId;              ///< catalog id, e.g. "credssp.xp-enable"
    QString summary;                ///< for people: "add item tspkg", "set to 1"
    /// Non-empty when \a after was computed from an unknown list: the items to add/remove.
    QList<ListItemEdit> relativeItems;
};

QString actionName(Change::Action a); ///< "create-key", "set-value", "delete-value", "delete-key"

/// The ordered result of diff(current, desired). Empty means "already compliant".
struct ChangeSet
{
    QList<Change> changes;
    QStringList settingIds; ///< the settings this set was computed for, in request order

    bool isCompliant() const { return changes.isEmpty(); }
    /// True when some change edits a list whose current content was not known.
    bool hasRelativeItems() const;
    /// Store operations that move the target from before to after.
    RegOps toOps() const;
    /// Store operations that move the target from after back to before (reverse order).
    RegOps toUndoOps() const;
};

} // namespace ssod::core::registry
