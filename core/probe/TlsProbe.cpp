#include "core/probe/TlsProbe.h"

#include "core/probe/CertificateCheck.h"
#include "core/probe/CertificateFile.h"
#include "core/probe/FindingCatalog.h"
#include "core/probe/HostPort.h"

#include <QFileInfo>
#include "core/probe/TcpConnect.h"

#include <QCoreApplication>
#include <QSslSocket>

namespace ssod::core::probe {

namespace {

const QStringList &purposes()
{
    static const QStringList p { QStringLiteral("https"), QStringLiteral("winrm"), QStringLiteral("ldaps"),
        QStringLiteral("rdp") };
    return p;
}

/// 64 KiB is far more than any certificate chain; a server that streams more waits, not us.
constexpr qint64 kReadBuffer = 64 * 1024;

} // namespace

QString TlsProbe::description() const
{
    return QCoreApplication::translate("TlsProbe",
        "TLS certificate: chain, name, dates, key, EKU, thumbprint and the CRL/AIA/OCSP URLs a client fetches");
}

namespace {

/// A --ca-file that cannot be used: the check cannot run (Failed), and says why.
ProbeReport caFileFailed(const Error &error)
{
    ProbeReport report;
    report.outcome = Outcome::Failed;
    report.error = error.toString();
    return report;
}

} // namespace

ProbeReport TlsProbe::checkFile(const ProbeRequest &request, const ProbeContext &context, const QString &purpose)
{
    const QString path = request.target.trimmed();
    const QString name = request.options.value(QStringLiteral("name")).toString().trimmed();
    if (name.isEmpty())
        return badTargetReport(path, tr("a certificate file needs --name NAME: the name users type to reach the "
                                        "service (the farm name on an RDS farm), which the certificate must carry"));
    if (!purposes().contains(purpose))
        return badTargetReport(path, QStringLiteral("--purpose must be one of %1").arg(purposes().join(QLatin1String(", "))));
    ProbeReport report;
    QString caSource;
    const auto cas = trustedCertificates(request.options.value(QStringLiteral("caFile")).toString(), &caSource);
    if (!cas)
        return caFileFailed(cas.error());
    auto file = readCertificateFile(path);
    if (!file)
        return badTargetReport(path, file.error().message);
    report.data = QJsonObject { { QStringLiteral("file"), path }, { QStringLiteral("format"), file->format },
        { QStringLiteral("name"), name } };
    CertificateCheckInput in;
    in.subject = QFileInfo(path).fileName();
    in.host = name;
    in.name = name;
    in.purpose = purpose;
    in.caSource = caSource;
    in.fetchRevocation = !request.options.value(QStringLiteral("noRevocation")).toBool();
    in.session.chain = file->chain;
    in.session.errors = verifyCertificateChain(file->chain, *cas);
    const CertificateCheckResult check = CertificateCheck::run(in, context);
    for (auto it = check.data.begin(); it != check.data.end(); ++it)
        report.data.insert(it.key(), it.value());
    report.findings << check.findings;
    return report;
}

ProbeReport TlsProbe::run(const ProbeRequest &request, const ProbeContext &context) const
{
    ProbeReport report;
    const FindingCatalog &cat = FindingCatalog::builtin();
    const QString purpose = request.options.value(QStringLiteral("purpose"), QStringLiteral("https")).toString();
    // A certificate file instead of host:port: the same checks, without a connection.
    if (const QFileInfo file(request.target.trimmed()); !request.target.trimmed().isEmpty() && file.isFile())
        return checkFile(request, context, purpose);
    auto target = parseHostPort(request.target, 443);
    if (!target || !purposes().contains(purpose)) {
        report.outcome = Outcome::Failed;
        report.error = !target ? target.error().toString()
                               : QStringLiteral("--purpose must be one of %1").arg(purposes().join(QLatin1String(", ")));
        return report;
    }
    QString caSource;
    const auto cas = trustedCertificates(request.options.value(QStringLiteral("caFile")).toString(), &caSource);
    if (!cas)
        return caFileFailed(cas.error());
    const QString name = request.options.value(QStringLiteral("name"), target->host).toString();
    const QString subject = QStringLiteral("%1:%2").arg(target->host).arg(target->port);
    report.data = QJsonObject { { QStringLiteral("host"), target->host }, { QStringLiteral("port"), target->port },
        { QStringLiteral("name"), name } };

    const QDeadlineTimer budget = probeBudget(context);
    QSslSocket socket;
    socket.setReadBufferSize(kReadBuffer);
    const TcpConnectResult tcp = connectTcp(socket, target->host, target->port, context, msLeft(budget));
    report.data.insert(QStringLiteral("connect"), tcpStateName(tcp.state));
    report.data.insert(QStringLiteral("connect_ms"), tcp.ms);
    if (!tcp.connected()) {
        if (tcp.state == TcpConnectResult::State::Cancelled)
            report.outcome = Outcome::Cancelled;
        else if (tcp.state == TcpConnectResult::State::Silent)
            report.outcome = Outcome::TimedOut;
        report.findings << cat.make(QStringLiteral("tls.connect-failed"), subject,
            { { QStringLiteral("target"), subject }, { QStringLiteral("state"), tcpStateName(tcp.state) } },
            { { QObject::tr("Address"), tcp.address }, { QObject::tr("Time"), QStringLiteral("%1 ms").arg(tcp.ms) },
                { QObject::tr("Error"), tcp.errorText } });
        return report;
    }
    CertificateCheckInput in;
    in.subject = subject;
    in.host = target->host;
    in.name = name;
    in.purpose = purpose;
    in.caSource = caSource;
    in.fetchRevocation = !request.options.value(QStringLiteral("noRevocation")).toBool();
    in.session = startTls(socket, name, *cas, context, budget);
    socket.abort();
    report.data.insert(QStringLiteral("handshake_ms"), in.session.ms);
    report.data.insert(QStringLiteral("protocol"), in.session.protocol);
    report.data.insert(QStringLiteral("cipher"), in.session.cipher);
    if (!in.session.encrypted && in.session.chain.isEmpty()) {
        if (in.session.timedOut)
            report.outcome = context.cancelled() ? Outcome::Cancelled : Outcome::TimedOut;
        report.findings << cat.make(QStringLiteral("tls.handshake-failed"), subject,
            { { QStringLiteral("target"), subject }, { QStringLiteral("reason"), in.session.errorText } });
        return report;
    }
    const CertificateCheckResult check = CertificateCheck::run(in, context);
    for (auto it = check.data.begin(); it != check.data.end(); ++it)
        report.data.insert(it.key(), it.value());
    report.findings << check.findings;
    return report;
}

} // namespace ssod::core::probe
