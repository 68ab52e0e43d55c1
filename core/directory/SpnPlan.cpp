#include "core/directory/SpnPlan.h"

#include "core/directory/Spn.h"

#include <QCoreApplication>

namespace ssod::core::directory {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("SpnPlan", text);
}

/// "portal" + "contoso.com" → {"portal.contoso.com", "portal"}; an FQDN gives itself and its first label.
Result<QStringList> hostForms(const QString &name, const QString &domain)
{
    const QString n = name.trimmed().toLower();
    if (n.isEmpty() || n.startsWith(QLatin1Char('.')) || n.endsWith(QLatin1Char('.')))
        return Error::invalid(tr("\"%1\" is not a host name").arg(name));
    if (n.contains(QLatin1Char('.')))
        return QStringList { n, n.section(QLatin1Char('.'), 0, 0) };
    if (domain.trimmed().isEmpty())
        return Error::invalid(
            tr("\"%1\" is a short name: give the DNS domain (--domain) so its FQDN form can be registered too")
                .arg(name));
    return QStringList { n + QLatin1Char('.') + domain.trimmed().toLower(), n };
}

bool sameAccount(const QString &a, const QString &b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

QStringList othersThan(const QList<SpnHolder> &holders, const QString &account)
{
    QStringList out;
    for (const SpnHolder &h : holders)
        if (!sameAccount(h.account, account) && !out.contains(h.account, Qt::CaseInsensitive))
            out << h.account;
    return out;
}

bool anyComputer(const QStringList &accounts)
{
    for (const QString &a : accounts)
        if (a.endsWith(QLatin1Char('$')))
            return true;
    return false;
}

/// The collateral of moving \a spn (held by \a holders) or of adding it next to them.
Collateral heldElsewhere(const Spn &spn, const QStringList &holders, const QString &account)
{
    const QString cls = spn.serviceClass().toUpper();
    const QString list = holders.join(QStringLiteral(", "));
    if ((cls == QLatin1String("HOST") || cls == QLatin1String("TERMSRV")) && anyComputer(holders))
        return { Collateral::Kind::HostMoved, spn.toString(), holders,
            tr("%1 belongs to the computer account %2. Moving it to %3 breaks Remote Desktop (NLA) and "
               "console logons with domain accounts to %4, and adding it next to it makes a duplicate.")
                .arg(spn.toString(), list, account, spn.host()),
            tr("Leave %1 on %2; clients of the farm should use the load-balanced name instead.")
                .arg(spn.toString(), list) };
    return { Collateral::Kind::Duplicate, spn.toString(), holders,
        tr("%1 is held by %2. Adding it to %3 as well makes a duplicate: the KDC then picks either key and "
           "Kerberos to it fails for everyone (KRB_AP_ERR_MODIFIED).")
            .arg(spn.toString(), list, account),
        tr("If the service moved to %1, remove %2 from %3 first (setspn -D), then add it.")
            .arg(account, spn.toString(), list) };
}

/// HTTP/node answered today by HOST/node on the node's computer account: the service account
/// taking it over breaks what runs as the machine (WinRM for HTTP, the service itself otherwise).
Collateral aliasTakenOver(const Spn &spn, const QStringList &computers, const QString &account)
{
    const QString list = computers.join(QStringLiteral(", "));
    const QString hostSpn = QStringLiteral("HOST/") + spn.host();
    if (spn.serviceClass().compare(QLatin1String("HTTP"), Qt::CaseInsensitive) == 0)
        return { Collateral::Kind::WinRmBreaks, spn.toString(), computers,
            tr("PowerShell remoting (WinRM) to %1 asks for %2, answered today by %3 on %4. Once %5 holds "
               "%2, tickets for it are encrypted for %5 and remoting to %1 fails (KRB_AP_ERR_MODIFIED).")
                .arg(spn.host(), spn.toString(), hostSpn, list, account),
            tr("Publish the site under the load-balanced name only, or give it a port-specific SPN; run WinRM "
               "over HTTPS with -IncludePortInSPN (HTTP/%1:5986 stays with %2).")
                .arg(spn.host(), list) };
    return { Collateral::Kind::HostMoved, spn.toString(), computers,
        tr("%1 is answered today by %2 on %3 (the HOST alias). Once %4 holds %1, clients of the %5 service "
           "running as the computer on %6 fail (KRB_AP_ERR_MODIFIED).")
            .arg(spn.toString(), hostSpn, list, account, spn.serviceClass(), spn.host()),
        tr("Register the SPN on %1 only if the service on %2 really runs as %1.").arg(account, spn.host()) };
}

} // namespace

QList<SpnChange> FarmPlan::changes() const
{
    QList<SpnChange> out;
    for (const PlannedSpn &p : spns)
        if (p.status == PlannedSpn::Status::Free)
            out << SpnChange { SpnChange::Op::Add, p.spn, account.samAccountName, account.dn, accountKind(account) };
    return out;
}

int FarmPlan::count(PlannedSpn::Status status) const
{
    return int(std::count_if(spns.begin(), spns.end(), [status](const PlannedSpn &p) { return p.status == status; }));
}

Result<QList<PlannedSpn>> farmSpns(const FarmPlanInput &input)
{
    if (input.classes.isEmpty())
        return Error::invalid(tr("no service class given; e.g. HTTP, TERMSRV or the service's own class"));
    if (input.names.isEmpty() && input.nodes.isEmpty())
        return Error::invalid(tr("no name given: the load-balanced name(s) and/or the node names"));
    QList<PlannedSpn> out;
    QStringList seen;
    const auto addAll = [&](const QString &cls, const QString &name, const QString &role) -> Result<void> {
        auto forms = hostForms(name, input.domain);
        if (!forms)
            return forms.error();
        for (int f = 0; f < forms->size(); ++f) {
            const QString form = f == 0 ? tr("FQDN form") : tr("NetBIOS form");
            QList<std::optional<quint16>> ports { std::nullopt };
            for (quint16 p : input.ports)
                ports << p;
            for (const auto &port : ports) {
                const QString text = cls + QLatin1Char('/') + forms->at(f)
                    + (port ? QLatin1Char(':') + QString::number(*port) : QString());
                auto spn = Spn::parse(text);
                if (!spn)
                    return spn.error();
                if (seen.contains(spn->toString(), Qt::CaseInsensitive))
                    continue;
                seen << spn->toString();
                QString why = role + QStringLiteral(", ") + form;
                if (port)
                    why += QStringLiteral(", ") + tr("port %1").arg(*port);
                out << PlannedSpn { spn->toString(), why, PlannedSpn::Status::Free, {} };
            }
        }
        return {};
    };
    for (const QString &cls : input.classes) {
        for (const QString &name : input.names)
            if (auto r = addAll(cls.trimmed(), name, tr("load-balanced name %1").arg(name.trimmed())); !r)
                return r.error();
        for (const QString &node : input.nodes)
            if (auto r = addAll(cls.trimmed(), node, tr("node %1").arg(node.trimmed())); !r)
                return r.error();
    }
    return out;
}

Result<FarmPlan> planFarm(const FarmPlanInput &input, SpnDirectory &directory, const std::atomic<bool> *cancel)
{
    auto spns = farmSpns(input);
    if (!spns)
        return spns.error();
    auto account = directory.account(input.account);
    if (!account)
        return account.error();
    FarmPlan plan { input, *account, *spns, {} };
    const QString me = account->samAccountName;
    for (PlannedSpn &p : plan.spns) {
        if (cancel && cancel->load())
            return Error::invalid(tr("cancelled"));
        const Spn spn = *Spn::parse(p.spn);
        auto found = directory.resolve(p.spn, cancel);
        if (!found)
            return found.error();
        if (found->viaHostAlias) {
            // Nobody holds it itself, but a computer's HOST/ answers for it today.
            if (const QStringList computers = othersThan(found->holders, me); !computers.isEmpty())
                plan.collateral << aliasTakenOver(spn, computers, me);
            continue;
        }
        p.holders = othersThan(found->holders, me);
        if (found->accounts().contains(me, Qt::CaseInsensitive)) {
            p.status = PlannedSpn::Status::AlreadyCorrect;
            if (!p.holders.isEmpty())
                plan.collateral << heldElsewhere(spn, p.holders, me);
        } else if (!p.holders.isEmpty()) {
            p.status = PlannedSpn::Status::HeldElsewhere;
            plan.collateral << heldElsewhere(spn, p.holders, me);
        }
    }
    return plan;
}

Result<QString> renderFarmPlan(
    const FarmPlan &plan, SpnScriptFormat format, const QString &netbiosDomain, const QString &realm)
{
    SpnScriptContext context { netbiosDomain, realm, {} };
    context.comments << tr("Farm SPNs for %1: %2 to add, %3 already correct, %4 held by another account.")
                            .arg(plan.account.samAccountName)
                            .arg(plan.count(PlannedSpn::Status::Free))
                            .arg(plan.count(PlannedSpn::Status::AlreadyCorrect))
                            .arg(plan.count(PlannedSpn::Status::HeldElsewhere));
    for (const PlannedSpn &p : plan.spns)
        if (p.status == PlannedSpn::Status::HeldElsewhere)
            context.comments << tr("NOT added: %1 is held by %2.").arg(p.spn, p.holders.join(QStringLiteral(", ")));
    for (const Collateral &c : plan.collateral)
        context.comments << tr("Collateral: %1").arg(c.text);
    QList<SpnChange> changes = plan.changes();
    if (format == SpnScriptFormat::Ktpass) // the keytab needs every SPN the service answers to
        for (const PlannedSpn &p : plan.spns)
            if (p.status == PlannedSpn::Status::AlreadyCorrect)
                changes << SpnChange { SpnChange::Op::Add, p.spn, plan.account.samAccountName, plan.account.dn,
                    accountKind(plan.account) };
    return renderSpnScript(changes, format, context);
}

} // namespace ssod::core::directory
