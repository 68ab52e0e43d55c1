#include "core/probe/UrlFetcher.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <memory>

namespace ssod::core::probe {

namespace {

constexpr qint64 kMaxBody = 1024 * 1024;
constexpr int kSliceMs = 50;

struct Pending {
    UrlFetch *fetch = nullptr;
    QPointer<QNetworkReply> reply;
    qint64 bytes = 0;
    bool tooLarge = false;
    bool done = false;
};

void finish(Pending &p, qint64 ms, bool timedOut)
{
    UrlFetch &f = *p.fetch;
    f.ms = ms;
    p.done = true;
    QNetworkReply *r = p.reply;
    if (timedOut) {
        f.state = UrlFetch::State::TimedOut;
        f.result = QStringLiteral("no answer within %1 ms").arg(ms);
    } else if (p.tooLarge) {
        f.state = UrlFetch::State::Answered;
        f.httpStatus = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        f.result = QStringLiteral("HTTP %1, stopped after %2 bytes").arg(f.httpStatus).arg(p.bytes);
    } else if (r->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid()) {
        f.httpStatus = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        f.state = f.httpStatus >= 200 && f.httpStatus < 300 ? UrlFetch::State::Answered : UrlFetch::State::HttpError;
        f.result = QStringLiteral("HTTP %1, %2 bytes").arg(f.httpStatus).arg(p.bytes);
    } else {
        f.state = UrlFetch::State::Failed;
        f.result = r->errorString();
    }
    if (r) {
        r->disconnect();
        r->abort();
        r->deleteLater();
    }
}

} // namespace

QList<UrlFetch> fetchUrls(const QStringList &urls, const ProbeContext &context, int perUrlLimitMs)
{
    QList<UrlFetch> out;
    out.reserve(urls.size());
    for (const QString &u : urls) {
        UrlFetch f;
        f.url = u;
        out.append(f);
    }
    QNetworkAccessManager nam;
    nam.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy); // a redirect is a result to report
    QEventLoop loop;
    QElapsedTimer clock;
    clock.start();
    const QDeadlineTimer limit = std::min(QDeadlineTimer(perUrlLimitMs), context.deadline());
    std::vector<std::unique_ptr<Pending>> pending;
    for (UrlFetch &f : out) {
        const QUrl url(f.url, QUrl::StrictMode);
        const QString scheme = url.scheme().toLower();
        if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
            f.state = UrlFetch::State::Skipped;
            f.result = url.isValid() ? QStringLiteral("skipped: %1 URL, only http is fetched").arg(scheme)
                                     : QStringLiteral("skipped: not a valid URL");
            continue;
        }
        auto p = std::make_unique<Pending>();
        p->fetch = &f;
        QNetworkRequest req(url);
        req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        p->reply = nam.get(req);
        Pending *raw = p.get();
        QObject::connect(p->reply, &QNetworkReply::readyRead, &loop, [raw] {
            raw->bytes += raw->reply->read(64 * 1024).size();
            if (raw->bytes > kMaxBody) {
                raw->tooLarge = true;
                raw->reply->abort();
            }
        });
        QObject::connect(p->reply, &QNetworkReply::finished, &loop, [raw, &clock, &loop, &pending] {
            if (!raw->done) {
                raw->bytes += raw->reply->readAll().size();
                finish(*raw, clock.elapsed(), false);
            }
            if (std::all_of(pending.cbegin(), pending.cend(), [](const auto &x) { return x->done; }))
                loop.quit();
        });
        pending.push_back(std::move(p));
    }
    if (pending.empty())
        return out;
    QTimer tick;
    tick.setInterval(kSliceMs);
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (limit.hasExpired() || context.cancelled())
            loop.quit();
    });
    tick.start();
    loop.exec();
    for (auto &p : pending)
        if (!p->done)
            finish(*p, clock.elapsed(), true);
    return out;
}

} // namespace ssod::core::probe
