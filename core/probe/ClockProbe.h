#pragma once

#include "core/probe/Probe.h"

#include <QCoreApplication>

namespace ssod::core::probe {

/**
 * The clock probe: how far this machine's clock is from a domain controller's, read two ways at
 * once: the KDC's time in the KRB-ERROR answering a bare AS-REQ (what Kerberos itself compares),
 * and the rootDSE currentTime read anonymously over LDAP; judged against the Kerberos tolerance
 * (clockskew from the krb5 profile, 300 s by default): ok under a minute, a warning up to the
 * tolerance, an error beyond (KRB_AP_ERR_SKEW follows). Target: the DC's host or address.
 * Option "method": "kdc", "ldap", or both (default).
 */
class ClockProbe final : public Probe {
    Q_DECLARE_TR_FUNCTIONS(ClockProbe)

public:
    QString id() const override { return QStringLiteral("clock"); }
    QString description() const override;
    ProbeReport run(const ProbeRequest &request, const ProbeContext &context) const override;

    /// "7 min 3 s behind", "12 s ahead of", "in step with": \a skewMs = DC time - local time.
    static QString describeSkew(qint64 skewMs);
};

} // namespace ssod::core::probe
