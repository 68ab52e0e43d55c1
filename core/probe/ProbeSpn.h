#pragma once

#include "core/probe/Probe.h"
#include "core/util/Result.h"

#include <QJsonArray>
#include <QString>

/// The SPN a probe asks about (the kerberos and spn probes share it).
namespace ssod::core::probe {

struct ProbeSpn {
    /// The SPN; empty when the client would not use Kerberos for the target (see noKerberos).
    QString spn;
    /// How it was decided, for the report's data "spn_steps": [{kind, text}].
    QJsonArray steps;
    /// The client profile's id and name when the SPN was predicted; empty when it was given.
    QString clientId, clientName;
    /// Why the client would not use Kerberos (the predictor's verdict), when spn is empty.
    QString noKerberos;
};

/**
 * The SPN for \a request: its option "spn" or a target that is an SPN ("HTTP/web01.corp"), else
 * predicted as the client of option "client" (default: the target's own kind) builds it, with the
 * service class of option "service" in place of the predicted one. \a lookupShare is the part of
 * the context's remaining time (1/N) the predictor's DNS lookups may take. \a account is the
 * service account the verdict names. Errors: a malformed target, an unknown client, a DNS failure
 * that leaves the SPN unknown; their messages are for probe.bad-target.
 */
Result<ProbeSpn> decideProbeSpn(const ProbeRequest &request, const ProbeContext &context, int lookupShare,
    const QString &account = {});

} // namespace ssod::core::probe
