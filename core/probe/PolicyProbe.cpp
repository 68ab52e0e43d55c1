#include "core/probe/PolicyProbe.h"

#include "core/evaluate/BrowserEvaluator.h"
#include "core/evaluate/DelegationEvaluator.h"
#include "core/evaluate/PolicyReader.h"
#include "core/probe/FindingCatalog.h"
#include "core/registry/StoreFactory.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>

namespace ssod::core::probe {

namespace {

namespace ev = evaluate;

QString sourceText(const ev::PolicySource &s)
{
    QString where = s.key.isEmpty() ? s.policy : ev::shortKey(s.key);
    if (!s.valueName.isEmpty())
        where += QLatin1Char('\\') + s.valueName;
    return s.entry.isEmpty() ? where : QStringLiteral("%1 = %2").arg(where, s.entry);
}

QList<Evidence> consideredEvidence(const QList<ev::ConsideredEntry> &considered)
{
    QList<Evidence> out;
    for (const ev::ConsideredEntry &e : considered) {
        if (out.size() >= 12)
            break;
        QString where = e.key.isEmpty() ? e.policy : ev::shortKey(e.key);
        if (!e.valueName.isEmpty())
            where += QLatin1Char('\\') + e.valueName;
        const QString status = !e.matched ? PolicyProbe::tr("no match")
            : e.applies                   ? PolicyProbe::tr("matches, applies")
                                          : PolicyProbe::tr("matches, does not apply");
        out << Evidence { where, QStringLiteral("\"%1\": %2").arg(e.entry, status) };
    }
    return out;
}

std::optional<ev::Browser> browserOfClient(const QString &client)
{
    if (client.isEmpty() || client == QLatin1String("edge"))
        return ev::Browser::Edge;
    if (client == QLatin1String("ie"))
        return ev::Browser::InternetExplorer;
    return ev::browserFromName(client);
}

} // namespace

namespace {
/// The WinRM client's own configuration (winrm set winrm/config/client), under the policy.
QString wsmanClientKey()
{
    return QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WSMAN\\Client");
}
} // namespace

QString PolicyProbe::winrmPolicyKey()
{
    return QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM\\Client");
}

bool PolicyProbe::trustedHostsMatch(const QString &entry, const QString &host)
{
    const QString e = entry.trimmed();
    if (e.isEmpty())
        return false;
    if (e == QLatin1String("*"))
        return true;
    // WinRM's wildcard: "*" stands for any characters (it is documented at the start of a name
    // or the end of an address, e.g. *.contoso.com, 10.1.2.*); everything else literally.
    const QString pattern = QRegularExpression::escape(e).replace(QLatin1String("\\*"), QLatin1String(".*"));
    return QRegularExpression(QRegularExpression::anchoredPattern(pattern), QRegularExpression::CaseInsensitiveOption)
        .match(host)
        .hasMatch();
}

QString PolicyProbe::description() const
{
    return tr("The client's own settings from a file of them: browser Negotiate policy, credential delegation "
              "to TERMSRV/, WinRM TrustedHosts");
}

ProbeReport PolicyProbe::run(const ProbeRequest &request, const ProbeContext &context) const
{
    ProbeReport report;
    const FindingCatalog &catalog = FindingCatalog::builtin();
    const QString check = request.options.value(QStringLiteral("check")).toString().trimmed().toLower();
    const QString file = request.options.value(QStringLiteral("policy")).toString().trimmed();
    const QString root = request.options.value(QStringLiteral("policyRoot")).toString().trimmed();
    const QString target = request.target.trimmed();
    if (check != QLatin1String("browser") && check != QLatin1String("delegation") && check != QLatin1String("winrm"))
        return badTargetReport(target, tr("check is browser, delegation or winrm"));
    if (file.isEmpty())
        return badTargetReport(target, tr("no file of the client's settings (--policy FILE: .reg, Registry.pol, a "
                                          "hive or a browser policy JSON)"));
    report.data = QJsonObject { { QStringLiteral("check"), check }, { QStringLiteral("file"), file } };
    const QString shown = QFileInfo(file).fileName(); // titles name the file; the data keeps the path

    // Only the keys the check reads are kept, so a full registry export is read in part.
    ev::BrowserQuery browserQuery;
    QStringList keys;
    if (check == QLatin1String("browser")) {
        const auto browser = browserOfClient(request.options.value(QStringLiteral("client")).toString().toLower());
        if (!browser)
            return badTargetReport(target, tr("the browser check needs a browser client: edge, chrome, chromium, "
                                              "firefox or ie"));
        browserQuery.url = target;
        browserQuery.browser = *browser;
        if (auto url = ev::BrowserEvaluator::parseUrl(target); !url)
            return badTargetReport(target, url.error().message);
        keys = ev::BrowserEvaluator::keysRead(browserQuery);
    } else if (check == QLatin1String("delegation")) {
        keys = ev::DelegationEvaluator::keysRead();
    } else {
        keys = { winrmPolicyKey(), wsmanClientKey() };
    }
    registry::ReadOptions options;
    options.keys = keys;
    options.cancel = context.cancelFlag();
    auto store = registry::openStore(file, root, false, options);
    if (context.stopped()) {
        report.outcome = context.cancelled() ? Outcome::Cancelled : Outcome::TimedOut;
        return report;
    }
    if (!store) {
        report.findings << catalog.make(QStringLiteral("policy.unreadable"), file,
            { { QStringLiteral("file"), file }, { QStringLiteral("reason"), store.error().toString() } });
        return report;
    }
    const registry::RegistryStore &s = **store;

    if (check == QLatin1String("browser")) {
        auto v = ev::BrowserEvaluator::evaluate(s, browserQuery);
        if (!v) {
            report.findings << catalog.make(QStringLiteral("policy.unreadable"), file,
                { { QStringLiteral("file"), file }, { QStringLiteral("reason"), v.error().toString() } });
            return report;
        }
        const QString browser = ev::browserTitle(v->browser);
        report.data.insert(QStringLiteral("negotiate"), v->negotiate);
        report.data.insert(QStringLiteral("delegate"), v->delegate);
        report.data.insert(QStringLiteral("decided_by"), sourceText(v->negotiateDecidedBy));
        QList<Evidence> evidence { { tr("Decided by"), sourceText(v->negotiateDecidedBy) },
            { tr("SPN asked for"), v->spn } };
        evidence += consideredEvidence(v->considered);
        const QVariantMap args { { QStringLiteral("browser"), browser }, { QStringLiteral("url"), target },
            { QStringLiteral("explanation"), v->explanation }, { QStringLiteral("file"), shown },
            { QStringLiteral("fix"), v->negotiateFix.text } };
        report.findings << catalog.make(
            v->negotiate ? QStringLiteral("policy.browser-negotiate") : QStringLiteral("policy.browser-no-negotiate"),
            target, args, evidence,
            v->negotiateFix.spec.isEmpty() ? QVariantMap() : QVariantMap { { QStringLiteral("spec"), v->negotiateFix.spec } });
        return report;
    }
    if (check == QLatin1String("delegation")) {
        ev::DelegationQuery q;
        q.server = target;
        auto v = ev::DelegationEvaluator::evaluate(s, q);
        if (!v) {
            report.findings << catalog.make(QStringLiteral("policy.unreadable"), file,
                { { QStringLiteral("file"), file }, { QStringLiteral("reason"), v.error().toString() } });
            return report;
        }
        report.data.insert(QStringLiteral("allowed"), v->allowed);
        report.data.insert(QStringLiteral("spn"), v->spn);
        report.data.insert(QStringLiteral("decided_by"), sourceText(v->decidedBy));
        QList<Evidence> evidence { { tr("Decided by"), sourceText(v->decidedBy) } };
        evidence += consideredEvidence(v->considered);
        const QVariantMap args { { QStringLiteral("spn"), v->spn }, { QStringLiteral("explanation"), v->explanation },
            { QStringLiteral("file"), shown }, { QStringLiteral("fix"), v->fix.text } };
        report.findings << catalog.make(
            v->allowed ? QStringLiteral("policy.delegation-allowed") : QStringLiteral("policy.delegation-denied"),
            v->spn, args, evidence,
            v->fix.spec.isEmpty() ? QVariantMap() : QVariantMap { { QStringLiteral("spec"), v->fix.spec } });
        return report;
    }
    // winrm: TrustedHosts, comma-separated: the Group Policy when enabled, else the client's own
    // configuration (winrm set winrm/config/client @{TrustedHosts="…"}).
    ev::PolicyReader reader(s);
    auto policyList = reader.string(winrmPolicyKey(), QStringLiteral("TrustedHostsList"));
    auto policyOn = reader.dword(winrmPolicyKey(), QStringLiteral("TrustedHosts"));
    auto ownList = reader.string(wsmanClientKey(), QStringLiteral("trusted_hosts"));
    for (const Error *e : { policyList ? nullptr : &policyList.error(), policyOn ? nullptr : &policyOn.error(),
             ownList ? nullptr : &ownList.error() })
        if (e) {
            report.findings << catalog.make(QStringLiteral("policy.unreadable"), file,
                { { QStringLiteral("file"), file }, { QStringLiteral("reason"), e->toString() } });
            return report;
        }
    const bool byPolicy = policyOn->number.value_or(0) == 1;
    const QString listText = byPolicy ? policyList->value_or(QString()) : ownList->value_or(QString());
    const QString source = byPolicy ? ev::shortKey(winrmPolicyKey()) + QStringLiteral("\\TrustedHostsList")
                                    : ev::shortKey(wsmanClientKey()) + QStringLiteral("\\trusted_hosts");
    const QStringList entries = listText.split(QLatin1Char(','), Qt::SkipEmptyParts);
    QString matched;
    for (const QString &e : entries)
        if (trustedHostsMatch(e, target)) {
            matched = e.trimmed();
            break;
        }
    report.data.insert(QStringLiteral("trusted_hosts"), QJsonArray::fromStringList(entries));
    report.data.insert(QStringLiteral("matched"), matched);
    const QVariantMap args { { QStringLiteral("host"), target }, { QStringLiteral("entry"), matched },
        { QStringLiteral("list"), entries.join(QLatin1String(", ")) }, { QStringLiteral("file"), shown } };
    const QList<Evidence> evidence { { source, listText.isEmpty() ? tr("(empty or not set)") : listText },
        { ev::shortKey(winrmPolicyKey()) + QStringLiteral("\\TrustedHosts"),
            policyOn->present ? policyOn->display : tr("(not configured)") } };
    report.findings << catalog.make(
        matched.isEmpty() ? QStringLiteral("policy.winrm-not-trusted-host") : QStringLiteral("policy.winrm-trusted-host"),
        target, args, evidence);
    return report;
}

} // namespace ssod::core::probe
