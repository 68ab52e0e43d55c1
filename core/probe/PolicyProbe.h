#pragma once

#include "core/probe/Probe.h"

#include <QCoreApplication>

namespace ssod::core::probe {

/**
 * The client-policy probe: what the client's own settings decide, read from a file of them
 * (option "policy": a .reg export, a Registry.pol, an offline hive or a browser's JSON policy;
 * "policyRoot" where a hive is mounted), with the evaluators of `evaluate`. Option "check":
 *  - "browser": will the browser of option "client" (edge, chrome, firefox, ie) send Kerberos to
 *    the target URL without a prompt (intranet zone, AuthServerAllowlist, Firefox SPNEGO list)?
 *  - "delegation": will Windows hand the user's credentials to TERMSRV/<target> (single sign-on to
 *    a Remote Desktop farm, AllowDefaultCredentials and its Deny list)?
 *  - "winrm": is the target in the WinRM client's TrustedHosts (NTLM, no mutual authentication)?
 * Reading a file is local and quick; the probe still honours the deadline and cancel.
 */
class PolicyProbe final : public Probe {
    Q_DECLARE_TR_FUNCTIONS(PolicyProbe)

public:
    QString id() const override { return QStringLiteral("policy"); }
    QString description() const override;
    ProbeReport run(const ProbeRequest &request, const ProbeContext &context) const override;

    /// True when \a host matches a TrustedHosts entry: "*", "*.contoso.com", "10.1.2.*", a name.
    static bool trustedHostsMatch(const QString &entry, const QString &host);
    /// HKLM\SOFTWARE\Policies\Microsoft\Windows\WinRM\Client (the Group Policy of TrustedHosts).
    static QString winrmPolicyKey();
};

} // namespace ssod::core::probe
