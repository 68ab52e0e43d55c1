#pragma once

#include "core/probe/Probe.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace ssod::core::probe {

/// How fetching one URL went, as a client checking revocation would see it.
struct UrlFetch {
    QString url;
    qint64 ms = 0;
    enum class State { Answered, HttpError, TimedOut, Failed, Skipped } state = State::Failed;
    int httpStatus = 0;
    QString result; ///< "HTTP 200, 512 bytes", "no answer within 2000 ms", "skipped: ldap URL", …
};

/**
 * Fetches the CRL / AIA / OCSP \a urls at once, like a client building and checking a chain:
 * each bounded by \a perUrlLimitMs and the context, on a local event loop of the calling worker
 * thread, reading at most 1 MiB of each body. http and https only; other schemes (ldap:, file:)
 * are reported as skipped.
 */
QList<UrlFetch> fetchUrls(const QStringList &urls, const ProbeContext &context, int perUrlLimitMs);

} // namespace ssod::core::probe
