#include "core/probe/RdpProbe.h"

#include "core/probe/CertificateCheck.h"
#include "core/probe/FindingCatalog.h"
#include "core/probe/HostPort.h"
#include "core/probe/RdpExchange.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace ssod::core::probe {

namespace {

using rdpneg::ConnectionConfirm;

constexpr quint32 kOffers[] = {
    rdpneg::ProtocolSsl | rdpneg::ProtocolHybrid | rdpneg::ProtocolHybridEx,
    rdpneg::ProtocolSsl,
    rdpneg::ProtocolRdp,
};

QString offerText(quint32 protocols)
{
    return rdpneg::protocolNames(protocols).join(QLatin1Char('|'));
}

QString resultText(const RdpOffer &o)
{
    if (!o.tcp.connected())
        return QStringLiteral("no connection: ") + tcpStateName(o.tcp.state);
    switch (o.reply) {
    case RdpOffer::Reply::Confirm:
        return rdpneg::describe(o.confirm);
    case RdpOffer::Reply::Malformed:
        return QStringLiteral("malformed reply: ") + o.error;
    case RdpOffer::Reply::Closed:
        return QStringLiteral("closed without answering");
    case RdpOffer::Reply::NoAnswer:
        return QStringLiteral("no answer");
    case RdpOffer::Reply::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QString();
}

/// Runs the offers and turns them into findings; one per probe run.
class Negotiation {
public:
    Negotiation(const ProbeRequest &request, const ProbeContext &context, ProbeReport &report)
        : m_request(request), m_context(context), m_report(report)
    {
    }

    void run(const QString &host, quint16 port, const RdpTlsRequest &tlsRequest)
    {
        m_subject = QStringLiteral("%1:%2").arg(host).arg(port);
        QJsonArray offers;
        RdpTlsRequest tls = tlsRequest;
        const QDeadlineTimer budget = probeBudget(m_context);
        for (quint32 protocols : kOffers) {
            if (m_context.cancelled() || budget.hasExpired())
                break;
            RdpOffer o = offerProtocols(host, port, protocols, tls, m_context, budget);
            offers.append(QJsonObject { { QStringLiteral("requested"), QJsonArray::fromStringList(rdpneg::protocolNames(protocols)) },
                { QStringLiteral("result"), resultText(o) }, { QStringLiteral("ms"), o.ms } });
            if (o.tls) {
                tls.start = false; // one certificate read is enough
                m_tls = o.tls;
                m_tlsProtocol = offerText(o.confirm.selectedProtocol);
            }
            m_offers << o;
            if (!o.tcp.connected() || o.reply != RdpOffer::Reply::Confirm)
                break; // the first answer that is not RDP says it all; the next would wait as long
        }
        m_report.data.insert(QStringLiteral("offers"), offers);
        if (!interpretTransport())
            return;
        interpretProtocols();
    }

    std::optional<TlsSession> tls() const { return m_tls; }
    QString tlsProtocol() const { return m_tlsProtocol; }
    QString subject() const { return m_subject; }

private:
    void add(const QString &id, QVariantMap args = {}, const QList<Evidence> &ev = {}, const QVariantMap &inputs = {})
    {
        args.insert(QStringLiteral("target"), m_subject);
        m_report.findings << FindingCatalog::builtin().make(id, m_subject, args, ev, inputs);
    }

    QList<Evidence> offerEvidence() const
    {
        QList<Evidence> ev;
        for (const RdpOffer &o : m_offers)
            ev << Evidence { QObject::tr("Offered %1").arg(offerText(o.requested)),
                QStringLiteral("%1 (%2 ms)").arg(resultText(o)).arg(o.ms) };
        return ev;
    }

    /// False when an offer ended without a Connection Confirm (the findings say why).
    bool interpretTransport()
    {
        if (m_offers.isEmpty()) {
            m_report.outcome = m_context.cancelled() ? Outcome::Cancelled : Outcome::TimedOut;
            return false;
        }
        const RdpOffer &last = m_offers.constLast();
        if (!last.tcp.connected()) {
            if (last.tcp.state == TcpConnectResult::State::Silent)
                m_report.outcome = Outcome::TimedOut;
            else if (last.tcp.state == TcpConnectResult::State::Cancelled)
                m_report.outcome = Outcome::Cancelled;
            add(QStringLiteral("rdp.connect-failed"), { { QStringLiteral("state"), tcpStateName(last.tcp.state) } },
                { { QObject::tr("Address"), last.tcp.address }, { QObject::tr("Time"), QStringLiteral("%1 ms").arg(last.tcp.ms) },
                    { QObject::tr("Error"), last.tcp.errorText } });
            return false;
        }
        switch (last.reply) {
        case RdpOffer::Reply::Confirm:
            return true;
        case RdpOffer::Reply::Malformed:
            add(QStringLiteral("rdp.bad-reply"), { { QStringLiteral("reason"), last.error } }, offerEvidence());
            return false;
        case RdpOffer::Reply::Cancelled:
            m_report.outcome = Outcome::Cancelled;
            return false;
        case RdpOffer::Reply::Closed:
        case RdpOffer::Reply::NoAnswer:
            break;
        }
        if (last.reply == RdpOffer::Reply::NoAnswer)
            m_report.outcome = Outcome::TimedOut;
        add(QStringLiteral("rdp.no-reply"),
            { { QStringLiteral("how"), last.reply == RdpOffer::Reply::Closed
                        ? QObject::tr("closed it without answering the Connection Request")
                        : QObject::tr("sent no answer within %1 ms").arg(last.ms) } },
            offerEvidence());
        return false;
    }

    void interpretProtocols()
    {
        const RdpOffer &first = m_offers.constFirst();
        if (first.confirm.kind == ConnectionConfirm::Kind::Legacy) {
            add(QStringLiteral("rdp.legacy-server"), {}, offerEvidence());
            m_report.data.insert(QStringLiteral("protocols"), QJsonArray { QStringLiteral("RDP") });
            m_report.data.insert(QStringLiteral("nla_required"), false);
            return;
        }
        QStringList accepted;
        bool hybridAccepted = false, nlaRequired = false;
        for (const RdpOffer &o : m_offers) {
            if (o.confirm.kind == ConnectionConfirm::Kind::Selected) {
                for (const QString &p : rdpneg::protocolNames(o.confirm.selectedProtocol))
                    if (!accepted.contains(p))
                        accepted << p;
                hybridAccepted = hybridAccepted
                    || (o.confirm.selectedProtocol & (rdpneg::ProtocolHybrid | rdpneg::ProtocolHybridEx));
            } else if (o.confirm.kind == ConnectionConfirm::Kind::Failure) {
                failureFinding(o);
                if (o.confirm.failureCode == rdpneg::HybridRequiredByServer && !(o.requested & rdpneg::ProtocolHybrid))
                    nlaRequired = true;
            }
        }
        m_report.data.insert(QStringLiteral("protocols"), QJsonArray::fromStringList(accepted));
        const bool standardKnown = m_offers.size() == int(std::size(kOffers));
        m_report.data.insert(QStringLiteral("nla_required"), nlaRequired);
        if (!accepted.isEmpty())
            add(QStringLiteral("rdp.negotiated"), { { QStringLiteral("protocols"), accepted.join(QLatin1String(", ")) } },
                offerEvidence());
        nlaFinding(nlaRequired, hybridAccepted);
        if (standardKnown) {
            const RdpOffer &standard = m_offers.constLast();
            if (standard.confirm.kind == ConnectionConfirm::Kind::Selected)
                add(QStringLiteral("rdp.standard-security"), {}, offerEvidence(), { { QStringLiteral("value"), QStringLiteral("tls") } });
            else if (standard.confirm.kind == ConnectionConfirm::Kind::Failure)
                add(QStringLiteral("rdp.standard-refused"),
                    { { QStringLiteral("code"), rdpneg::failureCodeName(standard.confirm.failureCode) } });
        }
    }

    void nlaFinding(bool nlaRequired, bool hybridAccepted)
    {
        const QString expect = m_request.options.value(QStringLiteral("expectNla"), QStringLiteral("any")).toString();
        if (nlaRequired) {
            if (expect == QLatin1String("off"))
                add(QStringLiteral("rdp.nla-required-connector"), {}, offerEvidence(),
                    { { QStringLiteral("value"), QStringLiteral("off") } });
            else
                add(QStringLiteral("rdp.nla-required"), {}, offerEvidence());
            return;
        }
        const QString detail = hybridAccepted
            ? QObject::tr("It accepts CredSSP (NLA) when a client offers it, but also lets clients in with TLS alone.")
            : QObject::tr("It does not accept CredSSP (NLA) at all: offered SSL, HYBRID and HYBRID_EX, it chose %1.")
                  .arg(m_offers.constFirst().confirm.kind == ConnectionConfirm::Kind::Selected
                          ? offerText(m_offers.constFirst().confirm.selectedProtocol)
                          : resultText(m_offers.constFirst()));
        const QVariantMap args { { QStringLiteral("detail"), detail } };
        if (expect == QLatin1String("required"))
            add(QStringLiteral("rdp.nla-not-required"), args, offerEvidence(), { { QStringLiteral("value"), QStringLiteral("on") } });
        else if (expect == QLatin1String("off"))
            add(QStringLiteral("rdp.nla-off"), args, offerEvidence());
        else
            add(QStringLiteral("rdp.nla-optional"), args, offerEvidence());
    }

    void failureFinding(const RdpOffer &o)
    {
        const quint32 code = o.confirm.failureCode;
        // The expected refusals: a request without HYBRID on an NLA host, RDP only on a TLS host.
        if (code == rdpneg::HybridRequiredByServer && !(o.requested & rdpneg::ProtocolHybrid))
            return;
        if (code == rdpneg::SslRequiredByServer && o.requested == rdpneg::ProtocolRdp)
            return;
        if (code == rdpneg::SslNotAllowedByServer) {
            if (o.requested == kOffers[0]) // once is enough
                add(QStringLiteral("rdp.ssl-not-allowed"), {}, offerEvidence(),
                    { { QStringLiteral("value"), QStringLiteral("negotiate") } });
            return;
        }
        if (code == rdpneg::SslCertNotOnServer) {
            if (o.requested == kOffers[0])
                add(QStringLiteral("rdp.cert-not-on-server"), {}, offerEvidence());
            return;
        }
        add(QStringLiteral("rdp.negotiation-failure"),
            { { QStringLiteral("offer"), offerText(o.requested) }, { QStringLiteral("code"), rdpneg::failureCodeName(code) } },
            offerEvidence());
    }

    const ProbeRequest &m_request;
    const ProbeContext &m_context;
    ProbeReport &m_report;
    QString m_subject;
    QList<RdpOffer> m_offers;
    std::optional<TlsSession> m_tls;
    QString m_tlsProtocol;
};

const QStringList &expectations()
{
    static const QStringList e { QStringLiteral("required"), QStringLiteral("off"), QStringLiteral("any") };
    return e;
}

} // namespace

QString RdpProbe::description() const
{
    return QCoreApplication::translate("RdpProbe",
        "RDP security negotiation: accepted protocols, whether NLA is required, and the RDP certificate");
}

ProbeReport RdpProbe::run(const ProbeRequest &request, const ProbeContext &context) const
{
    ProbeReport report;
    auto target = parseHostPort(request.target, 3389);
    const QString expect = request.options.value(QStringLiteral("expectNla"), QStringLiteral("any")).toString();
    if (!target || !expectations().contains(expect)) {
        report.outcome = Outcome::Failed;
        report.error = !target ? target.error().toString()
                               : QStringLiteral("--expect-nla must be one of %1").arg(expectations().join(QLatin1String(", ")));
        return report;
    }
    RdpTlsRequest tls;
    QString caSource;
    const auto cas = trustedCertificates(request.options.value(QStringLiteral("caFile")).toString(), &caSource);
    if (!cas) {
        report.outcome = Outcome::Failed;
        report.error = cas.error().toString();
        return report;
    }
    tls.start = true;
    tls.caCertificates = *cas;
    tls.verifyName = request.options.value(QStringLiteral("name"), target->host).toString();
    report.data = QJsonObject { { QStringLiteral("host"), target->host }, { QStringLiteral("port"), target->port } };

    Negotiation negotiation(request, context, report);
    negotiation.run(target->host, target->port, tls);
    const std::optional<TlsSession> session = negotiation.tls();
    if (!session)
        return report;
    if (!session->encrypted && session->chain.isEmpty()) {
        report.findings << FindingCatalog::builtin().make(QStringLiteral("rdp.tls-failed"), negotiation.subject(),
            { { QStringLiteral("target"), negotiation.subject() }, { QStringLiteral("protocol"), negotiation.tlsProtocol() },
                { QStringLiteral("reason"), session->errorText } });
        return report;
    }
    CertificateCheckInput in;
    in.subject = negotiation.subject();
    in.host = target->host;
    in.name = tls.verifyName;
    in.purpose = QStringLiteral("rdp");
    in.caSource = caSource;
    in.session = *session;
    CertificateCheckResult check = CertificateCheck::run(in, context);
    check.data.insert(QStringLiteral("protocol"), session->protocol);
    check.data.insert(QStringLiteral("cipher"), session->cipher);
    check.data.insert(QStringLiteral("handshake_ms"), session->ms);
    report.data.insert(QStringLiteral("certificate"), check.data);
    report.findings << check.findings;
    return report;
}

} // namespace ssod::core::probe
