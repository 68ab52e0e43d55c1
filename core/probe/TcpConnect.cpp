#include "core/probe/TcpConnect.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHostAddress>
#include <QHostInfo>
#include <QTimer>

namespace ssod::core::probe {

namespace {

constexpr int kSliceMs = 50;

QDeadlineTimer limitFor(const ProbeContext &context, int limitMs)
{
    const QDeadlineTimer own = limitMs < 0 ? QDeadlineTimer(QDeadlineTimer::Forever) : QDeadlineTimer(limitMs);
    return std::min(own, context.deadline());
}

} // namespace

QHostInfo lookupHost(const QString &host, const ProbeContext &context, QDeadlineTimer limit)
{
    QHostInfo result(-1);
    result.setError(QHostInfo::UnknownError);
    result.setErrorString(QStringLiteral("the name lookup of %1 did not finish in time").arg(host));
    QEventLoop loop;
    bool done = false;
    const int id = QHostInfo::lookupHost(host, &loop, [&](const QHostInfo &info) {
        result = info;
        done = true;
        loop.quit();
    });
    QTimer tick;
    tick.setInterval(kSliceMs);
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (context.cancelled() || limit.hasExpired())
            loop.quit();
    });
    tick.start();
    if (!done)
        loop.exec();
    if (!done)
        QHostInfo::abortHostLookup(id);
    return result;
}

QString tcpStateName(TcpConnectResult::State s)
{
    using S = TcpConnectResult::State;
    switch (s) {
    case S::Connected:
        return QStringLiteral("connected");
    case S::Refused:
        return QStringLiteral("refused");
    case S::Silent:
        return QStringLiteral("silent");
    case S::NoRoute:
        return QStringLiteral("no-route");
    case S::NameNotFound:
        return QStringLiteral("name-not-found");
    case S::Cancelled:
        return QStringLiteral("cancelled");
    case S::Failed:
        return QStringLiteral("failed");
    }
    return QString();
}

TcpConnectResult connectTcp(QAbstractSocket &socket, const QString &host, quint16 port, const ProbeContext &context,
    int limitMs)
{
    using S = TcpConnectResult::State;
    TcpConnectResult r;
    QElapsedTimer clock;
    clock.start();
    const QDeadlineTimer limit = limitFor(context, limitMs);
    // Qt's blocking connect resolves a name with a lookup no slice can interrupt: resolve first.
    QHostAddress address(host);
    if (address.isNull()) {
        const QHostInfo info = lookupHost(host, context, limit);
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            r.state = context.cancelled() ? S::Cancelled
                : info.error() == QHostInfo::HostNotFound ? S::NameNotFound
                                                          : S::Failed;
            r.errorText = info.errorString();
            r.ms = clock.elapsed();
            return r;
        }
        address = info.addresses().constFirst();
        for (const QHostAddress &a : info.addresses())
            if (a.protocol() == QAbstractSocket::IPv4Protocol) {
                address = a; // as most clients do first
                break;
            }
    }
    r.address = address.toString();
    // Waited for in an event loop, not in waitForConnected() slices: a timed-out
    // waitForConnected() abandons the attempt (Qt resets the socket), so a server whose SYN-ACK
    // comes after the first slice (a retransmitted SYN, a distant site) was called silent while
    // the loop spun on a dead socket until the deadline.
    bool failed = false;
    QEventLoop loop;
    QObject::connect(&socket, &QAbstractSocket::connected, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QAbstractSocket::errorOccurred, &loop, [&failed, &loop] {
        failed = true;
        loop.quit();
    });
    QTimer tick; // cancel is a flag: looked at every slice
    tick.setInterval(kSliceMs);
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (context.cancelled())
            loop.quit();
    });
    QTimer end;
    end.setSingleShot(true);
    end.setTimerType(Qt::PreciseTimer);
    QObject::connect(&end, &QTimer::timeout, &loop, &QEventLoop::quit);
    socket.connectToHost(address, port);
    if (socket.state() != QAbstractSocket::ConnectedState && !failed && !context.cancelled() && !limit.hasExpired()) {
        tick.start();
        if (!limit.isForever())
            end.start(int(std::max<qint64>(0, limit.remainingTime())));
        loop.exec();
    }
    QObject::disconnect(&socket, nullptr, &loop, nullptr);
    if (socket.state() == QAbstractSocket::ConnectedState) {
        r.state = S::Connected;
    } else if (failed) {
        switch (socket.error()) {
        case QAbstractSocket::ConnectionRefusedError:
            r.state = S::Refused;
            break;
        case QAbstractSocket::HostNotFoundError:
            r.state = S::NameNotFound;
            break;
        case QAbstractSocket::NetworkError:
            r.state = S::NoRoute;
            break;
        default:
            r.state = S::Failed;
            break;
        }
        r.errorText = socket.errorString();
    } else if (context.cancelled()) {
        socket.abort();
        r.state = S::Cancelled;
    } else {
        // The deadline: the SYN went unanswered.
        socket.abort();
        r.state = S::Silent;
    }
    r.ms = clock.elapsed();
    return r;
}

bool waitReadable(QAbstractSocket &socket, const ProbeContext &context, int limitMs)
{
    const QDeadlineTimer limit = limitFor(context, limitMs);
    while (socket.bytesAvailable() == 0) {
        if (context.cancelled() || limit.hasExpired() || socket.state() != QAbstractSocket::ConnectedState)
            return socket.bytesAvailable() > 0;
        const int slice = int(std::min<qint64>(kSliceMs, std::max<qint64>(1, limit.remainingTime())));
        socket.waitForReadyRead(slice);
    }
    return true;
}

} // namespace ssod::core::probe
