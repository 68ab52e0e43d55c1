#include "core/probe/NegotiateClient.h"

#include <QStringList>

#include <gssapi/gssapi.h>
#include <gssapi/gssapi_krb5.h>

namespace ssod::core::probe {

namespace {

// MIT's com_err base of the krb5 table (FACTS.md §7.1): minor = base + protocol code.
constexpr qint64 kKrb5TableBase = -1765328384LL;
// KRB5_FCC_NOFILE "No credentials cache found": what MIT says when the ticket cache is missing.
constexpr qint32 kFccNoFile = -1765328189;

gss_OID_desc kSpnegoOid = { 6, const_cast<char *>("\x2b\x06\x01\x05\x05\x02") };
gss_OID_desc kKrb5Oid = { 9, const_cast<char *>("\x2a\x86\x48\x86\xf7\x12\x01\x02\x02") };
gss_OID_desc kNtlmOid = { 10, const_cast<char *>("\x2b\x06\x01\x04\x01\x82\x37\x02\x02\x0a") };

bool sameOid(gss_const_OID a, const gss_OID_desc &b)
{
    return a && a->length == b.length && memcmp(a->elements, b.elements, b.length) == 0;
}

/// Every message gss_display_status has for \a code of \a type.
QStringList displayStatus(OM_uint32 code, int type, gss_OID mech)
{
    QStringList out;
    OM_uint32 context = 0;
    do {
        OM_uint32 minor = 0;
        gss_buffer_desc text = GSS_C_EMPTY_BUFFER;
        const OM_uint32 major = gss_display_status(&minor, code, type, mech, &context, &text);
        if (GSS_ERROR(major)) {
            gss_release_buffer(&minor, &text);
            break;
        }
        out << QString::fromUtf8(static_cast<const char *>(text.value), int(text.length));
        gss_release_buffer(&minor, &text);
    } while (context != 0 && out.size() < 8);
    return out;
}

GssStatus status(OM_uint32 major, OM_uint32 minor, gss_OID mech)
{
    GssStatus s;
    s.major = major;
    s.minor = minor;
    s.ok = !GSS_ERROR(major);
    s.complete = major == GSS_S_COMPLETE;
    if (minor != 0) {
        s.krb5Code = qint32(minor);
        const qint64 offset = qint64(s.krb5Code) - kKrb5TableBase;
        if (offset >= 0 && offset < 128)
            s.kerberosProtocolCode = int(offset);
    }
    if (GSS_ERROR(major)) {
        QStringList parts = displayStatus(major, GSS_C_GSS_CODE, GSS_C_NO_OID);
        if (minor != 0)
            parts += displayStatus(minor, GSS_C_MECH_CODE, mech);
        s.text = parts.join(QStringLiteral("; "));
    }
    return s;
}

} // namespace

bool GssStatus::noCredentials() const
{
    return GSS_ROUTINE_ERROR(major) == GSS_S_NO_CRED || krb5Code == kFccNoFile;
}

struct NegotiateClient::Gss {
    gss_ctx_id_t context = GSS_C_NO_CONTEXT;
    gss_name_t target = GSS_C_NO_NAME;
    gss_OID mech = GSS_C_NO_OID; ///< requested
    gss_OID actualMech = GSS_C_NO_OID; ///< static storage owned by the library
};

NegotiateClient::NegotiateClient() : m_gss(new Gss) { }

NegotiateClient::~NegotiateClient()
{
    OM_uint32 minor = 0;
    if (m_gss->context != GSS_C_NO_CONTEXT)
        gss_delete_sec_context(&minor, &m_gss->context, GSS_C_NO_BUFFER);
    if (m_gss->target != GSS_C_NO_NAME)
        gss_release_name(&minor, &m_gss->target);
    delete m_gss;
}

GssStatus NegotiateClient::init(const QString &name, NameType type, Mech mech)
{
    OM_uint32 minor = 0;
    if (m_gss->target != GSS_C_NO_NAME)
        gss_release_name(&minor, &m_gss->target);
    QByteArray text = name.toUtf8();
    gss_buffer_desc buffer { size_t(text.size()), text.data() };
    const OM_uint32 major = gss_import_name(&minor, &buffer,
        type == NameType::Principal ? GSS_KRB5_NT_PRINCIPAL_NAME : GSS_C_NT_HOSTBASED_SERVICE, &m_gss->target);
    if (GSS_ERROR(major))
        return status(major, minor, &kKrb5Oid);
    m_gss->mech = mech == Mech::Spnego ? &kSpnegoOid : &kKrb5Oid;
    GssStatus s = call(nullptr);
    if (s.ok || mech != Mech::Spnego)
        return s;
    // The minor status of a failed SPNEGO call is an index into the mechanism glue's error map, not
    // krb5's code: ask the Kerberos mechanism alone for the same name to learn the KDC's error.
    NegotiateClient kerberos;
    const GssStatus inner = kerberos.init(name, type, Mech::Kerberos);
    if (!inner.ok && inner.krb5Code != 0) {
        s.krb5Code = inner.krb5Code;
        s.kerberosProtocolCode = inner.kerberosProtocolCode;
        s.text = inner.text;
    }
    return s;
}

GssStatus NegotiateClient::step(const QByteArray &serverToken)
{
    if (m_gss->context == GSS_C_NO_CONTEXT) {
        GssStatus s;
        s.major = GSS_S_NO_CONTEXT;
        s.text = QStringLiteral("no security context: init() did not succeed");
        return s;
    }
    return call(&serverToken);
}

GssStatus NegotiateClient::call(const QByteArray *input)
{
    m_token.clear();
    OM_uint32 minor = 0;
    QByteArray in = input ? *input : QByteArray();
    gss_buffer_desc inBuffer { size_t(in.size()), in.data() };
    gss_buffer_desc outBuffer = GSS_C_EMPTY_BUFFER;
    gss_OID actual = GSS_C_NO_OID;
    // Mutual authentication, as browsers ask for it; no delegation (a probe never forwards a TGT).
    const OM_uint32 flags = GSS_C_MUTUAL_FLAG | GSS_C_SEQUENCE_FLAG;
    const OM_uint32 major = gss_init_sec_context(&minor, GSS_C_NO_CREDENTIAL, &m_gss->context, m_gss->target,
        m_gss->mech, flags, GSS_C_INDEFINITE, GSS_C_NO_CHANNEL_BINDINGS, input ? &inBuffer : GSS_C_NO_BUFFER,
        &actual, &outBuffer, nullptr, nullptr);
    if (actual != GSS_C_NO_OID)
        m_gss->actualMech = actual;
    if (outBuffer.length > 0)
        m_token = QByteArray(static_cast<const char *>(outBuffer.value), qsizetype(outBuffer.length));
    OM_uint32 ignored = 0;
    gss_release_buffer(&ignored, &outBuffer);
    // The minor status of a failed SPNEGO call comes from the mechanism underneath (krb5).
    const GssStatus s = status(major, minor, m_gss->mech == &kSpnegoOid ? GSS_C_NO_OID : m_gss->mech);
    m_complete = s.complete;
    return s;
}

QString NegotiateClient::mechanism() const
{
    gss_OID mech = m_gss->actualMech;
    if (m_gss->context != GSS_C_NO_CONTEXT) {
        OM_uint32 minor = 0;
        gss_OID inquired = GSS_C_NO_OID;
        if (!GSS_ERROR(gss_inquire_context(
                &minor, m_gss->context, nullptr, nullptr, nullptr, &inquired, nullptr, nullptr, nullptr))
            && inquired != GSS_C_NO_OID)
            mech = inquired;
    }
    if (mech == GSS_C_NO_OID)
        return QString();
    if (sameOid(mech, kKrb5Oid))
        return QStringLiteral("kerberos");
    if (sameOid(mech, kNtlmOid))
        return QStringLiteral("ntlm");
    if (sameOid(mech, kSpnegoOid))
        return QStringLiteral("spnego");
    OM_uint32 minor = 0;
    gss_buffer_desc text = GSS_C_EMPTY_BUFFER;
    QString out;
    if (!GSS_ERROR(gss_oid_to_str(&minor, mech, &text)))
        out = QString::fromLatin1(static_cast<const char *>(text.value), int(text.length));
    gss_release_buffer(&minor, &text);
    return out;
}

QString NegotiateClient::clientPrincipal() const
{
    if (m_gss->context == GSS_C_NO_CONTEXT)
        return QString();
    OM_uint32 minor = 0;
    gss_name_t source = GSS_C_NO_NAME;
    if (GSS_ERROR(gss_inquire_context(
            &minor, m_gss->context, &source, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr)))
        return QString();
    gss_buffer_desc text = GSS_C_EMPTY_BUFFER;
    QString out;
    if (!GSS_ERROR(gss_display_name(&minor, source, &text, nullptr)))
        out = QString::fromUtf8(static_cast<const char *>(text.value), int(text.length));
    gss_release_buffer(&minor, &text);
    gss_release_name(&minor, &source);
    return out;
}

} // namespace ssod::core::probe
