// spn add | remove | plan, delegation set: the commands that change the directory (or script the
// change for an administrator). A thin layer over core/directory.
#include "app/cli/DirectoryCli.h"
#include "app/cli/DirectoryConnection.h"
#include "core/directory/DelegationChange.h"
#include "core/directory/Spn.h"
#include "core/directory/SpnChange.h"
#include "core/directory/SpnPlan.h"

#include <QJsonArray>
#include <QJsonObject>

namespace ssod::cli {

namespace {

using namespace core::directory;

/// "a,b, c" → {"a","b","c"}.
QStringList listOption(const Args &args, const QString &name)
{
    QStringList out;
    for (const QString &part : args.option(name).split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            out << part.trimmed();
    return out;
}

SpnScriptContext scriptContext(SpnDirectory &directory)
{
    return { directory.netbiosDomainName(), directory.realm(), {} };
}

int printScript(const Context &ctx, const core::Result<QString> &script)
{
    if (!script)
        return ctx.fail(script.error());
    ctx.out << *script;
    return Ok;
}

/// Re-reads the account after a write (once, however many SPNs changed on it: a plan's are all on
/// one account) and checks each SPN is there, or gone, as asked.
int verify(const Context &ctx, SpnDirectory &directory, const QList<SpnChange> &changes)
{
    if (changes.isEmpty())
        return Ok;
    auto after = directory.account(changes.first().account);
    if (!after)
        return ctx.fail(after.error());
    for (const SpnChange &change : changes) {
        const bool present = after->spns.contains(change.spn, Qt::CaseInsensitive);
        if (present != (change.op == SpnChange::Op::Add))
            return ctx.fail(core::Error { core::Error::Code::Verification,
                QStringLiteral("the directory accepted the change, but %1 %2 on re-reading; check replication")
                    .arg(change.spn, present ? QStringLiteral("is still there") : QStringLiteral("is not there")),
                {} });
    }
    return Ok;
}

int runAdd(const Context &ctx, const Args &args, SpnDirectory &directory, const Spn &spn, const Account &account)
{
    const SpnChange change { SpnChange::Op::Add, spn.toString(), account.samAccountName, account.dn,
        accountKind(account) };
    if (account.spns.contains(spn.toString(), Qt::CaseInsensitive)) {
        ctx.out << spn.toString() << " is already registered on " << account.samAccountName << "; nothing to do.\n";
        return Ok;
    }
    auto conflict = findConflict(directory, spn.toString(), account);
    if (!conflict)
        return ctx.fail(conflict.error());
    if (*conflict && !((*conflict)->viaHostAlias && args.flag(QStringLiteral("--allow-alias")))) {
        const SpnConflict &c = **conflict;
        if (c.viaHostAlias)
            ctx.err << "ssodoctor-cli: " << spn.toString() << " is already answered by " << c.spn << " on "
                    << c.holders.join(QStringLiteral(", "))
                    << " (HOST stands in for this class). Adding it to " << account.samAccountName
                    << " takes it away from the computer (domain controllers since November 2021 refuse it); "
                       "add --allow-alias if the service really runs as "
                    << account.samAccountName << ".\n";
        else
            ctx.err << "ssodoctor-cli: " << spn.toString() << " is already held by "
                    << c.holders.join(QStringLiteral(", ")) << "; adding it to " << account.samAccountName
                    << " would make a duplicate and Kerberos to it would fail for everyone. If the service moved, "
                       "remove it there first: ssodoctor-cli spn remove "
                    << spn.toString() << " " << c.holders.first() << "\n";
        return ChangesNeeded;
    }
    if (args.has(QStringLiteral("--emit"))) {
        auto format = spnScriptFormatFromName(args.option(QStringLiteral("--emit")));
        if (!format)
            return ctx.usage(QStringLiteral("--emit takes setspn, ps1, ldif or ktpass"));
        return printScript(ctx, renderSpnScript({ change }, *format, scriptContext(directory)));
    }
    if (auto r = applySpnChange(directory.connection(), change); !r)
        return ctx.fail(r.error());
    if (int rc = verify(ctx, directory, { change }); rc != Ok)
        return rc;
    ctx.out << "Registered " << spn.toString() << " on " << account.samAccountName << " (" << account.dn
            << ").\nUndo: ssodoctor-cli spn remove " << spn.toString() << " " << account.samAccountName << "\n";
    return Ok;
}

int runRemove(
    const Context &ctx, const Args &args, SpnDirectory &directory, const Spn &spn, const Account &account)
{
    const auto stored = std::find_if(account.spns.begin(), account.spns.end(),
        [&](const QString &s) { return s.compare(spn.toString(), Qt::CaseInsensitive) == 0; });
    if (stored == account.spns.end()) {
        auto holders = directory.query(spn.toString(), false);
        if (!holders)
            return ctx.fail(holders.error());
        QStringList names;
        for (const SpnHolder &h : *holders)
            names << h.account;
        ctx.err << "ssodoctor-cli: " << account.samAccountName << " does not hold " << spn.toString() << "; "
                << (names.isEmpty() ? QStringLiteral("no account does")
                                    : QStringLiteral("it is held by %1").arg(names.join(QStringLiteral(", "))))
                << ".\n";
        return ChangesNeeded;
    }
    // The value as stored: LDAP deletes a value by its stored form (the match is case-insensitive,
    // but the undo line should give the original spelling back).
    const SpnChange change { SpnChange::Op::Remove, *stored, account.samAccountName, account.dn,
        accountKind(account) };
    const QString cls = spn.serviceClass().toUpper();
    if (account.isComputer() && (cls == QLatin1String("HOST") || cls == QLatin1String("TERMSRV")))
        ctx.err << "warning: " << *stored << " is the computer's own SPN; without it Remote Desktop (NLA) and "
                << "logons with domain accounts to " << spn.host() << " stop using Kerberos.\n";
    if (args.has(QStringLiteral("--emit"))) {
        auto format = spnScriptFormatFromName(args.option(QStringLiteral("--emit")));
        if (!format || *format == SpnScriptFormat::Ktpass)
            return ctx.usage(QStringLiteral("--emit takes setspn, ps1 or ldif for a removal"));
        return printScript(ctx, renderSpnScript({ change }, *format, scriptContext(directory)));
    }
    if (auto r = applySpnChange(directory.connection(), change); !r)
        return ctx.fail(r.error());
    if (int rc = verify(ctx, directory, { change }); rc != Ok)
        return rc;
    ctx.out << "Removed " << *stored << " from " << account.samAccountName << ".\nUndo: ssodoctor-cli spn add "
            << *stored << " " << account.samAccountName << "\n";
    return Ok;
}

QString statusName(PlannedSpn::Status s)
{
    switch (s) {
    case PlannedSpn::Status::Free:
        return QStringLiteral("free");
    case PlannedSpn::Status::AlreadyCorrect:
        return QStringLiteral("correct");
    case PlannedSpn::Status::HeldElsewhere:
        break;
    }
    return QStringLiteral("held-elsewhere");
}

QString collateralName(Collateral::Kind k)
{
    switch (k) {
    case Collateral::Kind::WinRmBreaks:
        return QStringLiteral("winrm");
    case Collateral::Kind::HostMoved:
        return QStringLiteral("host-moved");
    case Collateral::Kind::Duplicate:
        break;
    }
    return QStringLiteral("duplicate");
}

QJsonObject planJson(const FarmPlan &plan)
{
    QJsonArray spns, collateral;
    for (const PlannedSpn &p : plan.spns)
        spns.append(QJsonObject { { QStringLiteral("spn"), p.spn }, { QStringLiteral("why"), p.why },
            { QStringLiteral("status"), statusName(p.status) },
            { QStringLiteral("holders"), QJsonArray::fromStringList(p.holders) } });
    for (const Collateral &c : plan.collateral)
        collateral.append(QJsonObject { { QStringLiteral("kind"), collateralName(c.kind) },
            { QStringLiteral("spn"), c.spn }, { QStringLiteral("accounts"), QJsonArray::fromStringList(c.accounts) },
            { QStringLiteral("text"), c.text }, { QStringLiteral("suggestion"), c.suggestion } });
    return { { QStringLiteral("account"), plan.account.samAccountName }, { QStringLiteral("dn"), plan.account.dn },
        { QStringLiteral("spns"), spns }, { QStringLiteral("collateral"), collateral } };
}

void printPlan(const Context &ctx, const FarmPlan &plan)
{
    ctx.out << "SPNs for the farm, on " << plan.account.samAccountName << ":\n";
    for (const PlannedSpn &p : plan.spns) {
        ctx.out << "  " << p.spn.leftJustified(44) << " ";
        switch (p.status) {
        case PlannedSpn::Status::Free:
            ctx.out << "free: will be added";
            break;
        case PlannedSpn::Status::AlreadyCorrect:
            ctx.out << "already correct";
            break;
        case PlannedSpn::Status::HeldElsewhere:
            ctx.out << "HELD BY " << p.holders.join(QStringLiteral(", ")) << ": not added";
            break;
        }
        ctx.out << "  (" << p.why << ")\n";
    }
    if (!plan.collateral.isEmpty()) {
        ctx.out << "\nWhat else this affects:\n";
        for (const Collateral &c : plan.collateral)
            ctx.out << "  - " << c.text << "\n    " << c.suggestion << "\n";
    }
    ctx.out << "\n"
            << plan.count(PlannedSpn::Status::Free) << " to add, " << plan.count(PlannedSpn::Status::AlreadyCorrect)
            << " already correct, " << plan.count(PlannedSpn::Status::HeldElsewhere) << " held by another account.\n";
}

int applyPlan(const Context &ctx, const Args &args, SpnDirectory &directory, const FarmPlan &plan)
{
    if (!plan.collateral.isEmpty() && !args.flag(QStringLiteral("--accept-collateral")))
        return ctx.usage(QStringLiteral("the plan affects other services (listed above); nothing was changed. Add "
                                        "--accept-collateral to apply it anyway, or change the plan"));
    QList<SpnChange> done;
    if (auto r = applySpnChanges(directory.connection(), plan.changes(), &done); !r)
        return ctx.fail(r.error());
    if (int rc = verify(ctx, directory, done); rc != Ok)
        return rc;
    ctx.out << "Added " << done.size() << (done.size() == 1 ? " SPN" : " SPNs") << " to "
            << plan.account.samAccountName << ".\n";
    for (const SpnChange &c : plan.changes())
        ctx.out << "Undo: ssodoctor-cli spn remove " << c.spn << " " << c.account << "\n";
    return Ok;
}

int runPlan(const Context &ctx, const Args &args, SpnDirectory &directory)
{
    FarmPlanInput input;
    input.classes = listOption(args, QStringLiteral("--class"));
    input.names = listOption(args, QStringLiteral("--name"));
    input.nodes = listOption(args, QStringLiteral("--node"));
    input.domain = args.option(QStringLiteral("--domain"));
    input.account = args.option(QStringLiteral("--account"));
    for (const QString &p : listOption(args, QStringLiteral("--port"))) {
        bool ok = false;
        const uint port = p.toUInt(&ok);
        if (!ok || port == 0 || port > 65535)
            return ctx.usage(QStringLiteral("--port takes port numbers 1-65535, comma-separated (got \"%1\")").arg(p));
        input.ports << quint16(port);
    }
    if (input.account.isEmpty())
        return ctx.usage(QStringLiteral("spn plan needs --account: the account the service runs as"));
    auto plan = planFarm(input, directory);
    if (!plan)
        return ctx.fail(plan.error());
    if (args.has(QStringLiteral("--emit"))) {
        auto format = spnScriptFormatFromName(args.option(QStringLiteral("--emit")));
        if (!format)
            return ctx.usage(QStringLiteral("--emit takes setspn, ps1, ldif or ktpass"));
        return printScript(ctx, renderFarmPlan(*plan, *format, directory.netbiosDomainName(), directory.realm()));
    }
    if (args.flag(QStringLiteral("--json")))
        printJson(ctx, planJson(*plan));
    else
        printPlan(ctx, *plan);
    if (args.flag(QStringLiteral("--apply")))
        return applyPlan(ctx, args, directory, *plan);
    const bool settled = plan->count(PlannedSpn::Status::AlreadyCorrect) == plan->spns.size()
        && plan->collateral.isEmpty();
    return settled ? Ok : ChangesNeeded;
}

/// "on"/"off" of --unconstrained and --protocol-transition.
core::Result<std::optional<bool>> onOff(const Args &args, const QString &name)
{
    if (!args.has(name))
        return std::optional<bool>();
    const QString v = args.option(name).toLower();
    if (v == QLatin1String("on") || v == QLatin1String("true") || v == QLatin1String("yes"))
        return std::optional<bool>(true);
    if (v == QLatin1String("off") || v == QLatin1String("false") || v == QLatin1String("no"))
        return std::optional<bool>(false);
    return core::Error::invalid(QStringLiteral("%1 takes on or off").arg(name));
}

} // namespace

int runSpnChange(const Context &ctx, const QStringList &argv)
{
    auto args = Args::parse(argv,
        connValuedOptions()
            + QStringList { QStringLiteral("--emit"), QStringLiteral("--class"), QStringLiteral("--name"),
                QStringLiteral("--node"), QStringLiteral("--account"), QStringLiteral("--port") },
        connFlagOptions()
            + QStringList { QStringLiteral("--json"), QStringLiteral("--allow-alias"), QStringLiteral("--apply"),
                QStringLiteral("--accept-collateral") });
    if (!args)
        return ctx.fail(args.error());
    const QString sub = args->positional().value(0);
    const bool plan = sub == QLatin1String("plan");
    if (args->positional().size() != (plan ? 1 : 3))
        return ctx.usage(QStringLiteral("usage: spn add SPN ACCOUNT | spn remove SPN ACCOUNT | spn plan --class C "
                                        "--name N --node H --domain D --account A, with CONN options; see --help"));
    std::optional<Spn> spn;
    if (!plan) {
        auto parsed = Spn::parse(args->positional()[1]);
        if (!parsed)
            return ctx.fail(parsed.error());
        spn = *parsed;
    }
    auto connection = connectFor(ctx, *args, false);
    if (!connection)
        return ctx.fail(connection.error());
    SpnDirectory directory(**connection);
    if (plan)
        return runPlan(ctx, *args, directory);
    auto account = directory.account(args->positional()[2]);
    if (!account)
        return ctx.fail(account.error());
    return sub == QLatin1String("add") ? runAdd(ctx, *args, directory, *spn, *account)
                                       : runRemove(ctx, *args, directory, *spn, *account);
}

int runDelegationSet(const Context &ctx, const QStringList &argv)
{
    auto args = Args::parse(argv,
        connValuedOptions()
            + QStringList { QStringLiteral("--emit"), QStringLiteral("--unconstrained"),
                QStringLiteral("--protocol-transition"), QStringLiteral("--add-target"),
                QStringLiteral("--remove-target") },
        connFlagOptions() + QStringList { QStringLiteral("--yes") });
    if (!args)
        return ctx.fail(args.error());
    if (args->positional().size() != 2)
        return ctx.usage(QStringLiteral("usage: delegation set ACCOUNT [--unconstrained on|off] [--protocol-transition "
                                        "on|off] [--add-target SPN,…] [--remove-target SPN,…] --yes | --emit ps1|ldif"));
    DelegationEdit edit;
    auto unconstrained = onOff(*args, QStringLiteral("--unconstrained"));
    auto transition = onOff(*args, QStringLiteral("--protocol-transition"));
    if (!unconstrained)
        return ctx.fail(unconstrained.error());
    if (!transition)
        return ctx.fail(transition.error());
    edit.unconstrained = *unconstrained;
    edit.protocolTransition = *transition;
    edit.addTargets = listOption(*args, QStringLiteral("--add-target"));
    edit.removeTargets = listOption(*args, QStringLiteral("--remove-target"));
    if (edit.isEmpty())
        return ctx.usage(QStringLiteral("nothing to change: give --unconstrained, --protocol-transition, --add-target "
                                        "or --remove-target"));
    const QString format = args->option(QStringLiteral("--emit"));
    if (args->has(QStringLiteral("--emit")) && format != QLatin1String("ps1") && format != QLatin1String("ldif"))
        return ctx.usage(QStringLiteral("--emit takes ps1 or ldif for a delegation change"));
    auto connection = connectFor(ctx, *args, false);
    if (!connection)
        return ctx.fail(connection.error());
    auto change = planDelegationChange(**connection, args->positional()[1], edit);
    if (!change)
        return ctx.fail(change.error());
    for (const QString &n : change->notes)
        ctx.err << "note: " << n << "\n";
    if (change->isEmpty()) {
        ctx.out << "Nothing to change on " << change->account.samAccountName << ".\n";
        return Ok;
    }
    if (args->has(QStringLiteral("--emit")))
        return printScript(ctx, renderDelegationScript(*change, format));
    ctx.out << "Delegation of " << change->account.samAccountName << ":\n";
    for (const QString &line : change->describe())
        ctx.out << "  " << line << "\n";
    if (!args->flag(QStringLiteral("--yes"))) {
        ctx.out << "Nothing was changed. Run again with --yes to apply, or --emit ps1|ldif for a script.\n";
        return ChangesNeeded;
    }
    if (auto r = applyDelegationChange(**connection, *change); !r)
        return ctx.fail(r.error());
    auto after = readDelegation(**connection, args->positional()[1]);
    if (!after)
        return ctx.fail(after.error());
    QStringList targets;
    for (const DelegationTarget &t : after->constrained)
        targets << t.spn;
    const quint32 bits = uac::TrustedForDelegation | uac::TrustedToAuthForDelegation;
    bool same = (after->account.userAccountControl & bits) == (change->newFlags & bits);
    for (const QString &t : change->add)
        same = same && targets.contains(t, Qt::CaseInsensitive);
    for (const QString &t : change->remove)
        same = same && !targets.contains(t, Qt::CaseInsensitive);
    if (!same)
        return ctx.fail(core::Error { core::Error::Code::Verification,
            QStringLiteral("the directory accepted the change, but re-reading shows it is not all there"), {} });
    ctx.out << "Applied. Undo: ssodoctor-cli delegation set " << change->account.samAccountName;
    const DelegationEdit undo = change->undo();
    if (undo.unconstrained)
        ctx.out << " --unconstrained " << (*undo.unconstrained ? "on" : "off");
    if (undo.protocolTransition)
        ctx.out << " --protocol-transition " << (*undo.protocolTransition ? "on" : "off");
    if (!undo.addTargets.isEmpty())
        ctx.out << " --add-target " << undo.addTargets.join(QLatin1Char(','));
    if (!undo.removeTargets.isEmpty())
        ctx.out << " --remove-target " << undo.removeTargets.join(QLatin1Char(','));
    ctx.out << " --yes\n";
    return Ok;
}

} // namespace ssod::cli
