#include "core/evaluate/EvaluationJson.h"

#include "core/evaluate/ZoneEvaluator.h"

#include <QJsonArray>

namespace ssod::core::evaluate {

namespace {

QJsonArray entriesToJson(const QList<ConsideredEntry> &entries)
{
    QJsonArray a;
    for (const ConsideredEntry &e : entries)
        a.append(toJson(e));
    return a;
}

} // namespace

QJsonObject toJson(const PolicySource &s)
{
    return { { QStringLiteral("policy"), s.policy }, { QStringLiteral("key"), s.key },
        { QStringLiteral("value"), s.valueName }, { QStringLiteral("entry"), s.entry },
        { QStringLiteral("text"), s.text } };
}

QJsonObject toJson(const ConsideredEntry &e)
{
    return { { QStringLiteral("policy"), e.policy }, { QStringLiteral("key"), e.key },
        { QStringLiteral("value"), e.valueName }, { QStringLiteral("entry"), e.entry },
        { QStringLiteral("matched"), e.matched }, { QStringLiteral("applies"), e.applies },
        { QStringLiteral("note"), e.note } };
}

QJsonObject toJson(const FixHint &f)
{
    return { { QStringLiteral("text"), f.text }, { QStringLiteral("setting"), f.settingId },
        { QStringLiteral("spec"), f.spec } };
}

QJsonObject toJson(const DelegationVerdict &v, const DelegationQuery &q)
{
    QJsonObject o { { QStringLiteral("allowed"), v.allowed }, { QStringLiteral("spn"), v.spn },
        { QStringLiteral("kind"), credentialKindName(q.kind) }, { QStringLiteral("ntlmOnly"), q.ntlmOnly },
        { QStringLiteral("allowPolicy"), v.allowPolicy }, { QStringLiteral("denyPolicy"), v.denyPolicy },
        { QStringLiteral("decidedBy"), toJson(v.decidedBy) },
        { QStringLiteral("explanation"), v.explanation },
        { QStringLiteral("entries"), entriesToJson(v.considered) },
        { QStringLiteral("notes"), QJsonArray::fromStringList(v.notes) } };
    if (!v.fix.text.isEmpty())
        o.insert(QStringLiteral("fix"), toJson(v.fix));
    return o;
}

QJsonObject toJson(const BrowserVerdict &v)
{
    QJsonObject o { { QStringLiteral("negotiate"), v.negotiate },
        { QStringLiteral("negotiateDecidedBy"), toJson(v.negotiateDecidedBy) },
        { QStringLiteral("delegate"), v.delegate },
        { QStringLiteral("delegateDecidedBy"), toJson(v.delegateDecidedBy) },
        { QStringLiteral("url"), v.url.toString() }, { QStringLiteral("browser"), browserName(v.browser) },
        { QStringLiteral("platform"), platformName(v.platform) }, { QStringLiteral("spn"), v.spn },
        { QStringLiteral("explanation"), v.explanation },
        { QStringLiteral("entries"), entriesToJson(v.considered) },
        { QStringLiteral("notes"), QJsonArray::fromStringList(v.notes) } };
    if (v.zone >= 0)
        o.insert(QStringLiteral("zone"),
            QJsonObject { { QStringLiteral("number"), v.zone },
                { QStringLiteral("name"), ZoneEvaluator::zoneName(v.zone) } });
    QJsonObject fix;
    if (!v.negotiateFix.text.isEmpty())
        fix.insert(QStringLiteral("negotiate"), toJson(v.negotiateFix));
    if (!v.delegateFix.text.isEmpty())
        fix.insert(QStringLiteral("delegate"), toJson(v.delegateFix));
    if (!fix.isEmpty())
        o.insert(QStringLiteral("fix"), fix);
    return o;
}

} // namespace ssod::core::evaluate
