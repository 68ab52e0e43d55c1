// spn …: the directory commands (issue 7). A thin layer over core/directory.
#include "app/cli/CliContext.h"
#include "app/cli/KeychainCommands.h"
#include "core/directory/Delegation.h"
#include "core/directory/LdapConnection.h"
#include "core/directory/Spn.h"
#include "core/directory/SpnDirectory.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

namespace ssod::cli {

namespace {

using core::directory::ConnectionOptions;
using core::directory::LdapConnection;
using core::directory::SpnDirectory;

const QStringList kConnValued = { QStringLiteral("--domain"), QStringLiteral("--dc"),
    QStringLiteral("--bind-dn"), QStringLiteral("--ca-file"), QStringLiteral("--timeout") };
const QStringList kConnFlags = { QStringLiteral("--gssapi"), QStringLiteral("--password-stdin"),
    QStringLiteral("--keychain"), QStringLiteral("--save-password"), QStringLiteral("--ldaps"),
    QStringLiteral("--starttls"), QStringLiteral("--allow-insecure-bind") };

/// The first line of standard input, without its line end.
core::Result<QString> passwordFromStdin()
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return core::Error::io(QStringLiteral("cannot read the password from standard input"));
    QByteArray line = in.readLine(4096);
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    QString password = QString::fromUtf8(line);
    line.fill('\0');
    return password;
}

/// The CONN options. The password is read from standard input or the system keychain, never from
/// argv.
core::Result<ConnectionOptions> connectionOptions(const Args &args, bool forest)
{
    ConnectionOptions o;
    o.domain = args.option(QStringLiteral("--domain"));
    o.dc = args.option(QStringLiteral("--dc"));
    o.caFile = args.option(QStringLiteral("--ca-file"));
    o.allowInsecureBind = args.flag(QStringLiteral("--allow-insecure-bind"));
    o.globalCatalog = forest;
    if (args.flag(QStringLiteral("--ldaps")) && args.flag(QStringLiteral("--starttls")))
        return core::Error::invalid(QStringLiteral("--ldaps and --starttls exclude each other"));
    o.tls = args.flag(QStringLiteral("--ldaps"))  ? ConnectionOptions::Tls::Ldaps
        : args.flag(QStringLiteral("--starttls")) ? ConnectionOptions::Tls::StartTls
                                                  : ConnectionOptions::Tls::None;
    if (args.has(QStringLiteral("--timeout"))) {
        bool ok = false;
        const double seconds = args.option(QStringLiteral("--timeout")).toDouble(&ok);
        if (!ok || seconds <= 0 || seconds > 600)
            return core::Error::invalid(QStringLiteral("--timeout takes seconds, from 0.1 to 600"));
        o.timeoutMs = int(seconds * 1000);
    }
    const bool fromStdin = args.flag(QStringLiteral("--password-stdin"));
    const bool fromKeychain = args.flag(QStringLiteral("--keychain"));
    if (args.flag(QStringLiteral("--save-password")) && !fromStdin)
        return core::Error::invalid(QStringLiteral(
            "--save-password needs --bind-dn and --password-stdin: it keeps the password typed there"));
    if (args.has(QStringLiteral("--bind-dn"))) {
        if (args.flag(QStringLiteral("--gssapi")))
            return core::Error::invalid(QStringLiteral("--gssapi and --bind-dn exclude each other"));
        if (fromStdin == fromKeychain)
            return core::Error::invalid(QStringLiteral(
                "--bind-dn needs either --password-stdin or --keychain (a password is never taken from the "
                "command line)"));
        o.bind = ConnectionOptions::Bind::Simple;
        o.bindDn = args.option(QStringLiteral("--bind-dn"));
        auto password = fromStdin ? passwordFromStdin() : passwordFromKeychain(o);
        if (!password)
            return password.error();
        o.password = *password;
    } else if (fromStdin || fromKeychain) {
        return core::Error::invalid(
            QStringLiteral("%1 needs --bind-dn")
                .arg(fromStdin ? QStringLiteral("--password-stdin") : QStringLiteral("--keychain")));
    }
    return o;
}

void printJson(const Context &ctx, const QJsonValue &v)
{
    ctx.out << (v.isArray() ? QJsonDocument(v.toArray()) : QJsonDocument(v.toObject()))
                   .toJson(QJsonDocument::Indented);
}

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

/// Connects with the CONN options of \a args, saying on stderr to which DC and how.
core::Result<std::unique_ptr<LdapConnection>> connectFor(const Context &ctx, const Args &args, bool forest)
{
    auto options = connectionOptions(args, forest);
    if (!options)
        return options.error();
    auto connection = LdapConnection::connect(*options);
    if (!connection)
        return args.flag(QStringLiteral("--keychain")) ? withKeychainHint(connection.error(), *options)
                                                       : connection.error();
    ctx.err << "Connected to " << (*connection)->describe() << Qt::endl;
    // Only a password the directory just accepted is kept.
    if (args.flag(QStringLiteral("--save-password")))
        savePassword(ctx, *options);
    return connection;
}

} // namespace

int runDelegationShow(const Context &ctx, const QStringList &argv)
{
    auto args = Args::parse(argv, kConnValued, kConnFlags + QStringList { QStringLiteral("--json") });
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
                { QStringLiteral("holders"), QJsonArray::fromStringList(t.holders) } });
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
                         : QStringLiteral("held by %1").arg(t.holders.join(QStringLiteral(", "))))
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
    auto args = Args::parse(
        argv, kConnValued, kConnFlags + QStringList { QStringLiteral("--json"), QStringLiteral("--forest") });
    if (!args)
        return ctx.fail(args.error());
    const QString sub = args->positional().value(0);
    const qsizetype want = sub == QLatin1String("duplicates") ? 1 : 2;
    if ((sub != QLatin1String("list") && sub != QLatin1String("query") && sub != QLatin1String("duplicates"))
        || args->positional().size() != want)
        return ctx.usage(
            QStringLiteral("usage: spn list ACCOUNT | spn query SPN-OR-PATTERN | spn duplicates, "
                           "with CONN options; see --help"));
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
