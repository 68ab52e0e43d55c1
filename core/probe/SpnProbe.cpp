#include "core/probe/SpnProbe.h"

#include "core/directory/Delegation.h"
#include "core/directory/LdapConnection.h"
#include "core/directory/SpnDirectory.h"
#include "core/probe/FindingCatalog.h"
#include "core/probe/ProbeSpn.h"

#include <QHostAddress>
#include <QJsonArray>

namespace ssod::core::probe {

namespace {

namespace dir = directory;

/// Time kept back for building the report after the directory answered.
constexpr int kMarginMs = 100;

struct Run {
    const ProbeRequest &request;
    const ProbeContext &context;
    ProbeReport report;
    const FindingCatalog &catalog = FindingCatalog::builtin();
    QString spn;

    QString option(const char *key) const { return request.options.value(QLatin1String(key)).toString().trimmed(); }
    void add(const QString &id, const QString &subject, const QVariantMap &args, const QList<Evidence> &evidence = {},
        const QVariantMap &fixInputs = {})
    {
        report.findings << catalog.make(id, subject, args, evidence, fixInputs);
    }
};

/// The SPN: given, or predicted as the client builds it (without the directory: only the name).
bool decideSpn(Run &run)
{
    const QString target = run.request.target.trimmed();
    auto p = decideProbeSpn(run.request, run.context, 4);
    if (!p) {
        run.report = badTargetReport(target, p.error().message);
        return false;
    }
    run.report.data.insert(QStringLiteral("spn_steps"), p->steps);
    if (!p->clientId.isEmpty())
        run.report.data.insert(QStringLiteral("client"), p->clientId);
    if (p->spn.isEmpty()) {
        run.add(QStringLiteral("spn.no-kerberos"), target,
            { { QStringLiteral("target"), target }, { QStringLiteral("client"), p->clientName },
                { QStringLiteral("reason"), p->noKerberos } });
        return false;
    }
    run.spn = p->spn;
    return true;
}

/// The delegation of \a account, as the farm's shared account needs it.
void reportDelegation(Run &run, dir::LdapConnection &connection, const QString &account)
{
    auto d = dir::readDelegation(connection, account);
    if (!d) {
        run.add(QStringLiteral("spn.delegation-unread"), account,
            { { QStringLiteral("account"), account }, { QStringLiteral("reason"), d.error().message } });
        return;
    }
    QStringList targets, missing;
    for (const dir::DelegationTarget &t : d->constrained) {
        targets << t.spn;
        if (t.holders.isEmpty())
            missing << t.spn;
    }
    run.report.data.insert(QStringLiteral("delegation"),
        QJsonObject { { QStringLiteral("account"), d->account.samAccountName },
            { QStringLiteral("unconstrained"), d->unconstrained },
            { QStringLiteral("constrained"), QJsonArray::fromStringList(targets) },
            { QStringLiteral("protocol_transition"), d->protocolTransition },
            { QStringLiteral("resource_based"), QJsonArray::fromStringList(d->resourceBased) } });
    const QVariantMap args { { QStringLiteral("account"), d->account.samAccountName },
        { QStringLiteral("targets"), targets.join(QLatin1String(", ")) }, { QStringLiteral("missing"), missing.join(QLatin1String(", ")) } };
    const QList<Evidence> evidence { { SpnProbe::tr("Account"), d->account.dn },
        { SpnProbe::tr("Trusted for delegation to any service"), d->unconstrained ? SpnProbe::tr("yes") : SpnProbe::tr("no") },
        { SpnProbe::tr("Constrained to"), targets.isEmpty() ? SpnProbe::tr("(none)") : targets.join(QLatin1String(", ")) },
        { SpnProbe::tr("Any authentication protocol"), d->protocolTransition ? SpnProbe::tr("yes") : SpnProbe::tr("no") } };
    const QVariantMap fix { { QStringLiteral("account"), d->account.samAccountName } };
    if (d->unconstrained)
        run.add(QStringLiteral("spn.delegation-unconstrained"), d->account.samAccountName, args, evidence, fix);
    else if (!targets.isEmpty() && !missing.isEmpty())
        run.add(QStringLiteral("spn.delegation-target-missing"), d->account.samAccountName, args, evidence, fix);
    else if (!targets.isEmpty() || !d->resourceBased.isEmpty())
        run.add(QStringLiteral("spn.delegation-constrained"), d->account.samAccountName, args, evidence, fix);
    else
        run.add(QStringLiteral("spn.delegation-none"), d->account.samAccountName, args, evidence, fix);
}

} // namespace

QString SpnProbe::description() const
{
    return tr("SPN in the directory: who holds the SPN the client asks for (nobody, exactly one account, several, "
              "or not the service account) and, when asked, that account's delegation");
}

ProbeReport SpnProbe::run(const ProbeRequest &request, const ProbeContext &context) const
{
    Run run { request, context, {}, FindingCatalog::builtin(), {} };
    if (!decideSpn(run))
        return run.report;
    run.report.data.insert(QStringLiteral("spn"), run.spn);
    const QString account = run.option("account");
    const QVariantMap fixInputs = account.isEmpty()
        ? QVariantMap { { QStringLiteral("spn"), run.spn } }
        : QVariantMap { { QStringLiteral("spn"), run.spn }, { QStringLiteral("account"), account } };

    // The directory: a DC by host name (GSSAPI needs ldap/<name>), else the domain's DCs from DNS.
    dir::ConnectionOptions o;
    const QString dc = run.option("dc");
    const bool dcIsAddress = !QHostAddress(dc.section(QLatin1Char(':'), 0, 0)).isNull();
    if (!dcIsAddress)
        o.dc = dc;
    o.domain = run.option("domain");
    if (o.dc.isEmpty() && o.domain.isEmpty() && run.spn.section(QLatin1Char('/'), 1).count(QLatin1Char('.')) >= 2)
        o.domain = run.spn.section(QLatin1Char('/'), 1).section(QLatin1Char(':'), 0, 0).section(QLatin1Char('.'), 1);
    auto unavailable = [&](const QString &reason) {
        run.report.data.insert(QStringLiteral("directory"), reason);
        run.add(QStringLiteral("spn.directory-unavailable"), run.spn,
            { { QStringLiteral("spn"), run.spn }, { QStringLiteral("reason"), reason } },
            { { tr("Domain controller"), o.dc.isEmpty() ? tr("(from the DNS SRV records of %1)").arg(o.domain) : o.dc } });
        return run.report;
    };
    if (o.dc.isEmpty() && o.domain.isEmpty())
        return unavailable(dcIsAddress ? tr("the domain controller is given as the address %1; a Kerberos (GSSAPI) "
                                            "bind needs its host name, or give the domain")
                                             .arg(dc)
                                       : tr("no domain controller or domain given"));
    o.timeoutMs = std::max(200, (context.remainingMs() - kMarginMs) / 3);
    auto connection = dir::LdapConnection::connect(o);
    if (context.stopped())
        return run.report;
    if (!connection)
        return unavailable(connection.error().message);
    dir::SpnDirectory directory(**connection);
    auto resolved = directory.resolve(run.spn, context.cancelFlag());
    if (context.stopped())
        return run.report;
    if (!resolved)
        return unavailable(resolved.error().message);

    const QStringList holders = resolved->accounts();
    run.report.data.insert(QStringLiteral("holders"), QJsonArray::fromStringList(holders));
    run.report.data.insert(QStringLiteral("via_host_alias"), resolved->viaHostAlias);
    QList<Evidence> evidence { { QStringLiteral("SPN"), run.spn } };
    for (const dir::SpnHolder &h : resolved->holders)
        evidence << Evidence { tr("Held by"), QStringLiteral("%1 (%2) as %3").arg(h.account, h.dn, h.spn) };
    QVariantMap args { { QStringLiteral("spn"), run.spn }, { QStringLiteral("holders"), holders.join(QLatin1String(", ")) },
        { QStringLiteral("count"), holders.size() }, { QStringLiteral("account"), account },
        { QStringLiteral("holder"), holders.value(0) },
        { QStringLiteral("alias"), resolved->holders.isEmpty() ? QString() : resolved->holders.first().spn } };
    auto sameAccount = [](const QString &a, const QString &b) {
        auto bare = [](QString s) {
            s = s.section(QLatin1Char('\\'), -1);
            return s.endsWith(QLatin1Char('$')) ? s.chopped(1) : s;
        };
        return bare(a).compare(bare(b), Qt::CaseInsensitive) == 0;
    };
    if (holders.isEmpty()) {
        run.add(QStringLiteral("spn.not-held"), run.spn, args, evidence, fixInputs);
    } else if (holders.size() > 1) {
        run.add(QStringLiteral("spn.duplicate"), run.spn, args, evidence, fixInputs);
    } else if (!account.isEmpty() && !sameAccount(holders.first(), account)) {
        run.add(QStringLiteral("spn.wrong-account"), run.spn, args, evidence, fixInputs);
    } else {
        run.add(resolved->viaHostAlias ? QStringLiteral("spn.held-via-host") : QStringLiteral("spn.held"), run.spn,
            args, evidence);
    }
    if (run.request.options.value(QStringLiteral("delegation")).toBool() && !context.stopped()) {
        const QString whose = !account.isEmpty() ? account : holders.size() == 1 ? holders.first() : QString();
        if (!whose.isEmpty())
            reportDelegation(run, **connection, whose);
    }
    return run.report;
}

} // namespace ssod::core::probe
