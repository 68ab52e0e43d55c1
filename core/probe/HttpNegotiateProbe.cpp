#include "core/probe/HttpNegotiateProbe.h"

#include "core/directory/DnsHostResolver.h"
#include "core/directory/PredictionTarget.h"
#include "core/directory/SpnPredictor.h"
#include "core/probe/FindingCatalog.h"
#include "core/probe/HttpAuthHeader.h"
#include "core/probe/HttpRequest.h"
#include "core/probe/NegotiateClient.h"
#include "core/probe/TcpConnect.h"

#include <QCoreApplication>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSslCertificate>
#include <QTcpSocket>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace ssod::core::probe {

namespace dir = ssod::core::directory;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("HttpNegotiateProbe", text);
}

// The probe returns this long before its deadline, so the runner never has to give up on it.
constexpr int kMarginMs = 100;
// One request never takes more than this, whatever the probe's timeout.
constexpr int kRequestCapMs = 10000;
// One DNS query of the SPN prediction.
constexpr int kDnsQueryCapMs = 2000;

/// What one run collects; turned into data and findings as it goes.
struct Run {
    const ProbeContext &context;
    QDeadlineTimer end;
    ProbeReport report;
    QString url;
    QString host;
    QVariantMap args; ///< the placeholders every finding of this run may use
    QString mechanism = QStringLiteral("none");
    QString mutual = QStringLiteral("absent");

    int limit(int cap = kRequestCapMs) const { return int(std::min<qint64>(cap, std::max<qint64>(0, end.remainingTime()))); }

    void add(const QString &id, const QVariantMap &extra = {}, const QList<Evidence> &evidence = {},
        const QVariantMap &fixInputs = {})
    {
        QVariantMap a = args;
        a.insert(extra);
        report.findings << FindingCatalog::builtin().make(id, url, a, evidence, fixInputs);
    }
    void fallback(const QString &reason)
    {
        mechanism = QStringLiteral("ntlm");
        report.data.insert(QStringLiteral("fallback_reason"), reason);
        add(QStringLiteral("http.ntlm-fallback"), { { QStringLiteral("reason"), reason } });
    }
};

/// Runs one GSSAPI step on its own thread, so a KDC that does not answer cannot hold the probe past
/// its deadline: on timeout or cancel the thread is left to finish alone (it owns what it touches).
std::optional<GssStatus> boundedGss(std::function<GssStatus()> work, Run &run)
{
    struct Shared {
        std::mutex m;
        std::condition_variable cv;
        bool done = false;
        GssStatus status;
    };
    auto shared = std::make_shared<Shared>();
    std::thread([shared, work = std::move(work)] {
        GssStatus s = work();
        std::lock_guard lock(shared->m);
        shared->status = s;
        shared->done = true;
        shared->cv.notify_all();
    }).detach();
    std::unique_lock lock(shared->m);
    while (!shared->done) {
        if (run.context.cancelled() || run.end.hasExpired())
            return std::nullopt;
        shared->cv.wait_for(lock, std::chrono::milliseconds(50));
    }
    return shared->status;
}

/**
 * Owns the run's QNetworkAccessManager. Destroying a manager waits for Qt's HTTP thread, which a
 * server flooding an endless header keeps busy for ~400 ms (measured) after the reply is aborted:
 * after a request that did not end normally, the manager is let go without a thread and deleted on
 * a thread of its own, so the probe still returns by its deadline.
 */
class ManagerHolder final {
public:
    ManagerHolder() : m_manager(new QNetworkAccessManager) { }
    ~ManagerHolder()
    {
        if (!m_abandon) {
            delete m_manager;
            return;
        }
        m_manager->moveToThread(nullptr);
        std::thread([manager = m_manager] { delete manager; }).detach();
    }
    ManagerHolder(const ManagerHolder &) = delete;
    ManagerHolder &operator=(const ManagerHolder &) = delete;
    QNetworkAccessManager &get() { return *m_manager; }
    void noteEnd(const HttpResponse &r) { m_abandon = m_abandon || r.end != HttpResponse::End::Answered || r.bodyCut; }

private:
    QNetworkAccessManager *m_manager;
    bool m_abandon = false;
};

/// The response handling every request shares; false when the probe cannot go on.
bool answered(const HttpResponse &r, Run &run)
{
    switch (r.end) {
    case HttpResponse::End::Answered:
        return true;
    case HttpResponse::End::Cancelled:
        run.report.outcome = Outcome::Cancelled;
        return false;
    case HttpResponse::End::TimedOut:
        run.report.outcome = Outcome::TimedOut;
        run.add(QStringLiteral("probe.no-answer"),
            { { QStringLiteral("probe"), QStringLiteral("HTTP Negotiate") }, { QStringLiteral("target"), run.url },
                { QStringLiteral("seconds"), QString::number(r.ms / 1000.0, 'f', 1) } },
            { { tr("Waited"), tr("%1 ms for the status line and headers").arg(r.ms) } });
        return false;
    case HttpResponse::End::Failed:
        break;
    }
    if (!r.tlsErrors.isEmpty() || r.error == QNetworkReply::SslHandshakeFailedError) {
        QList<Evidence> ev;
        for (const QString &e : r.tlsErrors)
            ev << Evidence { tr("TLS error"), e };
        run.add(QStringLiteral("http.tls-failed"),
            { { QStringLiteral("reason"), r.tlsErrors.isEmpty() ? r.errorText : r.tlsErrors.join(QStringLiteral("; ")) } }, ev);
    } else {
        run.add(QStringLiteral("http.bad-response"), { { QStringLiteral("reason"), r.errorText } },
            { { tr("Qt network error"), QString::number(int(r.error)) } });
    }
    return false;
}

QJsonArray stepsJson(const QList<dir::PredictionStep> &steps)
{
    QJsonArray out;
    for (const auto &s : steps)
        out.append(QJsonObject { { QStringLiteral("kind"), dir::stepKindId(s.kind) }, { QStringLiteral("text"), s.text } });
    return out;
}

QList<Evidence> stepsEvidence(const QList<dir::PredictionStep> &steps)
{
    QList<Evidence> out;
    for (const auto &s : steps)
        out << Evidence { dir::stepKindId(s.kind), s.text };
    return out;
}

QList<Evidence> gssEvidence(const GssStatus &s)
{
    QList<Evidence> ev { { tr("GSSAPI"), s.text },
        { tr("GSS major / minor"), QStringLiteral("0x%1 / %2").arg(s.major, 8, 16, QLatin1Char('0')).arg(s.krb5Code) } };
    if (s.kerberosProtocolCode >= 0)
        ev << Evidence { tr("Kerberos error code"), QString::number(s.kerberosProtocolCode) };
    return ev;
}

/// The SPN the client builds, with the reasoning; falls back to HTTP/host when the prediction fails.
struct SpnChoice {
    QString spn;
    bool kerberos = true;
    QString canonical; ///< the name a CNAME led to, when the client followed one
    QList<dir::PredictionStep> steps;
};


/// DNS bounded by the probe: each query by the cap and what is left, ended by a cancel.
dir::DnsHostResolver::Options resolverOptions(Run &run)
{
    dir::DnsHostResolver::Options o;
    o.timeoutMs = run.limit(kDnsQueryCapMs);
    o.deadline = run.end;
    o.stop = [&run] { return run.context.stopped() || run.end.hasExpired(); };
    return o;
}
SpnChoice chooseSpn(const QString &url, const QString &host, dir::ClientProfile client, const QString &given, Run &run)
{
    SpnChoice c;
    using Kind = dir::PredictionStep::Kind;
    if (!given.isEmpty()) {
        c.spn = given;
        c.steps << dir::PredictionStep { Kind::Spn, tr("%1 was given with --spn.").arg(given) };
        return c;
    }
    dir::DnsHostResolver resolver(resolverOptions(run));
    auto p = dir::predictSpn(url, client, resolver, nullptr, QString());
    if (!p) {
        c.spn = QStringLiteral("HTTP/") + host;
        c.steps << dir::PredictionStep { Kind::Finding, tr("The prediction failed: %1").arg(p.error().message) }
                << dir::PredictionStep { Kind::Spn, tr("Assumed: %1.").arg(c.spn) };
        return c;
    }
    c.spn = p->spn;
    c.kerberos = p->kerberos;
    c.steps = p->steps;
    if (std::any_of(p->steps.begin(), p->steps.end(), [](const auto &s) { return s.kind == Kind::Cname; }))
        c.canonical = p->requestedName;
    return c;
}

/// Reports the CNAME of the URL's host: the name the SPN came from, or one the client ignored.
void reportCname(const SpnChoice &c, dir::ClientProfile client, Run &run)
{
    const QVariantMap extra { { QStringLiteral("spn"), c.spn }, { QStringLiteral("client"), dir::clientProfileName(client) } };
    if (!c.canonical.isEmpty() && c.canonical != run.host) {
        QVariantMap a = extra;
        a.insert(QStringLiteral("canonical"), c.canonical);
        run.add(QStringLiteral("http.cname"), a);
        return;
    }
    if (QHostAddress(run.host).protocol() != QAbstractSocket::UnknownNetworkLayerProtocol || run.end.hasExpired())
        return;
    dir::DnsHostResolver resolver(resolverOptions(run));
    auto resolved = resolver.canonicalName(run.host);
    if (resolved && !resolved->cnameChain.isEmpty()) {
        QVariantMap a = extra;
        a.insert(QStringLiteral("canonical"), resolved->canonicalName);
        run.add(QStringLiteral("http.cname-as-typed"), a,
            { { tr("CNAME chain"), run.host + QStringLiteral(" → ") + resolved->cnameChain.join(QStringLiteral(" → ")) } });
    }
}

/// Checks the server's answer to the token: 2xx with a verified AP-REP, a rejection, or else.
void judgeAnswer(const HttpResponse &r, const SpnChoice &c, const std::shared_ptr<NegotiateClient> &gss, Run &run)
{
    const QList<AuthChallenge> challenges = parseAuthenticate(r.wwwAuthenticate);
    const AuthChallenge *negotiate = findChallenge(challenges, QStringLiteral("Negotiate"));
    const QByteArray serverToken = negotiate ? QByteArray::fromBase64(negotiate->token) : QByteArray();
    const NegotiateTokenKind kind = classifyNegotiateToken(serverToken);
    run.report.data.insert(QStringLiteral("server_token_kind"), negotiateTokenKindName(kind));
    const QVariantMap status { { QStringLiteral("status"), r.status }, { QStringLiteral("spn"), c.spn } };
    if (r.status >= 200 && r.status < 300) {
        std::optional<GssStatus> verified;
        if (!serverToken.isEmpty())
            verified = boundedGss([gss, serverToken] { return gss->step(serverToken); }, run);
        // The client's name is known once the context is complete.
        run.add(QStringLiteral("http.kerberos-ok"), status,
            { { tr("Client"), gss->clientPrincipal() }, { tr("Ticket for"), c.spn } });
        if (serverToken.isEmpty()) {
            run.mutual = QStringLiteral("absent");
            run.add(QStringLiteral("http.mutual-absent"));
        } else if (verified && verified->complete) {
            run.mutual = QStringLiteral("verified");
            run.add(QStringLiteral("http.mutual-verified"), { { QStringLiteral("spn"), c.spn } },
                { { tr("Server token"), negotiateTokenKindName(kind) } });
        } else {
            run.mutual = QStringLiteral("failed");
            const QString error = verified ? verified->text : tr("GSSAPI did not finish in time");
            run.add(QStringLiteral("http.mutual-failed"), { { QStringLiteral("error"), error } },
                verified ? gssEvidence(*verified) : QList<Evidence> {});
        }
        return;
    }
    if (r.status == 401) {
        if (isNtlmToken(kind)) {
            run.fallback(tr("the server answered the Kerberos token with an NTLM challenge"));
            return;
        }
        QString detail;
        if (!serverToken.isEmpty()) {
            // A KRB-ERROR inside the answer names the exact cause; feed it back to get it in words.
            auto said = boundedGss([gss, serverToken] { return gss->step(serverToken); }, run);
            if (said && !said->ok)
                detail = tr(" The server's answer says: %1.").arg(said->text);
        }
        QVariantMap a = status;
        a.insert(QStringLiteral("detail"), detail);
        run.add(QStringLiteral("http.rejected"), a, { { tr("Schemes offered again"), challengeSchemes(challenges).join(QStringLiteral(", ")) } },
            { { QStringLiteral("spn"), c.spn } });
        return;
    }
    run.add(QStringLiteral("http.auth-unexpected"), status);
}

bool isWsman(const QUrl &url, dir::ClientProfile client)
{
    return url.path().endsWith(QLatin1String("/wsman"), Qt::CaseInsensitive) || client == dir::ClientProfile::Winrm
        || client == dir::ClientProfile::WinrmPort;
}

} // namespace

QString HttpNegotiateProbe::description() const
{
    return tr("HTTP Negotiate: the schemes a URL offers, the SPN the client asks for, whether Kerberos works or "
              "falls back to NTLM, and the server's mutual authentication");
}

ProbeReport HttpNegotiateProbe::run(const ProbeRequest &request, const ProbeContext &context) const
{
    Run run { context, QDeadlineTimer(std::max(0, context.remainingMs() - kMarginMs)), {}, {}, {}, {} };
    ProbeReport &report = run.report;
    QString text = request.target.trimmed();
    if (!text.contains(QLatin1String("://")))
        text.prepend(QLatin1String("http://"));
    const QUrl url(text, QUrl::StrictMode);
    const auto target = dir::PredictionTarget::parse(text);
    const bool web = url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https");
    if (!url.isValid() || !web || url.host().isEmpty() || !target) {
        report.outcome = Outcome::Failed;
        report.error = target ? tr("%1 is not an http or https URL").arg(request.target) : target.error().message;
        return report;
    }
    const QString clientId = request.options.value(QStringLiteral("client")).toString().trimmed();
    const auto client = clientId.isEmpty() ? target->defaultClient() : dir::clientProfileFromId(clientId);
    if (!client) {
        report.outcome = Outcome::Failed;
        report.error = tr("unknown client \"%1\"; one of %2").arg(clientId, dir::clientProfileIds().join(QStringLiteral(", ")));
        return report;
    }
    run.url = url.toString();
    run.host = target->host;
    const quint16 port = quint16(url.port(url.scheme() == QLatin1String("https") ? 443 : 80));
    run.args = { { QStringLiteral("url"), run.url }, { QStringLiteral("host"), run.host }, { QStringLiteral("port"), port } };
    report.data = { { QStringLiteral("url"), run.url }, { QStringLiteral("client"), dir::clientProfileId(*client) },
        { QStringLiteral("spn"), QJsonValue() }, { QStringLiteral("spn_steps"), QJsonArray() },
        { QStringLiteral("schemes"), QJsonArray() }, { QStringLiteral("first_status"), QJsonValue() },
        { QStringLiteral("auth_status"), QJsonValue() }, { QStringLiteral("token_bytes"), 0 },
        { QStringLiteral("redirect"), QJsonValue() }, { QStringLiteral("tls"), QJsonValue() } };
    auto finish = [&] {
        report.data.insert(QStringLiteral("mechanism"), run.mechanism);
        report.data.insert(QStringLiteral("mutual"), run.mutual);
        return report;
    };

    // (0) The connection alone first: it tells refused, silent and unknown names apart, which a failed
    // HTTP request does not.
    {
        QTcpSocket socket;
        const TcpConnectResult tcp = connectTcp(socket, run.host, port, context, run.limit());
        socket.abort();
        if (tcp.state == TcpConnectResult::State::Cancelled) {
            report.outcome = Outcome::Cancelled;
            return finish();
        }
        if (tcp.state == TcpConnectResult::State::Silent) {
            report.outcome = Outcome::TimedOut;
            run.add(QStringLiteral("probe.no-answer"),
                { { QStringLiteral("probe"), QStringLiteral("HTTP Negotiate") }, { QStringLiteral("target"), run.url },
                    { QStringLiteral("seconds"), QString::number(tcp.ms / 1000.0, 'f', 1) } },
                { { tr("TCP connect"), tr("%1:%2 gave no answer in %3 ms").arg(tcp.address).arg(port).arg(tcp.ms) } });
            return finish();
        }
        if (!tcp.connected()) {
            run.add(QStringLiteral("http.unreachable"),
                { { QStringLiteral("reason"), tcp.errorText }, { QStringLiteral("state"), tcpStateName(tcp.state) } },
                { { tr("TCP connect"), tcpStateName(tcp.state) }, { tr("Address"), tcp.address } });
            return finish();
        }
    }

    ManagerHolder manager;
    HttpRequestSpec spec;
    spec.url = url;
    if (isWsman(url, *client)) {
        // WinRM answers 401 only to a SOAP POST; its client sends the first leg with an empty body so
        // the envelope is not uploaded twice.
        spec.method = "POST";
        spec.headers << qMakePair(QByteArray("Content-Type"), QByteArray("application/soap+xml;charset=UTF-8"));
    }
    if (url.scheme() == QLatin1String("https")) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        const QString caFile = request.options.value(QStringLiteral("caFile")).toString();
        if (!caFile.isEmpty()) {
            const auto cas = QSslCertificate::fromPath(caFile, QSsl::Pem);
            if (cas.isEmpty()) {
                report.outcome = Outcome::Failed;
                report.error = tr("no PEM certificate in %1").arg(caFile);
                return finish();
            }
            tls.addCaCertificates(cas);
        }
        spec.tls = tls;
    }

    // (1) Without credentials: which schemes does the server offer?
    spec.limitMs = run.limit();
    const HttpResponse first = sendHttp(manager.get(), spec, context);
    manager.noteEnd(first);
    if (!first.tls.isEmpty())
        report.data.insert(QStringLiteral("tls"), first.tls);
    if (!answered(first, run))
        return finish();
    report.data.insert(QStringLiteral("first_status"), first.status);
    const QList<AuthChallenge> challenges = parseAuthenticate(first.wwwAuthenticate);
    const QStringList schemes = challengeSchemes(challenges);
    report.data.insert(QStringLiteral("schemes"), QJsonArray::fromStringList(schemes));
    run.args.insert(QStringLiteral("status"), first.status);
    run.args.insert(QStringLiteral("schemes"), schemes.isEmpty() ? tr("none") : schemes.join(QStringLiteral(", ")));
    const QList<Evidence> firstEvidence { { tr("Status"), QString::number(first.status) },
        { tr("WWW-Authenticate"), QString::fromLatin1(first.wwwAuthenticate.join(" | ").left(512)) },
        { tr("Body read"), tr("%1 bytes%2").arg(first.bodyBytes).arg(first.bodyCut ? tr(" (cut: the rest was not read)") : QString()) } };
    if (first.status >= 300 && first.status < 400) {
        const QString location = QString::fromLatin1(first.location);
        report.data.insert(QStringLiteral("redirect"), QJsonObject { { QStringLiteral("status"), first.status }, { QStringLiteral("location"), location } });
        run.add(QStringLiteral("http.redirect"), { { QStringLiteral("location"), location } }, firstEvidence);
        return finish();
    }
    if (first.status != 401) {
        run.add(QStringLiteral("http.no-auth-required"), {}, firstEvidence);
        return finish();
    }
    if (!findChallenge(challenges, QStringLiteral("Negotiate"))) {
        const bool ntlm = findChallenge(challenges, QStringLiteral("NTLM")) != nullptr;
        const QString detail = ntlm ? tr("It offers NTLM without Negotiate, so clients never try Kerberos.")
            : findChallenge(challenges, QStringLiteral("Basic"))
            ? tr("It offers only Basic: browsers prompt for a password and send it with every request (readable "
                 "by anyone on the way without TLS).")
            : tr("None of the schemes it offers is Windows authentication.");
        run.add(QStringLiteral("http.negotiate-not-offered"), { { QStringLiteral("detail"), detail } }, firstEvidence);
        if (ntlm)
            run.fallback(tr("the server offers only NTLM"));
        return finish();
    }
    run.add(QStringLiteral("http.negotiate-offered"), {}, firstEvidence);

    // (2) The SPN this client asks for.
    const SpnChoice spn = chooseSpn(text, run.host, *client, request.options.value(QStringLiteral("spn")).toString().trimmed(), run);
    report.data.insert(QStringLiteral("spn_steps"), stepsJson(spn.steps));
    if (!spn.kerberos) {
        run.add(QStringLiteral("http.ip-address"), {}, stepsEvidence(spn.steps));
        run.fallback(tr("the URL names an IP address, and no client asks for a Kerberos ticket for an address"));
        return finish();
    }
    report.data.insert(QStringLiteral("spn"), spn.spn);
    run.args.insert(QStringLiteral("spn"), spn.spn);
    run.add(QStringLiteral("http.spn"), { { QStringLiteral("client"), dir::clientProfileName(*client) } }, stepsEvidence(spn.steps));
    reportCname(spn, *client, run);
    if (context.cancelled()) {
        report.outcome = Outcome::Cancelled;
        return finish();
    }

    // (3) A ticket for it, as a SPNEGO token.
    auto gss = std::make_shared<NegotiateClient>();
    const QString name = spn.spn;
    const auto init = boundedGss([gss, name] { return gss->init(name); }, run);
    if (!init) {
        report.outcome = context.cancelled() ? Outcome::Cancelled : Outcome::TimedOut;
        if (!context.cancelled())
            run.add(QStringLiteral("http.ticket-failed"), { { QStringLiteral("error"), tr("the KDC did not answer in time") } });
        return finish();
    }
    if (!init->ok) {
        const QVariantMap err { { QStringLiteral("error"), init->text }, { QStringLiteral("kdc_error"), init->text } };
        if (init->noCredentials()) {
            run.add(QStringLiteral("http.no-credentials"), err, gssEvidence(*init));
            run.fallback(tr("this machine has no Kerberos ticket (no ticket cache)"));
        } else if (init->kerberosProtocolCode == 7) {
            run.add(QStringLiteral("http.spn-unknown"), err, gssEvidence(*init), { { QStringLiteral("spn"), spn.spn } });
            run.fallback(tr("the KDC has no SPN %1, so there is no ticket for it").arg(spn.spn));
        } else {
            run.add(QStringLiteral("http.ticket-failed"), err, gssEvidence(*init));
            run.fallback(tr("no Kerberos ticket for %1 (%2)").arg(spn.spn, init->text));
        }
        return finish();
    }
    const QByteArray token = gss->token();
    const NegotiateTokenKind kind = classifyNegotiateToken(token);
    report.data.insert(QStringLiteral("token_bytes"), token.size());
    report.data.insert(QStringLiteral("token_kind"), negotiateTokenKindName(kind));
    if (isNtlmToken(kind)) {
        // GSSAPI with an NTLM mechanism installed (gss-ntlmssp) picks NTLMSSP when Kerberos fails.
        run.fallback(tr("GSSAPI chose NTLMSSP for %1: no Kerberos ticket for it").arg(spn.spn));
        return finish();
    }
    run.mechanism = QStringLiteral("kerberos");

    // (4) Send it, then check the server's answer and its mutual-authentication token.
    spec.headers << qMakePair(QByteArray("Authorization"), QByteArray("Negotiate ") + token.toBase64());
    spec.limitMs = run.limit();
    const HttpResponse second = sendHttp(manager.get(), spec, context);
    manager.noteEnd(second);
    if (!answered(second, run))
        return finish();
    report.data.insert(QStringLiteral("auth_status"), second.status);
    judgeAnswer(second, spn, gss, run);
    return finish();
}

} // namespace ssod::core::probe
