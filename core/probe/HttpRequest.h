#pragma once

#include "core/probe/Probe.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkReply>
#include <QPair>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;

namespace ssod::core::probe {

/// One HTTP request the probe sends, and what it may cost.
struct HttpRequestSpec {
    QUrl url;
    QByteArray method = "GET";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    int limitMs = 5000; ///< also bounded by the context's deadline
    qint64 maxBodyBytes = 64 * 1024; ///< read and dropped beyond this: an endless body ends the read
    std::optional<QSslConfiguration> tls; ///< for https (a CA file); else the system's
};

/// What came back: the status line and the headers the probe needs, never the whole body.
struct HttpResponse {
    enum class End {
        Answered, ///< a status line and headers came back (the body may be cut at the cap)
        TimedOut, ///< no (complete) answer before the limit
        Cancelled,
        Failed, ///< refused, reset, TLS failure, not HTTP, …: errorText says what
    };
    End end = End::Failed;
    int status = 0;
    QList<QByteArray> wwwAuthenticate; ///< every WWW-Authenticate value, as Qt gives them
    QByteArray location; ///< of a redirect
    qint64 bodyBytes = 0; ///< read (and dropped)
    bool bodyCut = false; ///< stopped at maxBodyBytes
    qint64 ms = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorText;
    QStringList tlsErrors;
    QJsonObject tls; ///< protocol, cipher, peer certificate subject/issuer (https only)

    bool answered() const { return end == End::Answered; }
};

/**
 * Sends \a spec through \a manager on the calling (worker) thread and waits on a local event loop,
 * aborting the reply when the limit passes or the context is stopped (checked every 50 ms). Never
 * follows a redirect (the caller reports it) and never keeps more than the headers: the body is
 * read in chunks and dropped, so an endless body costs no memory.
 */
HttpResponse sendHttp(QNetworkAccessManager &manager, const HttpRequestSpec &spec, const ProbeContext &context);

} // namespace ssod::core::probe
