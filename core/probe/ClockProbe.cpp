#include "core/probe/ClockProbe.h"

#include "core/directory/LdapConnection.h"
#include "core/probe/FindingCatalog.h"
#include "core/probe/KdcExchange.h"
#include "core/probe/Krb5Client.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QThread>
#include <cmath>

namespace ssod::core::probe {

namespace {

constexpr int kMarginMs = 150;
constexpr qint64 kOkLimitMs = 60 * 1000;

/// One source's reading of the DC's clock.
struct Reading {
    QString state = QStringLiteral("not-asked");
    qint64 ms = 0;
    QDateTime dcTime;
    QDateTime localTime; ///< this machine's clock at the moment the DC read its own
    qint64 skewMs = 0;
    QString detail;
    bool ok() const { return dcTime.isValid(); }
};

QDateTime midpoint(const QDateTime &a, const QDateTime &b)
{
    return a.addMSecs(a.msecsTo(b) / 2);
}

Reading readKdc(const QString &host, const QString &realm, const ProbeContext &context, int limitMs)
{
    Reading r;
    AsRequest req;
    req.realm = realm.isEmpty() ? QStringLiteral("SSOD.INVALID") : realm; // any realm gets a dated KRB-ERROR
    req.client = KrbPrincipalName { 1, { QStringLiteral("krbtgt") } };
    req.nonce = QRandomGenerator::global()->generate();
    const KdcAnswers a = askKdcBoth(host, 88, kerberoswire::encodeAsReq(req), context, limitMs);
    const KdcAnswer *best = a.best();
    const KdcAnswer &shown = best ? *best : a.udp;
    r.state = kdcStateName(shown.state);
    r.ms = shown.ms;
    r.detail = QStringLiteral("UDP %1, TCP %2").arg(kdcStateName(a.udp.state), kdcStateName(a.tcp.state));
    if (best) {
        r.dcTime = best->error->stime;
        // The KDC stamps its reply between our send and our receive: compare with the middle.
        r.localTime = midpoint(best->sentAt, best->receivedAt);
        r.skewMs = r.localTime.msecsTo(r.dcTime);
        r.detail = QStringLiteral("%1 over %2 (KRB-ERROR %3)")
                       .arg(r.detail, transportName(best->transport).toUpper())
                       .arg(best->error->errorCode);
    }
    return r;
}

Reading readLdap(const QString &host, int limitMs)
{
    Reading r;
    QElapsedTimer clock;
    clock.start();
    const QDateTime before = QDateTime::currentDateTimeUtc();
    auto dse = directory::LdapConnection::anonymousRootDse(host, std::max(1, limitMs));
    const QDateTime after = QDateTime::currentDateTimeUtc();
    r.ms = clock.elapsed();
    if (!dse) {
        r.state = r.ms >= limitMs * 9 / 10 ? QStringLiteral("silent") : QStringLiteral("failed");
        r.detail = dse.error().message;
        return r;
    }
    if (!dse->currentTime.isValid()) {
        r.state = QStringLiteral("no-current-time");
        r.detail = QStringLiteral("the rootDSE has no currentTime");
        return r;
    }
    r.state = QStringLiteral("answered");
    // currentTime has whole seconds (the fraction is cut): its true value is half a second later
    // on average.
    r.dcTime = dse->currentTime.addMSecs(500);
    r.localTime = midpoint(before, after);
    r.skewMs = r.localTime.msecsTo(r.dcTime);
    r.detail = QStringLiteral("currentTime %1").arg(dse->currentTime.toString(Qt::ISODate));
    return r;
}

QJsonObject toJson(const Reading &r)
{
    QJsonObject o { { QStringLiteral("state"), r.state }, { QStringLiteral("ms"), r.ms },
        { QStringLiteral("detail"), r.detail } };
    if (r.ok()) {
        o.insert(QStringLiteral("time"), r.dcTime.toString(Qt::ISODateWithMs));
        o.insert(QStringLiteral("local_time"), r.localTime.toString(Qt::ISODateWithMs));
        o.insert(QStringLiteral("skew_s"), std::round(double(r.skewMs) / 100.0) / 10.0);
    }
    return o;
}

} // namespace

QString ClockProbe::description() const
{
    return tr("Clock: skew between this machine and a domain controller (KDC time and LDAP currentTime) against "
              "the Kerberos tolerance");
}

QString ClockProbe::describeSkew(qint64 skewMs)
{
    const qint64 s = std::llabs(skewMs + (skewMs >= 0 ? 500 : -500)) / 1000;
    if (s == 0)
        return tr("in step with");
    const QString amount = s >= 60 ? tr("%1 min %2 s").arg(s / 60).arg(s % 60) : tr("%1 s").arg(s);
    // DC ahead of us: this machine is behind.
    return skewMs > 0 ? tr("%1 behind").arg(amount) : tr("%1 ahead of").arg(amount);
}

ProbeReport ClockProbe::run(const ProbeRequest &request, const ProbeContext &context) const
{
    ProbeReport report;
    const FindingCatalog &catalog = FindingCatalog::builtin();
    const QString host = request.target.trimmed();
    const QString method = request.options.value(QStringLiteral("method")).toString().trimmed().toLower();
    if (host.isEmpty() || host.contains(QLatin1Char('/')) || host.contains(QLatin1Char(' '))
        || !(method.isEmpty() || method == QLatin1String("kdc") || method == QLatin1String("ldap")
            || method == QLatin1String("both"))) {
        report.outcome = Outcome::Failed;
        report.error = host.isEmpty() || host.contains(QLatin1Char('/')) || host.contains(QLatin1Char(' '))
            ? tr("the clock probe takes a domain controller's host name or address")
            : tr("method is kdc, ldap or both");
        report.findings << catalog.make(QStringLiteral("probe.bad-target"), host,
            { { QStringLiteral("target"), request.target }, { QStringLiteral("reason"), report.error } });
        return report;
    }
    const bool useKdc = method != QLatin1String("ldap");
    const bool useLdap = method != QLatin1String("kdc");
    int toleranceS = 300;
    QString realm = request.options.value(QStringLiteral("realm")).toString().toUpper();
    {
        auto opened = Krb5Client::open();
        if (auto *krb = std::get_if<std::unique_ptr<Krb5Client>>(&opened)) {
            toleranceS = (*krb)->clockSkewSeconds();
            if (realm.isEmpty())
                realm = (*krb)->defaultRealm();
        }
    }
    const int limit = std::max(0, context.remainingMs() - kMarginMs);
    Reading kdc, ldap;
    // Both at once: LDAP (a blocking libldap call bounded by its own timeouts) on a helper thread.
    std::unique_ptr<QThread> ldapThread;
    if (useLdap) {
        // libldap bounds the connect and the search each by the timeout: half the time for each.
        ldapThread.reset(QThread::create([&] { ldap = readLdap(host, std::max(1, limit / 2)); }));
        ldapThread->start();
    }
    if (useKdc)
        kdc = readKdc(host, realm, context, limit);
    if (ldapThread)
        ldapThread->wait();

    const Reading &primary = kdc.ok() ? kdc : ldap;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    report.data = QJsonObject { { QStringLiteral("dc"), host }, { QStringLiteral("local_time"), now.toString(Qt::ISODateWithMs) },
        { QStringLiteral("tolerance_s"), toleranceS }, { QStringLiteral("kdc"), toJson(kdc) },
        { QStringLiteral("ldap"), toJson(ldap) } };
    QList<Evidence> evidence { { tr("This machine (UTC)"), (primary.ok() ? primary.localTime : now).toString(Qt::ISODateWithMs) } };
    if (useKdc)
        evidence << Evidence { tr("KDC time (KRB-ERROR stime)"),
            kdc.ok() ? QStringLiteral("%1 (%2)").arg(kdc.dcTime.toString(Qt::ISODateWithMs), kdc.detail)
                     : QStringLiteral("%1: %2").arg(kdc.state, kdc.detail) };
    if (useLdap)
        evidence << Evidence { tr("LDAP rootDSE currentTime"),
            ldap.ok() ? ldap.dcTime.addMSecs(-500).toString(Qt::ISODate) : QStringLiteral("%1: %2").arg(ldap.state, ldap.detail) };
    if (!primary.ok()) {
        report.findings << catalog.make(QStringLiteral("clock.no-source"), host,
            { { QStringLiteral("dc"), host }, { QStringLiteral("kdc"), kdc.state }, { QStringLiteral("ldap"), ldap.state },
                { QStringLiteral("seconds"), QString::number(request.timeoutMs / 1000.0) } },
            evidence);
        return report;
    }
    const double skewS = std::round(double(primary.skewMs) / 100.0) / 10.0;
    report.data.insert(QStringLiteral("skew_s"), skewS);
    report.data.insert(QStringLiteral("source"), kdc.ok() ? QStringLiteral("kdc") : QStringLiteral("ldap"));
    evidence << Evidence { tr("Difference (DC - this machine)"), QStringLiteral("%1%2 s").arg(skewS > 0 ? QStringLiteral("+") : QString()).arg(skewS) }
             << Evidence { tr("Tolerance (clockskew)"), QStringLiteral("%1 s").arg(toleranceS) };
    const QVariantMap args { { QStringLiteral("dc"), host }, { QStringLiteral("relation"), describeSkew(primary.skewMs) },
        { QStringLiteral("seconds"), skewS }, { QStringLiteral("tolerance"), toleranceS },
        { QStringLiteral("source"), kdc.ok() ? tr("the KDC's time") : tr("the LDAP currentTime") } };
    const qint64 absMs = std::llabs(primary.skewMs);
    const QString id = absMs < kOkLimitMs ? QStringLiteral("clock.ok")
        : absMs <= qint64(toleranceS) * 1000 ? QStringLiteral("clock.near-limit")
                                              : QStringLiteral("clock.skew");
    report.findings << catalog.make(id, host, args, evidence);
    if (useKdc && useLdap) {
        if (kdc.ok() && ldap.ok() && std::llabs(kdc.skewMs - ldap.skewMs) > 3000)
            report.findings << catalog.make(QStringLiteral("clock.sources-disagree"), host,
                { { QStringLiteral("dc"), host }, { QStringLiteral("kdc"), kdc.skewMs / 1000.0 },
                    { QStringLiteral("ldap"), ldap.skewMs / 1000.0 } },
                evidence);
        else if (!kdc.ok() || !ldap.ok())
            report.findings << catalog.make(QStringLiteral("clock.one-source"), host,
                { { QStringLiteral("dc"), host }, { QStringLiteral("failed"), kdc.ok() ? QStringLiteral("LDAP") : QStringLiteral("KDC") },
                    { QStringLiteral("state"), kdc.ok() ? ldap.state : kdc.state } },
                evidence);
    }
    return report;
}

} // namespace ssod::core::probe
