#pragma once

#include "core/probe/Probe.h"

#include <QCoreApplication>

namespace ssod::core::probe {

/**
 * The Kerberos probe: the user's ticket cache, the KDC asked over UDP and TCP with a bare AS-REQ of
 * our own (so an unreachable KDC is found within the deadline, which libkrb5 cannot promise), then
 * a service ticket for the SPN the given client would build (or an explicit SPN) through libkrb5 in
 * a private memory cache, with its flags and encryption types; KDC errors become findings through
 * the table of resources/findings/kerberos.json.
 *
 * Target: a host name or URL (the SPN is predicted for options "client" and "service"), or an SPN
 * (a target with "/" and no scheme, or option "spn"). Options: realm, kdc, keytab + principal,
 * keychain, account (the account that should hold the SPN; reported as an expectation: the client
 * side cannot see the holder).
 */
class KerberosProbe final : public Probe {
    Q_DECLARE_TR_FUNCTIONS(KerberosProbe)

public:
    QString id() const override { return QStringLiteral("kerberos"); }
    QString description() const override;
    ProbeReport run(const ProbeRequest &request, const ProbeContext &context) const override;
};

} // namespace ssod::core::probe
