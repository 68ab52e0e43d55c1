#include "core/probe/TlsSession.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslSocket>

namespace ssod::core::probe {

namespace {

constexpr int kSliceMs = 50;

QString protocolName(QSsl::SslProtocol p)
{
    switch (p) {
    case QSsl::TlsV1_2:
        return QStringLiteral("TLS 1.2");
    case QSsl::TlsV1_3:
        return QStringLiteral("TLS 1.3");
    default:
        break;
    }
    QT_WARNING_PUSH
    QT_WARNING_DISABLE_DEPRECATED
    if (p == QSsl::TlsV1_0)
        return QStringLiteral("TLS 1.0");
    if (p == QSsl::TlsV1_1)
        return QStringLiteral("TLS 1.1");
    QT_WARNING_POP
    return QStringLiteral("unknown");
}

} // namespace

QDeadlineTimer probeBudget(const ProbeContext &context)
{
    constexpr int kMarginMs = 100;
    return QDeadlineTimer(std::max(0, context.remainingMs() - kMarginMs));
}

int msLeft(QDeadlineTimer budget)
{
    return int(std::max<qint64>(0, budget.remainingTime()));
}

TlsSession startTls(QSslSocket &socket, const QString &verifyName, const QList<QSslCertificate> &caCertificates,
    const ProbeContext &context, QDeadlineTimer budget)
{
    TlsSession s;
    QElapsedTimer clock;
    clock.start();
    QSslConfiguration conf = socket.sslConfiguration();
    if (!caCertificates.isEmpty())
        conf.setCaCertificates(caCertificates);
    conf.setPeerVerifyMode(QSslSocket::QueryPeer);
    QT_WARNING_PUSH
    QT_WARNING_DISABLE_DEPRECATED
    conf.setProtocol(QSsl::TlsV1_0OrLater); // an old RDP host still deserves a diagnosis
    QT_WARNING_POP
    // OpenSSL 3's default security level refuses RSA-1024 and SHA-1 certificates during the
    // handshake; a diagnostic client must see them to report them.
    conf.setBackendConfigurationOption(QByteArrayLiteral("CipherString"), QByteArrayLiteral("DEFAULT:@SECLEVEL=0"));
    socket.setSslConfiguration(conf);
    socket.setPeerVerifyName(verifyName);
    socket.startClientEncryption();
    while (!socket.isEncrypted()) {
        if (context.cancelled() || budget.hasExpired()) {
            s.timedOut = true;
            s.errorText = QStringLiteral("the TLS handshake did not finish in time");
            break;
        }
        if (socket.state() != QAbstractSocket::ConnectedState) {
            s.errorText = socket.errorString();
            break;
        }
        const int slice = std::max(1, std::min(kSliceMs, msLeft(budget)));
        if (socket.waitForEncrypted(slice))
            break;
        if (socket.error() != QAbstractSocket::SocketTimeoutError
            && socket.error() != QAbstractSocket::UnknownSocketError) {
            s.errorText = socket.errorString();
            break;
        }
    }
    s.encrypted = socket.isEncrypted();
    s.chain = socket.peerCertificateChain();
    s.errors = socket.sslHandshakeErrors();
    if (s.encrypted) {
        s.protocol = protocolName(socket.sessionProtocol());
        s.cipher = socket.sessionCipher().name();
    }
    s.ms = clock.elapsed();
    return s;
}

Result<QList<QSslCertificate>> trustedCertificates(const QString &caFile, QString *source)
{
    *source = QStringLiteral("system store");
    if (caFile.isEmpty())
        return QList<QSslCertificate>();
    QFile f(caFile);
    if (!f.open(QIODevice::ReadOnly))
        return Error::io(QStringLiteral("cannot read the CA file: %1").arg(f.errorString()), caFile);
    // A CA bundle is small; a huge file is a mistake, not a bundle.
    const QByteArray bytes = f.read(4 * 1024 * 1024);
    QList<QSslCertificate> extra = QSslCertificate::fromData(bytes, QSsl::Pem);
    if (extra.isEmpty())
        extra = QSslCertificate::fromData(bytes, QSsl::Der);
    if (extra.isEmpty())
        return Error::invalid(QStringLiteral("the CA file holds no PEM or DER certificate"), caFile);
    *source = caFile;
    return extra;
}

} // namespace ssod::core::probe
