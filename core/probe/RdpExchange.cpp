#include "core/probe/RdpExchange.h"

#include <QElapsedTimer>
#include <QSslSocket>

namespace ssod::core::probe {

namespace {

constexpr int kSliceMs = 50;
// Qt buffers what the server sends whether or not it is read: cap it, so an endless stream costs
// at most this much memory.
constexpr qint64 kReadBuffer = 64 * 1024;

enum class ReadEnd { Complete, Closed, TimedOut, Cancelled };

/// Reads until \a buf holds \a n bytes, never more.
ReadEnd readExactly(QAbstractSocket &s, qsizetype n, QByteArray &buf, const ProbeContext &context,
    QDeadlineTimer budget)
{
    while (buf.size() < n) {
        if (s.bytesAvailable() == 0 && !waitReadable(s, context, msLeft(budget))) {
            if (context.cancelled())
                return ReadEnd::Cancelled;
            return s.state() == QAbstractSocket::ConnectedState ? ReadEnd::TimedOut : ReadEnd::Closed;
        }
        buf += s.read(n - buf.size());
    }
    return ReadEnd::Complete;
}

bool writeAll(QAbstractSocket &s, const QByteArray &data, const ProbeContext &context, QDeadlineTimer budget)
{
    if (s.write(data) != data.size())
        return false;
    while (s.bytesToWrite() > 0) {
        if (context.cancelled() || budget.hasExpired() || s.state() != QAbstractSocket::ConnectedState)
            return false;
        s.waitForBytesWritten(std::max(1, std::min(kSliceMs, msLeft(budget))));
    }
    return true;
}

RdpOffer::Reply replyFor(ReadEnd end)
{
    switch (end) {
    case ReadEnd::Closed:
        return RdpOffer::Reply::Closed;
    case ReadEnd::Cancelled:
        return RdpOffer::Reply::Cancelled;
    default:
        return RdpOffer::Reply::NoAnswer;
    }
}

} // namespace

RdpOffer offerProtocols(const QString &host, quint16 port, quint32 protocols, const RdpTlsRequest &tls,
    const ProbeContext &context, QDeadlineTimer budget)
{
    RdpOffer o;
    o.requested = protocols;
    QElapsedTimer clock;
    clock.start();
    QSslSocket socket;
    socket.setReadBufferSize(kReadBuffer);
    o.tcp = connectTcp(socket, host, port, context, msLeft(budget));
    const auto done = [&]() -> RdpOffer & {
        o.ms = clock.elapsed();
        socket.abort();
        return o;
    };
    if (!o.tcp.connected())
        return done();
    if (!writeAll(socket, rdpneg::connectionRequest(protocols), context, budget)) {
        o.reply = context.cancelled() ? RdpOffer::Reply::Cancelled
            : socket.state() == QAbstractSocket::ConnectedState ? RdpOffer::Reply::NoAnswer
                                                               : RdpOffer::Reply::Closed;
        return done();
    }
    QByteArray packet;
    ReadEnd end = readExactly(socket, rdpneg::kTpktHeaderLength, packet, context, budget);
    if (end != ReadEnd::Complete) {
        if (!packet.isEmpty() && end == ReadEnd::Closed) {
            o.reply = RdpOffer::Reply::Malformed;
            o.error = QStringLiteral("the connection closed after %1 bytes").arg(packet.size());
        } else {
            o.reply = replyFor(end);
        }
        return done();
    }
    const rdpneg::TpktHeader header = rdpneg::readTpktHeader(packet);
    if (!header.valid) {
        o.reply = RdpOffer::Reply::Malformed;
        o.error = header.error;
        return done();
    }
    end = readExactly(socket, header.length, packet, context, budget);
    if (end != ReadEnd::Complete) {
        o.reply = end == ReadEnd::Cancelled ? RdpOffer::Reply::Cancelled : RdpOffer::Reply::Malformed;
        o.error = QStringLiteral("the TPKT header announces %1 bytes, %2 arrived before the %3")
                      .arg(header.length)
                      .arg(packet.size())
                      .arg(end == ReadEnd::Closed ? QStringLiteral("connection closed") : QStringLiteral("time limit"));
        return done();
    }
    auto cc = rdpneg::parseConnectionConfirm(packet);
    if (!cc) {
        o.reply = RdpOffer::Reply::Malformed;
        o.error = cc.error().message;
        return done();
    }
    o.reply = RdpOffer::Reply::Confirm;
    o.confirm = *cc;
    if (tls.start && cc->kind == rdpneg::ConnectionConfirm::Kind::Selected
        && cc->selectedProtocol != rdpneg::ProtocolRdp)
        o.tls = startTls(socket, tls.verifyName, tls.caCertificates, context, budget);
    return done();
}

} // namespace ssod::core::probe
