#include "core/rdp/RdpLinter.h"

#include <algorithm>

namespace ssod::core::rdp {

namespace {

std::optional<QString> fileValue(const RdpFile &file, const QString &name)
{
    if (auto v = file.find(name))
        return v->value;
    return std::nullopt;
}

QString fillIn(QString text, const std::optional<QString> &value)
{
    return text.replace(QStringLiteral("{value}"), value.value_or(QString()));
}

} // namespace

Result<RdpLinter> RdpLinter::builtin()
{
    auto rules = RdpRules::loadBuiltin();
    if (!rules)
        return rules.error();
    return RdpLinter(std::move(*rules));
}

QList<RdpSettingView> RdpLinter::describe(const RdpFile &file) const
{
    QList<RdpSettingView> present;
    QList<RdpSettingView> defaults;
    for (const RdpSettingInfo &info : m_rules.settings()) {
        RdpSettingView view { info.name, info.type, info.title, {}, {}, false, 0 };
        if (auto v = file.find(info.name)) {
            view.value = v->value;
            view.present = true;
            view.line = v->line;
            // An empty text value ("gatewayhostname:s:", as mstsc saves it) means the feature is off.
            view.meaning = v->value.trimmed().isEmpty() && info.values.isEmpty()
                ? QStringLiteral("empty, so not used")
                : info.meaning(v->value);
            present << view;
        } else if (!info.defaultValue.isEmpty()) {
            view.value = info.defaultValue;
            view.meaning = info.meaning(info.defaultValue);
            defaults << view;
        }
    }
    std::stable_sort(present.begin(), present.end(),
        [](const RdpSettingView &a, const RdpSettingView &b) { return a.line < b.line; });
    return present + defaults;
}

QList<Finding> RdpLinter::lint(const RdpFile &file) const
{
    const auto defaultOf = [this](const QString &name) {
        const RdpSettingInfo *info = m_rules.setting(name);
        return info ? info->defaultValue : QString();
    };
    QList<Finding> findings;
    for (const RdpRule &rule : m_rules.rules()) {
        const auto current = file.find(rule.setting);
        const std::optional<QString> value = current ? std::optional(current->value) : std::nullopt;
        if (!rule.when.holds(value, defaultOf(rule.setting)))
            continue;
        const bool also = std::all_of(rule.also.begin(), rule.also.end(),
            [&](const RdpCondition &c) { return c.holds(fileValue(file, c.setting), defaultOf(c.setting)); });
        if (!also)
            continue;
        // "{value}" reads naturally only with a value: an absent setting shows its default.
        const QString def = defaultOf(rule.setting);
        const std::optional<QString> shown = value ? value
            : def.isEmpty()                        ? std::nullopt
                            : std::optional(def + QStringLiteral(" (not set; the default)"));
        findings << makeRdpFinding(rule, fillIn(rule.title, shown), fillIn(rule.explanation, shown), value,
            current ? current->line : 0, def);
    }
    std::stable_sort(findings.begin(), findings.end(),
        [](const Finding &a, const Finding &b) { return a.severity > b.severity; });
    return findings;
}

RdpFile RdpLinter::fixed(const RdpFile &file) const
{
    RdpFile out = file;
    // One fix can make another rule fire (a value written for one rule is tested by another), so
    // repeat until nothing changes; the bound only guards against rules that undo each other.
    for (qsizetype pass = 0; pass <= m_rules.rules().size(); ++pass) {
        bool changed = false;
        for (const Finding &f : lint(out)) {
            const std::optional<RdpFix> fix = rdpFixOf(f);
            if (!fix || !fix->automatic)
                continue;
            const RdpSettingInfo *info = m_rules.setting(fix->setting);
            if (fix->action == RdpFix::Action::Set)
                changed = out.set(info ? info->name : fix->setting, info ? info->type : QLatin1Char('s'),
                              fix->value)
                    || changed;
            else
                changed = out.remove(fix->setting) || changed;
        }
        if (!changed)
            break;
    }
    return out;
}

bool RdpLinter::flagged(const QList<Finding> &findings)
{
    return std::any_of(
        findings.begin(), findings.end(), [](const Finding &f) { return f.severity >= Severity::Warning; });
}

} // namespace ssod::core::rdp
