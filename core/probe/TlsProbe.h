#pragma once

#include "core/probe/Probe.h"

#include <QCoreApplication>

namespace ssod::core::probe {

/**
 * The certificate of a TLS service (HTTPS, WinRM HTTPS, LDAPS, …) as a client checks it: target
 * host[:port] (443), options name (the name the user types; default the host), caFile (trusted
 * instead of the system store), purpose (https | winrm | ldaps | rdp), noRevocation. The target may
 * also be a certificate file (PEM, DER .cer/.crt, PKCS#7 .p7b): the same checks without a
 * connection, the chain verified offline; option name is then required.
 */
class TlsProbe final : public Probe {
    Q_DECLARE_TR_FUNCTIONS(TlsProbe)

public:
    QString id() const override { return QStringLiteral("tls"); }
    QString description() const override;
    ProbeReport run(const ProbeRequest &request, const ProbeContext &context) const override;

private:
    static ProbeReport checkFile(const ProbeRequest &request, const ProbeContext &context, const QString &purpose);
};

} // namespace ssod::core::probe
