#pragma once

#include "core/directory/SpnPlan.h"
#include "core/util/Result.h"

#include <QList>
#include <QString>
#include <optional>

namespace ssod::core::wizard {

/**
 * The shared model of the SPN registration wizard (the counterpart of WizardState for the
 * directory): the planner's inputs from the Options page, the plan the Review page shows, what
 * Apply added (so Undo removes exactly that), and the checks of the Verify page. Every method that
 * talks to the directory blocks; the wizard calls them on the directory session's worker thread.
 */
class SpnRegistration final {
public:
    directory::FarmPlanInput input;
    bool exportOnly = false; ///< no writes: the Apply page only exports
    QString netbiosDomain; ///< for setspn/ktpass scripts (read from the directory when connected)
    QString realm;

    /// The SPNs the inputs ask for, without the directory; an error names the bad input.
    Result<QList<directory::PlannedSpn>> preview() const { return directory::farmSpns(input); }

    /// A plan and the domain's names for scripts, as read from the directory.
    struct Planned {
        directory::FarmPlan plan;
        QString netbiosDomain;
        QString realm;
    };
    /// Reads the account and every SPN's holders, and the domain names for scripts.
    Result<Planned> makePlan(directory::LdapConnection &connection, const std::atomic<bool> *cancel) const;
    void setPlan(Planned planned)
    {
        m_plan = std::move(planned.plan);
        netbiosDomain = planned.netbiosDomain;
        realm = planned.realm;
    }
    const std::optional<directory::FarmPlan> &plan() const { return m_plan; }

    /// Adds the plan's free SPNs, all or nothing; returns what was added.
    Result<QList<directory::SpnChange>> apply(directory::LdapConnection &connection) const;
    void setApplied(QList<directory::SpnChange> applied) { m_applied = std::move(applied); }
    const QList<directory::SpnChange> &applied() const { return m_applied; }
    bool hasApplied() const { return !m_applied.isEmpty(); }

    /// One added SPN as the directory has it now.
    struct Check {
        QString spn;
        QStringList holders; ///< sAMAccountNames holding it now
        bool ok = false; ///< held by the service account and nobody else
        QString text; ///< in words
    };
    /// Re-reads every SPN of the plan that should now be on the account (added or already there).
    Result<QList<Check>> verify(directory::LdapConnection &connection) const;
    /// Removes exactly what apply() added, newest first.
    Result<void> undo(directory::LdapConnection &connection) const;

    /// The plan's additions as a script (with what was held elsewhere and the collateral as comments).
    Result<QString> script(directory::SpnScriptFormat format) const;

private:
    std::optional<directory::FarmPlan> m_plan;
    QList<directory::SpnChange> m_applied;
};

} // namespace ssod::core::wizard
