#pragma once

#include "core/directory/Delegation.h"
#include "core/util/Result.h"

#include <QString>
#include <QStringList>
#include <optional>

namespace ssod::core::directory {

/// What `delegation set` asks for; unset parts stay as they are.
struct DelegationEdit {
    std::optional<bool> unconstrained; ///< TRUSTED_FOR_DELEGATION
    std::optional<bool> protocolTransition; ///< TRUSTED_TO_AUTH_FOR_DELEGATION
    QStringList addTargets; ///< msDS-AllowedToDelegateTo values to add
    QStringList removeTargets; ///< and to remove

    bool isEmpty() const
    {
        return !unconstrained && !protocolTransition && addTargets.isEmpty() && removeTargets.isEmpty();
    }
};

/// An edit checked against the account as it is: exactly the values that change, and what to know.
struct DelegationChange {
    Account account;
    quint32 oldFlags = 0; ///< userAccountControl before
    quint32 newFlags = 0; ///< and after
    QStringList add; ///< targets not there yet
    QStringList remove; ///< targets there now
    QStringList notes; ///< risks and no-ops, in words ("HTTP/x is held by nobody: delegation to it fails")

    bool isEmpty() const { return oldFlags == newFlags && add.isEmpty() && remove.isEmpty(); }
    /// One line per change, for the confirmation and the log.
    QStringList describe() const;
    /// The edit that puts everything back.
    DelegationEdit undo() const;
};

/// Reads \a accountName and works out what \a edit changes. Refuses malformed target SPNs and
/// removing a target the account does not have.
Result<DelegationChange> planDelegationChange(
    LdapConnection &connection, const QString &accountName, const DelegationEdit &edit);

/// Writes \a change with one LDAP modify (userAccountControl replaced only when it changes).
Result<void> applyDelegationChange(LdapConnection &connection, const DelegationChange &change);

/// The change as a script for an administrator: "ps1" (Set-ADAccountControl, Set-ADObject) or "ldif".
Result<QString> renderDelegationScript(const DelegationChange &change, const QString &format);

} // namespace ssod::core::directory
