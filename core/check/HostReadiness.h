#pragma once

#include "core/catalog/Catalog.h"
#include "core/check/IisConfig.h"
#include "core/registry/RegistryStore.h"
#include "core/util/Finding.h"
#include "core/util/Result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QVariantMap>

namespace ssod::core::check {

/// One role's checklist (resources/checks/roles.json).
struct HostRole {
    QString id;
    QString title;
    QList<QVariantMap> checks; ///< each with "check" and its parameters
};

Result<QList<HostRole>> parseHostRoles(const QByteArray &json, const QString &source);
const Result<QList<HostRole>> &builtinHostRoles();

/// What a host check reads: the machine's SOFTWARE and SYSTEM (offline hives, .reg exports or, on
/// Windows, the live registry); either may be missing, and the checks that need it say so.
struct HostStores {
    const registry::RegistryStore *software = nullptr;
    const registry::RegistryStore *system = nullptr;
};

/**
 * Host readiness for a role, from the machine's registry: Windows version and architecture, the
 * Visual C++ runtime, catalog settings that must have a value (their fix is the setting, so the
 * existing wizards apply or export it), the client's delegation to the farm, the encryption
 * oracle, root auto-update, and the session connector's stored credentials. A secret found in the
 * registry is named, never read out: no finding, evidence or data holds its value.
 */
class HostReadiness final {
    Q_DECLARE_TR_FUNCTIONS(HostReadiness)

public:
    struct Input {
        HostStores stores;
        const catalog::Catalog *catalog = nullptr;
        QStringList farms; ///< names users type to reach the farm (rdp-client delegation)
    };
    static QList<Finding> check(const HostRole &role, const Input &in, QJsonObject *facts = nullptr);
    /// rds-session-host with a directory: TERMSRV/<name> of each farm name and of the host itself
    /// must be answered by the host's computer account \a computerAccount ("RDSH01$"), directly or
    /// through its HOST/ SPN (\a holders gives the accounts, empty for the HOST/ alias).
    static QList<Finding> farmSpns(const QStringList &names, const QString &computerAccount, const SpnHolders &holders);
    /// Every key the checks may read, per store (to open a large .reg file for just those).
    static QStringList keysRead();
    /// "14.26.28720" against "v14.29.30133.00": -1, 0, 1 by numeric components.
    static int compareVersions(const QString &a, const QString &b);
};

} // namespace ssod::core::check
