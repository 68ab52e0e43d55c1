#pragma once

#include "core/probe/Probe.h"
#include "core/util/Result.h"

#include <QDeadlineTimer>
#include <QList>
#include <QSslCertificate>
#include <QSslError>
#include <QString>

class QSslSocket;

namespace ssod::core::probe {

/// What a TLS handshake showed: the peer's chain even when it is not trusted, and the
/// verification errors the client saw.
struct TlsSession {
    bool encrypted = false;
    bool timedOut = false;
    qint64 ms = 0;
    QList<QSslCertificate> chain; ///< leaf first
    QList<QSslError> errors;
    QString protocol; ///< "TLS 1.3"
    QString cipher;
    QString errorText; ///< why the handshake failed
};

/**
 * Starts TLS on the already connected \a socket (plain mode; after the X.224 exchange for RDP)
 * and waits in slices bounded by \a context, trusting \a caCertificates (the system store when empty). The peer is only queried
 * (QueryPeer), so an untrusted or expired certificate still completes the handshake and shows
 * up in errors; weak keys and old protocols are accepted too, because the probe reports them
 * instead of failing on them. \a verifyName is the name the client checks.
 */
TlsSession startTls(QSslSocket &socket, const QString &verifyName, const QList<QSslCertificate> &caCertificates,
    const ProbeContext &context, QDeadlineTimer budget);

/// The probe's own deadline: the context's, less a margin so that it reports before the runner
/// gives up on it.
QDeadlineTimer probeBudget(const ProbeContext &context);
/// Milliseconds left of \a budget, at least 0.
int msLeft(QDeadlineTimer budget);

/// The CAs a probe trusts: the PEM/DER certificates of \a caFile, instead of the system store
/// (check against exactly the CAs the clients have deployed); without a file an empty list, which
/// startTls takes as "the system store". Reading the whole system store costs seconds on a busy
/// machine, while Qt loads the roots it needs on demand. \a source becomes "system store" or the file.
Result<QList<QSslCertificate>> trustedCertificates(const QString &caFile, QString *source);

} // namespace ssod::core::probe
