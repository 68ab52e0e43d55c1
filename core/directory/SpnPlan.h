#pragma once

#include "core/directory/SpnChange.h"
#include "core/directory/SpnDirectory.h"
#include "core/util/Result.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <atomic>

namespace ssod::core::directory {

/// What the farm planner is told: the `spn plan` options and the wizard's Options page.
struct FarmPlanInput {
    QStringList classes; ///< HTTP, TERMSRV, ExpertConfigurationSvc, …
    QStringList names; ///< load-balanced / service names clients use ("portal" or "portal.contoso.com")
    QStringList nodes; ///< the servers behind them
    QString domain; ///< DNS domain that completes short names ("contoso.com")
    QString account; ///< the account the service runs as (sAMAccountName)
    QList<quint16> ports; ///< also register CLASS/host:port for these
};

/// One SPN the farm needs.
struct PlannedSpn {
    enum class Status {
        Free, ///< nobody holds it: it will be added
        AlreadyCorrect, ///< the service account holds it already
        HeldElsewhere, ///< another account holds it: adding it would make a duplicate
    };
    QString spn;
    QString why; ///< "load-balanced name, FQDN form", "node web01, NetBIOS form, port 8080"
    Status status = Status::Free;
    QStringList holders; ///< other accounts holding it (HeldElsewhere, or AlreadyCorrect and a duplicate)
};

/// What breaks, outside the farm, when the plan is applied (shown before anything changes).
struct Collateral {
    enum class Kind {
        WinRmBreaks, ///< HTTP/node moves from the computer (HOST alias) to the service account
        HostMoved, ///< HOST/node or TERMSRV/node leaves the computer account: RDP and logons break
        Duplicate, ///< an SPN would be (or already is) held twice: Kerberos to it stops for everyone
    };
    Kind kind = Kind::Duplicate;
    QString spn;
    QStringList accounts; ///< who holds it now
    QString text; ///< what breaks, in words
    QString suggestion; ///< what to do instead
};

struct FarmPlan {
    FarmPlanInput input;
    Account account; ///< the service account as the directory has it
    QList<PlannedSpn> spns;
    QList<Collateral> collateral;

    /// The additions to make: every Free SPN. HeldElsewhere ones need a decision first.
    QList<SpnChange> changes() const;
    int count(PlannedSpn::Status status) const;
};

/// Every SPN the input asks for, with the reason for each, in a stable order (names before nodes,
/// FQDN before NetBIOS form, without before with port), de-duplicated case-insensitively. Refuses
/// empty classes/names, a class or host that cannot make an SPN, and a short name without a domain.
Result<QList<PlannedSpn>> farmSpns(const FarmPlanInput &input);

/// Checks each SPN of the input against the directory and finds the collateral damage.
Result<FarmPlan> planFarm(
    const FarmPlanInput &input, SpnDirectory &directory, const std::atomic<bool> *cancel = nullptr);

/// The plan as a script: its additions, and comments naming what was held elsewhere and what breaks.
Result<QString> renderFarmPlan(const FarmPlan &plan, SpnScriptFormat format, const QString &netbiosDomain,
    const QString &realm);

} // namespace ssod::core::directory
