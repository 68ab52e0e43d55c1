#include "core/registry/ChangeSet.h"

#include <algorithm>

namespace ssod::core::registry {

QString actionName(Change::Action a)
{
    switch (a) {
    case Change::Action::CreateKey:
        return QStringLiteral("create-key");
    case Change::Action::SetValue:
        return QStringLiteral("set-value");
    case Change::Action::DeleteValue:
        return QStringLiteral("delete-value");
    case Change::Action::DeleteKey:
        return QStringLiteral("delete-key");
    }
    return {};
}

bool ChangeSet::hasRelativeItems() const
{
    return std::any_of(changes.cbegin(), changes.cend(), [](const Change &c) { return !c.relativeItems.isEmpty(); });
}

RegOps ChangeSet::toOps() const
{
    RegOps ops;
    for (const Change &c : changes) {
        switch (c.action) {
        case Change::Action::CreateKey:
            ops << RegOp::createKey(c.key);
            break;
        case Change::Action::SetValue:
            ops << RegOp::set(c.key, c.name, *c.after);
            break;
        case Change::Action::DeleteValue:
            ops << RegOp::deleteValue(c.key, c.name);
            break;
        case Change::Action::DeleteKey:
            ops << RegOp::deleteKey(c.key);
            break;
        }
    }
    return ops;
}

RegOps ChangeSet::toUndoOps() const
{
    RegOps ops;
    for (auto it = changes.crbegin(); it != changes.crend(); ++it) {
        const Change &c = *it;
        switch (c.action) {
        case Change::Action::CreateKey:
            ops << RegOp::deleteKey(c.key);
            break;
        case Change::Action::SetValue:
        case Change::Action::DeleteValue:
            if (c.before)
                ops << RegOp::set(c.key, c.name, *c.before);
            else
                ops << RegOp::deleteValue(c.key, c.name);
            break;
        case Change::Action::DeleteKey:
            ops << RegOp::createKey(c.key); // values of a deleted key are restored by their own changes
            break;
        }
    }
    return ops;
}

} // namespace ssod::core::registry
