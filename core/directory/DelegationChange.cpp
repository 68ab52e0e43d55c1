#include "core/directory/DelegationChange.h"

#include "core/directory/Spn.h"
#include "core/directory/SpnChange.h"

#include <QCoreApplication>

namespace ssod::core::directory {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("DelegationChange", text);
}

QString onOff(bool on)
{
    return on ? QStringLiteral("$true") : QStringLiteral("$false");
}

QString psArray(const QStringList &values)
{
    QStringList quoted;
    for (const QString &v : values)
        quoted << powerShellQuote(v);
    return QStringLiteral("@(") + quoted.join(QLatin1Char(',')) + QLatin1Char(')');
}

quint32 withFlag(quint32 flags, quint32 bit, std::optional<bool> on)
{
    if (!on)
        return flags;
    return *on ? (flags | bit) : (flags & ~bit);
}

} // namespace

QStringList DelegationChange::describe() const
{
    QStringList out;
    const auto flag = [&](quint32 bit, const QString &what) {
        if ((oldFlags & bit) != (newFlags & bit))
            out << ((newFlags & bit) ? tr("turn on %1").arg(what) : tr("turn off %1").arg(what));
    };
    flag(uac::TrustedForDelegation, tr("unconstrained delegation (trusted for delegation)"));
    flag(uac::TrustedToAuthForDelegation, tr("protocol transition (any authentication protocol)"));
    for (const QString &t : add)
        out << tr("allow delegation to %1").arg(t);
    for (const QString &t : remove)
        out << tr("stop delegation to %1").arg(t);
    return out;
}

DelegationEdit DelegationChange::undo() const
{
    DelegationEdit e;
    if ((oldFlags ^ newFlags) & uac::TrustedForDelegation)
        e.unconstrained = bool(oldFlags & uac::TrustedForDelegation);
    if ((oldFlags ^ newFlags) & uac::TrustedToAuthForDelegation)
        e.protocolTransition = bool(oldFlags & uac::TrustedToAuthForDelegation);
    e.addTargets = remove;
    e.removeTargets = add;
    return e;
}

Result<DelegationChange> planDelegationChange(
    LdapConnection &connection, const QString &accountName, const DelegationEdit &edit)
{
    for (const QString &t : edit.addTargets + edit.removeTargets)
        if (auto spn = Spn::parse(t); !spn)
            return spn.error();
    auto report = readDelegation(connection, accountName);
    if (!report)
        return report.error();
    DelegationChange c;
    c.account = report->account;
    c.oldFlags = report->account.userAccountControl;
    c.newFlags = withFlag(c.oldFlags, uac::TrustedForDelegation, edit.unconstrained);
    c.newFlags = withFlag(c.newFlags, uac::TrustedToAuthForDelegation, edit.protocolTransition);
    QStringList current;
    for (const DelegationTarget &t : report->constrained)
        current << t.spn;
    for (const QString &t : edit.addTargets) {
        if (current.contains(t, Qt::CaseInsensitive) || c.add.contains(t, Qt::CaseInsensitive)) {
            c.notes << tr("%1 is already a delegation target").arg(t);
            continue;
        }
        c.add << t;
        auto holders = SpnDirectory(connection).resolve(t);
        if (!holders)
            return holders.error();
        if (holders->holders.isEmpty())
            c.notes << tr("no account holds %1 yet: delegation to it fails until the SPN is registered").arg(t);
    }
    for (const QString &t : edit.removeTargets) {
        const auto at = std::find_if(current.begin(), current.end(),
            [&](const QString &s) { return s.compare(t, Qt::CaseInsensitive) == 0; });
        if (at == current.end())
            return Error::invalid(tr("%1 is not a delegation target of %2 (it has: %3)")
                                      .arg(t, c.account.samAccountName,
                                          current.isEmpty() ? tr("none") : current.join(QStringLiteral(", "))));
        c.remove << *at; // the stored spelling: LDAP deletes the value as stored
    }
    if ((c.newFlags & uac::TrustedForDelegation) && !(c.oldFlags & uac::TrustedForDelegation))
        c.notes << tr("unconstrained delegation hands every connecting user's TGT to services running as %1, "
                      "usable anywhere; constrained delegation to the needed SPNs is safer")
                       .arg(c.account.samAccountName);
    if ((c.newFlags & uac::TrustedToAuthForDelegation) && report->constrained.size() + c.add.size() - c.remove.size() == 0)
        c.notes << tr("protocol transition has no effect without constrained-delegation targets");
    return c;
}

Result<void> applyDelegationChange(LdapConnection &connection, const DelegationChange &change)
{
    using Mod = LdapConnection::Modification;
    QList<Mod> mods;
    if (change.oldFlags != change.newFlags)
        mods << Mod { Mod::Op::Replace, QStringLiteral("userAccountControl"),
            { QByteArray::number(change.newFlags) } };
    QList<QByteArray> add, remove;
    for (const QString &t : change.add)
        add << t.toUtf8();
    for (const QString &t : change.remove)
        remove << t.toUtf8();
    if (!remove.isEmpty())
        mods << Mod { Mod::Op::Delete, QStringLiteral("msDS-AllowedToDelegateTo"), remove };
    if (!add.isEmpty())
        mods << Mod { Mod::Op::Add, QStringLiteral("msDS-AllowedToDelegateTo"), add };
    if (mods.isEmpty())
        return {};
    return connection.modify(change.account.dn, mods);
}

Result<QString> renderDelegationScript(const DelegationChange &change, const QString &format)
{
    const QString dn = change.account.dn;
    const quint32 changed = change.oldFlags ^ change.newFlags;
    if (format == QLatin1String("ps1")) {
        QString out = QStringLiteral("#Requires -Modules ActiveDirectory\n# Delegation change from SSO Doctor "
                                     "for %1.\n$ErrorActionPreference = 'Stop'\n")
                          .arg(change.account.samAccountName);
        if (changed & uac::TrustedForDelegation)
            out += QStringLiteral("Set-ADAccountControl -Identity %1 -TrustedForDelegation %2\n")
                       .arg(powerShellQuote(dn), onOff(change.newFlags & uac::TrustedForDelegation));
        if (changed & uac::TrustedToAuthForDelegation)
            out += QStringLiteral("Set-ADAccountControl -Identity %1 -TrustedToAuthForDelegation %2\n")
                       .arg(powerShellQuote(dn), onOff(change.newFlags & uac::TrustedToAuthForDelegation));
        if (!change.remove.isEmpty())
            out += QStringLiteral("Set-ADObject -Identity %1 -Remove @{'msDS-AllowedToDelegateTo'=%2}\n")
                       .arg(powerShellQuote(dn), psArray(change.remove));
        if (!change.add.isEmpty())
            out += QStringLiteral("Set-ADObject -Identity %1 -Add @{'msDS-AllowedToDelegateTo'=%2}\n")
                       .arg(powerShellQuote(dn), psArray(change.add));
        return out;
    }
    if (format == QLatin1String("ldif")) {
        // userAccountControl is replaced whole: the value was read just now; re-plan if it has moved.
        QString out = QStringLiteral("# Delegation change from SSO Doctor for %1: ldapmodify -f FILE\nversion: 1\n\n")
                          .arg(change.account.samAccountName)
            + ldifLine(QStringLiteral("dn"), dn) + QStringLiteral("changetype: modify\n");
        if (changed)
            out += QStringLiteral("replace: userAccountControl\nuserAccountControl: %1\n-\n").arg(change.newFlags);
        const auto values = [&out](const QString &op, const QStringList &targets) {
            if (targets.isEmpty())
                return;
            out += op + QStringLiteral(": msDS-AllowedToDelegateTo\n");
            for (const QString &t : targets)
                out += ldifLine(QStringLiteral("msDS-AllowedToDelegateTo"), t);
            out += QStringLiteral("-\n");
        };
        values(QStringLiteral("delete"), change.remove);
        values(QStringLiteral("add"), change.add);
        return out;
    }
    return Error::invalid(tr("unknown script format \"%1\" for a delegation change: use ps1 or ldif").arg(format));
}

} // namespace ssod::core::directory
