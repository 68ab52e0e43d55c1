#pragma once

#include "core/probe/Probe.h"

namespace ssod::core::probe {

/**
 * HTTP Negotiate (probe "http"): asks the URL without credentials and reports the schemes it offers,
 * predicts the SPN the chosen client builds (SpnPredictor, option "client"; "spn" overrides it),
 * builds a SPNEGO token for it with GSSAPI (NegotiateClient) and sends it, then verifies the
 * server's mutual-authentication token. Says whether the exchange used Kerberos or would fall back
 * to NTLM, and why. A /wsman URL (WinRM) is asked with a SOAP POST as the WinRM client does.
 * Options: "client", "spn", "caFile".
 */
class HttpNegotiateProbe final : public Probe {
public:
    QString id() const override { return QStringLiteral("http"); }
    QString description() const override;
    ProbeReport run(const ProbeRequest &request, const ProbeContext &context) const override;
};

} // namespace ssod::core::probe
