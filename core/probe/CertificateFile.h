#pragma once

#include "core/util/Result.h"

#include <QList>
#include <QSslCertificate>
#include <QSslError>
#include <QString>

namespace ssod::core::probe {

/// The certificates of a file, leaf first, and the format they were read from.
struct CertificateFile {
    QList<QSslCertificate> chain; ///< the leaf (the certificate no other one in the file names as issuer) first
    QString format; ///< "PEM", "DER", "PKCS#7 (PEM)", "PKCS#7 (DER)"
};

/// Largest certificate file read: a chain of a few certificates is a few kilobytes.
constexpr qint64 kMaxCertificateFileBytes = 1024 * 1024;

/**
 * Reads a certificate file as Windows exports them: PEM (one or several certificates), DER
 * (.cer/.crt), or a PKCS#7 chain (.p7b, DER or PEM; OpenSSL's PKCS7 reader). An Error names the
 * file and what it holds instead (a private key, a PFX, text, nothing).
 */
Result<CertificateFile> readCertificateFile(const QString &path);

/// Issued by itself and signed with its own key. QSslCertificate::isSelfSigned() also asks for the
/// keyCertSign usage (OpenSSL's X509_check_issued), which most self-signed server certificates —
/// the ones `New-SelfSignedCertificate` or openssl req -x509 make for a web or RDP server — lack.
bool isSelfSigned(const QSslCertificate &certificate);

/**
 * Verifies \a chain (leaf first; the rest are intermediates the holder sent) for a TLS server the
 * way OpenSSL does during a handshake, trusting the system's CAs and \a extraCas, and returns
 * every error met (as QSslError, so a file is judged like a live endpoint). Dates are checked
 * against now; the host name is not (the name check is separate).
 */
QList<QSslError> verifyCertificateChain(const QList<QSslCertificate> &chain, const QList<QSslCertificate> &extraCas);

} // namespace ssod::core::probe
