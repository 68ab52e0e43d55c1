#include "core/probe/ProbeSpn.h"

#include "core/directory/ClientProfile.h"
#include "core/directory/DnsHostResolver.h"
#include "core/directory/PredictionTarget.h"
#include "core/directory/SpnPredictor.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace ssod::core::probe {

namespace {

namespace dir = directory;

QString tr(const char *text)
{
    return QCoreApplication::translate("ProbeSpn", text);
}

QJsonObject step(const QString &kind, const QString &text)
{
    return QJsonObject { { QStringLiteral("kind"), kind }, { QStringLiteral("text"), text } };
}

} // namespace

Result<ProbeSpn> decideProbeSpn(const ProbeRequest &request, const ProbeContext &context, int lookupShare,
    const QString &account)
{
    const auto option = [&request](const char *key) { return request.options.value(QLatin1String(key)).toString().trimmed(); };
    ProbeSpn out;
    const QString given = option("spn");
    const QString target = request.target.trimmed();
    if (!given.isEmpty() || (target.contains(QLatin1Char('/')) && !target.contains(QLatin1String("://")))) {
        out.spn = given.isEmpty() ? target : given;
        out.steps << step(QStringLiteral("spn"), tr("SPN given: %1").arg(out.spn));
        return out;
    }
    auto parsed = dir::PredictionTarget::parse(target);
    if (!parsed)
        return parsed.error();
    dir::ClientProfile client = parsed->defaultClient();
    if (const QString c = option("client"); !c.isEmpty()) {
        const auto known = dir::clientProfileFromId(c);
        if (!known)
            return Error::invalid(
                tr("unknown client \"%1\"; one of %2").arg(c, dir::clientProfileIds().join(QLatin1String(", "))));
        client = *known;
    }
    // The predictor's DNS lookups are bounded: the probe's own work needs the rest of the time.
    dir::DnsHostResolver resolver(std::max(200, context.remainingMs() / std::max(1, lookupShare)));
    auto p = dir::predictSpn(target, client, resolver, nullptr, account, context.cancelFlag());
    if (!p)
        return p.error();
    for (const auto &s : p->steps)
        out.steps << step(dir::stepKindId(s.kind), s.text);
    out.clientId = dir::clientProfileId(client);
    out.clientName = dir::clientProfileName(client);
    if (!p->kerberos) {
        out.noKerberos = p->verdictText;
        return out;
    }
    out.spn = p->spn;
    if (const QString service = option("service"); !service.isEmpty()) {
        out.spn = service + out.spn.mid(out.spn.indexOf(QLatin1Char('/')));
        out.steps << step(QStringLiteral("config"), tr("Service class %1 as given: %2").arg(service, out.spn));
    }
    return out;
}

} // namespace ssod::core::probe
