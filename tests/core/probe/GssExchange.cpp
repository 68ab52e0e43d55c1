#include "GssExchange.h"

#include <gssapi/gssapi.h>
#include <gssapi/gssapi_ext.h>
#include <gssapi/gssapi_krb5.h>

namespace ssod::testtools {

namespace {

gss_OID_desc kSpnego = { 6, const_cast<char *>("\x2b\x06\x01\x05\x05\x02") };

QString status(OM_uint32 major, OM_uint32 minor)
{
    QString out;
    for (const auto &[code, type] : { std::pair { major, GSS_C_GSS_CODE }, std::pair { minor, GSS_C_MECH_CODE } }) {
        OM_uint32 ctx = 0, m = 0;
        gss_buffer_desc text = GSS_C_EMPTY_BUFFER;
        do {
            gss_display_status(&m, code, type, GSS_C_NO_OID, &ctx, &text);
            out += QString::fromUtf8(static_cast<const char *>(text.value), int(text.length)) + QStringLiteral("; ");
            gss_release_buffer(&m, &text);
        } while (ctx != 0);
    }
    return out;
}

QByteArray take(gss_buffer_desc &b)
{
    QByteArray out(static_cast<const char *>(b.value), qsizetype(b.length));
    OM_uint32 m = 0;
    gss_release_buffer(&m, &b);
    return out;
}

} // namespace

GssExchange::~GssExchange()
{
    OM_uint32 m = 0;
    for (void **c : { &m_initCtx, &m_acceptCtx }) {
        gss_ctx_id_t ctx = static_cast<gss_ctx_id_t>(*c);
        if (ctx != GSS_C_NO_CONTEXT)
            gss_delete_sec_context(&m, &ctx, GSS_C_NO_BUFFER);
    }
}

QByteArray GssExchange::initiate(const QString &service, Mech mech)
{
    OM_uint32 minor = 0;
    const QByteArray name = service.toUtf8();
    gss_buffer_desc nameBuf = { size_t(name.size()), const_cast<char *>(name.data()) };
    gss_name_t target = GSS_C_NO_NAME;
    OM_uint32 major = gss_import_name(&minor, &nameBuf, GSS_C_NT_HOSTBASED_SERVICE, &target);
    if (GSS_ERROR(major)) {
        m_error = status(major, minor);
        return {};
    }
    gss_ctx_id_t ctx = GSS_C_NO_CONTEXT;
    gss_buffer_desc out = GSS_C_EMPTY_BUFFER;
    major = gss_init_sec_context(&minor, GSS_C_NO_CREDENTIAL, &ctx, target,
        mech == Mech::Spnego ? &kSpnego : const_cast<gss_OID>(gss_mech_krb5), GSS_C_MUTUAL_FLAG, 0,
        GSS_C_NO_CHANNEL_BINDINGS, GSS_C_NO_BUFFER, nullptr, &out, nullptr, nullptr);
    OM_uint32 m = 0;
    gss_release_name(&m, &target);
    m_initCtx = ctx;
    m_minor = minor;
    if (GSS_ERROR(major)) {
        m_error = status(major, minor);
        return {};
    }
    return take(out);
}

QByteArray GssExchange::accept(const QByteArray &token, const QString &keytab)
{
    OM_uint32 minor = 0;
    const QByteArray kt = keytab.toLocal8Bit();
    gss_key_value_element_desc element = { "keytab", kt.constData() };
    gss_key_value_set_desc store = { 1, &element };
    gss_cred_id_t cred = GSS_C_NO_CREDENTIAL;
    OM_uint32 major = gss_acquire_cred_from(&minor, GSS_C_NO_NAME, GSS_C_INDEFINITE, GSS_C_NO_OID_SET, GSS_C_ACCEPT,
        &store, &cred, nullptr, nullptr);
    if (GSS_ERROR(major)) {
        m_error = status(major, minor);
        return {};
    }
    gss_ctx_id_t ctx = GSS_C_NO_CONTEXT;
    gss_buffer_desc in = { size_t(token.size()), const_cast<char *>(token.data()) };
    gss_buffer_desc out = GSS_C_EMPTY_BUFFER;
    major = gss_accept_sec_context(&minor, &ctx, cred, &in, GSS_C_NO_CHANNEL_BINDINGS, nullptr, nullptr, &out,
        nullptr, nullptr, nullptr);
    OM_uint32 m = 0;
    gss_release_cred(&m, &cred);
    m_acceptCtx = ctx;
    m_minor = minor;
    m_acceptComplete = major == GSS_S_COMPLETE;
    if (GSS_ERROR(major))
        m_error = status(major, minor);
    // An error token (KRB-ERROR) comes back in \a out even when the call fails.
    return take(out);
}

} // namespace ssod::testtools
