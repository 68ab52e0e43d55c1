#include "core/probe/KdcExchange.h"

#include "core/probe/TcpConnect.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QNetworkDatagram>
#include <QTcpSocket>
#include <QThread>
#include <QUdpSocket>

namespace ssod::core::probe {

namespace {

constexpr int kSliceMs = 50;
/// MIT's sendto_kdc waits one second before it sends to the next KDC or again.
constexpr int kUdpResendMs = 1000;

using State = KdcAnswer::State;

QDeadlineTimer limitFor(const ProbeContext &context, int limitMs)
{
    return std::min(QDeadlineTimer(std::max(0, limitMs)), context.deadline());
}

/// Classifies a complete reply.
void take(KdcAnswer &a, const QByteArray &reply)
{
    a.receivedAt = QDateTime::currentDateTimeUtc();
    auto decoded = kerberoswire::decodeKrbError(reply);
    if (decoded) {
        a.state = State::Answered;
        a.error = *decoded;
        return;
    }
    const QString kind = kerberoswire::messageKind(reply);
    a.state = kind.isEmpty() || kind == QLatin1String("KRB-ERROR") ? State::Garbage : State::OtherReply;
    a.errorText = decoded.error().toString();
}

/// The address to use for \a host; fills \a a and returns false when there is none.
bool resolve(KdcAnswer &a, const QString &host, const ProbeContext &context, QDeadlineTimer limit, QHostAddress &out)
{
    out = QHostAddress(host);
    if (!out.isNull())
        return true;
    const QHostInfo info = lookupHost(host, context, limit);
    if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
        a.state = context.cancelled() ? State::Cancelled
            : info.error() == QHostInfo::HostNotFound ? State::NameNotFound
                                                      : State::Failed;
        a.errorText = info.errorString();
        return false;
    }
    out = info.addresses().constFirst();
    for (const QHostAddress &addr : info.addresses())
        if (addr.protocol() == QAbstractSocket::IPv4Protocol) {
            out = addr;
            break;
        }
    return true;
}

void askUdp(KdcAnswer &a, const QHostAddress &address, quint16 port, const QByteArray &request,
    const ProbeContext &context, QDeadlineTimer limit)
{
    QUdpSocket socket;
    // A connected UDP socket hears ICMP "port unreachable" as ECONNREFUSED: refused, not silent.
    socket.connectToHost(address, port);
    if (!socket.waitForConnected(kSliceMs)) {
        a.state = State::Failed;
        a.errorText = socket.errorString();
        return;
    }
    a.sentAt = QDateTime::currentDateTimeUtc();
    QElapsedTimer sinceSend;
    socket.write(request);
    sinceSend.start();
    for (;;) {
        if (socket.hasPendingDatagrams()) {
            const QNetworkDatagram d = socket.receiveDatagram(kerberoswire::kMaxMessage + 1);
            take(a, d.data());
            return;
        }
        if (socket.error() == QAbstractSocket::ConnectionRefusedError) {
            a.state = State::Refused;
            a.errorText = socket.errorString();
            return;
        }
        if (context.cancelled()) {
            a.state = State::Cancelled;
            return;
        }
        if (limit.hasExpired()) {
            a.state = State::Silent;
            return;
        }
        if (sinceSend.elapsed() >= kUdpResendMs) {
            socket.write(request);
            sinceSend.restart();
        }
        const int slice = int(std::min<qint64>(kSliceMs, std::max<qint64>(1, limit.remainingTime())));
        socket.waitForReadyRead(slice);
    }
}

void askTcp(KdcAnswer &a, const QHostAddress &address, quint16 port, const QByteArray &request,
    const ProbeContext &context, QDeadlineTimer limit)
{
    QTcpSocket socket;
    const TcpConnectResult c = connectTcp(socket, address.toString(), port, context, int(limit.remainingTime()));
    if (!c.connected()) {
        using T = TcpConnectResult::State;
        a.state = c.state == T::Refused ? State::Refused
            : c.state == T::Silent      ? State::Silent
            : c.state == T::NoRoute     ? State::NoRoute
            : c.state == T::Cancelled   ? State::Cancelled
                                        : State::Failed;
        a.errorText = c.errorText;
        return;
    }
    a.sentAt = QDateTime::currentDateTimeUtc();
    socket.write(kerberoswire::frameTcp(request));
    QByteArray reply;
    for (;;) {
        reply += socket.read(kerberoswire::kMaxMessage + 4 - reply.size());
        auto need = kerberoswire::tcpFrameSize(reply);
        if (!need) {
            a.state = State::Garbage;
            a.errorText = need.error().toString();
            a.receivedAt = QDateTime::currentDateTimeUtc();
            return;
        }
        if (*need && reply.size() >= **need) {
            take(a, reply.mid(4, **need - 4));
            return;
        }
        if (context.cancelled()) {
            a.state = State::Cancelled;
            return;
        }
        if (limit.hasExpired()) {
            a.state = State::Silent;
            a.errorText = reply.isEmpty() ? QString()
                                          : QStringLiteral("only %1 bytes of the reply arrived").arg(reply.size());
            return;
        }
        if (socket.state() != QAbstractSocket::ConnectedState && socket.bytesAvailable() == 0) {
            a.state = reply.isEmpty() ? State::Failed : State::Garbage;
            a.errorText = reply.isEmpty() ? QStringLiteral("the KDC closed the connection without an answer")
                                          : QStringLiteral("the connection closed after %1 bytes of the reply")
                                                .arg(reply.size());
            return;
        }
        waitReadable(socket, context, kSliceMs);
    }
}

} // namespace

QString kdcStateName(KdcAnswer::State s)
{
    switch (s) {
    case State::Answered:
        return QStringLiteral("answered");
    case State::OtherReply:
        return QStringLiteral("other-reply");
    case State::Garbage:
        return QStringLiteral("garbage");
    case State::Silent:
        return QStringLiteral("silent");
    case State::Refused:
        return QStringLiteral("refused");
    case State::NoRoute:
        return QStringLiteral("no-route");
    case State::NameNotFound:
        return QStringLiteral("name-not-found");
    case State::Cancelled:
        return QStringLiteral("cancelled");
    case State::Failed:
        return QStringLiteral("failed");
    }
    return QString();
}

QString transportName(KdcAnswer::Transport t)
{
    return t == KdcAnswer::Transport::Udp ? QStringLiteral("udp") : QStringLiteral("tcp");
}

KdcAnswer askKdc(const QString &host, quint16 port, KdcAnswer::Transport transport, const QByteArray &request,
    const ProbeContext &context, int limitMs)
{
    KdcAnswer a;
    a.transport = transport;
    QElapsedTimer clock;
    clock.start();
    const QDeadlineTimer limit = limitFor(context, limitMs);
    QHostAddress address;
    if (resolve(a, host, context, limit, address)) {
        a.address = address.toString();
        if (transport == KdcAnswer::Transport::Udp)
            askUdp(a, address, port, request, context, limit);
        else
            askTcp(a, address, port, request, context, limit);
    }
    a.ms = clock.elapsed();
    return a;
}

QJsonObject kdcAnswerToJson(const KdcAnswer &a)
{
    QJsonObject o { { QStringLiteral("state"), kdcStateName(a.state) }, { QStringLiteral("ms"), a.ms },
        { QStringLiteral("address"), a.address } };
    if (!a.errorText.isEmpty())
        o.insert(QStringLiteral("error"), a.errorText);
    if (a.error)
        o.insert(QStringLiteral("krb_error"),
            QJsonObject { { QStringLiteral("code"), a.error->errorCode }, { QStringLiteral("realm"), a.error->realm },
                { QStringLiteral("sname"), a.error->sname }, { QStringLiteral("e_text"), a.error->eText },
                { QStringLiteral("stime"), a.error->stime.toString(Qt::ISODateWithMs) } });
    return o;
}

const KdcAnswer *KdcAnswers::best() const
{
    if (udp.state == State::Answered)
        return &udp;
    if (tcp.state == State::Answered)
        return &tcp;
    return nullptr;
}

KdcAnswers askKdcBoth(const QString &host, quint16 port, const QByteArray &request, const ProbeContext &context,
    int limitMs)
{
    KdcAnswers out;
    // UDP on a helper thread (its sockets live there), TCP here; both bounded by the same limit.
    std::unique_ptr<QThread> udp(QThread::create([&] {
        out.udp = askKdc(host, port, KdcAnswer::Transport::Udp, request, context, limitMs);
    }));
    udp->start();
    out.tcp = askKdc(host, port, KdcAnswer::Transport::Tcp, request, context, limitMs);
    udp->wait();
    return out;
}

} // namespace ssod::core::probe
