#pragma once

#include "core/directory/SpnDirectory.h"
#include "core/util/Result.h"

#include <QList>
#include <QString>
#include <optional>

namespace ssod::core::directory {

/// One SPN added to or removed from one account: what `spn add/remove`, the farm planner and the
/// SPN registration wizard apply over LDAP or hand to an administrator as a script.
struct SpnChange {
    enum class Op { Add, Remove };
    Op op = Op::Add;
    QString spn;
    QString account; ///< sAMAccountName
    QString dn;
    enum class Kind { User, Computer, ManagedServiceAccount };
    Kind kind = Kind::User;

    bool operator==(const SpnChange &o) const
    {
        return op == o.op && spn.compare(o.spn, Qt::CaseInsensitive) == 0
            && account.compare(o.account, Qt::CaseInsensitive) == 0;
    }
};

/// The kind of account \a a is (the PowerShell cmdlet differs per kind).
SpnChange::Kind accountKind(const Account &a);

/// What an `spn add` found before writing: who else holds the SPN, and through which name.
struct SpnConflict {
    QString spn; ///< the SPN that is held: the requested one, or HOST/… standing in for it
    QStringList holders; ///< sAMAccountNames other than the target account
    bool viaHostAlias = false; ///< a computer's HOST/ SPN already answers for the requested class
};

/**
 * Checks \a spn against the directory before adding it to \a account (setspn -S): held by another
 * account (exact, case-insensitive) → a conflict naming it; held through the HOST alias of a
 * computer (FACTS §6.1: since KB5008382 DCs refuse that too) → a conflict with viaHostAlias.
 * Empty: free, or held by \a account already.
 */
Result<std::optional<SpnConflict>> findConflict(
    SpnDirectory &directory, const QString &spn, const Account &account, const std::atomic<bool> *cancel = nullptr);

/// Applies \a change with one LDAP modify (add or delete of one servicePrincipalName value). The
/// directory's own uniqueness check still applies (Samba and AD refuse a duplicate: 0000202F).
Result<void> applySpnChange(LdapConnection &connection, const SpnChange &change);

/// Applies \a changes in order, all or nothing: when one fails, those already made are taken back
/// (newest first) and the error says which failed and whether the rollback worked. \a applied
/// receives what is in the directory afterwards.
Result<void> applySpnChanges(LdapConnection &connection, const QList<SpnChange> &changes, QList<SpnChange> *applied);

/// The change that undoes \a change.
SpnChange inverse(const SpnChange &change);

/// Scripts an administrator runs instead of letting the tool write.
enum class SpnScriptFormat {
    Setspn, ///< a Windows batch of `setspn -S` / `setspn -D`
    PowerShell, ///< Set-ADUser / Set-ADComputer / Set-ADServiceAccount -ServicePrincipalNames @{Add=…}
    Ldif, ///< an LDIF for ldapmodify / ldifde
    Ktpass, ///< ktpass lines making one keytab for the account (adds only)
};
std::optional<SpnScriptFormat> spnScriptFormatFromName(const QString &name);
QString spnScriptFormatName(SpnScriptFormat format);
/// The usual file name extension (".cmd", ".ps1", ".ldif").
QString spnScriptExtension(SpnScriptFormat format);

struct SpnScriptContext {
    QString netbiosDomain; ///< "CONTOSO" for setspn's DOMAIN\account and ktpass /mapuser
    QString realm; ///< "CONTOSO.COM" for ktpass principals
    QStringList comments; ///< extra lines at the top (what was found: held elsewhere, collateral)
};

/// A PowerShell single-quoted literal (a ' is doubled; nothing else is special there).
QString powerShellQuote(const QString &s);
/// One LDIF "attribute: value" line, base64 ("attribute:: …") when RFC 2849 asks for it.
QString ldifLine(const QString &attribute, const QString &value);

/// Renders \a changes as a script. Ktpass refuses removals (a keytab cannot remove an SPN).
Result<QString> renderSpnScript(
    const QList<SpnChange> &changes, SpnScriptFormat format, const SpnScriptContext &context);

} // namespace ssod::core::directory
