#pragma once

#include "core/probe/Probe.h"

#include <QCoreApplication>

namespace ssod::core::probe {

/**
 * The SPN probe: who in the directory holds the SPN a client asks for. Target: a host name or URL
 * (the SPN is predicted as the named client builds it, option "client", with "service" replacing
 * the class, e.g. TERMSRV for a Remote Desktop farm name) or an SPN ("HTTP/web.contoso.com").
 * Asks the domain's directory (option "dc", a host name, or the DCs of option "domain"; a GSSAPI
 * bind with the user's ticket) and says: held by exactly one account (or a computer's HOST/
 * alias), by nobody (KDC_ERR_S_PRINCIPAL_UNKNOWN, NTLM fallback), by several (Kerberos fails for
 * everyone), or by another account than the service account (option "account"). With option
 * "delegation" it also reads the holder's delegation settings (a load-balanced farm's shared
 * account must be trusted for delegation to its back ends).
 */
class SpnProbe final : public Probe {
    Q_DECLARE_TR_FUNCTIONS(SpnProbe)

public:
    QString id() const override { return QStringLiteral("spn"); }
    QString description() const override;
    ProbeReport run(const ProbeRequest &request, const ProbeContext &context) const override;
};

} // namespace ssod::core::probe
