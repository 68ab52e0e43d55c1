// spn …: the directory commands (issue 7). A thin layer over core/directory.
#include "app/cli/CliContext.h"
#include "app/cli/DirectoryCli.h"
#include "app/cli/DirectoryConnection.h"
#include "core/directory/Delegation.h"
#include "core/directory/Spn.h"
#include "core/directory/SpnDirectory.h"

#include <QJsonArray>
#include <QJsonObject>

namespace ssod::cli {

namespace {

using core::directory::SpnDirectory;

int runList(const Context &ctx, const Args &args, SpnDirectory &spns)
{
    auto account = spns.account(args.positional().value(1));
    if (!account)
        return ctx.fail(account.error());
    if (args.flag(QStringLiteral("--json"))) {
        printJson(ctx,
            QJsonObject { { QStringLiteral("account"), account->samAccountName },
                { QStringLiteral("dn"), account->dn },
                { QStringLiteral("spns"), QJsonArray::fromStringList(account->spns) } });
        return Ok;
    }
    ctx.out << "Registered ServicePrincipalNames for " << account->dn << ":\n";
    for (const QString &spn : account->spns)
        ctx.out << "        " << spn << "\n";
    if (account->spns.isEmpty())
        ctx.out << "        (none)\n";
    return Ok;
}

int runQuery(const Context &ctx, const Args &args, SpnDirectory &spns, bool forest)
{
    const QString pattern = args.positional().value(1);
    auto holders = spns.query(pattern, forest);
    if (!holders)
        return ctx.fail(holders.error());
    if (args.flag(QStringLiteral("--json"))) {
        QJsonArray out;
        for (const auto &h : *holders)
            out.append(QJsonObject { { QStringLiteral("spn"), h.spn },
                { QStringLiteral("account"), h.account }, { QStringLiteral("dn"), h.dn } });
        printJson(ctx, out);
    } else if (holders->isEmpty()) {
        ctx.out << "No such SPN found: " << pattern << "\n";
    } else {
        for (const auto &h : *holders)
            ctx.out << h.spn << "\t" << h.account << "\t" << h.dn << "\n";
    }
    return holders->isEmpty() ? ChangesNeeded : Ok;
}

int runDuplicates(const Context &ctx, const Args &args, SpnDirectory &spns, bool forest)
{
    auto dups = spns.duplicates(forest);
    if (!dups)
        return ctx.fail(dups.error());
    if (args.flag(QStringLiteral("--json"))) {
        QJsonArray out;
        for (const auto &d : *dups)
            out.append(QJsonObject { { QStringLiteral("spn"), d.spn },
                { QStringLiteral("accounts"), QJsonArray::fromStringList(d.accounts) } });
        printJson(ctx, out);
    } else {
        for (const auto &d : *dups)
            ctx.out << d.spn << " is held by " << d.accounts.join(QStringLiteral(", ")) << "\n";
        ctx.out << "Found " << dups->size() << (dups->size() == 1 ? " duplicated SPN" : " duplicated SPNs")
                << (dups->isEmpty() ? "." : "; Kerberos to each fails until only one account holds it.")
                << "\n";
    }
    return dups->isEmpty() ? Ok : ChangesNeeded;
}

} // namespace

int runDelegationShow(const Context &ctx, const QStringList &argv)
{
    if (argv.value(0) == QLatin1String("set"))
        return runDelegationSet(ctx, argv);
    auto args = Args::parse(argv, connValuedOptions(), connFlagOptions() + QStringList { QStringLiteral("--json") });
    if (!args)
        return ctx.fail(args.error());
    if (args->positional().size() != 2 || args->positional()[0] != QLatin1String("show"))
        return ctx.usage(QStringLiteral("usage: delegation show ACCOUNT, with CONN options; see --help"));
    auto connection = connectFor(ctx, *args, false);
    if (!connection)
        return ctx.fail(connection.error());
    auto report = core::directory::readDelegation(**connection, args->positional()[1]);
    if (!report)
        return ctx.fail(report.error());
    const auto &r = *report;
    const QStringList etypes = core::directory::encryptionTypeNames(r.encryptionTypes.value_or(0x1C));
    if (args->flag(QStringLiteral("--json"))) {
        QJsonArray constrained;
        for (const auto &t : r.constrained)
            constrained.append(QJsonObject { { QStringLiteral("spn"), t.spn },
                { QStringLiteral("exists"), !t.holders.isEmpty() },
                { QStringLiteral("holders"), QJsonArray::fromStringList(t.holders) },
                { QStringLiteral("via_host_alias"), t.viaHostAlias } });
        QJsonObject out { { QStringLiteral("account"), r.account.samAccountName },
            { QStringLiteral("dn"), r.account.dn }, { QStringLiteral("unconstrained"), r.unconstrained },
            { QStringLiteral("constrained"), constrained },
            { QStringLiteral("protocol_transition"), r.protocolTransition },
            { QStringLiteral("resource_based"), QJsonArray::fromStringList(r.resourceBased) },
            { QStringLiteral("resource_based_unresolved"),
                QJsonArray::fromStringList(r.resourceBasedUnresolved) },
            { QStringLiteral("sensitive"), r.sensitive },
            { QStringLiteral("protected_users"), r.protectedUsers },
            { QStringLiteral("encryption_types"), QJsonArray::fromStringList(etypes) },
            { QStringLiteral("encryption_types_set"), r.encryptionTypes.has_value() } };
        printJson(ctx, out);
        return Ok;
    }
    QTextStream &o = ctx.out;
    o << "Delegation of " << r.account.samAccountName << " (" << r.account.dn << ")\n";
    o << "  Unconstrained: "
      << (r.unconstrained ? "yes - services running as this account receive the TGT of every user who "
                            "connects, and can act as them anywhere; prefer constrained delegation\n"
                          : "no\n");
    if (r.constrained.isEmpty()) {
        o << "  Constrained: none\n";
    } else {
        o << "  Constrained to ("
          << (r.protocolTransition ? "any authentication protocol - protocol transition" : "Kerberos only")
          << "):\n";
        for (const auto &t : r.constrained)
            o << "    " << t.spn << "  "
              << (t.holders.isEmpty()
                         ? QStringLiteral("NO account holds this SPN: delegation to it fails")
                         : QStringLiteral("held by %1%2")
                               .arg(t.holders.join(QStringLiteral(", ")),
                                   t.viaHostAlias ? QStringLiteral(" (as HOST/, which serves this class)")
                                                  : QString()))
              << "\n";
    }
    o << "  Resource-based (may delegate to this account): "
      << (r.resourceBased.isEmpty() && r.resourceBasedUnresolved.isEmpty()
                 ? QStringLiteral("none")
                 : (r.resourceBased + r.resourceBasedUnresolved).join(QStringLiteral(", ")))
      << "\n";
    o << "  Sensitive and cannot be delegated: " << (r.sensitive ? "yes" : "no") << "\n";
    o << "  Protected Users: "
      << (r.protectedUsers ? "yes - never delegated, no NTLM, no DES/RC4, 4-hour tickets" : "no") << "\n";
    o << "  Encryption types: " << etypes.join(QStringLiteral(", "))
      << (r.encryptionTypes ? "" : " (not set: the default)") << "\n";
    return Ok;
}

int runSpn(const Context &ctx, const QStringList &argv)
{
    const QString first = argv.value(0);
    if (first == QLatin1String("add") || first == QLatin1String("remove") || first == QLatin1String("plan"))
        return runSpnChange(ctx, argv);
    const QStringList predictValued = { QStringLiteral("--client"), QStringLiteral("--service-account") };
    auto args = Args::parse(argv, connValuedOptions() + predictValued,
        connFlagOptions() + QStringList { QStringLiteral("--json"), QStringLiteral("--forest"), QStringLiteral("--no-directory") });
    if (!args)
        return ctx.fail(args.error());
    const QString sub = args->positional().value(0);
    if (sub == QLatin1String("predict")) {
        if (args->flag(QStringLiteral("--forest")))
            return ctx.usage(QStringLiteral("spn predict looks in the domain of the DC; --forest does not apply"));
        return runSpnPredict(ctx, *args);
    }
    for (const QString &option : predictValued + QStringList { QStringLiteral("--no-directory") })
        if (args->has(option) || args->flag(option))
            return ctx.usage(QStringLiteral("%1 belongs to spn predict").arg(option));
    const qsizetype want = sub == QLatin1String("duplicates") ? 1 : 2;
    if ((sub != QLatin1String("list") && sub != QLatin1String("query") && sub != QLatin1String("duplicates"))
        || args->positional().size() != want)
        return ctx.usage(
            QStringLiteral("usage: spn list ACCOUNT | spn query SPN-OR-PATTERN | spn duplicates | spn predict "
                           "TARGET, with CONN options; see --help"));
    // A full SPN is checked for syntax before connecting, so "HTTP/" gets a message, not an empty answer.
    if (sub == QLatin1String("query") && !args->positional()[1].contains(QLatin1Char('*')))
        if (auto spn = core::directory::Spn::parse(args->positional()[1]); !spn)
            return ctx.fail(spn.error());
    const bool forest = args->flag(QStringLiteral("--forest")) && sub != QLatin1String("list");
    auto connection = connectFor(ctx, *args, forest);
    if (!connection)
        return ctx.fail(connection.error());
    SpnDirectory spns(**connection);
    if (sub == QLatin1String("list"))
        return runList(ctx, *args, spns);
    if (sub == QLatin1String("query"))
        return runQuery(ctx, *args, spns, forest);
    return runDuplicates(ctx, *args, spns, forest);
}

} // namespace ssod::cli
