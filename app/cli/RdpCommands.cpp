// `rdp lint` and `rdp fix`: the .rdp inspector. Exit codes: lint 0 when nothing is flagged (no
// warning or error; info findings only explain a choice), 1 when something is, 2 for bad input.
#include "app/cli/CliContext.h"
#include "core/rdp/RdpLinter.h"
#include "core/registry/FileStore.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ssod::cli {

using namespace core::rdp;

namespace {

const QString kUsage = QStringLiteral("usage: rdp lint FILE [--json] | rdp fix FILE -o OUT [--force]");

QString lineEndingName(const RdpFile &file)
{
    return file.newline() == QLatin1String("\r\n") ? QStringLiteral("CRLF") : QStringLiteral("LF");
}

QString settingText(const QString &name, QChar type, const QString &value)
{
    return name + QLatin1Char(':') + type + QLatin1Char(':') + value;
}

QString typeOf(const RdpLinter &linter, const QString &setting)
{
    const RdpSettingInfo *info = linter.rules().setting(setting);
    return info ? QString(info->type) : QStringLiteral("s");
}

QString fixText(const RdpLinter &linter, const core::Finding &f)
{
    const std::optional<RdpFix> fix = rdpFixOf(f);
    if (!fix)
        return QStringLiteral("none automatic; see above");
    if (fix->action == RdpFix::Action::Remove)
        return QStringLiteral("remove the line");
    const QString line = settingText(fix->setting, typeOf(linter, fix->setting)[0], fix->value);
    return fix->automatic ? QStringLiteral("%1 (\"rdp fix\" writes it)").arg(line)
                          : QStringLiteral("%1 (suggested; \"rdp fix\" does not change it)").arg(line);
}

// The shared finding JSON (id, subject, evidence, step, …) with the keys `rdp lint --json` has
// always had on top: "rule", "setting", "value", "line", and a "fix" that keeps its action, value
// and automatic next to the shared kind, id, text and inputs.
QJsonObject lintFindingToJson(const core::Finding &f)
{
    QJsonObject o = core::findingToJson(f);
    const std::optional<QString> current = rdpCurrentValueOf(f);
    o.insert(QStringLiteral("rule"), rdpRuleIdOf(f));
    o.insert(QStringLiteral("setting"), f.subject);
    o.insert(QStringLiteral("value"), current ? QJsonValue(*current) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("line"), rdpLineOf(f));
    o.insert(QStringLiteral("reference"), f.reference);
    if (const std::optional<RdpFix> fix = rdpFixOf(f)) {
        QJsonObject fixObject = core::fixToJson(*f.fix);
        fixObject.insert(QStringLiteral("action"),
            fix->action == RdpFix::Action::Set ? QStringLiteral("set") : QStringLiteral("remove"));
        if (fix->action == RdpFix::Action::Set)
            fixObject.insert(QStringLiteral("value"), fix->value);
        fixObject.insert(QStringLiteral("automatic"), fix->automatic);
        o.insert(QStringLiteral("fix"), fixObject);
    } else {
        o.insert(QStringLiteral("fix"), QJsonValue(QJsonValue::Null));
    }
    return o;
}

void printFinding(QTextStream &o, const RdpLinter &linter, const core::Finding &f)
{
    o << "  [" << core::severityName(f.severity) << "] " << f.title << "\n";
    o << "      " << f.subject << ": ";
    if (const std::optional<QString> current = rdpCurrentValueOf(f))
        o << current->trimmed() << " (line " << rdpLineOf(f) << ")\n";
    else if (const RdpSettingInfo *info = linter.rules().setting(f.subject);
             info && !info->defaultValue.isEmpty())
        o << "not set (default " << info->defaultValue << ")\n";
    else
        o << "not set\n";
    o << "      " << f.explanation << "\n";
    o << "      Fix: " << fixText(linter, f) << "\n";
    o << "      Reference: " << f.reference << "\n";
}

int lint(const Context &ctx, const RdpLinter &linter, const QString &path, bool json)
{
    auto file = RdpFile::load(path);
    if (!file)
        return ctx.fail(file.error());
    const QList<RdpSettingView> settings = linter.describe(*file);
    const QList<core::Finding> findings = linter.lint(*file);
    const bool flagged = RdpLinter::flagged(findings);
    if (json) {
        QJsonArray settingArray;
        for (const RdpSettingView &s : settings)
            settingArray.append(QJsonObject {
                { QStringLiteral("name"), s.name },
                { QStringLiteral("type"), QString(s.type) },
                { QStringLiteral("value"), s.value },
                { QStringLiteral("title"), s.title },
                { QStringLiteral("meaning"), s.meaning },
                { QStringLiteral("set"), s.present },
                { QStringLiteral("line"), s.line },
            });
        QJsonArray findingArray;
        for (const core::Finding &f : findings)
            findingArray.append(lintFindingToJson(f));
        const QJsonObject top {
            { QStringLiteral("file"), path },
            { QStringLiteral("encoding"), encodingName(file->encoding()) },
            { QStringLiteral("lineEnding"), lineEndingName(*file) },
            { QStringLiteral("flagged"), flagged },
            { QStringLiteral("settings"), settingArray },
            { QStringLiteral("findings"), findingArray },
        };
        ctx.out << QJsonDocument(top).toJson(QJsonDocument::Indented);
        return flagged ? ChangesNeeded : Ok;
    }
    QTextStream &o = ctx.out;
    o << path << " (" << encodingName(file->encoding()) << ", " << lineEndingName(*file) << ")\n\n";
    o << "Authentication-relevant settings in the file:\n";
    bool anyDefault = false;
    for (const RdpSettingView &s : settings) {
        if (!s.present) {
            anyDefault = true;
            continue;
        }
        o << "  " << settingText(s.name, s.type, s.value.trimmed()) << " — " << s.title;
        if (!s.meaning.isEmpty())
            o << ": " << s.meaning;
        o << "\n";
    }
    if (anyDefault) {
        o << "Not set (the default applies):\n";
        for (const RdpSettingView &s : settings)
            if (!s.present)
                o << "  " << settingText(s.name, s.type, s.value) << " — " << s.title << ": " << s.meaning
                  << "\n";
    }
    o << "\n";
    if (findings.isEmpty()) {
        o << "No findings.\n";
        return Ok;
    }
    o << "Findings:\n";
    for (const core::Finding &f : findings)
        printFinding(o, linter, f);
    o << "\n"
      << (flagged ? "Flagged: fix the warnings/errors above (\"ssodoctor-cli rdp fix FILE -o OUT\" corrects "
                    "what it can).\n"
                  : "Nothing flagged (info findings only).\n");
    return flagged ? ChangesNeeded : Ok;
}

int fix(const Context &ctx, const RdpLinter &linter, const QString &path, const QString &outPath, bool force)
{
    auto file = RdpFile::load(path);
    if (!file)
        return ctx.fail(file.error());
    const QFileInfo in(path);
    const QFileInfo out(outPath);
    // The original stays as it is: it is the user's only copy of what they had.
    if (out.exists() && (out.canonicalFilePath() == in.canonicalFilePath()))
        return ctx.fail(core::Error::invalid(
            QStringLiteral("the output is the input file; write the corrected copy to another file (-o OUT)"),
            outPath));
    if (out.isDir())
        return ctx.fail(
            core::Error::invalid(QStringLiteral("this is a folder; -o needs a file name"), outPath));
    if (out.exists() && !force)
        return ctx.fail(core::Error::invalid(
            QStringLiteral("the file already exists; pass --force to replace it"), outPath));

    const RdpFile corrected = linter.fixed(*file);
    if (auto w = core::registry::writeFileAtomically(outPath, corrected.serialize()); !w)
        return ctx.fail(w.error());

    QTextStream &o = ctx.out;
    // Compare every setting an automatic fix can touch, so changes made by a later pass of fixed()
    // are reported as well.
    QStringList touched;
    for (const RdpRule &r : linter.rules().rules())
        if (r.autoFix && !touched.contains(r.setting, Qt::CaseInsensitive))
            touched << r.setting;
    int changes = 0;
    for (const QString &setting : std::as_const(touched)) {
        const auto before = file->find(setting);
        const auto after = corrected.find(setting);
        if ((!before && !after)
            || (before && after && before->value == after->value && before->type == after->type))
            continue;
        ++changes;
        if (before && after)
            o << "  line " << before->line << ": "
              << settingText(before->name, before->type, before->value.trimmed()) << "  ->  "
              << settingText(after->name, after->type, after->value) << "\n";
        else if (after)
            o << "  added line " << after->line << ": " << settingText(after->name, after->type, after->value)
              << "\n";
        else
            o << "  removed line " << before->line << ": "
              << settingText(before->name, before->type, before->value) << "\n";
    }
    if (changes == 0)
        o << "Nothing to correct automatically; the copy is identical.\n";
    const QList<core::Finding> left = linter.lint(corrected);
    if (RdpLinter::flagged(left)) {
        o << "Still to do by hand:\n";
        for (const core::Finding &f : left)
            if (f.severity >= core::Severity::Warning)
                o << "  [" << core::severityName(f.severity) << "] " << f.subject << ": " << f.title
                  << " — fix: " << fixText(linter, f) << "\n";
    }
    o << "Wrote " << outPath << " (" << encodingName(corrected.encoding()) << ", "
      << lineEndingName(corrected) << "), " << changes << (changes == 1 ? " change" : " changes") << ".\n";
    return Ok;
}

} // namespace

int runRdp(const Context &ctx, const QStringList &argv)
{
    auto args = Args::parse(
        argv, { QStringLiteral("-o") }, { QStringLiteral("--json"), QStringLiteral("--force") });
    if (!args)
        return ctx.fail(args.error());
    const QStringList &pos = args->positional();
    const QString verb = pos.value(0);
    if (pos.size() != 2 || (verb != QLatin1String("lint") && verb != QLatin1String("fix")))
        return ctx.usage(kUsage);
    auto linter = RdpLinter::builtin();
    if (!linter)
        return ctx.fail(linter.error());
    if (verb == QLatin1String("lint")) {
        if (args->has(QStringLiteral("-o")) || args->flag(QStringLiteral("--force")))
            return ctx.usage(QStringLiteral("rdp lint takes no -o or --force; ") + kUsage);
        return lint(ctx, *linter, pos[1], args->flag(QStringLiteral("--json")));
    }
    if (!args->has(QStringLiteral("-o")) || args->option(QStringLiteral("-o")).isEmpty())
        return ctx.usage(
            QStringLiteral("rdp fix needs -o OUT (the corrected copy; the original is not changed); ")
            + kUsage);
    if (args->flag(QStringLiteral("--json")))
        return ctx.usage(QStringLiteral("rdp fix has no --json; ") + kUsage);
    return fix(
        ctx, *linter, pos[1], args->option(QStringLiteral("-o")), args->flag(QStringLiteral("--force")));
}

} // namespace ssod::cli
