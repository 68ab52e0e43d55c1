#pragma once

#include "core/rdp/RdpRules.h"

#include <QString>
#include <optional>

namespace ssod::core::rdp {

/// What one rule found in one .rdp file.
struct RdpFinding {
    QString ruleId;
    QString setting; ///< the setting the finding is about and the fix changes
    RdpRule::Severity severity = RdpRule::Severity::Warning;
    QString title;
    QString explanation; ///< for a helpdesk reader: why it defeats SSO or weakens security
    std::optional<QString> currentValue; ///< nullopt: the file does not set it
    int line = 0; ///< 1-based line of the effective value; 0 when absent
    RdpRule::FixAction fix = RdpRule::FixAction::None;
    QString fixValue; ///< for FixAction::Set
    bool autoFix = false; ///< whether RdpLinter::fixed() applies the fix
    QString reference;
};

/// An authentication-relevant setting in plain words, as the file has it or as the default applies.
struct RdpSettingView {
    QString name;
    QChar type;
    QString title;
    QString value; ///< the file's value, or the default when !present
    QString meaning; ///< plain words for value; empty when not known
    bool present = false;
    int line = 0;
};

} // namespace ssod::core::rdp
