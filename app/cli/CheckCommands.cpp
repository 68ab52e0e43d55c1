// `check iis|winrm …`: service-side checks read from the service's own files (issue 9), giving
// findings in the same form as diagnose. Exit 0 no finding is an error, 1 one is, 2 bad input.
#include "app/cli/CliContext.h"
#include "app/cli/DirectoryConnection.h"
#include "core/check/HostReadiness.h"
#include "core/check/IisConfig.h"
#include "core/check/WinrmCheck.h"
#include "core/probe/Probe.h"
#include "core/registry/StoreFactory.h"
#include "core/directory/SpnDirectory.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>

namespace ssod::cli {

using namespace core::check;

namespace {

const QString kIisUsage = QStringLiteral(
    "usage: check iis --config applicationHost.config [--web-config [SITE[/APP]=]FILE]… [--computer NAME] [CONN] [--json]");

core::Result<QByteArray> readFile(const QString &path, qint64 cap)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return core::Error::io(QStringLiteral("cannot read: %1").arg(f.errorString()), path);
    return f.read(cap + 1);
}

void printFindings(const Context &ctx, const QList<core::Finding> &findings)
{
    static const char *words[] = { "ok", "info", "WARNING", "ERROR" };
    for (const core::Finding &f : findings) {
        ctx.out << "  [" << words[int(f.severity)] << "] " << f.title << "\n";
        if (f.severity >= core::Severity::Warning && !f.explanation.isEmpty())
            ctx.out << "      " << f.explanation << "\n";
        if (f.fix && f.severity >= core::Severity::Warning)
            ctx.out << "      fix: " << f.fix->text << "\n";
    }
}

bool anyError(const QList<core::Finding> &findings)
{
    return std::any_of(findings.cbegin(), findings.cend(),
        [](const core::Finding &f) { return f.severity == core::Severity::Error; });
}

/// The directory of CONN as the checks ask it: who holds an SPN. Owns the connection.
struct DirectoryLookup {
    std::unique_ptr<core::directory::LdapConnection> connection;
    std::unique_ptr<core::directory::SpnDirectory> directory;

    /// \a hostAliasIsOwn: an SPN answered only through a computer's HOST/ alias counts as held by
    /// nobody else (WinRM's HTTP/host is the computer's own).
    SpnHolders holders(bool hostAliasIsOwn = false) const
    {
        core::directory::SpnDirectory *d = directory.get();
        return [d, hostAliasIsOwn](const QString &spn) -> core::Result<QStringList> {
            auto r = d->resolve(spn);
            if (!r)
                return r.error();
            return hostAliasIsOwn && r->viaHostAlias ? QStringList() : r->accounts();
        };
    }
};

bool wantsDirectory(const Args &args)
{
    return args.has(QStringLiteral("--dc")) || args.has(QStringLiteral("--domain"));
}

core::Result<std::shared_ptr<DirectoryLookup>> openDirectory(const Context &ctx, const Args &args)
{
    auto connected = connectFor(ctx, args, false);
    if (!connected)
        return connected.error();
    auto lookup = std::make_shared<DirectoryLookup>();
    lookup->connection = std::move(*connected);
    lookup->directory = std::make_unique<core::directory::SpnDirectory>(*lookup->connection);
    return lookup;
}

int runIis(const Context &ctx, const QStringList &argv)
{
    auto args = Args::parse(argv,
        connValuedOptions() + QStringList { QStringLiteral("--config"), QStringLiteral("--computer") },
        connFlagOptions() + QStringList { QStringLiteral("--json") }, { QStringLiteral("--web-config") });
    if (!args)
        return ctx.usage(args.error().message + QStringLiteral("; ") + kIisUsage);
    if (!args->has(QStringLiteral("--config")) || !args->positional().isEmpty())
        return ctx.usage(kIisUsage);
    const QString file = args->option(QStringLiteral("--config"));
    const qint64 cap = 64 << 20;
    const auto bytes = readFile(file, cap);
    if (!bytes)
        return ctx.fail(bytes.error());
    const auto config = parseApplicationHost(*bytes, file, cap);
    if (!config)
        return ctx.fail(config.error());
    // A web.config belongs to a site or application: "Site/app=FILE"; a bare FILE to the first site.
    QMap<QString, WinAuthLayer> webConfigs;
    for (const QString &w : args->values(QStringLiteral("--web-config"))) {
        QString location = w.contains(QLatin1Char('=')) ? w.section(QLatin1Char('='), 0, 0) : QString();
        const QString path = w.contains(QLatin1Char('=')) ? w.section(QLatin1Char('='), 1) : w;
        if (location.isEmpty()) {
            if (config->sites.isEmpty())
                return ctx.usage(QStringLiteral("--web-config %1: the configuration has no site; give SITE=FILE").arg(w));
            location = config->sites.first().name;
        }
        const auto wb = readFile(path, 16 << 20);
        if (!wb)
            return ctx.fail(wb.error());
        const auto layer = parseWebConfigWinAuth(*wb, path);
        if (!layer)
            return ctx.fail(layer.error());
        if (*layer)
            webConfigs.insert(location, **layer);
    }
    const QList<IisAppReport> apps = IisCheck::applications(*config, webConfigs, args->option(QStringLiteral("--computer")));

    // With CONN every SPN is looked up in the directory.
    std::shared_ptr<DirectoryLookup> lookup;
    SpnHolders holders;
    if (wantsDirectory(*args)) {
        auto opened = openDirectory(ctx, *args);
        if (!opened)
            return ctx.fail(opened.error());
        lookup = *opened;
        holders = lookup->holders();
    }
    const QList<core::Finding> findings = IisCheck::findings(apps, holders);

    if (args->flag(QStringLiteral("--json"))) {
        QJsonArray appArray, findingArray;
        for (const IisAppReport &r : apps)
            appArray.append(QJsonObject {
                { QStringLiteral("site"), r.app.site }, { QStringLiteral("path"), r.app.path },
                { QStringLiteral("pool"), r.pool.name },
                { QStringLiteral("identity"), r.builtInIdentity ? r.pool.identityType : r.pool.userName },
                { QStringLiteral("account"), r.account.isEmpty() ? QJsonValue() : QJsonValue(r.account) },
                { QStringLiteral("windows_authentication"),
                    QJsonObject { { QStringLiteral("enabled"), r.auth.enabled },
                        { QStringLiteral("use_kernel_mode"), r.auth.useKernelMode },
                        { QStringLiteral("use_app_pool_credentials"), r.auth.useAppPoolCredentials },
                        { QStringLiteral("providers"), QJsonArray::fromStringList(r.auth.providers) },
                        { QStringLiteral("set_in"), QJsonArray::fromStringList(r.auth.sources) } } },
                { QStringLiteral("hosts"), QJsonArray::fromStringList(r.hosts) },
                { QStringLiteral("spns"), QJsonArray::fromStringList(r.spns) } });
        for (const core::Finding &f : findings)
            findingArray.append(core::findingToJson(f));
        printJson(ctx, QJsonObject { { QStringLiteral("config"), file }, { QStringLiteral("applications"), appArray },
                           { QStringLiteral("findings"), findingArray },
                           { QStringLiteral("directory"), lookup ? QJsonValue(lookup->connection->describe()) : QJsonValue() } });
        return anyError(findings) ? ChangesNeeded : Ok;
    }
    ctx.out << "IIS configuration " << file << ": " << apps.size() << (apps.size() == 1 ? " application" : " applications")
            << " in " << config->sites.size() << (config->sites.size() == 1 ? " site\n" : " sites\n");
    QString current;
    for (const core::Finding &f : findings) {
        if (f.subject != current) {
            current = f.subject;
            ctx.out << current << "\n";
        }
        printFindings(ctx, { f });
    }
    return anyError(findings) ? ChangesNeeded : Ok;
}

const QString kWinrmUsage = QStringLiteral(
    "usage: check winrm --against FILE [--root KEY] [--host HOST [--https-port N] [--computer NAME] [--ca-file F]] "
    "[CONN] [--json]");

int runWinrm(const Context &ctx, const QStringList &argv)
{
    auto args = Args::parse(argv,
        connValuedOptions()
            + QStringList { QStringLiteral("--against"), QStringLiteral("--root"), QStringLiteral("--host"),
                QStringLiteral("--https-port"), QStringLiteral("--computer") },
        connFlagOptions() + QStringList { QStringLiteral("--json"), QStringLiteral("--strict") });
    if (!args)
        return ctx.usage(args.error().message + QStringLiteral("; ") + kWinrmUsage);
    if (!args->has(QStringLiteral("--against")) || !args->positional().isEmpty())
        return ctx.usage(kWinrmUsage);
    core::registry::ReadOptions options;
    options.keys = WinrmCheck::keysRead();
    const auto store = core::registry::openStore(
        args->option(QStringLiteral("--against")), args->option(QStringLiteral("--root")), false, options);
    if (!store)
        return ctx.fail(store.error());
    if (ctx.reportFileWarnings((*store)->readWarnings(), args->flag(QStringLiteral("--strict"))))
        return BadInput;
    const auto settings = WinrmCheck::read(**store);
    if (!settings)
        return ctx.fail(settings.error());
    const QString host = args->option(QStringLiteral("--host")).trimmed();
    QString computer = args->option(QStringLiteral("--computer")).trimmed();
    if (computer.isEmpty() && !host.isEmpty())
        computer = host.section(QLatin1Char('.'), 0, 0);
    const QString computerAccount = computer.isEmpty() ? QString() : computer.toUpper() + QLatin1Char('$');

    // The certificate the HTTPS listener presents, read by the TLS probe.
    QString presented;
    QList<core::Finding> tlsFindings;
    bool hasHttps = std::any_of(settings->listeners.cbegin(), settings->listeners.cend(),
        [](const WinrmSettings::Listener &l) { return l.https; });
    if (!host.isEmpty() && hasHttps) {
        bool ok = true;
        const int port = args->has(QStringLiteral("--https-port")) ? args->option(QStringLiteral("--https-port")).toInt(&ok) : 5986;
        if (!ok || port <= 0 || port > 65535)
            return ctx.usage(QStringLiteral("--https-port takes a port number"));
        QVariantMap o { { QStringLiteral("purpose"), QStringLiteral("winrm") }, { QStringLiteral("name"), host },
            { QStringLiteral("noRevocation"), true } };
        if (args->has(QStringLiteral("--ca-file")))
            o.insert(QStringLiteral("caFile"), args->option(QStringLiteral("--ca-file")));
        const auto report = core::probe::runProbe({ QStringLiteral("tls"), QStringLiteral("%1:%2").arg(host).arg(port), o, 10000 });
        const QJsonArray chain = report.data.value(QStringLiteral("chain")).toArray();
        if (!chain.isEmpty())
            presented = chain.first().toObject().value(QStringLiteral("sha1")).toString();
        tlsFindings = report.findings;
    }
    std::shared_ptr<DirectoryLookup> lookup;
    SpnHolders holders;
    if (!host.isEmpty() && wantsDirectory(*args)) {
        auto opened = openDirectory(ctx, *args);
        if (!opened)
            return ctx.fail(opened.error());
        lookup = *opened;
        holders = lookup->holders(true);
    }
    QList<core::Finding> findings = WinrmCheck::findings(*settings, host, computerAccount, holders, presented);
    findings += tlsFindings;
    if (args->flag(QStringLiteral("--json"))) {
        QJsonArray findingArray, listeners;
        for (const core::Finding &f : findings)
            findingArray.append(core::findingToJson(f));
        for (const auto &l : settings->listeners)
            listeners.append(QJsonObject { { QStringLiteral("name"), l.name }, { QStringLiteral("hostname"), l.hostname },
                { QStringLiteral("port"), l.port }, { QStringLiteral("https"), l.https },
                { QStringLiteral("thumbprint"), l.thumbprint } });
        printJson(ctx, QJsonObject { { QStringLiteral("target"), (*store)->description() },
                           { QStringLiteral("trusted_hosts"), QJsonArray::fromStringList(settings->trustedHosts) },
                           { QStringLiteral("listeners"), listeners },
                           { QStringLiteral("presented_thumbprint"), presented.isEmpty() ? QJsonValue() : QJsonValue(presented) },
                           { QStringLiteral("findings"), findingArray } });
        return anyError(findings) ? ChangesNeeded : Ok;
    }
    ctx.out << "WinRM settings in " << (*store)->description() << ":\n";
    printFindings(ctx, findings);
    return anyError(findings) ? ChangesNeeded : Ok;
}

int runHost(const Context &ctx, const QStringList &argv)
{
    QStringList ids;
    if (const auto &roles = builtinHostRoles())
        for (const HostRole &r : *roles)
            ids << r.id;
    const QString usage = QStringLiteral("usage: check host --role %1 [--software FILE] [--system FILE] [--farm NAME]… "
                                         "[--computer NAME [CONN]] [--cert FILE [--ca-file F]] [--json]   (FILE: an "
                                         "offline hive or a .reg export)")
                              .arg(ids.join(QLatin1Char('|')));
    auto args = Args::parse(argv,
        connValuedOptions()
            + QStringList { QStringLiteral("--role"), QStringLiteral("--software"), QStringLiteral("--system"),
                QStringLiteral("--computer"), QStringLiteral("--cert") },
        connFlagOptions() + QStringList { QStringLiteral("--json"), QStringLiteral("--strict") }, { QStringLiteral("--farm") });
    if (!args)
        return ctx.usage(args.error().message + QStringLiteral("; ") + usage);
    const QStringList farms = args->values(QStringLiteral("--farm"));
    const auto &roles = builtinHostRoles();
    if (!roles)
        return ctx.fail(roles.error());
    const HostRole *role = nullptr;
    for (const HostRole &r : *roles)
        if (r.id == args->option(QStringLiteral("--role")))
            role = &r;
    if (!role || !args->positional().isEmpty()
        || (!args->has(QStringLiteral("--software")) && !args->has(QStringLiteral("--system"))))
        return ctx.usage(usage);
    core::registry::ReadOptions options;
    options.keys = HostReadiness::keysRead();
    std::unique_ptr<core::registry::RegistryStore> software, system;
    for (const auto &[option, store] : { std::pair { "--software", &software }, std::pair { "--system", &system } }) {
        if (!args->has(QLatin1String(option)))
            continue;
        // Only the keys the checks read are kept, so a full export is read in part.
        core::registry::ReadOptions o = options;
        const QLatin1String hive(std::string_view(option) == "--software" ? "HKEY_LOCAL_MACHINE\\SOFTWARE"
                                                                          : "HKEY_LOCAL_MACHINE\\SYSTEM");
        o.keys.removeIf([hive](const QString &k) { return !k.startsWith(hive); });
        auto opened = core::registry::openStore(args->option(QLatin1String(option)), {}, false, o);
        if (!opened)
            return ctx.fail(opened.error());
        if (ctx.reportFileWarnings((*opened)->readWarnings(), args->flag(QStringLiteral("--strict"))))
            return BadInput;
        *store = std::move(*opened);
    }
    HostReadiness::Input in;
    in.stores = { software.get(), system.get() };
    in.catalog = &ctx.catalog;
    in.farms = farms;
    QJsonObject facts;
    QList<core::Finding> findings = HostReadiness::check(*role, in, &facts);
    // A session host with a directory: TERMSRV/ of the farm names and of the host itself.
    const QString computer = args->option(QStringLiteral("--computer")).trimmed();
    if (!computer.isEmpty() && wantsDirectory(*args)) {
        auto opened = openDirectory(ctx, *args);
        if (!opened)
            return ctx.fail(opened.error());
        findings += HostReadiness::farmSpns(QStringList { computer } + farms,
            computer.section(QLatin1Char('.'), 0, 0).toUpper() + QLatin1Char('$'), (*opened)->holders());
    }
    // Its certificate, checked like the certificate wizard does, for the name users type.
    if (args->has(QStringLiteral("--cert"))) {
        const QString name = farms.value(0, computer);
        if (name.isEmpty())
            return ctx.usage(QStringLiteral("--cert needs --farm NAME (or --computer): the name users type"));
        QVariantMap o { { QStringLiteral("name"), name }, { QStringLiteral("purpose"), QStringLiteral("rdp") } };
        if (args->has(QStringLiteral("--ca-file")))
            o.insert(QStringLiteral("caFile"), args->option(QStringLiteral("--ca-file")));
        findings += core::probe::runProbe({ QStringLiteral("tls"), args->option(QStringLiteral("--cert")), o, 10000 }).findings;
    }
    if (args->flag(QStringLiteral("--json"))) {
        QJsonArray findingArray;
        for (const core::Finding &f : findings)
            findingArray.append(core::findingToJson(f));
        printJson(ctx, QJsonObject { { QStringLiteral("role"), role->id }, { QStringLiteral("facts"), facts },
                           { QStringLiteral("findings"), findingArray } });
        return anyError(findings) ? ChangesNeeded : Ok;
    }
    ctx.out << role->title << ":\n";
    printFindings(ctx, findings);
    return anyError(findings) ? ChangesNeeded : Ok;
}

} // namespace

int runCheck(const Context &ctx, const QStringList &argv)
{
    const QString what = argv.value(0);
    if (what == QLatin1String("iis"))
        return runIis(ctx, argv.mid(1));
    if (what == QLatin1String("winrm"))
        return runWinrm(ctx, argv.mid(1));
    if (what == QLatin1String("host"))
        return runHost(ctx, argv.mid(1));
    return ctx.usage(QStringLiteral("check what? \"check iis …\" or \"check winrm …\"; run ssodoctor-cli --help"));
}

} // namespace ssod::cli
