#include "core/probe/PortsProbe.h"

#include "core/probe/FindingCatalog.h"
#include "core/probe/PortsPlan.h"
#include "core/probe/TcpConnect.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QJsonArray>
#include <QTcpSocket>
#include <QThread>

#include <memory>
#include <vector>

namespace ssod::core::probe {

namespace {

/// Left of the context's deadline so the report is out before the runner gives up on the probe.
constexpr int kMarginMs = 100;

QString tr(const char *text)
{
    return QCoreApplication::translate("PortsProbe", text);
}

QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', 1);
}

/// The address the ports are tried on: the host's first IPv4 address, as most clients try first.
Result<QHostAddress> addressOf(const QString &host, const ProbeContext &context, int limitMs, bool *notFound)
{
    const QHostAddress literal(host);
    if (!literal.isNull())
        return literal;
    const QHostInfo info = lookupHost(host, context, QDeadlineTimer(limitMs));
    *notFound = info.error() == QHostInfo::HostNotFound;
    if (info.error() != QHostInfo::NoError || info.addresses().isEmpty())
        return Error::notFound(info.errorString().isEmpty() ? tr("no address") : info.errorString());
    for (const QHostAddress &a : info.addresses())
        if (a.protocol() == QAbstractSocket::IPv4Protocol)
            return a;
    return info.addresses().constFirst();
}

} // namespace

QString PortsProbe::description() const
{
    return tr("TCP reachability of a host's ports (Kerberos, LDAP, SMB, RDP, WinRM, web), telling refused "
              "from silently dropped");
}

ProbeReport PortsProbe::run(const ProbeRequest &request, const ProbeContext &context) const
{
    const QString host = request.target.trimmed();
    if (host.isEmpty() || host.size() > 253)
        return badTargetReport(request.target, tr("give a host name or an address"));
    auto plan = PortsPlan::fromOptions(request.options);
    if (!plan)
        return badTargetReport(host, plan.error().message);

    ProbeReport report;
    const FindingCatalog &catalog = FindingCatalog::builtin();
    QJsonObject data { { QStringLiteral("host"), host } };
    const auto budget = [&context] { return std::max(0, context.remainingMs() - kMarginMs); };

    bool notFound = false;
    const auto address = addressOf(host, context, budget(), &notFound);
    if (!address) {
        if (context.cancelled()) {
            report.outcome = Outcome::Cancelled;
            return report;
        }
        report.findings << catalog.make(notFound ? QStringLiteral("ports.name-not-found") : QStringLiteral("ports.lookup-failed"),
            host, { { QStringLiteral("host"), host }, { QStringLiteral("detail"), address.error().message } });
        if (!notFound && context.remainingMs() <= kMarginMs)
            report.outcome = Outcome::TimedOut;
        data.insert(QStringLiteral("address"), QString());
        data.insert(QStringLiteral("ports"), QJsonArray());
        report.data = data;
        return report;
    }
    const QString addressText = address->toString();
    data.insert(QStringLiteral("address"), addressText);

    // One thread per port, all started before any is waited for: the waits overlap, so N silent
    // ports cost one timeout, not N.
    const int limitMs = budget();
    std::vector<TcpConnectResult> results(size_t(plan->ports.size()));
    std::vector<std::unique_ptr<QThread>> threads;
    for (qsizetype i = 0; i < plan->ports.size(); ++i) {
        const quint16 port = plan->ports.at(i).port;
        TcpConnectResult *slot = &results[size_t(i)];
        threads.emplace_back(QThread::create([slot, port, addressText, &context, limitMs] {
            QTcpSocket socket; // lives and dies on this thread, as connectTcp requires
            *slot = connectTcp(socket, addressText, port, context, limitMs);
            socket.abort();
        }));
        threads.back()->start();
    }
    for (auto &t : threads)
        t->wait(); // each connectTcp ends by limitMs (+ one 50 ms slice) or at a cancel

    QJsonArray ports;
    for (qsizetype i = 0; i < plan->ports.size(); ++i) {
        const PortsPlan::Port &p = plan->ports.at(i);
        const TcpConnectResult &r = results[size_t(i)];
        const QString service = portService(p.port);
        const QString state = tcpStateName(r.state);
        ports.append(QJsonObject { { QStringLiteral("port"), p.port }, { QStringLiteral("service"), service },
            { QStringLiteral("state"), state }, { QStringLiteral("ms"), r.ms },
            { QStringLiteral("expected"), p.shouldBeClosed ? QStringLiteral("closed") : QStringLiteral("open") } });
        const QString id = portFindingId(r.state, p.shouldBeClosed);
        if (id.isEmpty())
            continue;
        QList<Evidence> evidence { { tr("Address"), QStringLiteral("%1:%2").arg(addressText).arg(p.port) },
            { tr("Result"), tr("%1 after %2 ms").arg(state).arg(r.ms) } };
        if (!r.errorText.isEmpty() && r.state != TcpConnectResult::State::Connected)
            evidence << Evidence { tr("Error"), r.errorText };
        report.findings << catalog.make(id, QStringLiteral("%1:%2").arg(host).arg(p.port),
            { { QStringLiteral("host"), host }, { QStringLiteral("port"), p.port },
                { QStringLiteral("service"), service }, { QStringLiteral("address"), addressText },
                { QStringLiteral("ms"), r.ms }, { QStringLiteral("seconds"), seconds(limitMs) },
                { QStringLiteral("state"), state },
                { QStringLiteral("detail"), r.errorText.isEmpty() ? state : r.errorText } },
            evidence);
    }
    data.insert(QStringLiteral("ports"), ports);
    report.data = data;
    if (context.cancelled())
        report.outcome = Outcome::Cancelled;
    return report;
}

} // namespace ssod::core::probe
