#pragma once

#include "core/probe/KerberosWire.h"
#include "core/probe/Probe.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace ssod::core::probe {

/// How one raw exchange with a KDC ended.
struct KdcAnswer {
    enum class State {
        Answered, ///< a KRB-ERROR came back (the normal answer to a bare AS-REQ)
        OtherReply, ///< a Kerberos message that is not a KRB-ERROR (an AS-REP: no pre-auth needed)
        Garbage, ///< bytes that are no Kerberos message
        Silent, ///< nothing before the limit
        Refused, ///< TCP RST, or ICMP port unreachable for UDP
        NoRoute,
        NameNotFound,
        Cancelled,
        Failed,
    };
    enum class Transport { Udp, Tcp };

    Transport transport = Transport::Udp;
    State state = State::Failed;
    qint64 ms = 0;
    QString address; ///< the address asked
    QString errorText; ///< why it failed, or what was wrong with the reply
    std::optional<KrbError> error; ///< Answered: the KRB-ERROR
    QDateTime sentAt; ///< local UTC clock when the request left
    QDateTime receivedAt; ///< local UTC clock when the answer came

    bool answered() const { return state == State::Answered || state == State::OtherReply; }
};

/// "answered", "other-reply", "garbage", "silent", "refused", "no-route", "name-not-found", …
QString kdcStateName(KdcAnswer::State s);
QString transportName(KdcAnswer::Transport t); ///< "udp", "tcp"

/**
 * Sends \a request (an encoded AS-REQ) to \a host:\a port over \a transport and reads one reply,
 * on the calling (worker) thread: at most \a limitMs and never past the context's deadline, checking
 * for a cancel every 50 ms. UDP is sent again after each second without an answer, as MIT's
 * library does; TCP frames carry the 4-byte length, and a reply longer than kMaxMessage is refused.
 */
KdcAnswer askKdc(const QString &host, quint16 port, KdcAnswer::Transport transport, const QByteArray &request,
    const ProbeContext &context, int limitMs);

/// {"state","ms","address"[,"error"][,"krb_error":{code,realm,e_text}]} for a probe's data.
QJsonObject kdcAnswerToJson(const KdcAnswer &a);

/// The same request over UDP and TCP at once (so a silent address costs the limit once, not twice).
struct KdcAnswers {
    KdcAnswer udp;
    KdcAnswer tcp;
    /// The answer to use: UDP's when it answered, else TCP's, else null.
    const KdcAnswer *best() const;
};
KdcAnswers askKdcBoth(const QString &host, quint16 port, const QByteArray &request, const ProbeContext &context,
    int limitMs);

} // namespace ssod::core::probe
