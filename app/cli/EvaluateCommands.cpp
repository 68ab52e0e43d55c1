// ssodoctor-cli evaluate delegation|browser: answer a question from a target's settings, change
// nothing. Exit 0 for "yes", 1 for "no", 2 for bad input, so scripts can branch on the answer.
#include "app/cli/CliContext.h"
#include "core/catalog/SettingRequest.h"
#include "core/evaluate/BrowserEvaluator.h"
#include "core/evaluate/DelegationEvaluator.h"
#include "core/evaluate/EvaluationJson.h"
#include "core/evaluate/PolicyReader.h"
#include "core/registry/StoreFactory.h"

#include <QJsonDocument>

namespace ssod::cli {

using namespace core::evaluate;

namespace {

const char kDelegationUsage[]
    = "usage: evaluate delegation --server HOST [--kind default|saved|fresh] [--ntlm] "
      "--against FILE [--root KEY] [--json]";
const char kBrowserUsage[] = "usage: evaluate browser --url URL --browser chrome|chromium|edge|firefox|ie "
                             "--against FILE [--root KEY] [--platform windows|linux] [--json]";

QString entryLine(const ConsideredEntry &e)
{
    const QString status = !e.matched ? QStringLiteral("no match")
        : e.applies                   ? QStringLiteral("MATCH")
                                      : QStringLiteral("(match)");
    QString where = e.key.isEmpty() ? e.policy : shortKey(e.key);
    if (!e.valueName.isEmpty())
        where += QLatin1Char('\\') + e.valueName;
    QString line = QStringLiteral("  %1  %2  \"%3\"").arg(status, -8).arg(where, e.entry);
    if (!e.note.isEmpty())
        line += QStringLiteral("  (%1)").arg(e.note);
    return line;
}

void printDetails(const Context &ctx, const QString &target, const QString &why,
    const QList<ConsideredEntry> &entries, const QStringList &notes)
{
    ctx.out << "Target: " << target << "\n";
    ctx.out << "Why: " << why << "\n";
    if (!entries.isEmpty()) {
        ctx.out << "Entries considered:\n";
        for (const ConsideredEntry &e : entries)
            ctx.out << entryLine(e) << "\n";
    }
    if (!notes.isEmpty()) {
        ctx.out << "Notes:\n";
        for (const QString &n : notes)
            ctx.out << "  - " << n << "\n";
    }
}

/// A fix's spec only when this build's catalog accepts it (a browser setting may not exist yet).
FixHint checkedFix(const Context &ctx, FixHint fix)
{
    if (!fix.spec.isEmpty() && !core::catalog::parseSpec(ctx.catalog, fix.spec)) {
        fix.spec.clear();
        fix.settingId.clear();
    } else if (!fix.settingId.isEmpty() && !ctx.catalog.find(fix.settingId)) {
        fix.settingId.clear();
    }
    return fix;
}

void printFix(const Context &ctx, const QString &label, const FixHint &fix, const QString &file)
{
    if (fix.text.isEmpty())
        return;
    ctx.out << label << fix.text << "\n";
    if (!fix.spec.isEmpty())
        ctx.out << "  ssodoctor-cli apply " << fix.spec << " --to \"" << file << "\"\n";
    else if (!fix.settingId.isEmpty())
        ctx.out << "  catalog setting: " << fix.settingId << "\n";
}

/// Opens --against for reading \a keys only (a full registry export is then read in part).
core::Result<std::unique_ptr<core::registry::RegistryStore>> openTarget(const Args &args, const QStringList &keys)
{
    if (!args.has(QStringLiteral("--against")) || args.option(QStringLiteral("--against")).isEmpty())
        return core::Error::invalid(
            QStringLiteral("name the settings to evaluate with --against FILE (a .reg file, "
                           "Registry.pol, offline hive or browser policy file)"));
    core::registry::ReadOptions options;
    options.keys = keys;
    return core::registry::openStore(
        args.option(QStringLiteral("--against")), args.option(QStringLiteral("--root")), false, options);
}

int runDelegation(const Context &ctx, const QStringList &argv)
{
    auto args = Args::parse(argv,
        { QStringLiteral("--server"), QStringLiteral("--kind"), QStringLiteral("--against"),
            QStringLiteral("--root") },
        { QStringLiteral("--ntlm"), QStringLiteral("--json"), QStringLiteral("--strict") });
    if (!args)
        return ctx.fail(args.error());
    if (!args->positional().isEmpty())
        return ctx.usage(QStringLiteral("unexpected \"%1\"; %2")
                             .arg(args->positional().first(), QLatin1String(kDelegationUsage)));
    if (!args->has(QStringLiteral("--server")))
        return ctx.usage(QStringLiteral("evaluate delegation needs --server HOST; %1")
                             .arg(QLatin1String(kDelegationUsage)));
    DelegationQuery q;
    q.server = args->option(QStringLiteral("--server"));
    q.ntlmOnly = args->flag(QStringLiteral("--ntlm"));
    if (args->has(QStringLiteral("--kind"))) {
        const auto kind = credentialKindFromName(args->option(QStringLiteral("--kind")));
        if (!kind)
            return ctx.usage(QStringLiteral("--kind \"%1\" is not one of default, saved, fresh")
                                 .arg(args->option(QStringLiteral("--kind"))));
        q.kind = *kind;
    }
    // Check the server before opening the file: a typo is reported as the typo.
    if (auto spn = DelegationEvaluator::spnFor(q.server); !spn)
        return ctx.fail(spn.error());
    auto store = openTarget(*args, DelegationEvaluator::keysRead());
    if (!store)
        return ctx.fail(store.error());
    if (ctx.reportFileWarnings((*store)->readWarnings(), args->flag(QStringLiteral("--strict"))))
        return BadInput;
    auto verdict = DelegationEvaluator::evaluate(**store, q);
    if (!verdict)
        return ctx.fail(verdict.error());
    DelegationVerdict &v = *verdict;
    v.fix = checkedFix(ctx, v.fix);

    if (args->flag(QStringLiteral("--json"))) {
        QJsonObject o = toJson(v, q);
        o.insert(QStringLiteral("target"), (*store)->description());
        addFileWarnings(o, (*store)->readWarnings());
        ctx.out << QJsonDocument(o).toJson(QJsonDocument::Indented);
        return v.allowed ? Ok : ChangesNeeded;
    }
    static const char *const kWords[]
        = { "credentials of the signed-in user", "saved credentials", "credentials typed at the prompt" };
    const QString what = QLatin1String(kWords[int(q.kind)]);
    if (v.allowed)
        ctx.out << "Allowed: " << what << " will be delegated to " << v.spn << "\n";
    else
        ctx.out << "Not allowed: " << what << " will not be delegated to " << v.spn << "\n";
    ctx.out << "Decided by: " << v.decidedBy.text << "\n";
    ctx.out << "Server authenticated with: " << (q.ntlmOnly ? "NTLM only" : "Kerberos or a certificate")
            << " (" << v.allowPolicy << " applies; " << v.denyPolicy << " checked first)\n";
    printDetails(ctx, (*store)->description(), v.explanation, v.considered, v.notes);
    printFix(ctx, QStringLiteral("To allow it: "), v.fix, args->option(QStringLiteral("--against")));
    return v.allowed ? Ok : ChangesNeeded;
}

int runBrowser(const Context &ctx, const QStringList &argv)
{
    auto args = Args::parse(argv,
        { QStringLiteral("--url"), QStringLiteral("--browser"), QStringLiteral("--against"),
            QStringLiteral("--root"), QStringLiteral("--platform") },
        { QStringLiteral("--json"), QStringLiteral("--strict") });
    if (!args)
        return ctx.fail(args.error());
    if (!args->positional().isEmpty())
        return ctx.usage(QStringLiteral("unexpected \"%1\"; %2")
                             .arg(args->positional().first(), QLatin1String(kBrowserUsage)));
    if (!args->has(QStringLiteral("--url")) || !args->has(QStringLiteral("--browser")))
        return ctx.usage(QStringLiteral("evaluate browser needs --url and --browser; %1")
                             .arg(QLatin1String(kBrowserUsage)));
    BrowserQuery q;
    q.url = args->option(QStringLiteral("--url"));
    const auto browser = browserFromName(args->option(QStringLiteral("--browser")));
    if (!browser)
        return ctx.usage(QStringLiteral("--browser \"%1\" is not one of chrome, chromium, edge, firefox, ie")
                             .arg(args->option(QStringLiteral("--browser"))));
    q.browser = *browser;
    if (args->has(QStringLiteral("--platform"))) {
        const auto platform = platformFromName(args->option(QStringLiteral("--platform")));
        if (!platform)
            return ctx.usage(QStringLiteral("--platform \"%1\" is not one of windows, linux")
                                 .arg(args->option(QStringLiteral("--platform"))));
        q.platform = *platform;
    }
    if (auto url = BrowserEvaluator::parseUrl(q.url); !url)
        return ctx.fail(url.error());
    auto store = openTarget(*args, BrowserEvaluator::keysRead(q));
    if (!store)
        return ctx.fail(store.error());
    if (ctx.reportFileWarnings((*store)->readWarnings(), args->flag(QStringLiteral("--strict"))))
        return BadInput;
    auto verdict = BrowserEvaluator::evaluate(**store, q);
    if (!verdict)
        return ctx.fail(verdict.error());
    BrowserVerdict &v = *verdict;
    v.negotiateFix = checkedFix(ctx, v.negotiateFix);
    v.delegateFix = checkedFix(ctx, v.delegateFix);

    if (args->flag(QStringLiteral("--json"))) {
        QJsonObject o = toJson(v);
        o.insert(QStringLiteral("target"), (*store)->description());
        addFileWarnings(o, (*store)->readWarnings());
        ctx.out << QJsonDocument(o).toJson(QJsonDocument::Indented);
        return v.negotiate ? Ok : ChangesNeeded;
    }
    const QString title = browserTitle(v.browser);
    const QString url = v.url.toString();
    if (v.negotiate)
        ctx.out << "Negotiate: yes, " << title << " will try Kerberos for " << url
                << " with the signed-in user's credentials\n";
    else
        ctx.out << "Negotiate: no, " << title << " will not try Kerberos automatically for " << url << "\n";
    ctx.out << "Decided by: " << v.negotiateDecidedBy.text << "\n";
    ctx.out << "Delegation: "
            << (v.delegate ? "yes, the user's credentials can be delegated to "
                           : "no, nothing is delegated to ")
            << v.url.host() << "\n";
    ctx.out << "Decided by: " << v.delegateDecidedBy.text << "\n";
    ctx.out << "SPN requested: " << v.spn << " (" << platformName(v.platform) << ")\n";
    printDetails(ctx, (*store)->description(), v.explanation, v.considered, v.notes);
    printFix(
        ctx, QStringLiteral("To get Negotiate: "), v.negotiateFix, args->option(QStringLiteral("--against")));
    printFix(
        ctx, QStringLiteral("To get delegation: "), v.delegateFix, args->option(QStringLiteral("--against")));
    return v.negotiate ? Ok : ChangesNeeded;
}

} // namespace

int runEvaluate(const Context &ctx, const QStringList &argv)
{
    const QString what = argv.value(0);
    if (what == QLatin1String("delegation"))
        return runDelegation(ctx, argv.mid(1));
    if (what == QLatin1String("browser"))
        return runBrowser(ctx, argv.mid(1));
    if (what == QLatin1String("portal"))
        return runEvaluatePortal(ctx, argv.mid(1));
    return ctx.usage(QStringLiteral("evaluate what? \"evaluate delegation …\", \"evaluate browser …\" or \"evaluate portal …\"; run "
                                    "ssodoctor-cli --help"));
}

} // namespace ssod::cli
