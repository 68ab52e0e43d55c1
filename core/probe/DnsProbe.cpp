#include "core/probe/DnsProbe.h"

#include "core/directory/DnsHostResolver.h"
#include "core/directory/DnsWait.h"
#include "core/probe/DnsChecks.h"
#include "core/probe/FindingCatalog.h"

#include <QCoreApplication>
#include <QDnsLookup>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonArray>

#include <memory>
#include <vector>

namespace ssod::core::probe {

namespace {

using directory::DnsHostResolver;

/// Left of the context's deadline so the report is out before the runner gives up on the probe.
constexpr int kMarginMs = 100;
/// Addresses whose PTR is checked: a name with dozens of records gets the first few.
constexpr int kMaxPtrChecks = 8;

QString tr(const char *text)
{
    return QCoreApplication::translate("DnsProbe", text);
}

bool flag(const QVariantMap &options, const char *key)
{
    const QVariant v = options.value(QLatin1String(key));
    if (v.typeId() == QMetaType::QString)
        return v.toString() == QLatin1String("true") || v.toString() == QLatin1String("1");
    return v.toBool();
}

QJsonArray jsonList(const QStringList &l)
{
    return QJsonArray::fromStringList(l);
}

/// One run of the probe: the resolver, what was found so far, and the findings.
class DnsRun {
public:
    DnsRun(const ProbeContext &context, const QHostAddress &server)
        : m_context(context), m_server(server), m_resolver(resolverOptions(context, server))
    {
        m_serverText = server.isNull() ? tr("of this machine") : server.toString();
        m_clock.start();
    }

    ProbeReport report;

    /// A host name: the chain, the addresses, the PTRs.
    void host(const QString &name, bool expectA);
    /// An address: its PTR and whether that name leads back to it.
    void address(const QString &address);
    /// A domain: the AD SRV records and their targets' addresses.
    void srv(const QString &domain);

    QJsonObject data() const;

private:
    static DnsHostResolver::Options resolverOptions(const ProbeContext &context, const QHostAddress &server)
    {
        DnsHostResolver::Options o;
        o.timeoutMs = 600 * 1000; // the deadline bounds every query
        o.nameserver = server;
        o.deadline = QDeadlineTimer(std::max(0, context.remainingMs() - kMarginMs));
        o.stop = [&context] { return context.cancelled(); };
        return o;
    }

    void add(const QString &id, const QString &subject, const QVariantMap &args, const QList<Evidence> &evidence = {},
        const QVariantMap &fixInputs = {})
    {
        report.findings << FindingCatalog::builtin().make(id, subject, args, evidence, fixInputs);
    }

    /// The server stayed silent for \a query: one finding, and the probe ends (every further
    /// query would wait as long).
    void noAnswer(const QString &subject, const QString &query)
    {
        add(QStringLiteral("dns.no-answer"), subject,
            { { QStringLiteral("server"), m_serverText }, { QStringLiteral("query"), query },
                { QStringLiteral("seconds"), QString::number(double(m_clock.elapsed()) / 1000.0, 'f', 1) } },
            { { tr("Server"), m_serverText }, { tr("Query"), query } });
        report.outcome = m_context.cancelled() ? Outcome::Cancelled : Outcome::TimedOut;
    }

    bool stopped() const { return m_context.cancelled() || m_resolver.timedOut(); }

    void checkPtr(const QString &address, const QStringList &hostNames);

    const ProbeContext &m_context;
    QHostAddress m_server;
    QString m_serverText;
    DnsHostResolver m_resolver;
    QElapsedTimer m_clock;

    QString m_name, m_canonical;
    QStringList m_chain, m_addresses;
    QJsonObject m_ptr, m_srv;
};

void DnsRun::host(const QString &name, bool expectA)
{
    m_name = name;
    auto res = m_resolver.canonicalName(name);
    if (!res) {
        if (m_context.cancelled()) {
            report.outcome = Outcome::Cancelled;
            return;
        }
        if (m_resolver.timedOut()) {
            noAnswer(name, tr("A %1").arg(name));
            return;
        }
        const QVariantMap args { { QStringLiteral("name"), name }, { QStringLiteral("detail"), res.error().message } };
        const QList<Evidence> ev { { tr("Server"), m_serverText }, { tr("Answer"), res.error().message } };
        switch (res.error().code) {
        case Error::Code::NotFound:
            add(QStringLiteral("dns.not-found"), name, args, ev);
            break;
        case Error::Code::InvalidInput:
            add(QStringLiteral("dns.cname-broken"), name, args, ev);
            break;
        default:
            add(QStringLiteral("dns.lookup-failed"), name, args, ev);
            break;
        }
        return;
    }
    if (!res->searchedName.isEmpty())
        m_name = res->searchedName;
    m_chain = res->cnameChain;
    m_canonical = res->canonicalName;
    m_addresses = res->addresses;
    // The chain stops at the first family that answers; a client may use the other one too.
    const bool haveV4 = std::any_of(m_addresses.cbegin(), m_addresses.cend(),
        [](const QString &a) { return QHostAddress(a).protocol() == QAbstractSocket::IPv4Protocol; });
    if (haveV4) {
        auto v6 = m_resolver.addressRecords(m_canonical, true);
        if (v6)
            m_addresses += *v6;
        if (stopped()) {
            noAnswer(name, tr("AAAA %1").arg(m_canonical));
            return;
        }
    }
    const QString chainText = (QStringList { m_name } + m_chain).join(QStringLiteral(" → "));
    const QVariantMap args { { QStringLiteral("name"), m_name }, { QStringLiteral("canonical"), m_canonical },
        { QStringLiteral("chain"), chainText }, { QStringLiteral("addresses"), m_addresses.join(QStringLiteral(", ")) } };
    add(QStringLiteral("dns.resolved"), m_name, args,
        { { tr("Addresses"), m_addresses.join(QStringLiteral(", ")) }, { tr("Server"), m_serverText } });
    if (!m_chain.isEmpty()) {
        const QList<Evidence> ev { { tr("CNAME chain"), chainText },
            { tr("SPN browsers ask for"), QString(QStringLiteral("HTTP/") + m_canonical) } };
        if (expectA)
            add(QStringLiteral("dns.cname"), m_name, args, ev,
                { { QStringLiteral("spn"), QString(QStringLiteral("HTTP/") + m_canonical) } });
        else
            add(QStringLiteral("dns.cname-info"), m_name, args, ev);
    } else if (expectA) {
        add(QStringLiteral("dns.a-record"), m_name, args, { { tr("SPN browsers ask for"), QString(QStringLiteral("HTTP/") + m_name) } });
    }
    QStringList hostNames = QStringList { name, m_name, m_canonical } + m_chain;
    for (const QString &a : m_addresses.mid(0, kMaxPtrChecks)) {
        checkPtr(a, hostNames);
        if (stopped())
            return;
    }
}

void DnsRun::address(const QString &address)
{
    m_name = address;
    m_addresses = { address };
    checkPtr(address, {});
}

void DnsRun::checkPtr(const QString &address, const QStringList &hostNames)
{
    auto ptr = m_resolver.reverseName(address);
    if (m_context.cancelled()) {
        report.outcome = Outcome::Cancelled;
        return;
    }
    if (m_resolver.timedOut()) {
        noAnswer(address, tr("PTR %1").arg(address));
        return;
    }
    QVariantMap args { { QStringLiteral("address"), address },
        { QStringLiteral("name"), hostNames.isEmpty() ? address : hostNames.constFirst() } };
    if (!ptr) {
        args.insert(QStringLiteral("detail"), ptr.error().message);
        add(QStringLiteral("dns.ptr-missing"), address, args, { { tr("Answer"), ptr.error().message } });
        return;
    }
    QString ptrName = *ptr;
    while (ptrName.endsWith(QLatin1Char('.')))
        ptrName.chop(1);
    m_ptr.insert(address, ptrName);
    auto back = m_resolver.canonicalName(ptrName);
    if (m_resolver.timedOut()) {
        noAnswer(address, tr("A %1").arg(ptrName));
        return;
    }
    const QStringList backAddresses = back ? back->addresses : QStringList();
    args.insert(QStringLiteral("ptr"), ptrName);
    args.insert(QStringLiteral("ptrAddresses"),
        back ? backAddresses.join(QStringLiteral(", ")) : tr("nothing (%1)").arg(back.error().message));
    const QList<Evidence> ev { { tr("PTR of %1").arg(address), ptrName },
        { tr("%1 resolves to").arg(ptrName), args.value(QStringLiteral("ptrAddresses")).toString() } };
    add(ptrFindingId(address, ptrName, backAddresses, hostNames), address, args, ev);
}

void DnsRun::srv(const QString &domain)
{
    m_name = domain;
    const QList<SrvRecordSpec> &specs = adSrvRecords();
    // All six at once: against a silent server they cost one wait, not six.
    std::vector<std::unique_ptr<QDnsLookup>> lookups;
    QList<QDnsLookup *> pending;
    for (const SrvRecordSpec &s : specs) {
        lookups.push_back(std::make_unique<QDnsLookup>(QDnsLookup::SRV, s.prefix + QLatin1Char('.') + domain));
        if (!m_server.isNull())
            lookups.back()->setNameserver(m_server);
        pending << lookups.back().get();
    }
    const int waitMs = std::max(0, m_context.remainingMs() - kMarginMs);
    const qsizetype answered = directory::runDnsLookups(pending, waitMs, [this] { return m_context.cancelled(); });
    if (m_context.cancelled()) {
        report.outcome = Outcome::Cancelled;
        return;
    }
    if (answered == 0) {
        noAnswer(domain, tr("SRV %1.%2").arg(specs.constFirst().prefix, domain));
        return;
    }
    QHash<QString, QStringList> targetAddresses; // each target resolved once
    for (size_t i = 0; i < lookups.size(); ++i) {
        const SrvRecordSpec &spec = specs.at(qsizetype(i));
        const QDnsLookup &l = *lookups[i];
        const QString record = spec.prefix + QLatin1Char('.') + domain;
        QJsonArray entries;
        QStringList targets;
        for (const QDnsServiceRecord &r : l.serviceRecords()) {
            QString target = r.target().toLower();
            while (target.endsWith(QLatin1Char('.')))
                target.chop(1);
            if (!targetAddresses.contains(target) && !m_context.cancelled()) {
                auto a = m_resolver.addressRecords(target, false);
                targetAddresses.insert(target, a ? *a : QStringList());
                if (!a || a->isEmpty())
                    add(QStringLiteral("dns.srv-target-unresolved"), target,
                        { { QStringLiteral("target"), target }, { QStringLiteral("record"), record },
                            { QStringLiteral("detail"), a ? tr("no A record") : a.error().message } });
            }
            targets << QStringLiteral("%1:%2").arg(target).arg(r.port());
            entries.append(QJsonObject { { QStringLiteral("target"), target }, { QStringLiteral("port"), r.port() },
                { QStringLiteral("priority"), r.priority() }, { QStringLiteral("weight"), r.weight() },
                { QStringLiteral("addresses"), jsonList(targetAddresses.value(target)) } });
        }
        m_srv.insert(record, entries);
        const QVariantMap args { { QStringLiteral("record"), record }, { QStringLiteral("domain"), domain },
            { QStringLiteral("purpose"), spec.purpose }, { QStringLiteral("count"), targets.size() },
            { QStringLiteral("targets"), targets.join(QStringLiteral(", ")) } };
        if (!targets.isEmpty()) {
            add(QStringLiteral("dns.srv-found"), record, args, { { tr("Servers"), targets.join(QStringLiteral(", ")) } });
            continue;
        }
        QString detail;
        if (!l.isFinished())
            detail = tr("no answer within %1 s").arg(waitMs / 1000.0, 0, 'f', 1);
        else if (l.error() == QDnsLookup::NotFoundError)
            detail = tr("the name does not exist (NXDOMAIN) on the DNS server %1").arg(m_serverText);
        else if (l.error() == QDnsLookup::NoError || l.error() == QDnsLookup::InvalidReplyError)
            detail = tr("the DNS server %1 has no SRV record of that name").arg(m_serverText);
        else
            detail = l.errorString();
        QVariantMap missing = args;
        missing.insert(QStringLiteral("detail"), detail);
        add(spec.missingFinding, record, missing, { { tr("Query"), tr("SRV %1").arg(record) }, { tr("Answer"), detail } });
    }
}

QJsonObject DnsRun::data() const
{
    return QJsonObject { { QStringLiteral("name"), m_name }, { QStringLiteral("cname_chain"), jsonList(m_chain) },
        { QStringLiteral("canonical"), m_canonical }, { QStringLiteral("addresses"), jsonList(m_addresses) },
        { QStringLiteral("ptr"), m_ptr }, { QStringLiteral("srv"), m_srv },
        { QStringLiteral("server"), m_server.isNull() ? QString() : m_server.toString() } };
}

} // namespace

QString DnsProbe::description() const
{
    return tr("DNS as a Kerberos client sees it: addresses, the CNAME chain (and the SPN it makes clients ask "
              "for), PTR agreement, and with --srv the domain's KDC and DC SRV records");
}

ProbeReport DnsProbe::run(const ProbeRequest &request, const ProbeContext &context) const
{
    const QString target = request.target.trimmed();
    QHostAddress server;
    const QString serverText = request.options.value(QStringLiteral("server")).toString().trimmed();
    if (!serverText.isEmpty() && !server.setAddress(serverText))
        return badTargetReport(target, tr("the DNS server \"%1\" must be given as an IP address").arg(serverText.left(80)));
    const QHostAddress literal(target);
    const bool srv = flag(request.options, "srv");
    if (srv && !literal.isNull())
        return badTargetReport(target, tr("SRV records belong to a domain name, not to an address"));
    DnsRun run(context, server);
    if (!literal.isNull()) {
        run.address(literal.toString());
    } else {
        auto name = normalizedDnsName(target);
        if (!name)
            return badTargetReport(target, name.error().message);
        if (srv)
            run.srv(*name);
        else
            run.host(*name, flag(request.options, "expectA"));
    }
    ProbeReport report = std::move(run.report);
    report.data = run.data();
    return report;
}

} // namespace ssod::core::probe
