#include "app/cli/CliContext.h"
#include "core/catalog/CatalogJson.h"
#include "core/catalog/SettingRequest.h"
#include "core/registry/Applier.h"
#include "core/registry/Convert.h"
#include "core/registry/FileStore.h"
#include "core/registry/Planner.h"
#include "core/registry/RegPath.h"
#include "core/registry/StoreFactory.h"
#include "core/registry/TargetLock.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace ssod::cli {

using namespace core::registry;
using core::catalog::SettingRequest;

namespace {

const QStringList kTargetOptions{QStringLiteral("--against"), QStringLiteral("--root")};

struct Plan
{
    QList<SettingRequest> requests;
    ChangeSet changes;
    std::unique_ptr<RegistryStore> store;
};

core::Result<QList<SettingRequest>> parseSpecs(const Context &ctx, const QStringList &specs)
{
    if (specs.isEmpty())
        return core::Error::invalid(QStringLiteral("name at least one setting (SPEC); run \"ssodoctor-cli settings list\""));
    QList<SettingRequest> out;
    for (const QString &spec : specs) {
        auto r = core::catalog::parseSpec(ctx.catalog, spec);
        if (!r)
            return r.error();
        out << *r;
    }
    return out;
}

/// How a plan reads its target: only the keys it edits when it will not write them back (a plan
/// against a full registry export then reads a few sections, not the whole file).
enum class TargetUse { ReadOnly, Write };

/// Resolves SPECs and diffs them against \a target (empty: an empty registry).
core::Result<Plan> makePlan(const Context &ctx, const QStringList &specs, const QString &target, const QString &root,
                            TargetUse use)
{
    Plan plan;
    auto requests = parseSpecs(ctx, specs);
    if (!requests)
        return requests.error();
    plan.requests = *requests;
    auto edits = core::catalog::resolveAll(plan.requests);
    if (!edits)
        return edits.error();
    if (!target.isEmpty()) {
        ReadOptions options;
        if (use == TargetUse::ReadOnly)
            options.keys = keysRead(*edits);
        auto store = openStore(target, root, use == TargetUse::Write, options);
        if (!store)
            return store.error();
        plan.store = std::move(*store);
    }
    auto changes = diff(plan.store.get(), *edits);
    if (!changes)
        return changes.error();
    plan.changes = *changes;
    return plan;
}

QString shortKey(const QString &key)
{
    return path::shortRoot(path::root(key)) + (path::withoutRoot(key).isEmpty() ? QString() : QLatin1Char('\\') + path::withoutRoot(key));
}

void printChanges(QTextStream &o, const ChangeSet &cs)
{
    for (const Change &c : cs.changes) {
        switch (c.action) {
        case Change::Action::CreateKey:
            o << "  + create key   " << shortKey(c.key) << "\n";
            break;
        case Change::Action::DeleteKey:
            o << "  - delete key   " << shortKey(c.key) << "\n";
            break;
        case Change::Action::SetValue:
        case Change::Action::DeleteValue:
            o << (c.action == Change::Action::SetValue ? "  ~ set value    " : "  - delete value ") << shortKey(c.key)
              << " \"" << (c.name.isEmpty() ? QStringLiteral("(default)") : c.name) << "\": "
              << (c.before ? c.before->display() : QStringLiteral("(absent)")) << " -> "
              << (c.after ? c.after->display() : QStringLiteral("(absent)"));
            if (!c.settingId.isEmpty())
                o << "   [" << c.settingId << "]";
            o << "\n";
            break;
        }
    }
}

void printWarnings(QTextStream &o, const QList<SettingRequest> &requests)
{
    QStringList warnings;
    for (const SettingRequest &r : requests)
        warnings += r.warnings();
    warnings.removeDuplicates();
    if (warnings.isEmpty())
        return;
    o << "Warnings:\n";
    for (const QString &w : warnings)
        o << "  ! " << w << "\n";
}

/// Holds \a target from reading it to verifying it, so a second apply waits and then plans
/// against what the first one wrote instead of failing on a file changed under it.
core::Result<TargetLock> lockTarget(const QString &target)
{
    if (target == QLatin1String("registry:"))
        return TargetLock();
    return TargetLock::acquire(target);
}

core::FileWarnings readWarnings(const Plan &plan)
{
    return plan.store ? plan.store->readWarnings() : core::FileWarnings {};
}

ExportOptions exportOptions(const QList<SettingRequest> &requests)
{
    ExportOptions opts;
    opts.sources = core::catalog::exportSources(requests);
    opts.generatedAt = QDateTime::currentDateTime().toString(Qt::ISODate);
    return opts;
}

} // namespace

int runPlan(const Context &ctx, const QStringList &argv)
{
    auto args = Args::parse(argv, kTargetOptions, { QStringLiteral("--json"), QStringLiteral("--strict") });
    if (!args)
        return ctx.fail(args.error());
    auto plan = makePlan(ctx, args->positional(), args->option(QStringLiteral("--against")),
                         args->option(QStringLiteral("--root")), TargetUse::ReadOnly);
    if (!plan)
        return ctx.fail(plan.error());
    const core::FileWarnings fileWarnings = readWarnings(*plan);
    if (ctx.reportFileWarnings(fileWarnings, args->flag(QStringLiteral("--strict"))))
        return BadInput;
    if (args->flag(QStringLiteral("--json"))) {
        QJsonObject o = core::catalog::changeSetToJson(plan->changes);
        QStringList warnings;
        for (const SettingRequest &r : plan->requests)
            warnings += r.warnings();
        o.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(warnings));
        addFileWarnings(o, fileWarnings);
        o.insert(QStringLiteral("target"), plan->store ? plan->store->description() : QStringLiteral("empty registry"));
        ctx.out << QJsonDocument(o).toJson(QJsonDocument::Indented);
    } else {
        ctx.out << "Target: " << (plan->store ? plan->store->description() : QStringLiteral("empty registry")) << "\n";
        if (plan->changes.isCompliant()) {
            ctx.out << "Already compliant: nothing to change.\n";
        } else {
            ctx.out << changes(plan->changes.changes.size()) << " needed:\n";
            printChanges(ctx.out, plan->changes);
        }
        printWarnings(ctx.out, plan->requests);
    }
    return plan->changes.isCompliant() ? Ok : ChangesNeeded;
}

int runApply(const Context &ctx, const QStringList &argv)
{
    auto args
        = Args::parse(argv, { QStringLiteral("--to"), QStringLiteral("--root"), QStringLiteral("--backup") },
            { QStringLiteral("--strict") });
    if (!args)
        return ctx.fail(args.error());
    const QString target = args->option(QStringLiteral("--to"));
    if (target.isEmpty())
        return ctx.usage(QStringLiteral("apply needs --to FILE (a .reg, Registry.pol, hive or browser policy JSON)"));
    auto lock = lockTarget(target);
    if (!lock)
        return ctx.fail(lock.error());
    auto plan = makePlan(ctx, args->positional(), target, args->option(QStringLiteral("--root")), TargetUse::Write);
    if (!plan)
        return ctx.fail(plan.error());
    const core::FileWarnings fileWarnings = readWarnings(*plan);
    if (ctx.reportFileWarnings(fileWarnings, args->flag(QStringLiteral("--strict"))))
        return BadInput;
    if (plan->changes.isCompliant()) {
        ctx.out << "Already compliant: nothing changed in " << target << ".\n";
        return Ok;
    }
    const QString backup = args->has(QStringLiteral("--backup")) ? args->option(QStringLiteral("--backup")) : defaultBackupPath(target);
    auto outcome = applyChanges(*plan->store, plan->changes, backup, exportOptions(plan->requests));
    if (!outcome)
        return ctx.fail(outcome.error());
    ctx.out << "Applied " << changes(plan->changes.changes.size()) << " to " << plan->store->description()
            << " and verified them by reading back:\n";
    printChanges(ctx.out, plan->changes);
    printWarnings(ctx.out, plan->requests);
    if (core::countWarnings(fileWarnings, core::FileWarning::Kind::Skipped) > 0)
        ctx.err << "ssodoctor-cli: note: the lines of " << target
                << " that could not be read are not in the rewritten file (regedit skips them on import as "
                   "well); "
                   "the backup holds only the values this apply changed\n";
    ctx.out << "Backup: " << outcome->backupFile << "\n";
    ctx.out << "Undo:   ssodoctor-cli undo --backup \"" << outcome->backupFile << "\" --to \"" << target << "\"\n";
    return Ok;
}

int runUndo(const Context &ctx, const QStringList &argv)
{
    auto args = Args::parse(argv, {QStringLiteral("--to"), QStringLiteral("--root"), QStringLiteral("--backup")}, {});
    if (!args)
        return ctx.fail(args.error());
    if (!args->has(QStringLiteral("--backup")) || !args->has(QStringLiteral("--to")) || !args->positional().isEmpty())
        return ctx.usage(QStringLiteral("usage: undo --backup OUT.reg --to FILE [--root KEY]"));
    auto lock = lockTarget(args->option(QStringLiteral("--to")));
    if (!lock)
        return ctx.fail(lock.error());
    auto store = openStore(args->option(QStringLiteral("--to")), args->option(QStringLiteral("--root")), false);
    if (!store)
        return ctx.fail(store.error());
    ctx.reportFileWarnings((*store)->readWarnings(), false);
    auto changes = undoFromBackup(**store, args->option(QStringLiteral("--backup")));
    if (!changes)
        return ctx.fail(changes.error());
    if (changes->isCompliant()) {
        ctx.out << "Nothing to undo: " << (*store)->description() << " already matches the backup.\n";
        return Ok;
    }
    ctx.out << "Restored " << cli::changes(changes->changes.size()) << " in " << (*store)->description() << ":\n";
    printChanges(ctx.out, *changes);
    return Ok;
}

int runExport(const Context &ctx, const QStringList &argv)
{
    auto args = Args::parse(argv,
        { QStringLiteral("--format"), QStringLiteral("--gpo"), QStringLiteral("-o"),
            QStringLiteral("--output"), QStringLiteral("--against"), QStringLiteral("--root") },
        { QStringLiteral("--strict") });
    if (!args)
        return ctx.fail(args.error());
    const auto format = exportFormatFromName(args->option(QStringLiteral("--format")));
    if (!format)
        return ctx.usage(QStringLiteral("export needs --format reg|reg-undo|pol|ps1|gpo-ps1|gpp-xml"));
    auto plan = makePlan(ctx, args->positional(), args->option(QStringLiteral("--against")),
                         args->option(QStringLiteral("--root")), TargetUse::ReadOnly);
    if (!plan)
        return ctx.fail(plan.error());
    if (ctx.reportFileWarnings(readWarnings(*plan), args->flag(QStringLiteral("--strict"))))
        return BadInput;
    ExportOptions opts = exportOptions(plan->requests);
    if (args->has(QStringLiteral("--gpo")))
        opts.gpoName = args->option(QStringLiteral("--gpo"));
    auto bytes = exportChangeSet(plan->changes, *format, opts);
    if (!bytes)
        return ctx.fail(bytes.error());
    const QString out = args->has(QStringLiteral("-o")) ? args->option(QStringLiteral("-o")) : args->option(QStringLiteral("--output"));
    if (plan->changes.isCompliant())
        ctx.err << "ssodoctor-cli: note: already compliant, the export changes nothing\n";
    if (out.isEmpty() || out == QLatin1String("-")) {
        ctx.out.flush();
        QFile stdoutFile;
        if (!stdoutFile.open(stdout, QIODevice::WriteOnly) || stdoutFile.write(*bytes) != bytes->size())
            return ctx.usage(QStringLiteral("cannot write to standard output"));
        return Ok;
    }
    if (auto r = writeFileAtomically(out, *bytes); !r)
        return ctx.fail(r.error());
    ctx.err << "Wrote " << out << " (" << exportFormatName(*format) << ", " << changes(plan->changes.changes.size()) << ")\n";
    return Ok;
}

int runConvert(const Context &ctx, const QStringList &argv)
{
    auto args = Args::parse(argv, { QStringLiteral("--root") }, { QStringLiteral("--strict") });
    if (!args)
        return ctx.fail(args.error());
    if (args->positional().size() != 2)
        return ctx.usage(QStringLiteral("usage: convert IN OUT   (.reg <-> .pol, chosen by OUT's extension)"));
    const QString in = args->positional()[0];
    const QString out = args->positional()[1];
    QString root = QStringLiteral("HKEY_LOCAL_MACHINE");
    if (args->has(QStringLiteral("--root"))) {
        const auto c = path::canonical(args->option(QStringLiteral("--root")));
        if (!c)
            return ctx.usage(QStringLiteral("--root must be HKLM or HKCU"));
        root = *c;
    }
    // A .reg input is read as regedit imports it (a broken line is skipped with a warning, an
    // error with --strict) and streamed part by part, so a registry export of a few hundred MB is
    // never held whole.
    const bool strict = args->flag(QStringLiteral("--strict"));
    ConvertOptions options;
    options.root = root;
    options.accept = [&](const core::FileWarnings &warnings) { return !ctx.reportFileWarnings(warnings, strict); };
    auto report = convertFile(in, out, options);
    if (!report)
        return ctx.fail(report.error());
    if (!report->published)
        return BadInput;
    ctx.err << "Wrote " << out << "\n";
    return Ok;
}

} // namespace ssod::cli
