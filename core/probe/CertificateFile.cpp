#include "core/probe/CertificateFile.h"

#include <QFile>
#include <QFileInfo>

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <memory>

namespace ssod::core::probe {

namespace {

template <typename T, void (*Free)(T *)>
struct Deleter {
    void operator()(T *p) const { Free(p); }
};
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Pkcs7Ptr = std::unique_ptr<PKCS7, Deleter<PKCS7, PKCS7_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using StorePtr = std::unique_ptr<X509_STORE, Deleter<X509_STORE, X509_STORE_free>>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, Deleter<X509_STORE_CTX, X509_STORE_CTX_free>>;

void freeStack(STACK_OF(X509) *s)
{
    sk_X509_pop_free(s, X509_free);
}
using StackPtr = std::unique_ptr<STACK_OF(X509), Deleter<STACK_OF(X509), freeStack>>;

X509Ptr toX509(const QSslCertificate &c)
{
    const QByteArray der = c.toDer();
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    return X509Ptr(d2i_X509(nullptr, &p, long(der.size())));
}

QSslCertificate fromX509(X509 *x)
{
    unsigned char *out = nullptr;
    const int n = i2d_X509(x, &out);
    if (n <= 0)
        return QSslCertificate();
    const QByteArray der(reinterpret_cast<const char *>(out), n);
    OPENSSL_free(out);
    return QSslCertificate(der, QSsl::Der);
}

/// The certificates of a PKCS#7 SignedData (a .p7b "certificate chain"), or empty.
QList<QSslCertificate> fromPkcs7(const QByteArray &bytes, bool pem)
{
    BioPtr bio(BIO_new_mem_buf(bytes.constData(), int(bytes.size())));
    Pkcs7Ptr p7(pem ? PEM_read_bio_PKCS7(bio.get(), nullptr, nullptr, nullptr) : d2i_PKCS7_bio(bio.get(), nullptr));
    QList<QSslCertificate> out;
    if (!p7 || !PKCS7_type_is_signed(p7.get()) || !p7->d.sign)
        return out;
    STACK_OF(X509) *certs = p7->d.sign->cert;
    for (int i = 0; certs && i < sk_X509_num(certs); ++i)
        out << fromX509(sk_X509_value(certs, i));
    return out;
}

/// Leaf first, then each one's issuer when the file has it; the rest in file order.
QList<QSslCertificate> leafFirst(QList<QSslCertificate> certs)
{
    if (certs.size() < 2)
        return certs;
    auto issues = [](const QSslCertificate &issuer, const QSslCertificate &c) {
        return !probe::isSelfSigned(c) && c.issuerInfo(QSslCertificate::CommonName) == issuer.subjectInfo(QSslCertificate::CommonName)
            && c.issuerDisplayName() == issuer.subjectDisplayName();
    };
    qsizetype leaf = 0;
    for (qsizetype i = 0; i < certs.size(); ++i) {
        bool issuesAnother = false;
        for (qsizetype j = 0; j < certs.size(); ++j)
            if (i != j && issues(certs.at(i), certs.at(j)))
                issuesAnother = true;
        if (!issuesAnother) {
            leaf = i;
            break;
        }
    }
    QList<QSslCertificate> out { certs.takeAt(leaf) };
    while (!certs.isEmpty()) {
        qsizetype next = -1;
        for (qsizetype i = 0; i < certs.size() && next < 0; ++i)
            if (issues(certs.at(i), out.last()))
                next = i;
        out << certs.takeAt(next >= 0 ? next : 0);
    }
    return out;
}

QSslError::SslError mapError(int code)
{
    switch (code) {
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
        return QSslError::UnableToGetIssuerCertificate;
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
        return QSslError::UnableToGetLocalIssuerCertificate;
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
        return QSslError::UnableToVerifyFirstCertificate;
    case X509_V_ERR_CERT_SIGNATURE_FAILURE:
        return QSslError::CertificateSignatureFailed;
    case X509_V_ERR_CERT_NOT_YET_VALID:
        return QSslError::CertificateNotYetValid;
    case X509_V_ERR_CERT_HAS_EXPIRED:
        return QSslError::CertificateExpired;
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
        return QSslError::SelfSignedCertificate;
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
        return QSslError::SelfSignedCertificateInChain;
    case X509_V_ERR_CERT_REVOKED:
        return QSslError::CertificateRevoked;
    case X509_V_ERR_INVALID_CA:
        return QSslError::InvalidCaCertificate;
    case X509_V_ERR_PATH_LENGTH_EXCEEDED:
        return QSslError::PathLengthExceeded;
    case X509_V_ERR_INVALID_PURPOSE:
        return QSslError::InvalidPurpose;
    case X509_V_ERR_CERT_UNTRUSTED:
        return QSslError::CertificateUntrusted;
    case X509_V_ERR_CERT_REJECTED:
        return QSslError::CertificateRejected;
    default:
        return QSslError::UnspecifiedError;
    }
}

struct Collected {
    QList<QSslCertificate> chain;
    QList<QSslError> errors;
};

int collectError(int ok, X509_STORE_CTX *ctx)
{
    if (ok)
        return 1;
    auto *collected = static_cast<Collected *>(X509_STORE_CTX_get_app_data(ctx));
    const int depth = X509_STORE_CTX_get_error_depth(ctx);
    X509 *current = X509_STORE_CTX_get_current_cert(ctx);
    const QSslCertificate cert = current ? fromX509(current) : collected->chain.value(depth);
    const QSslError e(mapError(X509_STORE_CTX_get_error(ctx)), cert);
    if (!collected->errors.contains(e))
        collected->errors << e;
    return 1; // go on: every problem is reported, not only the first
}

} // namespace

bool isSelfSigned(const QSslCertificate &certificate)
{
    const X509Ptr x = toX509(certificate);
    if (!x)
        return false;
    if (X509_NAME_cmp(X509_get_subject_name(x.get()), X509_get_issuer_name(x.get())) != 0)
        return false;
    EVP_PKEY *key = X509_get0_pubkey(x.get());
    return key && X509_verify(x.get(), key) == 1;
}

Result<CertificateFile> readCertificateFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error::io(QStringLiteral("cannot read: %1").arg(f.errorString()), path);
    if (f.size() > kMaxCertificateFileBytes)
        return Error::invalid(QStringLiteral("%1 bytes: far larger than a certificate or a chain; is this the right file?")
                                  .arg(f.size()),
            path);
    const QByteArray bytes = f.readAll();
    CertificateFile out;
    if (bytes.contains("-----BEGIN PKCS7-----")) {
        out.chain = fromPkcs7(bytes, true);
        out.format = QStringLiteral("PKCS#7 (PEM)");
    } else if (bytes.contains("-----BEGIN CERTIFICATE-----")) {
        out.chain = QSslCertificate::fromData(bytes, QSsl::Pem);
        out.format = QStringLiteral("PEM");
    } else if (!bytes.isEmpty() && bytes.at(0) == '\x30') {
        out.chain = QSslCertificate::fromData(bytes, QSsl::Der);
        out.format = QStringLiteral("DER");
        if (out.chain.isEmpty() || out.chain.first().isNull()) {
            out.chain = fromPkcs7(bytes, false);
            out.format = QStringLiteral("PKCS#7 (DER)");
        }
    }
    out.chain.removeIf([](const QSslCertificate &c) { return c.isNull(); });
    if (out.chain.isEmpty()) {
        QString what = QStringLiteral("no certificate in it");
        if (bytes.contains("PRIVATE KEY-----"))
            what = QStringLiteral("it holds a private key, not a certificate: give the certificate (.cer, .crt, .pem, .p7b)");
        else if (QFileInfo(path).suffix().compare(QLatin1String("pfx"), Qt::CaseInsensitive) == 0
            || QFileInfo(path).suffix().compare(QLatin1String("p12"), Qt::CaseInsensitive) == 0)
            what = QStringLiteral("a PFX/PKCS#12 file is password-protected with its key; export the certificate "
                                  "without the key (.cer) instead");
        return Error::invalid(QStringLiteral("not a certificate file (PEM, DER .cer/.crt or PKCS#7 .p7b): %1").arg(what), path);
    }
    out.chain = leafFirst(out.chain);
    return out;
}

QList<QSslError> verifyCertificateChain(const QList<QSslCertificate> &chain, const QList<QSslCertificate> &extraCas)
{
    if (chain.isEmpty())
        return {};
    StorePtr store(X509_STORE_new());
    X509_STORE_set_default_paths(store.get());
    for (const QSslCertificate &ca : extraCas)
        if (X509Ptr x = toX509(ca))
            X509_STORE_add_cert(store.get(), x.get());
    StackPtr untrusted(sk_X509_new_null());
    for (qsizetype i = 1; i < chain.size(); ++i)
        if (X509Ptr x = toX509(chain.at(i)))
            sk_X509_push(untrusted.get(), x.release());
    X509Ptr leaf = toX509(chain.first());
    StoreCtxPtr ctx(X509_STORE_CTX_new());
    Collected collected { chain, {} };
    if (!leaf || !ctx || X509_STORE_CTX_init(ctx.get(), store.get(), leaf.get(), untrusted.get()) != 1)
        return { QSslError(QSslError::UnspecifiedError, chain.first()) };
    X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_SSL_SERVER);
    X509_STORE_CTX_set_app_data(ctx.get(), &collected);
    X509_STORE_CTX_set_verify_cb(ctx.get(), collectError);
    X509_verify_cert(ctx.get());
    return collected.errors;
}

} // namespace ssod::core::probe
