// `evaluate portal`: will a web SSO portal offer Kerberos to this client, and which rule decides?
// Reads <SSOConditions> from the portal's web.config. Exit 0 attempted, 1 not, 2 bad input.
#include "app/cli/CliContext.h"
#include "core/check/PortalGate.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ssod::cli {

using namespace core::check;

namespace {

const QString kUsage = QStringLiteral("usage: evaluate portal --config web.config --client-ip IP --url URL "
                                      "--user-agent UA [--cookie NAME=VALUE]… [--json]");

QJsonObject stepJson(const PortalStep &s)
{
    return QJsonObject { { QStringLiteral("rule"), s.rule }, { QStringLiteral("passed"), s.passed },
        { QStringLiteral("detail"), s.detail },
        { QStringLiteral("entry"), s.entry.isEmpty() ? QJsonValue() : QJsonValue(s.entry) },
        { QStringLiteral("line"), s.line > 0 ? QJsonValue(s.line) : QJsonValue() } };
}

} // namespace

int runEvaluatePortal(const Context &ctx, const QStringList &argv)
{
    auto args = Args::parse(argv,
        { QStringLiteral("--config"), QStringLiteral("--client-ip"), QStringLiteral("--url"), QStringLiteral("--user-agent") },
        { QStringLiteral("--json") }, { QStringLiteral("--cookie") });
    if (!args)
        return ctx.usage(args.error().message + QStringLiteral("; ") + kUsage);
    QList<QPair<QString, QString>> cookies;
    for (const QString &cookie : args->values(QStringLiteral("--cookie"))) {
        if (!cookie.contains(QLatin1Char('=')))
            return ctx.usage(QStringLiteral("--cookie takes NAME=VALUE, e.g. PstarNoKerberos=1"));
        cookies << qMakePair(cookie.section(QLatin1Char('='), 0, 0).trimmed(), cookie.section(QLatin1Char('='), 1));
    }
    for (const char *required : { "--config", "--client-ip", "--url" })
        if (!args->has(QLatin1String(required)) || args->option(QLatin1String(required)).trimmed().isEmpty())
            return ctx.usage(QStringLiteral("%1 is missing; %2").arg(QLatin1String(required), kUsage));
    if (!args->positional().isEmpty())
        return ctx.usage(kUsage);
    const QString file = args->option(QStringLiteral("--config"));
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return ctx.fail(core::Error::io(QStringLiteral("cannot read: %1").arg(f.errorString()), file));
    // One byte more than the reader accepts, so that a huge file is reported, not cut.
    const qsizetype cap = 16 << 20;
    const auto config = parsePortalConfig(f.read(cap + 1), file, cap);
    if (!config)
        return ctx.fail(config.error());
    const PortalRequest request { args->option(QStringLiteral("--client-ip")).trimmed(),
        args->option(QStringLiteral("--url")).trimmed(), args->option(QStringLiteral("--user-agent")), cookies };
    const PortalDecision d = PortalGate::evaluate(*config, request);
    const QList<core::Finding> findings = PortalGate::findings(*config, request, d);

    if (args->flag(QStringLiteral("--json"))) {
        QJsonArray steps, findingArray;
        for (const PortalStep &s : d.steps)
            steps.append(stepJson(s));
        for (const core::Finding &fi : findings)
            findingArray.append(core::findingToJson(fi));
        QJsonObject o { { QStringLiteral("attempted"), d.attempted }, { QStringLiteral("rule"), d.rule },
            { QStringLiteral("entry"), d.entry.isEmpty() ? QJsonValue() : QJsonValue(d.entry) },
            { QStringLiteral("line"), d.line > 0 ? QJsonValue(d.line) : QJsonValue() },
            { QStringLiteral("steps"), steps }, { QStringLiteral("notes"), QJsonArray::fromStringList(d.notes) },
            { QStringLiteral("unknown_elements"), QJsonArray::fromStringList(config->unknownChildren) },
            { QStringLiteral("findings"), findingArray }, { QStringLiteral("config"), file } };
        ctx.out << QJsonDocument(o).toJson(QJsonDocument::Indented);
        return d.attempted ? Ok : ChangesNeeded;
    }
    ctx.out << (d.attempted ? "Kerberos: attempted" : "Kerberos: not attempted") << " for " << request.clientIp << " → "
            << request.url << "\n";
    ctx.out << "Decided by: " << d.rule;
    if (!d.entry.isEmpty())
        ctx.out << " (\"" << d.entry << "\", line " << d.line << ")";
    ctx.out << "\nSteps (" << file << ", <SSOConditions> on line " << config->line << "):\n";
    for (const PortalStep &s : d.steps)
        ctx.out << "  " << (s.passed ? "pass  " : "DENY  ") << qSetFieldWidth(14) << Qt::left << s.rule
                << qSetFieldWidth(0) << s.detail << "\n";
    for (const QString &n : d.notes)
        ctx.out << "note: " << n << "\n";
    for (const QString &u : config->unknownChildren)
        ctx.out << "warning: <SSOConditions> has an element this check does not know: " << u << "\n";
    return d.attempted ? Ok : ChangesNeeded;
}

} // namespace ssod::cli
