#pragma once

#include "core/rdp/RdpRules.h"
#include "core/util/Finding.h"

#include <QString>
#include <optional>

namespace ssod::core::rdp {

/**
 * The .rdp linter's findings are plain core::Finding values, so the GUI, the CLI and bundles show
 * them like any probe's. What only an .rdp finding has (its rule, the line, the fix as an edit of
 * the file) travels in the Finding's id, evidence and fix inputs; this file writes and reads those
 * fields in one place, so consumers use the typed view below instead of digging in QVariantMaps.
 */
struct RdpFix {
    enum class Action { Set, Remove };
    Action action = Action::Set;
    QString setting; ///< as the rule names it, e.g. "enablecredsspsupport"
    QString value; ///< the value to write, for Action::Set
    bool automatic = false; ///< whether RdpLinter::fixed() applies it
};

/// The Finding for \a rule firing on a file where its setting is \a current at \a line (nullopt
/// and 0 when the file does not set it; \a defaultValue, possibly empty, then applies).
Finding makeRdpFinding(const RdpRule &rule, const QString &title, const QString &explanation,
    const std::optional<QString> &current, int line, const QString &defaultValue);

/// The lint rule that produced \a f ("credssp-disabled"); empty when \a f is no .rdp finding.
QString rdpRuleIdOf(const Finding &f);
/// The edit \a f proposes to the file; nullopt when it proposes none or is no .rdp finding.
std::optional<RdpFix> rdpFixOf(const Finding &f);
/// The 1-based line of the setting's value in the file; 0 when the file does not set it.
int rdpLineOf(const Finding &f);
/// The value the file gives the setting, untrimmed; nullopt when the file does not set it.
std::optional<QString> rdpCurrentValueOf(const Finding &f);

} // namespace ssod::core::rdp
