#include "app/cli/CliContext.h"
#include "core/catalog/CatalogJson.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace ssod::cli {

using core::catalog::Setting;

namespace {

void printSetting(const Context &ctx, const Setting &s)
{
    QTextStream &o = ctx.out;
    o << s.id << "\n  " << s.title << "\n\n";
    o << "  " << s.summary << "\n\n";
    o << "  Why: " << s.explanation << "\n\n";
    o << "  Applies to: " << s.side << (s.restart ? " (restart needed)" : "") << "\n";
    o << "  Risk: " << s.riskLevel << " — " << s.riskText << "\n";
    o << "  Reference: " << s.reference << "\n";
    o << "  Group Policy: " << (s.gpoPath.isEmpty() ? QStringLiteral("(none; registry only)") : s.gpoPath) << "\n";
    o << "  Registry:\n";
    for (const QString &l : s.locations())
        o << "    " << l << "\n";
    const auto &p = s.parameter;
    switch (p.kind) {
    case core::catalog::Parameter::Kind::None:
        o << "  Usage: " << s.id << "\n";
        break;
    case core::catalog::Parameter::Kind::Enum: {
        QStringList values;
        for (const auto &c : p.choices)
            values << c.value;
        o << "  Usage: " << s.id << "=" << values.join(QLatin1Char('|')) << "   (default " << p.defaultValue << ")\n";
        for (const auto &c : p.choices)
            o << "    " << c.value << ": " << c.label << "\n";
        break;
    }
    case core::catalog::Parameter::Kind::Int:
        o << "  Usage: " << s.id << "=N   (" << p.min << "–" << p.max << ", default " << p.defaultValue << ")\n";
        break;
    case core::catalog::Parameter::Kind::List:
        o << "  Usage: " << s.id << "=ITEM,ITEM,…   e.g. " << s.id << "=" << p.example << "\n";
        o << "    each item: " << p.itemHint << "\n";
        break;
    }
}

} // namespace

int runSettings(const Context &ctx, const QStringList &argv)
{
    auto args = Args::parse(argv, {}, {QStringLiteral("--json")});
    if (!args)
        return ctx.fail(args.error());
    const QStringList &pos = args->positional();
    const bool json = args->flag(QStringLiteral("--json"));
    if (pos.value(0) == QLatin1String("list") && pos.size() == 1) {
        if (json) {
            QJsonArray arr;
            for (const Setting &s : ctx.catalog.settings())
                arr.append(core::catalog::settingToJson(s, false));
            ctx.out << QJsonDocument(arr).toJson(QJsonDocument::Indented);
            return Ok;
        }
        qsizetype width = 0;
        for (const Setting &s : ctx.catalog.settings())
            width = std::max(width, s.id.size());
        for (const Setting &s : ctx.catalog.settings())
            ctx.out << s.id.leftJustified(width + 2) << s.title << "\n";
        return Ok;
    }
    if (pos.value(0) == QLatin1String("show") && pos.size() == 2) {
        const Setting *s = ctx.catalog.find(pos[1]);
        if (!s)
            return ctx.usage(QStringLiteral("unknown setting \"%1\"; run \"ssodoctor-cli settings list\"").arg(pos[1]));
        if (json)
            ctx.out << QJsonDocument(core::catalog::settingToJson(*s, true)).toJson(QJsonDocument::Indented);
        else
            printSetting(ctx, *s);
        return Ok;
    }
    return ctx.usage(QStringLiteral("usage: settings list [--json] | settings show ID [--json]"));
}

} // namespace ssod::cli
