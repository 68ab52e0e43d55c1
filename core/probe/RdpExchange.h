#pragma once

#include "core/probe/RdpNegotiation.h"
#include "core/probe/TcpConnect.h"
#include "core/probe/TlsSession.h"

#include <optional>

namespace ssod::core::probe {

/// One X.224 offer on a fresh TCP connection and what came back.
struct RdpOffer {
    quint32 requested = 0;
    TcpConnectResult tcp;
    enum class Reply { Confirm, Malformed, Closed, NoAnswer, Cancelled } reply = Reply::NoAnswer;
    rdpneg::ConnectionConfirm confirm;
    QString error; ///< Malformed: what is wrong
    qint64 ms = 0;
    std::optional<TlsSession> tls; ///< when TLS was started on this connection
};

/// What to do with TLS when the server selects a TLS-based protocol.
struct RdpTlsRequest {
    bool start = false;
    QString verifyName;
    QList<QSslCertificate> caCertificates;
};

/**
 * Connects to \a host:\a port, sends a Connection Request offering \a protocols and reads the
 * Connection Confirm: never more than its TPKT length and never more than
 * rdpneg::kMaxConfirmLength, each wait bounded by the context. When the server selects a TLS-based
 * protocol and \a tls asks for it, starts TLS on the same connection.
 */
RdpOffer offerProtocols(const QString &host, quint16 port, quint32 protocols, const RdpTlsRequest &tls,
    const ProbeContext &context, QDeadlineTimer budget);

} // namespace ssod::core::probe
