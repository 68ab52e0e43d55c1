#include "core/directory/SpnPredictor.h"

#include "core/directory/Spn.h"
#include "core/directory/SpnClientRules_p.h"

#include <QCoreApplication>
#include <algorithm>
#include <iterator>

namespace ssod::core::directory {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("SpnPredictor", text);
}

using Kind = PredictionStep::Kind;
using Verdict = SpnPrediction::Verdict;

QString joined(const QStringList &names)
{
    return names.join(QStringLiteral(", "));
}

/// Who the KDC finds for \a spn: its exact holders, else, for a class the HOST/ SPN stands in for
/// (sPNMappings, FACTS.md §6.1), the holders of HOST/ with the same host and port.
struct Holders {
    QList<SpnHolder> list;
    bool viaHostAlias = false;
    QString hostSpn; ///< HOST/… with the same host and port
    QList<SpnHolder> hostHolders; ///< its holders, looked up whether or not it stands in
};

Result<Holders> findHolders(SpnDirectory &directory, const QString &spn, const std::atomic<bool> *cancel)
{
    Holders out;
    auto exact = directory.query(spn, false, cancel);
    if (!exact)
        return exact.error();
    out.list = *exact;
    const auto parsed = Spn::parse(spn);
    if (!parsed)
        return parsed.error();
    out.hostSpn = QStringLiteral("HOST") + spn.mid(parsed->serviceClass().size());
    if (!out.list.isEmpty()
        || parsed->serviceClass().compare(QLatin1String("HOST"), Qt::CaseInsensitive) == 0)
        return out;
    auto host = directory.query(out.hostSpn, false, cancel);
    if (!host)
        return host.error();
    out.hostHolders = *host;
    if (hostAliasClasses().contains(parsed->serviceClass(), Qt::CaseInsensitive)
        && !out.hostHolders.isEmpty()) {
        out.list = out.hostHolders;
        out.viaHostAlias = true;
    }
    return out;
}

QStringList accountsOf(const QList<SpnHolder> &holders)
{
    QStringList out;
    for (const SpnHolder &h : holders)
        if (!out.contains(h.account, Qt::CaseInsensitive))
            out << h.account;
    return out;
}

/// Steps saying who holds \a spn (or why nobody does), for the user to follow.
void describeHolders(const QString &spn, const Holders &h, QList<PredictionStep> &steps)
{
    const QStringList accounts = accountsOf(h.list);
    const QString cls = spn.section(QLatin1Char('/'), 0, 0);
    if (h.viaHostAlias) {
        steps << PredictionStep { Kind::HostAlias,
            accounts.size() == 1
                ? tr("No account holds %1 itself, but the KDC maps %2 to HOST (sPNMappings): %1 is satisfied "
                     "by %3 on "
                     "%4 through the HOST alias, so the ticket is encrypted with %4's key.")
                      .arg(spn, cls, h.hostSpn, accounts.first())
                : tr(
                    "No account holds %1 itself, but the KDC maps %2 to HOST (sPNMappings), and %3 is on %4.")
                      .arg(spn, cls, h.hostSpn, joined(accounts)) };
        return;
    }
    if (!h.list.isEmpty()) {
        steps << PredictionStep { Kind::Directory, tr("%1 is registered on %2.").arg(spn, joined(accounts)) };
        return;
    }
    if (hostAliasClasses().contains(cls, Qt::CaseInsensitive)) {
        steps << PredictionStep { Kind::Directory,
            tr("No account holds %1, nor %2 (which would stand in for it).").arg(spn, h.hostSpn) };
        return;
    }
    steps << PredictionStep { Kind::Directory, tr("No account holds %1.").arg(spn) };
    QString note
        = tr("%1 is not among the classes a computer's HOST/ SPN stands in for (sPNMappings, FACTS.md "
             "§6.1), so %1/ must be registered itself")
              .arg(cls.toUpper());
    if (!h.hostHolders.isEmpty())
        note += tr("; %1 holds %2, which does not help").arg(joined(accountsOf(h.hostHolders)), h.hostSpn);
    if (cls.compare(QLatin1String("TERMSRV"), Qt::CaseInsensitive) == 0)
        note += tr(". A Windows computer registers TERMSRV/NAME and TERMSRV/FQDN on its own account; a host "
                   "that does "
                   "not (not a Windows domain member, or an account that may not write its own SPNs) needs "
                   "setspn -S");
    steps << PredictionStep { Kind::HostAlias, note + QLatin1Char('.') };
}

/// FACTS.md §9's fixes for a client that follows a CNAME to a name whose SPN is on another account.
QString cnameFixes(const SpnPrediction &p, const QString &aliasHost)
{
    QString clientSide;
    switch (p.client) {
    case ClientProfile::Ie:
        clientSide = tr("or turn on FEATURE_USE_CNAME_FOR_SPN_KB911149 on the clients");
        break;
    case ClientProfile::Edge:
    case ClientProfile::Chrome:
        clientSide = tr("or set the DisableAuthNegotiateCnameLookup policy on the clients");
        break;
    case ClientProfile::Curl:
        clientSide = tr("or set dns_canonicalize_hostname = false in the clients' krb5.conf");
        break;
    default:
        break;
    }
    QString fix
        = tr("Publish %1 as an A record instead of a CNAME; or register %2 on the account the site runs as")
              .arg(aliasHost, p.spn);
    if (!clientSide.isEmpty())
        fix += QStringLiteral("; ") + clientSide;
    return fix + tr(" (FACTS.md §9).");
}

/// The account to name in a fix: the service account, else the one computer holding HOST/ on the
/// same name (the usual home of a machine's own services), else a placeholder.
QString accountForFix(const SpnPrediction &p, const Holders &found)
{
    if (!p.serviceAccount.isEmpty())
        return p.serviceAccount;
    const QStringList computers = accountsOf(found.hostHolders);
    return computers.size() == 1 ? computers.first() : QStringLiteral("ACCOUNT");
}

void judge(SpnPrediction &p, const QString &aliasHost, const Holders &found)
{
    const QStringList holders = p.holderAccounts();
    const QString who = joined(holders);
    const QStringList aliasHolders = p.aliasSpnHolderAccounts();
    const bool aliasElsewhere = !aliasHolders.isEmpty()
        && !std::all_of(aliasHolders.begin(), aliasHolders.end(),
            [&](const QString &a) { return holders.contains(a, Qt::CaseInsensitive); });
    const QString account = accountForFix(p, found);
    if (!p.serviceAccount.isEmpty())
        p.serviceAccountHolds = holders.contains(p.serviceAccount, Qt::CaseInsensitive);
    if (aliasElsewhere)
        p.steps << PredictionStep { Kind::Finding,
            tr("%1 (the name typed) is registered on %2, but the client follows the CNAME and asks for %3%4. "
               "A site "
               "that runs as %2 fails: KRB_AP_ERR_MODIFIED when another account holds %3, "
               "KDC_ERR_S_PRINCIPAL_UNKNOWN "
               "and NTLM when nobody does.")
                .arg(p.aliasSpn, joined(aliasHolders), p.spn,
                    holders.isEmpty() ? QString() : tr(", which reaches %1").arg(who)) };

    if (holders.isEmpty()) {
        p.verdict = Verdict::NotHeld;
        p.verdictText
            = tr("Nobody holds %1: the KDC answers KDC_ERR_S_PRINCIPAL_UNKNOWN, and the client falls back "
                 "to NTLM where it may (Negotiate) or fails.")
                  .arg(p.spn);
        p.steps << PredictionStep {
            Kind::Fix,
            aliasElsewhere
                ? cnameFixes(p, aliasHost)
                : tr("Register it on the account the service runs as: setspn -S %1 %2.").arg(p.spn, account)
        };
    } else if (holders.size() > 1) {
        const QString held = p.viaHostAlias ? p.holders.first().spn : p.spn;
        p.verdict = Verdict::Duplicate;
        p.verdictText
            = tr("%1 is held by %2 accounts (%3): the KDC picks one of them unpredictably, and a service "
                 "running as another fails with KRB_AP_ERR_MODIFIED.")
                  .arg(held)
                  .arg(holders.size())
                  .arg(who);
        QStringList others = holders;
        others.removeIf(
            [&](const QString &a) { return a.compare(p.serviceAccount, Qt::CaseInsensitive) == 0; });
        p.steps << PredictionStep { Kind::Fix,
            others.size() < holders.size()
                ? tr("Keep it only on %1, the account the service runs as: setspn -D %2 ACCOUNT for %3.")
                      .arg(p.serviceAccount, held, joined(others))
                : tr("Keep it only on the account the service runs as: setspn -D %1 OTHER for each other "
                     "account "
                     "(setspn -X lists every duplicate).")
                      .arg(held) };
    } else if (p.serviceAccountHolds.has_value() && !*p.serviceAccountHolds) {
        p.verdict = Verdict::ServiceAccountMismatch;
        p.verdictText
            = tr("%1 is held by %2, but the service runs as %3: the ticket is encrypted with %2's key, which "
                 "%3 cannot decrypt (KRB_AP_ERR_MODIFIED).")
                  .arg(p.spn, who, p.serviceAccount);
        p.steps << PredictionStep { Kind::Fix,
            aliasElsewhere && aliasHolders.contains(p.serviceAccount, Qt::CaseInsensitive)
                ? cnameFixes(p, aliasHost)
                : p.viaHostAlias
                ? tr("Register %1 on %2 (setspn -S %1 %2), or run the service as %3.")
                      .arg(p.spn, p.serviceAccount, who)
                : tr("Move the SPN: setspn -D %1 %2, then setspn -S %1 %3; or run the service as %2.")
                      .arg(p.spn, who, p.serviceAccount) };
    } else if (aliasElsewhere && !p.serviceAccountHolds.has_value()) {
        p.verdict = Verdict::AliasSpnElsewhere;
        p.verdictText
            = tr("%1 reaches %2, but the name typed has its SPN (%3) on %4: Kerberos works only if the site "
                 "runs as %2.")
                  .arg(p.spn, who, p.aliasSpn, joined(aliasHolders));
        p.steps << PredictionStep { Kind::Fix, cnameFixes(p, aliasHost) };
    } else {
        p.verdict = Verdict::Ok;
        p.verdictText = p.serviceAccountHolds.has_value()
            ? tr("%1 is held by exactly one account, %2, the account the service runs as: Kerberos should "
                 "work.")
                  .arg(p.spn, who)
            : tr("%1 is held by exactly one account, %2: Kerberos works if the service runs as %2 "
                 "(--service-account "
                 "checks it).")
                  .arg(p.spn, who);
    }
}

} // namespace

QStringList SpnPrediction::holderAccounts() const
{
    return accountsOf(holders);
}

QStringList SpnPrediction::aliasSpnHolderAccounts() const
{
    return accountsOf(aliasSpnHolders);
}

Result<SpnPrediction> predictSpn(const QString &target, ClientProfile client, HostResolver &resolver,
    SpnDirectory *directory, const QString &serviceAccount, const std::atomic<bool> *cancel)
{
    auto t = PredictionTarget::parse(target);
    if (!t)
        return t.error();
    if (auto fits = t->checkClient(client); !fits)
        return fits.error();
    SpnPrediction p;
    p.target = t->text;
    p.client = client;
    p.host = t->host;
    p.port = t->effectivePort(client);
    p.serviceAccount = serviceAccount.trimmed();
    p.steps << PredictionStep { Kind::Target,
        tr("%1: host %2, port %3%4.")
            .arg(t->text, t->host)
            .arg(p.port)
            .arg(t->port ? QString() : tr(" (the default)")) };
    auto request = detail::clientRequest(*t, client, resolver, cancel);
    if (!request)
        return request.error();
    p.steps += request->steps;
    p.requestedName = request->requestedName;
    p.kerberos = request->kerberos;
    if (!p.kerberos) {
        p.verdict = Verdict::NoKerberos;
        p.verdictText = tr("No Kerberos: %1 uses NTLM for %2.").arg(clientProfileName(client), t->host);
        return p;
    }
    p.spn = request->spn();
    if (!directory) {
        p.verdictText = tr("%1 requests %2; the directory was not asked who holds it.")
                            .arg(clientProfileName(client), p.spn);
        if (!request->fallbackName.isEmpty())
            p.verdictText += tr(" If nobody holds it, krb5 retries with %1.")
                                 .arg(request->spnFor(request->fallbackName));
        return p;
    }
    if (!p.serviceAccount.isEmpty()) {
        auto account = directory->account(p.serviceAccount);
        if (!account)
            return account.error();
        p.serviceAccount = account->samAccountName;
    }
    auto found = findHolders(*directory, p.spn, cancel);
    if (!found)
        return found.error();
    if (found->list.isEmpty() && !request->fallbackName.isEmpty()) {
        p.steps << PredictionStep { Kind::Directory,
            tr("No account holds %1: the KDC answers KDC_ERR_S_PRINCIPAL_UNKNOWN, and krb5 (fallback) "
               "retries with "
               "the canonical name.")
                .arg(p.spn) };
        p.requestedName = request->fallbackName;
        p.spn = request->spnFor(p.requestedName);
        p.steps << PredictionStep { Kind::Spn,
            tr("%1 then requests %2.").arg(clientProfileName(client), p.spn) };
        found = findHolders(*directory, p.spn, cancel);
        if (!found)
            return found.error();
    }
    p.directoryChecked = true;
    p.holders = found->list;
    p.viaHostAlias = found->viaHostAlias;
    describeHolders(p.spn, *found, p.steps);
    if (request->followedCname && p.requestedName != t->host) {
        p.aliasSpn = request->spnFor(t->host);
        auto alias = findHolders(*directory, p.aliasSpn, cancel);
        if (!alias)
            return alias.error();
        p.aliasSpnHolders = alias->list;
    }
    judge(p, t->host, *found);
    return p;
}

QString stepKindId(PredictionStep::Kind kind)
{
    // In the order of the enum; the JSON "kind" of a step.
    static constexpr const char *ids[] = { "target", "rule", "config", "dns", "cname", "reverse", "port",
        "no_kerberos", "spn", "directory", "host_alias", "finding", "fix" };
    static_assert(std::size(ids) == std::size_t(Kind::Fix) + 1);
    return QString::fromLatin1(ids[int(kind)]);
}

QString verdictId(SpnPrediction::Verdict verdict)
{
    // In the order of the enum; the JSON "verdict_code".
    static constexpr const char *ids[] = { "ok", "not_checked", "no_kerberos", "not_held", "duplicate",
        "service_account_mismatch", "alias_spn_elsewhere" };
    static_assert(std::size(ids) == std::size_t(Verdict::AliasSpnElsewhere) + 1);
    return QString::fromLatin1(ids[int(verdict)]);
}

} // namespace ssod::core::directory
