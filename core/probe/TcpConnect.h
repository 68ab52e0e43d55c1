#pragma once

#include "core/probe/Probe.h"

#include <QAbstractSocket>
#include <QDeadlineTimer>
#include <QHostInfo>
#include <QString>

namespace ssod::core::probe {

/// How a TCP connection attempt ended, as a client sees it.
struct TcpConnectResult {
    enum class State {
        Connected,
        Refused, ///< RST: the host is there, nothing listens (or a firewall rejects)
        Silent, ///< no answer at all before the limit: dropped by a firewall, or the host is down
        NoRoute, ///< the network says the address cannot be reached
        NameNotFound, ///< the name does not resolve
        Cancelled,
        Failed, ///< anything else (errorText says what)
    };
    State state = State::Failed;
    qint64 ms = 0;
    QString address; ///< the address connected to (or tried)
    QString errorText;

    bool connected() const { return state == State::Connected; }
};

/// "connected", "refused", "silent", "no-route", "name-not-found", "cancelled", "failed".
QString tcpStateName(TcpConnectResult::State s);

/**
 * Connects \a socket (a QTcpSocket or a QSslSocket, in plain mode) to \a host:\a port on the
 * calling thread, waiting in short slices so a cancel of \a context ends it within ~50 ms. Bounded
 * by \a limitMs and by the context's deadline, whichever comes first; the socket must live on the
 * calling thread (probes run on worker threads).
 */
TcpConnectResult connectTcp(QAbstractSocket &socket, const QString &host, quint16 port, const ProbeContext &context,
    int limitMs = -1);

/// The addresses of \a host through the system resolver, waiting on a local event loop (worker
/// threads only) no longer than \a limit or a cancel; on timeout an error "did not finish in time".
QHostInfo lookupHost(const QString &host, const ProbeContext &context, QDeadlineTimer limit);

/// Waits for \a socket to have bytes to read (readyRead), in slices; false on timeout/cancel/close.
bool waitReadable(QAbstractSocket &socket, const ProbeContext &context, int limitMs = -1);

} // namespace ssod::core::probe
