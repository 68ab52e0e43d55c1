#include "core/probe/CertificateCheck.h"

#include "core/probe/CertificateDer.h"
#include "core/probe/CertificateFile.h"
#include "core/probe/FindingCatalog.h"
#include "core/probe/UrlFetcher.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QSslKey>

namespace ssod::core::probe {

namespace {

constexpr int kFetchLimitMs = 2000;
constexpr int kSlowFetchMs = 1000;
constexpr int kMarginMs = 150;
constexpr int kMaxFetches = 12;
constexpr int kMinRsaBits = 2048;

/// One certificate of the chain with the fields read from its DER.
struct ChainEntry {
    QSslCertificate cert;
    CertificateDerFields der;
    QString label; ///< its CN, or its subject when it has none
};

QString distinguishedName(const QSslCertificate &c, bool issuer)
{
    QStringList parts;
    const QList<QByteArray> attrs = issuer ? c.issuerInfoAttributes() : c.subjectInfoAttributes();
    for (const QByteArray &a : attrs)
        for (const QString &v : issuer ? c.issuerInfo(a) : c.subjectInfo(a))
            parts << QString::fromLatin1(a) + QLatin1Char('=') + v;
    return parts.join(QLatin1String(", "));
}

QString keyText(const QSslCertificate &c)
{
    const QSslKey k = c.publicKey();
    QString alg;
    switch (k.algorithm()) {
    case QSsl::Rsa:
        alg = QStringLiteral("RSA");
        break;
    case QSsl::Dsa:
        alg = QStringLiteral("DSA");
        break;
    case QSsl::Ec:
        alg = QStringLiteral("EC");
        break;
    case QSsl::Dh:
        alg = QStringLiteral("DH");
        break;
    case QSsl::Opaque:
        return QStringLiteral("other");
    }
    return QStringLiteral("%1 %2").arg(alg).arg(k.length());
}

bool weakKey(const QSslCertificate &c)
{
    const QSslKey k = c.publicKey();
    return (k.algorithm() == QSsl::Rsa || k.algorithm() == QSsl::Dsa) && k.length() > 0 && k.length() < kMinRsaBits;
}

bool weakSignature(const QString &sigAlg)
{
    const QString s = sigAlg.toLower();
    return s.contains(QLatin1String("sha1")) || s.contains(QLatin1String("md5"));
}

QString dateText(const QDateTime &d)
{
    return d.toUTC().toString(Qt::ISODate);
}

QStringList ekuNames(const CertificateDerFields &der)
{
    if (!der.hasEku)
        return { QStringLiteral("any (no EKU extension)") };
    QStringList out;
    for (const QString &oid : der.ekuOids)
        out << ekuName(oid);
    return out;
}

/// Errors about the chain itself; name and dates get their own findings.
bool isTrustError(const QSslError &e)
{
    switch (e.error()) {
    case QSslError::NoError:
    case QSslError::HostNameMismatch:
    case QSslError::CertificateExpired:
    case QSslError::CertificateNotYetValid:
    case QSslError::InvalidPurpose: // reported as the EKU finding
        return false;
    default:
        return true;
    }
}

QJsonArray toArray(const QStringList &l)
{
    return QJsonArray::fromStringList(l);
}

QJsonObject entryJson(const ChainEntry &e)
{
    const QSslCertificate &c = e.cert;
    QStringList san;
    const auto alt = c.subjectAlternativeNames();
    for (const auto &[type, prefix] : { std::pair { QSsl::DnsEntry, "DNS:" }, std::pair { QSsl::IpAddressEntry, "IP:" },
             std::pair { QSsl::EmailEntry, "email:" } }) {
        QStringList values = alt.values(type);
        std::reverse(values.begin(), values.end()); // certificate order
        for (const QString &v : values)
            san << QLatin1String(prefix) + v;
    }
    return QJsonObject {
        { QStringLiteral("subject"), distinguishedName(c, false) },
        { QStringLiteral("issuer"), distinguishedName(c, true) },
        { QStringLiteral("san"), toArray(san) },
        { QStringLiteral("not_before"), dateText(c.effectiveDate()) },
        { QStringLiteral("not_after"), dateText(c.expiryDate()) },
        { QStringLiteral("sha1"), CertificateCheck::thumbprint(c, QCryptographicHash::Sha1) },
        { QStringLiteral("sha256"), CertificateCheck::thumbprint(c, QCryptographicHash::Sha256) },
        { QStringLiteral("key"), keyText(c) },
        { QStringLiteral("sig_alg"), e.der.signatureAlgorithm },
        { QStringLiteral("eku"), toArray(ekuNames(e.der)) },
        { QStringLiteral("self_signed"), isSelfSigned(c) },
        { QStringLiteral("crl"), toArray(e.der.crlUrls) },
        { QStringLiteral("aia"), toArray(e.der.caIssuerUrls) },
        { QStringLiteral("ocsp"), toArray(e.der.ocspUrls) },
    };
}

/// Builds the findings of one check; holds what every finding shares.
class Checker {
public:
    Checker(const CertificateCheckInput &in) : m_in(in)
    {
        const FindingCatalog &cat = FindingCatalog::builtin();
        const auto *purpose = cat.entry(QStringLiteral("tls.purpose.") + in.purpose);
        m_args = { { QStringLiteral("target"), in.subject }, { QStringLiteral("name"), in.name },
            { QStringLiteral("caSource"), in.caSource },
            { QStringLiteral("consequence"), purpose ? purpose->explanation : QString() } };
        for (const QSslCertificate &c : in.session.chain) {
            ChainEntry e { c, {}, c.subjectInfo(QSslCertificate::CommonName).value(0) };
            if (e.label.isEmpty())
                e.label = distinguishedName(c, false);
            if (auto der = parseCertificateDer(c.toDer()))
                e.der = *der;
            else
                e.der.signatureAlgorithm = der.error().message;
            m_chain << e;
        }
    }

    void add(const QString &id, QVariantMap extra = {}, QList<Evidence> evidence = {}, const QVariantMap &inputs = {})
    {
        QVariantMap args = m_args;
        args.insert(extra);
        m_out.findings << FindingCatalog::builtin().make(id, m_in.subject, args, evidence, inputs);
    }

    CertificateCheckResult run(const ProbeContext &context)
    {
        QJsonArray chain;
        for (const ChainEntry &e : m_chain)
            chain.append(entryJson(e));
        QStringList errors;
        for (const QSslError &e : m_in.session.errors)
            errors << e.errorString();
        m_out.data = QJsonObject { { QStringLiteral("name"), m_in.name }, { QStringLiteral("chain"), chain },
            { QStringLiteral("errors"), toArray(errors) } };
        if (m_chain.isEmpty()) {
            add(QStringLiteral("tls.no-certificate"));
            m_out.data.insert(QStringLiteral("trusted"), false);
            return m_out;
        }
        checkTrust();
        checkName();
        checkDates();
        checkKeyAndUsage();
        if (m_in.purpose == QLatin1String("winrm"))
            winrmListener();
        if (m_in.purpose == QLatin1String("rdp"))
            rdpInstall();
        checkUrls(context);
        return m_out;
    }

private:
    const ChainEntry &leaf() const { return m_chain.constFirst(); }

    QList<Evidence> leafEvidence() const
    {
        return { { QObject::tr("Subject"), distinguishedName(leaf().cert, false) },
            { QObject::tr("Issuer"), distinguishedName(leaf().cert, true) },
            { QObject::tr("SHA-1 thumbprint"), CertificateCheck::thumbprint(leaf().cert, QCryptographicHash::Sha1) } };
    }

    void checkTrust()
    {
        QStringList reasons;
        for (const QSslError &e : m_in.session.errors)
            if (isTrustError(e) && !reasons.contains(e.errorString()))
                reasons << e.errorString();
        const bool trusted = reasons.isEmpty();
        m_out.data.insert(QStringLiteral("trusted"), trusted);
        QList<Evidence> ev = leafEvidence();
        ev << Evidence { QObject::tr("Trusted CAs"), m_in.caSource };
        if (trusted) {
            add(QStringLiteral("tls.trusted"), {}, ev);
        } else {
            for (const QString &r : reasons)
                ev << Evidence { QObject::tr("Verification error"), r };
            add(QStringLiteral("tls.untrusted"), { { QStringLiteral("reason"), reasons.join(QLatin1String("; ")) } }, ev);
        }
        if (!isSelfSigned(leaf().cert))
            return;
        if (CertificateCheck::isRemoteDesktopSelfGenerated(leaf().cert, leaf().der.ekuOids))
            add(QStringLiteral("tls.rdp-self-generated"), { { QStringLiteral("cn"), leaf().label } }, leafEvidence(),
                { { QStringLiteral("host"), m_in.host } });
        else
            add(QStringLiteral("tls.self-signed"), {}, leafEvidence());
    }

    void checkName()
    {
        const QStringList names = CertificateCheck::presentedNames(leaf().cert);
        QString matched;
        for (const QString &n : names)
            if (CertificateCheck::nameMatches(n, m_in.name)) {
                matched = n;
                break;
            }
        QList<Evidence> ev { { QObject::tr("Name used"), m_in.name },
            { QObject::tr("Names in the certificate"), names.join(QLatin1String(", ")) } };
        if (m_in.purpose == QLatin1String("rdp"))
            ev << Evidence { QObject::tr("Kerberos SPN the client asks for"), QStringLiteral("TERMSRV/") + m_in.name };
        if (!matched.isEmpty())
            add(QStringLiteral("tls.name-ok"), { { QStringLiteral("matched"), matched } }, ev);
        else
            add(QStringLiteral("tls.name-mismatch"),
                { { QStringLiteral("certNames"), names.isEmpty() ? QObject::tr("no name") : names.join(QLatin1String(", ")) } },
                ev);
    }

    void checkDates()
    {
        bool problem = false;
        for (const ChainEntry &e : m_chain) {
            const QDateTime from = e.cert.effectiveDate(), until = e.cert.expiryDate();
            const QVariantMap cert { { QStringLiteral("cert"), e.label } };
            const QList<Evidence> ev { { QObject::tr("Valid from"), dateText(from) },
                { QObject::tr("Valid until"), dateText(until) }, { QObject::tr("Now"), dateText(m_in.now) } };
            const qint64 days = m_in.now.secsTo(until) / 86400;
            QVariantMap args = cert;
            args.insert(QStringLiteral("days"), days);
            if (until < m_in.now) {
                args.insert(QStringLiteral("date"), dateText(until));
                add(QStringLiteral("tls.expired"), args, ev);
            } else if (from > m_in.now) {
                args.insert(QStringLiteral("date"), dateText(from));
                add(QStringLiteral("tls.not-yet-valid"), args, ev);
            } else if (days < 14) {
                args.insert(QStringLiteral("date"), dateText(until));
                add(QStringLiteral("tls.expiring-soon"), args, ev);
            } else if (days < 30) {
                args.insert(QStringLiteral("date"), dateText(until));
                add(QStringLiteral("tls.expiring"), args, ev);
            } else {
                continue;
            }
            problem = true;
        }
        if (!problem)
            add(QStringLiteral("tls.validity-ok"), { { QStringLiteral("date"), dateText(leaf().cert.expiryDate()) } });
    }

    void checkKeyAndUsage()
    {
        bool problem = false;
        const CertificateDerFields &der = leaf().der;
        const QString eku = ekuNames(der).join(QLatin1String(", "));
        if (der.hasEku && !der.ekuOids.contains(QLatin1String(kEkuServerAuth))
            && !der.ekuOids.contains(QLatin1String("2.5.29.37.0"))) {
            add(QStringLiteral("tls.no-server-auth"), { { QStringLiteral("eku"), eku } }, leafEvidence());
            problem = true;
        }
        for (qsizetype i = 0; i < m_chain.size(); ++i) {
            const ChainEntry &e = m_chain.at(i);
            // A root's own signature is not checked by anyone: its trust comes from the store.
            const bool root = i > 0 && isSelfSigned(e.cert);
            const QVariantMap args { { QStringLiteral("cert"), e.label }, { QStringLiteral("key"), keyText(e.cert) },
                { QStringLiteral("sigAlg"), e.der.signatureAlgorithm } };
            if (weakKey(e.cert)) {
                add(QStringLiteral("tls.weak-key"), args);
                problem = true;
            }
            if (!root && weakSignature(e.der.signatureAlgorithm)) {
                add(QStringLiteral("tls.weak-signature"), args);
                problem = true;
            }
        }
        if (!problem)
            add(QStringLiteral("tls.key-ok"),
                { { QStringLiteral("key"), keyText(leaf().cert) }, { QStringLiteral("sigAlg"), der.signatureAlgorithm },
                    { QStringLiteral("eku"), eku } });
    }

    void winrmListener()
    {
        const QString thumb = CertificateCheck::thumbprint(leaf().cert, QCryptographicHash::Sha1);
        const QString command = QStringLiteral(
            "winrm create winrm/config/Listener?Address=*+Transport=HTTPS @{Hostname=\"%1\";CertificateThumbprint=\"%2\"}")
                                    .arg(m_in.name, thumb);
        add(QStringLiteral("tls.winrm-listener"),
            { { QStringLiteral("thumbprint"), thumb }, { QStringLiteral("command"), command } },
            { { QObject::tr("Command"), command }, { QObject::tr("SHA-1 thumbprint"), thumb } });
    }

    /// How the certificate is put to use on Remote Desktop: for a farm's roles through the
    /// Connection Broker (Set-RDCertificate, from a .pfx with the key), for one host by thumbprint.
    void rdpInstall()
    {
        const QString thumb = CertificateCheck::thumbprint(leaf().cert, QCryptographicHash::Sha1);
        const QString farm = QStringLiteral(
            "foreach ($role in 'RDRedirector','RDPublishing','RDWebAccess','RDGateway') { Set-RDCertificate -Role $role "
            "-ImportPath C:\\certs\\%1.pfx -Password (Read-Host -AsSecureString 'PFX password') "
            "-ConnectionBroker BROKER.FQDN -Force }")
                                 .arg(m_in.name);
        const QString host = QStringLiteral(
            "Get-CimInstance -Namespace root/cimv2/TerminalServices -ClassName Win32_TSGeneralSetting -Filter "
            "\"TerminalName='RDP-tcp'\" | Set-CimInstance -Property @{SSLCertificateSHA1Hash='%1'}")
                                 .arg(thumb);
        add(QStringLiteral("tls.rdp-install"),
            { { QStringLiteral("thumbprint"), thumb }, { QStringLiteral("farm"), farm }, { QStringLiteral("host"), host } },
            { { QObject::tr("Farm (on the Connection Broker)"), farm }, { QObject::tr("One host"), host },
                { QObject::tr("SHA-1 thumbprint"), thumb } });
    }

    void checkUrls(const ProbeContext &context)
    {
        QStringList urls;
        for (const ChainEntry &e : m_chain)
            for (const QStringList *l : { &e.der.crlUrls, &e.der.caIssuerUrls, &e.der.ocspUrls })
                for (const QString &u : *l)
                    if (!urls.contains(u) && urls.size() < kMaxFetches)
                        urls << u;
        QJsonArray fetches;
        if (urls.isEmpty()) {
            m_out.data.insert(QStringLiteral("fetches"), fetches);
            add(QStringLiteral("tls.revocation-none"));
            return;
        }
        const int limit = std::min(kFetchLimitMs, context.remainingMs() - kMarginMs);
        if (!m_in.fetchRevocation || limit <= 0) {
            QList<Evidence> ev;
            for (const QString &u : urls)
                ev << Evidence { QObject::tr("URL"), u };
            m_out.data.insert(QStringLiteral("fetches"), fetches);
            add(QStringLiteral("tls.revocation-skipped"), {}, ev);
            return;
        }
        QList<Evidence> unreachable, slow, httpError;
        const QList<UrlFetch> results = fetchUrls(urls, context, limit);
        for (const UrlFetch &f : results) {
            fetches.append(QJsonObject { { QStringLiteral("url"), f.url }, { QStringLiteral("ms"), f.ms },
                { QStringLiteral("result"), f.result } });
            const Evidence ev { f.url, QStringLiteral("%1 (%2 ms)").arg(f.result).arg(f.ms) };
            if (f.state == UrlFetch::State::TimedOut || f.state == UrlFetch::State::Failed)
                unreachable << ev;
            else if (f.state == UrlFetch::State::HttpError)
                httpError << ev;
            else if (f.state == UrlFetch::State::Answered && f.ms > kSlowFetchMs)
                slow << ev;
        }
        m_out.data.insert(QStringLiteral("fetches"), fetches);
        const QVariantMap inputs { { QStringLiteral("host"), m_in.host } };
        if (!unreachable.isEmpty())
            add(QStringLiteral("tls.revocation-unreachable"),
                { { QStringLiteral("count"), unreachable.size() }, { QStringLiteral("limit"), limit } }, unreachable, inputs);
        if (!slow.isEmpty())
            add(QStringLiteral("tls.revocation-slow"), { { QStringLiteral("count"), slow.size() } }, slow, inputs);
        if (!httpError.isEmpty())
            add(QStringLiteral("tls.revocation-http-error"), { { QStringLiteral("count"), httpError.size() } }, httpError);
        if (unreachable.isEmpty() && slow.isEmpty() && httpError.isEmpty())
            add(QStringLiteral("tls.revocation-ok"), { { QStringLiteral("count"), results.size() } });
    }

    const CertificateCheckInput &m_in;
    QVariantMap m_args;
    QList<ChainEntry> m_chain;
    CertificateCheckResult m_out;
};

QString normalisedName(QString n)
{
    n = n.trimmed().toLower();
    while (n.endsWith(QLatin1Char('.')))
        n.chop(1);
    return n;
}

} // namespace

CertificateCheckResult CertificateCheck::run(const CertificateCheckInput &input, const ProbeContext &context)
{
    return Checker(input).run(context);
}

bool CertificateCheck::nameMatches(const QString &pattern, const QString &name)
{
    const QString p = normalisedName(pattern), n = normalisedName(name);
    if (p.isEmpty() || n.isEmpty())
        return false;
    if (!p.contains(QLatin1Char('*')))
        return p == n;
    // Only "*.rest" with a whole-label wildcard; partial ones ("w*.lab.test") are not honoured by
    // current clients, and "*.test" would cover a whole top-level domain.
    if (!p.startsWith(QLatin1String("*.")))
        return false;
    const QString rest = p.mid(2);
    if (rest.contains(QLatin1Char('*')) || !rest.contains(QLatin1Char('.')) || !QHostAddress(n).isNull())
        return false;
    const qsizetype dot = n.indexOf(QLatin1Char('.'));
    return dot > 0 && n.mid(dot + 1) == rest;
}

QStringList CertificateCheck::presentedNames(const QSslCertificate &cert)
{
    const auto alt = cert.subjectAlternativeNames();
    QStringList names = alt.values(QSsl::DnsEntry);
    const QStringList ips = alt.values(QSsl::IpAddressEntry);
    std::reverse(names.begin(), names.end()); // QMultiMap gives the last inserted first
    if (names.isEmpty()) // RFC 6125 §6.4.4: the CN only counts without DNS-IDs
        names = cert.subjectInfo(QSslCertificate::CommonName);
    return names + ips;
}

bool CertificateCheck::isRemoteDesktopSelfGenerated(const QSslCertificate &cert, const QStringList &ekuOids)
{
    const qint64 days = cert.effectiveDate().daysTo(cert.expiryDate());
    return isSelfSigned(cert) && ekuOids == QStringList { QLatin1String(kEkuServerAuth) }
        && cert.subjectAlternativeNames().isEmpty() && days >= 150 && days <= 200
        && cert.subjectInfo(QSslCertificate::CommonName).size() == 1;
}

QString CertificateCheck::thumbprint(const QSslCertificate &cert, QCryptographicHash::Algorithm algorithm)
{
    return QString::fromLatin1(cert.digest(algorithm).toHex().toUpper());
}

} // namespace ssod::core::probe
