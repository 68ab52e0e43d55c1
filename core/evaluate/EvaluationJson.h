#pragma once

#include "core/evaluate/BrowserEvaluator.h"
#include "core/evaluate/DelegationEvaluator.h"

#include <QJsonObject>

/// JSON forms of the verdicts, shared by the CLI's --json output and anything that saves a report.
namespace ssod::core::evaluate {

/// {"allowed": bool, "spn", "kind", "ntlmOnly", "decidedBy": {…}, "explanation", "entries": […],
///  "notes": […], "fix": {…}}
QJsonObject toJson(const DelegationVerdict &v, const DelegationQuery &q);
/// {"negotiate": bool, "negotiateDecidedBy": {…}, "delegate": bool, "delegateDecidedBy": {…},
///  "url", "browser", "platform", "spn", "zone", "explanation", "entries", "notes", "fix": {…}}
QJsonObject toJson(const BrowserVerdict &v);

QJsonObject toJson(const PolicySource &s);
QJsonObject toJson(const ConsideredEntry &e);
QJsonObject toJson(const FixHint &f);

} // namespace ssod::core::evaluate
