#pragma once

#include <QList>
#include <QString>
#include <QStringList>

/// Types shared by the evaluators, which answer "what will the client do?" from a target's
/// settings without changing anything.
namespace ssod::core::evaluate {

/// What decided a verdict: one registry value (and the list entry in it), or a built-in default.
struct PolicySource {
    QString policy; ///< "AllowDefaultCredentials", "AuthServerAllowlist", "ZoneMapKey", "OS default"
    QString key; ///< full key path; empty for a built-in default
    QString valueName; ///< the value that decided; empty for a built-in default
    QString entry; ///< the list entry or pattern that matched, or the value's data
    QString text; ///< one line for a helpdesk reader
};

/// One list entry the evaluator looked at, for the "what was considered" table.
struct ConsideredEntry {
    QString policy;
    QString key;
    QString valueName;
    QString entry;
    bool matched = false;
    /// False when the entry was read for context but could not decide: its policy is not
    /// enabled, or it is in the list for the other authentication case.
    bool applies = true;
    QString note; ///< why it did not match or does not apply, when that is not obvious
};

/// What to change for the other answer: plain words, and the catalog setting that does it.
struct FixHint {
    QString text;
    QString settingId; ///< empty when no catalog setting fits
    QString spec; ///< "delegation.default-credentials=TERMSRV/rdsh01.contoso.com"
};

} // namespace ssod::core::evaluate
