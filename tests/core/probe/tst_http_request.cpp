// The HTTP transport of the Negotiate probe against a local server on the same thread (sendHttp's
// local event loop serves it): headers kept, redirects not followed, an endless body cut at the
// cap, silence and garbage ending within the limit.
#include "core/probe/HttpAuthHeader.h"
#include "core/probe/HttpRequest.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

using namespace ssod::core::probe;
using namespace Qt::StringLiterals;

namespace {

/// Answers every connection the same way once the request arrives.
class Server : public QObject {
public:
    enum class Mode { Challenge, Redirect, Endless, Silent, Garbage };
    explicit Server(Mode mode) : m_mode(mode)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection())
                QObject::connect(s, &QTcpSocket::readyRead, this, [this, s] { answer(s); });
        });
    }
    QUrl url(const QString &path = QStringLiteral("/")) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
    }
    qint64 sent = 0;

private:
    void answer(QTcpSocket *s)
    {
        s->readAll();
        if (s->property("answered").toBool())
            return;
        s->setProperty("answered", true);
        switch (m_mode) {
        case Mode::Challenge:
            s->write("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Negotiate\r\nWWW-Authenticate: NTLM\r\n"
                     "WWW-Authenticate: Basic realm=\"a, b\"\r\nContent-Length: 4\r\n\r\nnope");
            break;
        case Mode::Redirect:
            s->write("HTTP/1.1 302 Found\r\nLocation: http://elsewhere.invalid/x\r\nContent-Length: 0\r\n\r\n");
            break;
        case Mode::Endless:
            s->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n");
            QObject::connect(s, &QTcpSocket::bytesWritten, this, [this, s] {
                if (s->bytesToWrite() < 65536) {
                    sent += 65536;
                    s->write(QByteArray(65536, 'x'));
                }
            });
            sent += 65536;
            s->write(QByteArray(65536, 'x'));
            break;
        case Mode::Silent:
            break;
        case Mode::Garbage:
            s->write(QByteArray("\x16\x03\x01 this is not HTTP\r\n\r\n", 24));
            s->disconnectFromHost();
            break;
        }
    }
    Mode m_mode;
    QTcpServer m_server;
};

/// A GET of \a server's root through a fresh manager, limited to \a limitMs.
HttpResponse get(const Server &server, const ProbeContext &context, int limitMs = 5000, qint64 maxBody = 64 * 1024)
{
    QNetworkAccessManager manager;
    HttpRequestSpec spec;
    spec.url = server.url();
    spec.limitMs = limitMs;
    spec.maxBodyBytes = maxBody;
    return sendHttp(manager, spec, context);
}

} // namespace

class TestHttpRequest : public QObject {
    Q_OBJECT
private slots:
    void challengeHeaders()
    {
        Server server(Server::Mode::Challenge);
        const HttpResponse r = get(server, ProbeContext(5000));
        QVERIFY(r.answered());
        QCOMPARE(r.status, 401);
        QCOMPARE(challengeSchemes(parseAuthenticate(r.wwwAuthenticate)), (QStringList { u"Negotiate"_s, u"NTLM"_s, u"Basic"_s }));
    }
    void redirectNotFollowed()
    {
        Server server(Server::Mode::Redirect);
        const HttpResponse r = get(server, ProbeContext(5000));
        QCOMPARE(r.status, 302);
        QCOMPARE(r.location, QByteArray("http://elsewhere.invalid/x"));
    }
    void endlessBodyIsCut()
    {
        Server server(Server::Mode::Endless);
        constexpr qint64 cap = 256 * 1024;
        QElapsedTimer clock;
        clock.start();
        const HttpResponse r = get(server, ProbeContext(5000), 5000, cap);
        QVERIFY(r.answered());
        QCOMPARE(r.status, 200);
        QVERIFY(r.bodyCut);
        QVERIFY(r.bodyBytes >= cap && r.bodyBytes < cap + 64 * 1024);
        QVERIFY(clock.elapsed() < 4000);
    }
    void silenceEndsAtTheLimit()
    {
        Server server(Server::Mode::Silent);
        QElapsedTimer clock;
        clock.start();
        const HttpResponse r = get(server, ProbeContext(5000), 600);
        QCOMPARE(int(r.end), int(HttpResponse::End::TimedOut));
        QVERIFY2(clock.elapsed() >= 550 && clock.elapsed() < 900, qPrintable(QString::number(clock.elapsed())));
    }
    void cancelEndsPromptly()
    {
        Server server(Server::Mode::Silent);
        auto cancel = std::make_shared<std::atomic<bool>>(false);
        QTimer::singleShot(200, [cancel] { cancel->store(true); });
        QElapsedTimer clock;
        clock.start();
        const HttpResponse r = get(server, ProbeContext(QDeadlineTimer(5000), cancel));
        QCOMPARE(int(r.end), int(HttpResponse::End::Cancelled));
        QVERIFY(clock.elapsed() < 400);
    }
    void garbageFails()
    {
        Server server(Server::Mode::Garbage);
        const HttpResponse r = get(server, ProbeContext(3000));
        QCOMPARE(int(r.end), int(HttpResponse::End::Failed));
        QVERIFY(!r.errorText.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHttpRequest)
#include "tst_http_request.moc"
