#include "core/wizard/SpnRegistration.h"

#include <QCoreApplication>

namespace ssod::core::wizard {

using namespace directory;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("SpnRegistration", text);
}

} // namespace

Result<SpnRegistration::Planned> SpnRegistration::makePlan(
    LdapConnection &connection, const std::atomic<bool> *cancel) const
{
    SpnDirectory directory(connection);
    auto plan = planFarm(input, directory, cancel);
    if (!plan)
        return plan.error();
    return Planned { *plan, directory.netbiosDomainName(), directory.realm() };
}

Result<QList<SpnChange>> SpnRegistration::apply(LdapConnection &connection) const
{
    if (!m_plan)
        return Error::invalid(tr("nothing planned yet"));
    if (exportOnly)
        return Error::invalid(tr("export only: the wizard does not write to the directory"));
    QList<SpnChange> added;
    if (auto r = applySpnChanges(connection, m_plan->changes(), &added); !r)
        return r.error();
    return added;
}

Result<QList<SpnRegistration::Check>> SpnRegistration::verify(LdapConnection &connection) const
{
    if (!m_plan)
        return Error::invalid(tr("nothing planned yet"));
    SpnDirectory directory(connection);
    const QString me = m_plan->account.samAccountName;
    QList<Check> out;
    for (const PlannedSpn &p : m_plan->spns) {
        const bool added = std::any_of(m_applied.begin(), m_applied.end(),
            [&](const SpnChange &c) { return c.spn.compare(p.spn, Qt::CaseInsensitive) == 0; });
        if (!added && p.status != PlannedSpn::Status::AlreadyCorrect)
            continue;
        auto holders = directory.query(p.spn, false);
        if (!holders)
            return holders.error();
        Check c { p.spn, {}, false, {} };
        for (const SpnHolder &h : *holders)
            if (!c.holders.contains(h.account, Qt::CaseInsensitive))
                c.holders << h.account;
        const bool mine = c.holders.contains(me, Qt::CaseInsensitive);
        c.ok = mine && c.holders.size() == 1;
        if (c.ok)
            c.text = tr("registered on %1 and nobody else").arg(me);
        else if (!mine)
            c.text = c.holders.isEmpty() ? tr("not registered: the directory does not have it (replication?)")
                                         : tr("held by %1, not by %2").arg(c.holders.join(QStringLiteral(", ")), me);
        else {
            QStringList others = c.holders;
            others.removeIf([&](const QString &a) { return a.compare(me, Qt::CaseInsensitive) == 0; });
            c.text = tr("held twice: also by %1; Kerberos to it fails until only %2 holds it")
                         .arg(others.join(QStringLiteral(", ")), me);
        }
        out << c;
    }
    return out;
}

Result<void> SpnRegistration::undo(LdapConnection &connection) const
{
    QList<SpnChange> removals;
    for (auto it = m_applied.crbegin(); it != m_applied.crend(); ++it)
        removals << inverse(*it);
    QList<SpnChange> done;
    return applySpnChanges(connection, removals, &done);
}

Result<QString> SpnRegistration::script(SpnScriptFormat format) const
{
    if (!m_plan)
        return Error::invalid(tr("nothing planned yet"));
    return renderFarmPlan(*m_plan, format, netbiosDomain, realm);
}

} // namespace ssod::core::wizard
