#pragma once

#include "core/rdp/RdpCondition.h"
#include "core/util/Finding.h"
#include "core/util/Result.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace ssod::core::rdp {

/// An authentication-relevant .rdp setting described in plain words (resources/rdp/rules.json).
struct RdpSettingInfo {
    QString name; ///< lower case, as mstsc writes it
    QChar type; ///< 'i' or 's'
    QString title; ///< what the setting decides, e.g. "Server authentication"
    QString defaultValue; ///< empty: no documented default
    QMap<QString, QString> values; ///< value → meaning, for settings with a fixed set of values
    QString describe; ///< meaning of any value, for free-form settings ("%1" = the value)
    QString reference;

    /// "warn if the server cannot be authenticated" for \a value; empty when nothing is known.
    QString meaning(const QString &value) const;
};

/// A lint rule: knowledge as data. Fires when `when` and every `also` condition hold.
struct RdpRule {
    enum class FixAction { None, Set, Remove };
    QString id;
    QString setting;
    RdpCondition when;
    QList<RdpCondition> also;
    Severity severity = Severity::Warning; ///< info, warning or error; a rule never reports "ok"
    QString title;
    QString explanation;
    FixAction fix = FixAction::None;
    QString fixValue;
    /// A fix that is right for most estates but not all (e.g. switching the gateway to the signed-in
    /// user's credentials) is suggested but not written by RdpLinter::fixed().
    bool autoFix = true;
    QString reference;
};

/**
 * The .rdp knowledge base: settings in plain words and lint rules, loaded from JSON and validated as
 * a whole. Mistakes are reported with the file, the rule id or setting name, and the field.
 */
class RdpRules final {
public:
    /// The rules compiled in (":/rdp/rules.json"); the SSOD_RDP_RULES environment variable names
    /// another file, for trying out a rule without rebuilding.
    static Result<RdpRules> loadBuiltin();
    static Result<RdpRules> loadFromJson(const QByteArray &json, const QString &fileName);

    const QList<RdpSettingInfo> &settings() const { return m_settings; }
    const QList<RdpRule> &rules() const { return m_rules; }
    const RdpSettingInfo *setting(const QString &name) const;

private:
    QList<RdpSettingInfo> m_settings;
    QList<RdpRule> m_rules;
};

} // namespace ssod::core::rdp
