#pragma once

#include "core/util/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace ssod::core::probe {

/**
 * The fields of an X.509 certificate that Qt does not expose: the signature algorithm, the extended
 * key usages, and the URLs a client fetches while it checks the chain (CRL distribution points,
 * AIA caIssuers and OCSP). Read from the certificate's DER with a bounded reader, so a hostile
 * server's certificate cannot make it read past its input or loop.
 */
struct CertificateDerFields {
    QString signatureAlgorithmOid;
    QString signatureAlgorithm; ///< "sha256WithRSAEncryption", or the OID when unknown
    bool hasEku = false; ///< an extendedKeyUsage extension is present (absent = any usage)
    QStringList ekuOids;
    QStringList crlUrls; ///< URIs of the CRL distribution points (http, ldap, …)
    QStringList caIssuerUrls; ///< AIA caIssuers URIs
    QStringList ocspUrls; ///< AIA OCSP URIs
};

/// The fields of the DER certificate \a der; an error for anything that is not a well-formed one.
Result<CertificateDerFields> parseCertificateDer(const QByteArray &der);

/// "serverAuth", "clientAuth", … for an EKU OID; the OID itself when unknown.
QString ekuName(const QString &oid);
/// The name of a signature algorithm OID; the OID itself when unknown.
QString signatureAlgorithmName(const QString &oid);

/// The OID of the serverAuth extended key usage.
inline constexpr const char *kEkuServerAuth = "1.3.6.1.5.5.7.3.1";

} // namespace ssod::core::probe
