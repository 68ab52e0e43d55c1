#include "core/rdp/RdpFix.h"

namespace ssod::core::rdp {

namespace {

const QString kIdPrefix = QStringLiteral("rdp-file.");
// The evidence label of the line; the value's own evidence is labelled with the setting's name,
// so a reader sees "enablecredsspsupport: 0" and "line: 2".
const QString kLineLabel = QStringLiteral("line");

const QString kAction = QStringLiteral("action");
const QString kValue = QStringLiteral("value");
const QString kAutomatic = QStringLiteral("automatic");
const QString kLine = QStringLiteral("line");
const QString kCurrent = QStringLiteral("current");

const Evidence *evidenceLabelled(const Finding &f, const QString &label)
{
    for (const Evidence &e : f.evidence)
        if (e.label == label)
            return &e;
    return nullptr;
}

bool isRdpFinding(const Finding &f)
{
    return f.id.startsWith(kIdPrefix);
}

} // namespace

Finding makeRdpFinding(const RdpRule &rule, const QString &title, const QString &explanation,
    const std::optional<QString> &current, int line, const QString &defaultValue)
{
    Finding f;
    f.id = kIdPrefix + rule.id;
    f.severity = rule.severity;
    f.title = title;
    f.explanation = explanation;
    f.subject = rule.setting;
    f.reference = rule.reference;
    // The .rdp file is what the client reads before it asks for a ticket.
    f.step = QStringLiteral("client");
    if (current) {
        f.evidence << Evidence { rule.setting, *current } << Evidence { kLineLabel, QString::number(line) };
    } else {
        f.evidence << Evidence { rule.setting,
            defaultValue.isEmpty() ? QStringLiteral("not set")
                                   : QStringLiteral("not set; default %1").arg(defaultValue) };
    }
    if (rule.fix == RdpRule::FixAction::None)
        return f;
    FindingFix fix;
    fix.kind = FindingFix::Kind::RdpFile;
    fix.id = rule.setting;
    const bool set = rule.fix == RdpRule::FixAction::Set;
    fix.text = set ? QStringLiteral("set %1 to %2").arg(rule.setting, rule.fixValue)
                   : QStringLiteral("remove %1").arg(rule.setting);
    fix.inputs.insert(kAction, set ? QStringLiteral("set") : QStringLiteral("remove"));
    if (set)
        fix.inputs.insert(kValue, rule.fixValue);
    fix.inputs.insert(kAutomatic, rule.autoFix);
    fix.inputs.insert(kLine, line);
    if (current)
        fix.inputs.insert(kCurrent, *current);
    f.fix = fix;
    return f;
}

QString rdpRuleIdOf(const Finding &f)
{
    return isRdpFinding(f) ? f.id.mid(kIdPrefix.size()) : QString();
}

std::optional<RdpFix> rdpFixOf(const Finding &f)
{
    if (!isRdpFinding(f) || !f.fix || f.fix->kind != FindingFix::Kind::RdpFile)
        return std::nullopt;
    const QString action = f.fix->inputs.value(kAction).toString();
    if (action != QLatin1String("set") && action != QLatin1String("remove"))
        return std::nullopt;
    RdpFix fix;
    fix.action = action == QLatin1String("set") ? RdpFix::Action::Set : RdpFix::Action::Remove;
    fix.setting = f.fix->id;
    fix.value = f.fix->inputs.value(kValue).toString();
    fix.automatic = f.fix->inputs.value(kAutomatic).toBool();
    return fix;
}

int rdpLineOf(const Finding &f)
{
    const Evidence *e = isRdpFinding(f) ? evidenceLabelled(f, kLineLabel) : nullptr;
    return e ? e->value.toInt() : 0;
}

std::optional<QString> rdpCurrentValueOf(const Finding &f)
{
    // Only a set value has a line; without one the setting's evidence says "not set; …".
    if (rdpLineOf(f) <= 0)
        return std::nullopt;
    if (const Evidence *e = evidenceLabelled(f, f.subject))
        return e->value;
    return std::nullopt;
}

} // namespace ssod::core::rdp
