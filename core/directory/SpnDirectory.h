#pragma once

#include "core/directory/LdapConnection.h"
#include "core/util/Result.h"

#include <QString>
#include <QStringList>
#include <atomic>

namespace ssod::core::directory {

/// A user, computer or managed service account and the SPNs it holds.
struct Account {
    QString dn;
    QString samAccountName;
    QStringList objectClasses;
    QStringList spns;
    quint32 userAccountControl = 0;

    bool isComputer() const;
};

/// One SPN and the account holding it.
struct SpnHolder {
    QString spn;
    QString account; ///< sAMAccountName
    QString dn;
};

/// Who answers for one SPN: the accounts holding it, or those holding the HOST/ SPN that stands in
/// for it (FACTS.md §6.1 sPNMappings: HTTP/web01 is served by HOST/web01 on the computer).
struct SpnResolution {
    QList<SpnHolder> holders;
    bool viaHostAlias = false;

    QStringList accounts() const;
};

/// An SPN held by more than one account: Kerberos to it fails for everyone (FACTS.md §6.1).
struct DuplicateSpn {
    QString spn;
    QStringList accounts; ///< sAMAccountNames, sorted
};

/**
 * The SPN tools over a directory connection: list (setspn -L), query (setspn -Q), duplicates
 * (setspn -X). Searches are paged and streamed; \a forest searches the whole global catalog (the
 * connection must then be to a global catalog port).
 */
class SpnDirectory final {
public:
    explicit SpnDirectory(LdapConnection &connection) : m_c(connection) { }

    LdapConnection &connection() { return m_c; }

    /// The account named \a name (sAMAccountName; "WEB01" also finds the computer "WEB01$").
    Result<Account> account(const QString &name);
    /// Every SPN matching \a pattern (setspn -Q wildcards) with its holder, sorted by SPN.
    Result<QList<SpnHolder>> query(
        const QString &pattern, bool forest, const std::atomic<bool> *cancel = nullptr);
    /// The accounts a KDC would find for \a spn (exact, else through the HOST alias).
    Result<SpnResolution> resolve(const QString &spn, const std::atomic<bool> *cancel = nullptr);
    /// Users, computers and (group) managed service accounts whose sAMAccountName, cn or displayName
    /// contains \a text, or matches it when it holds a `*` wildcard ("svc_*"); empty or "*": all.
    /// At most \a limit (ask for one more to know whether there were more), sorted by name.
    Result<QList<Account>> findAccounts(const QString &text, int limit, const std::atomic<bool> *cancel = nullptr);
    /// Every SPN held by two or more accounts, sorted by SPN.
    Result<QList<DuplicateSpn>> duplicates(bool forest, const std::atomic<bool> *cancel = nullptr);

    /// The domain's NetBIOS name ("CONTOSO"), from its crossRef in the configuration partition;
    /// the first DC= label upper-cased when the crossRef cannot be read.
    QString netbiosDomainName();
    /// The Kerberos realm: the DNS name of the default naming context, upper-cased.
    QString realm() const;

private:
    QString base(bool forest) const;

    LdapConnection &m_c;
};

/// RFC 4515 escaping of a whole value (no wildcards).
QString ldapEscape(const QString &value);
/// The LDAP filter SpnDirectory::findAccounts searches with (RFC 4515 escaped; `*` kept as wildcard).
QString accountSearchFilter(const QString &text);

} // namespace ssod::core::directory
