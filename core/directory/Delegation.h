#pragma once

#include "core/directory/SpnDirectory.h"
#include "core/util/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <optional>

namespace ssod::core::directory {

/// userAccountControl bits that matter for delegation (FACTS.md §6.2).
namespace uac {
inline constexpr quint32 AccountDisable = 0x2;
inline constexpr quint32 TrustedForDelegation = 0x80000;
inline constexpr quint32 NotDelegated = 0x100000;
inline constexpr quint32 UseDesKeyOnly = 0x200000;
inline constexpr quint32 DontRequirePreauth = 0x400000;
inline constexpr quint32 TrustedToAuthForDelegation = 0x1000000;
} // namespace uac

/// One constrained-delegation target (msDS-AllowedToDelegateTo) and who holds that SPN.
struct DelegationTarget {
    QString spn;
    QStringList holders; ///< sAMAccountNames; empty: no account holds it (the delegation cannot work)
    bool viaHostAlias = false; ///< held as HOST/… by a computer, which serves this class too
};

/// Everything about one account's delegation, in the directory's own terms (FACTS.md §6.3, §6.4).
struct DelegationReport {
    Account account;
    bool unconstrained = false; ///< TRUSTED_FOR_DELEGATION: services on it receive users' TGTs
    QList<DelegationTarget> constrained; ///< msDS-AllowedToDelegateTo
    bool protocolTransition = false; ///< TRUSTED_TO_AUTH_FOR_DELEGATION
    QStringList
        resourceBased; ///< accounts msDS-AllowedToActOnBehalfOfOtherIdentity lets delegate to this one
    QStringList resourceBasedUnresolved; ///< SIDs in that descriptor no account answers to
    bool sensitive = false; ///< NOT_DELEGATED ("sensitive and cannot be delegated")
    bool protectedUsers = false; ///< member of Protected Users (RID 525)
    std::optional<quint32> encryptionTypes; ///< msDS-SupportedEncryptionTypes; unset: 0x1C by default
};

/// Names of the msDS-SupportedEncryptionTypes bits set in \a types ("AES256-CTS-HMAC-SHA1-96", …).
QStringList encryptionTypeNames(quint32 types);

/// "S-1-5-21-…" of a binary SID; empty if \a sid is not one.
QString sidToString(const QByteArray &sid);
/// The SIDs an ACCESS_ALLOWED ACE of the DACL of a self-relative SECURITY_DESCRIPTOR grants (what
/// msDS-AllowedToActOnBehalfOfOtherIdentity holds), as binary SIDs; an error for a malformed one.
Result<QList<QByteArray>> allowedSids(const QByteArray &securityDescriptor);

/// Reads the delegation settings of \a accountName (and whether each target SPN exists).
Result<DelegationReport> readDelegation(LdapConnection &connection, const QString &accountName);

} // namespace ssod::core::directory
