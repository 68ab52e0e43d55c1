#pragma once

#include "core/probe/Probe.h"
#include "core/probe/TlsSession.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSslCertificate>
#include <QString>

namespace ssod::core::probe {

/// What a certificate check is about: the chain a server presented and how it will be used.
struct CertificateCheckInput {
    QString subject; ///< host:port, the findings' subject
    QString host; ///< the host as given (fix inputs)
    QString name; ///< the name the user typed, checked against CN/SAN
    QString purpose = QStringLiteral("https"); ///< https | winrm | ldaps | rdp
    QString caSource; ///< "system store + ca.pem", for the evidence
    TlsSession session;
    bool fetchRevocation = true;
    QDateTime now = QDateTime::currentDateTimeUtc();
};

/// The findings and the "chain", "trusted", "errors", "fetches" facts of a certificate check.
struct CertificateCheckResult {
    QList<Finding> findings;
    QJsonObject data;
};

/**
 * Everything a client checks about a server certificate, explained: the chain to a trusted CA,
 * the name against CN/SAN (RFC 6125 wildcards), validity dates, self-signed and auto-generated
 * Remote Desktop certificates, the serverAuth EKU, key and signature algorithm, thumbprints, and
 * each CRL / AIA / OCSP URL of the chain fetched with its time (the "Securing remote
 * connection…" delay). Used by the TLS and RDP probes and by LDAPS.
 */
class CertificateCheck final {
public:
    /// Checks input.session's chain; fetches the chain's URLs within the context's time.
    static CertificateCheckResult run(const CertificateCheckInput &input, const ProbeContext &context);

    /// RFC 6125 §6.4: does the DNS-ID or CN \a pattern ("*.lab.test") match \a name? A wildcard
    /// only as the whole leftmost label, over exactly one label, never over a public suffix alone.
    static bool nameMatches(const QString &pattern, const QString &name);
    /// The names a client compares against: the SAN DNS (and IP) entries, the CN only when the
    /// certificate has no SAN DNS entry.
    static QStringList presentedNames(const QSslCertificate &cert);
    /// Looks like the certificate a Remote Desktop host makes for itself: self-signed, serverAuth
    /// only, no SAN, valid for about six months.
    static bool isRemoteDesktopSelfGenerated(const QSslCertificate &cert, const QStringList &ekuOids);
    /// Uppercase hex without separators, as Windows shows a thumbprint.
    static QString thumbprint(const QSslCertificate &cert, QCryptographicHash::Algorithm algorithm);
};

} // namespace ssod::core::probe
