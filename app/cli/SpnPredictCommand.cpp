// spn predict: the SPN a client will request for a target, and who holds it. A thin layer over
// core/directory/SpnPredictor.
#include "app/cli/CliContext.h"
#include "app/cli/DirectoryConnection.h"
#include "core/directory/DnsHostResolver.h"
#include "core/directory/SpnPredictor.h"

#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>

namespace ssod::cli {

namespace {

namespace dir = core::directory;

QJsonValue orNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue() : QJsonValue(s);
}

QJsonObject toJson(const dir::SpnPrediction &p)
{
    QJsonArray steps;
    for (const dir::PredictionStep &s : p.steps)
        steps.append(QJsonObject {
            { QStringLiteral("kind"), dir::stepKindId(s.kind) }, { QStringLiteral("text"), s.text } });
    return QJsonObject {
        { QStringLiteral("target"), p.target },
        { QStringLiteral("client"), dir::clientProfileId(p.client) },
        { QStringLiteral("host"), p.host },
        { QStringLiteral("port"), int(p.port) },
        { QStringLiteral("kerberos"), p.kerberos },
        { QStringLiteral("spn"), p.kerberos ? QJsonValue(p.spn) : QJsonValue() },
        { QStringLiteral("requested_name"), p.requestedName },
        { QStringLiteral("directory_checked"), p.directoryChecked },
        { QStringLiteral("holders"), QJsonArray::fromStringList(p.holderAccounts()) },
        { QStringLiteral("via_host_alias"), p.viaHostAlias },
        { QStringLiteral("alias_spn"), orNull(p.aliasSpn) },
        { QStringLiteral("alias_spn_holders"), QJsonArray::fromStringList(p.aliasSpnHolderAccounts()) },
        { QStringLiteral("service_account"), orNull(p.serviceAccount) },
        { QStringLiteral("service_account_holds"),
            p.serviceAccountHolds ? QJsonValue(*p.serviceAccountHolds) : QJsonValue() },
        { QStringLiteral("verdict"), p.verdictText },
        { QStringLiteral("verdict_code"), dir::verdictId(p.verdict) },
        { QStringLiteral("steps"), steps },
    };
}

void printText(const Context &ctx, const dir::SpnPrediction &p)
{
    QTextStream &o = ctx.out;
    o << "Prediction for " << p.target << " with " << dir::clientProfileName(p.client) << ":\n";
    for (qsizetype i = 0; i < p.steps.size(); ++i)
        o << "  " << (i + 1) << ". " << p.steps[i].text << "\n";
    o << "SPN: " << (p.kerberos ? p.spn : QStringLiteral("none (no Kerberos: NTLM)")) << "\n";
    if (p.directoryChecked) {
        const QStringList holders = p.holderAccounts();
        o << "Holders: " << (holders.isEmpty() ? QStringLiteral("none") : holders.join(QStringLiteral(", ")));
        if (p.viaHostAlias)
            o << " (through " << p.holders.first().spn << ")";
        o << "\n";
    }
    o << "Verdict: " << p.verdictText << "\n";
}

} // namespace

int runSpnPredict(const Context &ctx, const Args &args)
{
    if (args.positional().size() != 2)
        return ctx.usage(
            QStringLiteral("usage: spn predict TARGET [--client %1] [--service-account A] [CONN | "
                           "--no-directory] [--json]; see --help")
                .arg(dir::clientProfileIds().join(QLatin1Char('|'))));
    // The target and the client are checked before any connection, so bad input costs nothing.
    auto target = dir::PredictionTarget::parse(args.positional()[1]);
    if (!target)
        return ctx.fail(target.error());
    dir::ClientProfile client = target->defaultClient();
    if (args.has(QStringLiteral("--client"))) {
        const auto named = dir::clientProfileFromId(args.option(QStringLiteral("--client")));
        if (!named)
            return ctx.usage(QStringLiteral("unknown --client \"%1\"; one of %2")
                                 .arg(args.option(QStringLiteral("--client")),
                                     dir::clientProfileIds().join(QStringLiteral(", "))));
        client = *named;
    }
    if (auto fits = target->checkClient(client); !fits)
        return ctx.fail(fits.error());
    const QString serviceAccount = args.option(QStringLiteral("--service-account"));
    if (args.has(QStringLiteral("--service-account")) && serviceAccount.trimmed().isEmpty())
        return ctx.usage(QStringLiteral("--service-account needs an account name (sAMAccountName)"));

    // Without CONN (or with --no-directory) the SPN is predicted and nobody is asked who holds it.
    const bool useDirectory = !args.flag(QStringLiteral("--no-directory"))
        && (args.has(QStringLiteral("--dc")) || args.has(QStringLiteral("--domain")));
    if (args.flag(QStringLiteral("--no-directory"))
        && (args.has(QStringLiteral("--dc")) || args.has(QStringLiteral("--domain"))))
        return ctx.usage(QStringLiteral("--no-directory and --dc/--domain exclude each other"));
    std::unique_ptr<dir::LdapConnection> connection;
    std::optional<dir::SpnDirectory> directory;
    if (useDirectory) {
        auto connected = connectFor(ctx, args, false);
        if (!connected)
            return ctx.fail(connected.error());
        connection = std::move(*connected);
        directory.emplace(*connection);
    } else if (!serviceAccount.isEmpty()) {
        ctx.err << "ssodoctor-cli: without a directory (--dc or --domain) --service-account cannot be checked"
                << Qt::endl;
    }
    // DNS answers in milliseconds or not at all: each query gets at most 5 s (less with --timeout).
    int dnsTimeoutMs = 3000;
    if (args.has(QStringLiteral("--timeout"))) {
        bool ok = false;
        const double seconds = args.option(QStringLiteral("--timeout")).toDouble(&ok);
        if (!ok || seconds <= 0 || seconds > 600)
            return ctx.usage(QStringLiteral("--timeout takes seconds, from 0.1 to 600"));
        dnsTimeoutMs = std::clamp(int(seconds * 1000), 100, 5000);
    }
    dir::DnsHostResolver resolver(dnsTimeoutMs);
    auto prediction
        = dir::predictSpn(target->text, client, resolver, directory ? &*directory : nullptr, serviceAccount);
    if (!prediction)
        return ctx.fail(prediction.error());
    if (args.flag(QStringLiteral("--json")))
        printJson(ctx, toJson(*prediction));
    else
        printText(ctx, *prediction);
    return prediction->kerberos && !prediction->problem() ? Ok : ChangesNeeded;
}

} // namespace ssod::cli
