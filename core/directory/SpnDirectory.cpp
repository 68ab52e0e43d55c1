#include "core/directory/SpnDirectory.h"

#include "core/directory/Spn.h"

#include <QCoreApplication>
#include <QHash>
#include <algorithm>

namespace ssod::core::directory {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("SpnDirectory", text);
}

const QStringList kAccountAttributes = { QStringLiteral("sAMAccountName"), QStringLiteral("objectClass"),
    QStringLiteral("servicePrincipalName"), QStringLiteral("userAccountControl") };

Account accountOf(const LdapEntry &e)
{
    Account a;
    a.dn = e.dn;
    a.samAccountName = e.string(QStringLiteral("sAMAccountName"));
    a.objectClasses = e.strings(QStringLiteral("objectClass"));
    a.spns = e.strings(QStringLiteral("servicePrincipalName"));
    a.userAccountControl = e.string(QStringLiteral("userAccountControl")).toUInt();
    return a;
}

} // namespace

bool Account::isComputer() const
{
    return objectClasses.contains(QStringLiteral("computer"), Qt::CaseInsensitive);
}

QString ldapEscape(const QString &value)
{
    QString out = Spn::ldapFilterValue(value);
    out.replace(QLatin1Char('*'), QLatin1String("\\2a"));
    return out;
}

QString accountSearchFilter(const QString &text)
{
    const QString t = text.trimmed();
    // objectClass=user covers people, computers and managed service accounts (both derive from
    // computer); contacts and groups are not accounts that hold SPNs.
    const QString accounts = QStringLiteral("(objectClass=user)");
    if (t.isEmpty() || t == QLatin1String("*"))
        return accounts;
    QString value;
    if (t.contains(QLatin1Char('*'))) {
        const QStringList parts = t.split(QLatin1Char('*'));
        for (qsizetype i = 0; i < parts.size(); ++i)
            value += (i ? QStringLiteral("*") : QString()) + ldapEscape(parts[i]);
    } else {
        value = QLatin1Char('*') + ldapEscape(t) + QLatin1Char('*');
    }
    return QStringLiteral("(&%1(|(sAMAccountName=%2)(cn=%2)(displayName=%2)))").arg(accounts, value);
}

QString SpnDirectory::base(bool forest) const
{
    // A global catalog search from the empty base covers every domain of the forest.
    return forest ? QString() : m_c.rootDse().defaultNamingContext;
}

Result<Account> SpnDirectory::account(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return Error::invalid(tr("no account name given"));
    QStringList candidates { trimmed };
    if (!trimmed.endsWith(QLatin1Char('$')))
        candidates << trimmed + QLatin1Char('$');
    for (const QString &candidate : candidates) {
        QList<Account> found;
        auto r = m_c.search(base(false), LdapConnection::Scope::Subtree,
            QStringLiteral("(sAMAccountName=%1)").arg(ldapEscape(candidate)), kAccountAttributes,
            [&](const LdapEntry &e) {
                found << accountOf(e);
                return true;
            });
        if (!r)
            return r.error();
        if (!found.isEmpty())
            return found.first();
    }
    return Error::notFound(
        tr("no account named \"%1\" in %2; check the spelling (a computer account is NAME$)")
            .arg(trimmed, m_c.rootDse().defaultNamingContext));
}

Result<QList<SpnHolder>> SpnDirectory::query(
    const QString &pattern, bool forest, const std::atomic<bool> *cancel)
{
    if (pattern.trimmed().isEmpty())
        return Error::invalid(tr("no SPN or pattern given; e.g. HTTP/web01.contoso.com or HTTP/web01*"));
    QList<SpnHolder> out;
    auto r = m_c.search(
        base(forest), LdapConnection::Scope::Subtree,
        QStringLiteral("(servicePrincipalName=%1)").arg(Spn::ldapFilterValue(pattern.trimmed())),
        { QStringLiteral("sAMAccountName"), QStringLiteral("servicePrincipalName") },
        [&](const LdapEntry &e) {
            const QString account = e.string(QStringLiteral("sAMAccountName"));
            for (const QString &spn : e.strings(QStringLiteral("servicePrincipalName")))
                if (Spn::matches(spn, pattern.trimmed()))
                    out << SpnHolder { spn, account, e.dn };
            return true;
        },
        cancel);
    if (!r)
        return r.error();
    std::sort(out.begin(), out.end(), [](const SpnHolder &a, const SpnHolder &b) {
        const int c = a.spn.compare(b.spn, Qt::CaseInsensitive);
        return c != 0 ? c < 0 : a.account.compare(b.account, Qt::CaseInsensitive) < 0;
    });
    return out;
}

QStringList SpnResolution::accounts() const
{
    QStringList out;
    for (const SpnHolder &h : holders)
        if (!out.contains(h.account, Qt::CaseInsensitive))
            out << h.account;
    return out;
}

Result<SpnResolution> SpnDirectory::resolve(const QString &spnText, const std::atomic<bool> *cancel)
{
    auto spn = Spn::parse(spnText);
    if (!spn)
        return spn.error();
    auto exact = query(spn->toString(), false, cancel);
    if (!exact)
        return exact.error();
    if (!exact->isEmpty() || spn->port() || !spn->serviceName().isEmpty()
        || !hostAliasClasses().contains(spn->serviceClass(), Qt::CaseInsensitive))
        return SpnResolution { *exact, false };
    auto alias = query(QStringLiteral("HOST/") + spn->host(), false, cancel);
    if (!alias)
        return alias.error();
    return SpnResolution { *alias, !alias->isEmpty() };
}

Result<QList<Account>> SpnDirectory::findAccounts(const QString &text, int limit, const std::atomic<bool> *cancel)
{
    QList<Account> out;
    if (limit <= 0)
        return out;
    auto r = m_c.search(
        base(false), LdapConnection::Scope::Subtree, accountSearchFilter(text), kAccountAttributes,
        [&](const LdapEntry &e) {
            out << accountOf(e);
            return out.size() < limit;
        },
        cancel);
    if (!r)
        return r.error();
    std::sort(out.begin(), out.end(), [](const Account &a, const Account &b) {
        return a.samAccountName.compare(b.samAccountName, Qt::CaseInsensitive) < 0;
    });
    return out;
}

Result<QList<DuplicateSpn>> SpnDirectory::duplicates(bool forest, const std::atomic<bool> *cancel)
{
    // One pass over every account with an SPN, page by page; only the SPN -> first holder map is
    // kept (the directory's own uniqueness check compares case-insensitively).
    QHash<QString, QString> firstHolder;
    QHash<QString, DuplicateSpn> dups;
    auto r = m_c.search(
        base(forest), LdapConnection::Scope::Subtree, QStringLiteral("(servicePrincipalName=*)"),
        { QStringLiteral("sAMAccountName"), QStringLiteral("servicePrincipalName") },
        [&](const LdapEntry &e) {
            const QString account = e.string(QStringLiteral("sAMAccountName"));
            for (const QString &spn : e.strings(QStringLiteral("servicePrincipalName"))) {
                const QString key = spn.toCaseFolded();
                auto it = firstHolder.find(key);
                if (it == firstHolder.end()) {
                    firstHolder.insert(key, account);
                    continue;
                }
                if (it->compare(account, Qt::CaseInsensitive) == 0)
                    continue; // the same account twice (another spelling)
                DuplicateSpn &d = dups[key];
                if (d.accounts.isEmpty()) {
                    d.spn = spn;
                    d.accounts << *it;
                }
                if (!d.accounts.contains(account, Qt::CaseInsensitive))
                    d.accounts << account;
            }
            return true;
        },
        cancel);
    if (!r)
        return r.error();
    QList<DuplicateSpn> out = dups.values();
    for (DuplicateSpn &d : out)
        std::sort(d.accounts.begin(), d.accounts.end(),
            [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    std::sort(out.begin(), out.end(), [](const DuplicateSpn &a, const DuplicateSpn &b) {
        return a.spn.compare(b.spn, Qt::CaseInsensitive) < 0;
    });
    return out;
}

QString SpnDirectory::realm() const
{
    QStringList labels;
    for (const QString &rdn : m_c.rootDse().defaultNamingContext.split(QLatin1Char(',')))
        if (rdn.trimmed().startsWith(QLatin1String("DC="), Qt::CaseInsensitive))
            labels << rdn.trimmed().mid(3);
    return labels.join(QLatin1Char('.')).toUpper();
}

QString SpnDirectory::netbiosDomainName()
{
    const RootDse &dse = m_c.rootDse();
    QString name;
    if (!dse.configurationNamingContext.isEmpty()) {
        auto r = m_c.search(QStringLiteral("CN=Partitions,") + dse.configurationNamingContext,
            LdapConnection::Scope::OneLevel,
            QStringLiteral("(&(objectClass=crossRef)(nCName=%1))").arg(ldapEscape(dse.defaultNamingContext)),
            { QStringLiteral("nETBIOSName") }, [&](const LdapEntry &e) {
                name = e.string(QStringLiteral("nETBIOSName"));
                return name.isEmpty();
            });
        Q_UNUSED(r) // unreadable: fall back to the first label
    }
    return name.isEmpty() ? realm().section(QLatin1Char('.'), 0, 0) : name.toUpper();
}

} // namespace ssod::core::directory
