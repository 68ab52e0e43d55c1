#include "core/probe/HttpRequest.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QSslCipher>
#include <QSslError>
#include <QTimer>

namespace ssod::core::probe {

namespace {

constexpr int kSliceMs = 50;
// Qt stops reading from the socket when this much is buffered: the cap on what a body can cost.
constexpr qint64 kReadChunk = 16 * 1024;

QString certificateName(const QStringList &parts)
{
    return parts.join(QStringLiteral(", "));
}

QJsonObject tlsFacts(const QSslConfiguration &c)
{
    QJsonObject o;
    const QSslCipher cipher = c.sessionCipher();
    if (!cipher.isNull()) {
        o.insert(QStringLiteral("protocol"), cipher.protocolString());
        o.insert(QStringLiteral("cipher"), cipher.name());
    }
    const QSslCertificate peer = c.peerCertificate();
    if (!peer.isNull()) {
        o.insert(QStringLiteral("subject"), certificateName(peer.subjectInfo(QSslCertificate::CommonName)));
        o.insert(QStringLiteral("issuer"), certificateName(peer.issuerInfo(QSslCertificate::CommonName)));
        o.insert(QStringLiteral("not_after"), peer.expiryDate().toUTC().toString(Qt::ISODate));
    }
    return o;
}

} // namespace

HttpResponse sendHttp(QNetworkAccessManager &manager, const HttpRequestSpec &spec, const ProbeContext &context)
{
    HttpResponse r;
    QElapsedTimer clock;
    clock.start();
    const QDeadlineTimer limit = std::min(QDeadlineTimer(spec.limitMs), context.deadline());

    QNetworkRequest request(spec.url);
    // Redirects are findings, not something to follow; Qt's own authentication must stay out of it.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
    if (spec.tls)
        request.setSslConfiguration(*spec.tls);
    for (const auto &[name, value] : spec.headers)
        request.setRawHeader(name, value);

    QNetworkReply *reply = manager.sendCustomRequest(request, spec.method, spec.body);
    reply->setReadBufferSize(kReadChunk);
    QEventLoop loop;
    bool aborted = false;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(reply, &QNetworkReply::readyRead, &loop, [&] {
        const QByteArray chunk = reply->read(kReadChunk);
        r.bodyBytes += chunk.size();
        if (r.bodyBytes >= spec.maxBodyBytes && !aborted) {
            r.bodyCut = true;
            aborted = true;
            reply->abort();
        }
    });
    QObject::connect(reply, &QNetworkReply::sslErrors, &loop, [&](const QList<QSslError> &errors) {
        for (const QSslError &e : errors)
            r.tlsErrors << e.errorString();
    });
    QObject::connect(reply, &QNetworkReply::encrypted, &loop, [&] { r.tls = tlsFacts(reply->sslConfiguration()); });
    QTimer tick;
    tick.setInterval(kSliceMs);
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (context.cancelled()) {
            r.end = HttpResponse::End::Cancelled;
        } else if (limit.hasExpired()) {
            r.end = HttpResponse::End::TimedOut;
        } else {
            return;
        }
        aborted = true;
        reply->abort();
        loop.quit();
    });
    tick.start();
    if (!reply->isFinished())
        loop.exec();
    tick.stop();

    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    r.status = status.isValid() ? status.toInt() : 0;
    for (const auto &[name, value] : reply->rawHeaderPairs()) {
        if (name.compare("WWW-Authenticate", Qt::CaseInsensitive) == 0)
            r.wwwAuthenticate << value;
        else if (name.compare("Location", Qt::CaseInsensitive) == 0)
            r.location = value.left(2048);
    }
    r.error = reply->error();
    if (r.status > 0 && r.end != HttpResponse::End::Cancelled) {
        // Headers came: an answer, even when the body was cut or never ended.
        r.end = HttpResponse::End::Answered;
    } else if (!aborted) {
        r.end = HttpResponse::End::Failed;
        r.errorText = reply->errorString();
    }
    if (r.tls.isEmpty() && spec.url.scheme() == QLatin1String("https"))
        r.tls = tlsFacts(reply->sslConfiguration());
    reply->disconnect();
    reply->abort();
    delete reply;
    r.ms = clock.elapsed();
    return r;
}

} // namespace ssod::core::probe
