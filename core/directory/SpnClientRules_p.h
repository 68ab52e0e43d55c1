#pragma once

// Internal to core/directory: the per-client SPN rules behind predictSpn.

#include "core/directory/SpnPredictor.h"

namespace ssod::core::directory::detail {

/// What a client asks the KDC for, before the directory is consulted.
struct ClientRequest {
    QString serviceClass; ///< "HTTP", "TERMSRV"
    QString requestedName; ///< the host part of the SPN
    std::optional<quint16> spnPort; ///< the port inside the SPN, when the client adds one
    bool kerberos = true;
    bool followedCname = false; ///< requestedName was reached through a CNAME of the typed name
    /// MIT krb5 with dns_canonicalize_hostname = fallback: the name it retries with when the KDC
    /// does not know the first one (empty otherwise, or when it is the same name).
    QString fallbackName;
    QList<PredictionStep> steps;

    QString spn() const { return spnFor(requestedName); }
    QString spnFor(const QString &name) const;
};

/// Applies \a client's rule (name canonicalization, port, IP address) to \a target.
Result<ClientRequest> clientRequest(const PredictionTarget &target, ClientProfile client,
    HostResolver &resolver, const std::atomic<bool> *cancel);

} // namespace ssod::core::directory::detail
