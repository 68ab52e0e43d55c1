#include "core/probe/KerberosProbe.h"

#include "core/directory/CredentialStore.h"
#include "core/directory/DnsWait.h"
#include "core/directory/LdapConnection.h"
#include "core/probe/FindingCatalog.h"
#include "core/probe/KdcExchange.h"
#include "core/probe/KerberosErrorTable.h"
#include "core/probe/ProbeSpn.h"
#include "core/probe/Krb5Client.h"

#include <QDnsLookup>
#include <QJsonArray>
#include <QRandomGenerator>

namespace ssod::core::probe {

namespace {


/// Time kept back for the work after the KDC exchange and for returning before the deadline.
constexpr int kMarginMs = 150;

QString isoTime(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString();
}

/// One run's state: the report being built and what earlier steps learned.
struct Run {
    const ProbeRequest &request;
    const ProbeContext &context;
    ProbeReport report;
    const FindingCatalog &catalog = FindingCatalog::builtin();
    QString spn;
    QString realm;

    QString option(const char *key) const { return request.options.value(QLatin1String(key)).toString().trimmed(); }
    void add(const QString &id, const QString &subject, const QVariantMap &args, const QList<Evidence> &evidence = {},
        const QVariantMap &fixInputs = {})
    {
        report.findings << catalog.make(id, subject, args, evidence, fixInputs);
    }
    void fail(const QString &reason)
    {
        report.outcome = Outcome::Failed;
        report.error = reason;
        add(QStringLiteral("probe.bad-target"), request.target,
            { { QStringLiteral("target"), request.target }, { QStringLiteral("reason"), reason } });
    }
};

/// The SPN to ask for, with the steps that led to it (data "spn_steps"); false after fail().
bool decideSpn(Run &run)
{
    const QString target = run.request.target.trimmed();
    // A third of the time at most for the predictor's lookups: the KDC needs the rest.
    auto p = decideProbeSpn(run.request, run.context, 3, run.option("account"));
    if (!p) {
        run.fail(p.error().message);
        return false;
    }
    if (!p->clientId.isEmpty())
        run.report.data.insert(QStringLiteral("client"), p->clientId);
    run.report.data.insert(QStringLiteral("spn_steps"), p->steps);
    if (p->spn.isEmpty()) {
        run.add(QStringLiteral("kerberos.no-kerberos"), target,
            { { QStringLiteral("target"), target }, { QStringLiteral("client"), p->clientName },
                { QStringLiteral("reason"), p->noKerberos } });
        return false;
    }
    run.spn = p->spn;
    return true;
}

/// The KDC to ask ourselves: --kdc, the realm's first kdc in krb5.conf, else DNS SRV as libkrb5 does.
QString findKdc(Run &run, const Krb5Client &krb, QString &how)
{
    if (const QString kdc = run.option("kdc"); !kdc.isEmpty()) {
        how = QStringLiteral("option");
        return kdc;
    }
    if (const QStringList listed = krb.configuredKdcs(run.realm); !listed.isEmpty()) {
        how = QStringLiteral("krb5.conf");
        return listed.first();
    }
    if (!krb.dnsLookupKdc())
        return QString();
    for (const char *proto : { "_udp", "_tcp" }) {
        QDnsLookup srv(QDnsLookup::SRV, QStringLiteral("_kerberos.%1.%2").arg(QLatin1String(proto), run.realm.toLower()));
        if (directory::runDnsLookup(srv, std::max(200, run.context.remainingMs() / 4))
            && srv.error() == QDnsLookup::NoError && !srv.serviceRecords().isEmpty()) {
            how = QStringLiteral("dns-srv");
            return srv.serviceRecords().first().target();
        }
    }
    return QString();
}

/// Reports a libkrb5 failure through the error table.
void reportFailure(Run &run, const Krb5Failure &f, const QString &principal)
{
    const KerberosErrorTable &table = KerberosErrorTable::builtin();
    const KerberosErrorTable::Entry *e = table.byComErr(f.code);
    const int code = KerberosErrorTable::protocolCodeOf(f.code);
    const QString name = e ? e->name : code >= 0 ? QStringLiteral("KRB error %1").arg(code) : QStringLiteral("krb5 error");
    run.report.data.insert(QStringLiteral("error"),
        QJsonObject { { QStringLiteral("code"), code >= 0 ? QJsonValue(code) : QJsonValue() },
            { QStringLiteral("com_err"), double(f.code) }, { QStringLiteral("name"), name },
            { QStringLiteral("message"), f.message } });
    QList<Evidence> evidence { { KerberosProbe::tr("Error"), code >= 0 ? QStringLiteral("%1 (%2)").arg(name).arg(code) : name },
        { KerberosProbe::tr("com_err"), QString::number(f.code) }, { KerberosProbe::tr("Message"), f.message } };
    if (!run.spn.isEmpty())
        evidence << Evidence { QStringLiteral("SPN"), run.spn };
    QVariantMap fixInputs { { QStringLiteral("spn"), run.spn } };
    if (const QString account = run.option("account"); !account.isEmpty())
        fixInputs.insert(QStringLiteral("account"), account);
    run.add(e ? e->finding : QStringLiteral("kerberos.err.generic"), run.spn.isEmpty() ? principal : run.spn,
        { { QStringLiteral("spn"), run.spn }, { QStringLiteral("principal"), principal }, { QStringLiteral("name"), name },
            { QStringLiteral("message"), f.message }, { QStringLiteral("com_err"), f.code } },
        evidence, fixInputs);
}

/// Step 1: the user's cache, for data and findings. True when it holds a usable TGT.
bool inspectCache(Run &run, const Krb5Client &krb, bool report)
{
    const Krb5CacheInfo cache = krb.inspectDefaultCache();
    run.report.data.insert(QStringLiteral("cache"),
        QJsonObject { { QStringLiteral("name"), cache.name }, { QStringLiteral("principal"), cache.principal },
            { QStringLiteral("tgt_valid_until"), isoTime(cache.tgtEnd) } });
    const QVariantMap args { { QStringLiteral("cache"), cache.name }, { QStringLiteral("principal"), cache.principal },
        { QStringLiteral("until"), isoTime(cache.tgtEnd) }, { QStringLiteral("realm"), run.realm },
        { QStringLiteral("message"), cache.failure ? cache.failure->message : QString() } };
    const QList<Evidence> evidence { { KerberosProbe::tr("Ticket cache"), cache.name },
        { KerberosProbe::tr("Principal"), cache.principal.isEmpty() ? KerberosProbe::tr("(none)") : cache.principal },
        { KerberosProbe::tr("TGT valid until"), cache.tgtPresent ? isoTime(cache.tgtEnd) : KerberosProbe::tr("(no TGT)") } };
    QString id;
    if (cache.principal.isEmpty())
        id = QStringLiteral("kerberos.no-cache");
    else if (!cache.tgtPresent)
        id = QStringLiteral("kerberos.no-tgt");
    else if (cache.tgtEnd <= QDateTime::currentDateTimeUtc())
        id = QStringLiteral("kerberos.tgt-expired");
    else
        id = QStringLiteral("kerberos.cache-ok");
    if (report) {
        QList<Evidence> ev = evidence;
        if (cache.failure)
            ev << Evidence { KerberosProbe::tr("Library"),
                QStringLiteral("%1 (com_err %2)").arg(cache.failure->message).arg(cache.failure->code) };
        run.add(id, cache.principal.isEmpty() ? cache.name : cache.principal, args, ev);
    }
    return id == QLatin1String("kerberos.cache-ok");
}

/// Step 4: the bare AS-REQ over UDP and TCP; true when the KDC answered either way.
bool checkKdc(Run &run, const QString &kdc, const QString &how, const QString &clientName)
{
    AsRequest req;
    req.realm = run.realm;
    req.client = KrbPrincipalName { 1, clientName.split(QLatin1Char('/')) };
    req.nonce = QRandomGenerator::global()->generate();
    const int limit = std::max(0, run.context.remainingMs() - kMarginMs);
    const KdcAnswers a = askKdcBoth(kdc, 88, kerberoswire::encodeAsReq(req), run.context, limit);
    run.report.data.insert(QStringLiteral("kdc"),
        QJsonObject { { QStringLiteral("host"), kdc }, { QStringLiteral("from"), how },
            { QStringLiteral("udp"), kdcAnswerToJson(a.udp) }, { QStringLiteral("tcp"), kdcAnswerToJson(a.tcp) } });
    const QVariantMap args { { QStringLiteral("kdc"), kdc }, { QStringLiteral("udp_ms"), a.udp.ms },
        { QStringLiteral("tcp_ms"), a.tcp.ms }, { QStringLiteral("udp_state"), kdcStateName(a.udp.state) },
        { QStringLiteral("tcp_state"), kdcStateName(a.tcp.state) }, { QStringLiteral("principal"), clientName } };
    QList<Evidence> evidence;
    for (const KdcAnswer *x : { &a.udp, &a.tcp })
        evidence << Evidence { transportName(x->transport).toUpper() + QStringLiteral("/88"),
            QStringLiteral("%1 in %2 ms%3%4")
                .arg(kdcStateName(x->state))
                .arg(x->ms)
                .arg(x->error ? QStringLiteral(" (KRB-ERROR %1)").arg(x->error->errorCode) : QString())
                .arg(x->errorText.isEmpty() ? QString() : QStringLiteral(": ") + x->errorText) };
    for (const KdcAnswer *x : { &a.udp, &a.tcp }) {
        if (x->state == KdcAnswer::State::Garbage)
            run.add(QStringLiteral("kerberos.kdc-garbage"), kdc,
                { { QStringLiteral("kdc"), kdc }, { QStringLiteral("transport"), transportName(x->transport).toUpper() },
                    { QStringLiteral("detail"), x->errorText } },
                evidence);
        if (x->state == KdcAnswer::State::OtherReply && clientName != QLatin1String("krbtgt")) {
            run.add(QStringLiteral("kerberos.as-rep-without-preauth"), clientName, args, evidence);
            break;
        }
    }
    const bool udp = a.udp.answered(), tcp = a.tcp.answered();
    if (udp && tcp)
        run.add(QStringLiteral("kerberos.kdc-both"), kdc, args, evidence);
    else if (tcp)
        run.add(QStringLiteral("kerberos.kdc-tcp-only"), kdc, args, evidence);
    else if (udp)
        run.add(QStringLiteral("kerberos.kdc-udp-only"), kdc, args, evidence);
    else if (a.udp.state != KdcAnswer::State::Garbage && a.tcp.state != KdcAnswer::State::Garbage)
        run.add(QStringLiteral("kerberos.kdc-unreachable"), kdc, args, evidence);
    return udp || tcp;
}

/// Step 2: a TGT from a keytab or the keychain when asked, else the user's cache.
bool getTgt(Run &run, Krb5Client &krb, bool cacheUsable)
{
    const QString principal = run.option("principal");
    if (const QString keytab = run.option("keytab"); !keytab.isEmpty()) {
        run.report.data.insert(QStringLiteral("tgt_source"), QStringLiteral("keytab"));
        if (const auto f = krb.tgtFromKeytab(keytab, principal)) {
            reportFailure(run, *f, principal.isEmpty() ? keytab : principal);
            return false;
        }
        run.add(QStringLiteral("kerberos.keytab-tgt"), krb.principal(),
            { { QStringLiteral("principal"), krb.principal() }, { QStringLiteral("keytab"), keytab } },
            { { KerberosProbe::tr("TGT valid until"), isoTime(krb.tgtEnd()) } });
        return true;
    }
    const bool keychain = run.request.options.value(QStringLiteral("keychain")).toBool();
    if (keychain && principal.isEmpty())
        run.add(QStringLiteral("kerberos.keychain-none"), run.spn,
            { { QStringLiteral("principal"), KerberosProbe::tr("(no --principal)") }, { QStringLiteral("key"), QString() },
                { QStringLiteral("detail"), KerberosProbe::tr("the keychain entry is found by --principal") } });
    if (keychain && !principal.isEmpty()) {
        directory::ConnectionOptions o;
        o.bindDn = principal;
        o.dc = run.option("kdc");
        o.domain = run.realm;
        const QString key = directory::CredentialStore::keychainKey(o);
        auto stored = directory::CredentialStore(directory::CredentialStore::defaultService(),
            std::max(200, run.context.remainingMs() / 3))
                          .loadPassword(key);
        if (stored && *stored) {
            run.report.data.insert(QStringLiteral("tgt_source"), QStringLiteral("keychain"));
            if (const auto f = krb.tgtFromPassword(principal, **stored)) {
                reportFailure(run, *f, principal);
                return false;
            }
            run.add(QStringLiteral("kerberos.keychain-tgt"), krb.principal(),
                { { QStringLiteral("principal"), krb.principal() }, { QStringLiteral("key"), key } },
                { { KerberosProbe::tr("TGT valid until"), isoTime(krb.tgtEnd()) } });
            return true;
        }
        run.add(QStringLiteral("kerberos.keychain-none"), principal,
            { { QStringLiteral("principal"), principal }, { QStringLiteral("key"), key },
                { QStringLiteral("detail"),
                    stored ? KerberosProbe::tr("nothing stored") : stored.error().message } });
    }
    run.report.data.insert(QStringLiteral("tgt_source"), QStringLiteral("cache"));
    if (!cacheUsable)
        return false;
    if (const auto f = krb.useDefaultCache()) {
        reportFailure(run, *f, QString());
        return false;
    }
    return true;
}

/// Step 3: the service ticket.
void getServiceTicket(Run &run, Krb5Client &krb)
{
    auto got = krb.serviceTicket(run.spn, run.option("realm"));
    if (auto *f = std::get_if<Krb5Failure>(&got)) {
        reportFailure(run, *f, krb.principal());
        return;
    }
    const Krb5Ticket &t = std::get<Krb5Ticket>(got);
    run.report.data.insert(QStringLiteral("ticket"),
        QJsonObject { { QStringLiteral("client"), t.client }, { QStringLiteral("server"), t.server },
            { QStringLiteral("flags"), QJsonArray::fromStringList(t.flags) }, { QStringLiteral("flag_letters"), t.flagLetters },
            { QStringLiteral("etype"), t.ticketEtype }, { QStringLiteral("session_etype"), t.sessionEtype },
            { QStringLiteral("kvno"), t.kvno }, { QStringLiteral("start"), isoTime(t.start) },
            { QStringLiteral("end"), isoTime(t.end) }, { QStringLiteral("renew_till"), isoTime(t.renewTill) } });
    const QVariantMap args { { QStringLiteral("spn"), run.spn }, { QStringLiteral("etype"), t.ticketEtype },
        { QStringLiteral("session_etype"), t.sessionEtype }, { QStringLiteral("kvno"), t.kvno },
        { QStringLiteral("flags"), t.flags.join(QLatin1String(", ")) }, { QStringLiteral("end"), isoTime(t.end) } };
    const QList<Evidence> evidence { { KerberosProbe::tr("Server"), t.server }, { KerberosProbe::tr("Client"), t.client },
        { KerberosProbe::tr("Ticket etype"), t.ticketEtype }, { KerberosProbe::tr("Session key etype"), t.sessionEtype },
        { KerberosProbe::tr("Key version (kvno)"), QString::number(t.kvno) },
        { KerberosProbe::tr("Flags"), QStringLiteral("%1 (%2)").arg(t.flags.join(QLatin1String(", ")), t.flagLetters) },
        { KerberosProbe::tr("Valid"), QStringLiteral("%1 – %2").arg(isoTime(t.start), isoTime(t.end)) } };
    run.add(QStringLiteral("kerberos.service-ticket"), run.spn, args, evidence);
    if (t.ticketEtype.startsWith(QLatin1String("des")) || t.ticketEtype.startsWith(QLatin1String("arcfour"))
        || t.ticketEtype.startsWith(QLatin1String("rc4")))
        run.add(QStringLiteral("kerberos.weak-etype"), run.spn, args, evidence);
}

} // namespace

QString KerberosProbe::description() const
{
    return tr("Kerberos: ticket cache, the KDC over UDP and TCP, and a service ticket for the SPN with its flags and "
              "encryption type");
}

ProbeReport KerberosProbe::run(const ProbeRequest &request, const ProbeContext &context) const
{
    Run run { request, context, {}, FindingCatalog::builtin(), {}, {} };
    run.report.data = QJsonObject { { QStringLiteral("spn"), QJsonValue() }, { QStringLiteral("ticket"), QJsonValue() },
        { QStringLiteral("error"), QJsonValue() } };
    if (!decideSpn(run))
        return run.report;
    run.report.data.insert(QStringLiteral("spn"), run.spn);

    run.realm = run.option("realm").toUpper();
    auto opened = Krb5Client::open(run.realm, run.option("kdc"));
    if (auto *f = std::get_if<Krb5Failure>(&opened)) {
        run.fail(f->message);
        return run.report;
    }
    auto krb = std::move(std::get<std::unique_ptr<Krb5Client>>(opened));
    const bool useCache = run.option("keytab").isEmpty();
    // The realm: given, else the cache principal's, else the default realm.
    const Krb5CacheInfo cache = krb->inspectDefaultCache();
    if (run.realm.isEmpty() && cache.principal.contains(QLatin1Char('@')))
        run.realm = cache.principal.section(QLatin1Char('@'), -1);
    if (run.realm.isEmpty())
        run.realm = krb->defaultRealm();
    run.report.data.insert(QStringLiteral("realm"), run.realm);
    const bool cacheUsable = inspectCache(run, *krb, useCache);
    if (run.realm.isEmpty()) {
        run.add(QStringLiteral("kerberos.no-realm"), run.spn, { { QStringLiteral("files"), krb->configFiles() } });
        return run.report;
    }
    if (!run.option("kdc").isEmpty() && run.option("realm").isEmpty()) {
        // The override needs the realm, known only now: reopen with it.
        auto again = Krb5Client::open(run.realm, run.option("kdc"));
        if (auto *k = std::get_if<std::unique_ptr<Krb5Client>>(&again))
            krb = std::move(*k);
    }

    QString how;
    const QString kdc = findKdc(run, *krb, how);
    if (kdc.isEmpty()) {
        run.add(QStringLiteral("kerberos.kdc-not-found"), run.realm,
            { { QStringLiteral("realm"), run.realm }, { QStringLiteral("files"), krb->configFiles() } });
        return run.report;
    }
    QString clientName = run.option("principal").section(QLatin1Char('@'), 0, 0);
    if (clientName.isEmpty() && useCache && cache.principal.endsWith(QLatin1Char('@') + run.realm))
        clientName = cache.principal.section(QLatin1Char('@'), 0, 0);
    if (clientName.isEmpty())
        clientName = QStringLiteral("krbtgt");
    if (!checkKdc(run, kdc, how, clientName) || context.stopped())
        return run.report; // libkrb5 would wait for a KDC that did not answer us, past our deadline

    if (const QString account = run.option("account"); !account.isEmpty())
        run.add(QStringLiteral("kerberos.spn-holder-unchecked"), run.spn,
            { { QStringLiteral("spn"), run.spn }, { QStringLiteral("account"), account } });
    if (!getTgt(run, *krb, cacheUsable) || context.stopped())
        return run.report;
    getServiceTicket(run, *krb);
    return run.report;
}

} // namespace ssod::core::probe
