#pragma once

#include "core/evaluate/Evaluation.h"
#include "core/evaluate/PolicyReader.h"
#include "core/util/Result.h"

#include <QCoreApplication>
#include <QUrl>

namespace ssod::core::evaluate {

/// Which Windows security zone a URL falls in, and whether that zone logs on automatically.
struct ZoneVerdict {
    int zone = 3; ///< 1 Local Intranet, 2 Trusted Sites, 3 Internet, 4 Restricted Sites
    PolicySource zoneDecidedBy;
    quint32 logonPolicy = 0x20000; ///< the zone's "Logon options" (URL action 1A00)
    bool logonPolicyConfigured = false;
    PolicySource logonDecidedBy;
    bool automaticLogon = false; ///< Windows credentials are sent without a prompt
    QList<ConsideredEntry> considered;
    QStringList notes;
};

/**
 * The part of WinINet's decision that Internet Explorer, and Chrome and Edge on Windows when no
 * AuthServerAllowlist is set, share: the zone of the URL (Site to Zone Assignment List policy,
 * ZoneMapKey; otherwise host names without a dot are Local Intranet and the rest Internet), then
 * that zone's "Logon options" (1A00): 0x00000 automatic logon, 0x10000 prompt, 0x20000 automatic
 * logon only in the Intranet zone (the default), 0x30000 anonymous (FACTS.md §3(f)).
 */
class ZoneEvaluator final {
    Q_DECLARE_TR_FUNCTIONS(ZoneEvaluator)

public:
    static Result<ZoneVerdict> evaluate(const PolicyReader &reader, const QUrl &url);

    static QString zoneName(int zone);
    /// HKLM\SOFTWARE\Policies\Microsoft\Windows\CurrentVersion\Internet Settings\ZoneMapKey
    static QString zoneMapKey();
};

} // namespace ssod::core::evaluate
