#include "core/util/Finding.h"

#include <QJsonArray>
#include <algorithm>

namespace ssod::core {

QString severityName(Severity s)
{
    switch (s) {
    case Severity::Ok:
        return QStringLiteral("ok");
    case Severity::Info:
        return QStringLiteral("info");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Error:
        return QStringLiteral("error");
    }
    return QStringLiteral("error");
}

std::optional<Severity> severityFromName(const QString &name)
{
    for (Severity s : { Severity::Ok, Severity::Info, Severity::Warning, Severity::Error })
        if (name == severityName(s))
            return s;
    return std::nullopt;
}

QString fixKindName(FindingFix::Kind kind)
{
    switch (kind) {
    case FindingFix::Kind::Setting:
        return QStringLiteral("setting");
    case FindingFix::Kind::Wizard:
        return QStringLiteral("wizard");
    case FindingFix::Kind::Spn:
        return QStringLiteral("spn");
    case FindingFix::Kind::RdpFile:
        return QStringLiteral("rdp-file");
    }
    return QString();
}

QJsonObject fixToJson(const FindingFix &fix)
{
    return QJsonObject { { QStringLiteral("kind"), fixKindName(fix.kind) }, { QStringLiteral("id"), fix.id },
        { QStringLiteral("text"), fix.text }, { QStringLiteral("inputs"), QJsonObject::fromVariantMap(fix.inputs) } };
}

QJsonObject findingToJson(const Finding &f)
{
    QJsonArray evidence;
    for (const Evidence &e : f.evidence)
        evidence.append(QJsonObject { { QStringLiteral("label"), e.label }, { QStringLiteral("value"), e.value } });
    QJsonObject o { { QStringLiteral("id"), f.id }, { QStringLiteral("severity"), severityName(f.severity) },
        { QStringLiteral("title"), f.title }, { QStringLiteral("explanation"), f.explanation },
        { QStringLiteral("subject"), f.subject }, { QStringLiteral("evidence"), evidence },
        { QStringLiteral("fix"), f.fix ? QJsonValue(fixToJson(*f.fix)) : QJsonValue(QJsonValue::Null) } };
    if (!f.reference.isEmpty())
        o.insert(QStringLiteral("reference"), f.reference);
    if (!f.step.isEmpty())
        o.insert(QStringLiteral("step"), f.step);
    return o;
}

Severity worstSeverity(const QList<Finding> &findings)
{
    Severity worst = Severity::Ok;
    for (const Finding &f : findings)
        worst = std::max(worst, f.severity);
    return worst;
}

} // namespace ssod::core
