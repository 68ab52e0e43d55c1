#pragma once

#include "core/directory/Delegation.h"

#include <QColor>
#include <QCoreApplication>
#include <QList>
#include <QString>

namespace ssod::ui {

/// One statement about an account or an SPN, in plain words, with how much it matters.
struct DirectoryFact {
    enum class Severity { Ok, Info, Warning, Problem };
    Severity severity = Severity::Info;
    QString topic; ///< "Unconstrained delegation"
    QString text; ///< "No." or a sentence saying what it means

    /// "✔ OK", "ℹ Info", "⚠ Risk", "✖ Problem": the word carries the meaning, the colour repeats it.
    static QString severityText(Severity s);
    static QColor severityColor(Severity s);
};

/// Plain-words statements about directory findings for the Directory page (the CLI's
/// `delegation show` and `spn query` say the same in its own words).
class DirectoryFacts final {
    Q_DECLARE_TR_FUNCTIONS(ssod::ui::DirectoryFacts)

public:
    /// Delegation, sensitivity, Protected Users and encryption types of \a report (FACTS.md §6.2–6.4).
    static QList<DirectoryFact> delegation(const core::directory::DelegationReport &report);
    /// \a facts as an HTML table (severity word, topic, text), escaped.
    static QString toHtml(const QList<DirectoryFact> &facts);
    /// "user", "computer", "group managed service account" for \a account's object classes.
    static QString kindOf(const core::directory::Account &account);
};

} // namespace ssod::ui
