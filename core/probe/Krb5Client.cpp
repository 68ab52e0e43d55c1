#include "core/probe/Krb5Client.h"

#include <QDir>
#include <QFile>
#include <QTemporaryFile>
#include <krb5.h>
#include <profile.h>

namespace ssod::core::probe {

namespace {

krb5_context ctxOf(void *p)
{
    return static_cast<krb5_context>(p);
}

QDateTime fromKrbTime(krb5_timestamp t)
{
    // krb5_timestamp is a signed 32-bit count that MIT treats as unsigned past 2038.
    return t == 0 ? QDateTime() : QDateTime::fromSecsSinceEpoch(qint64(quint32(t)), Qt::UTC);
}

struct Flag {
    krb5_flags bit;
    const char *name;
    char letter; ///< as klist -f prints it
};
constexpr Flag kFlags[] = {
    { TKT_FLG_FORWARDABLE, "forwardable", 'F' },
    { TKT_FLG_FORWARDED, "forwarded", 'f' },
    { TKT_FLG_PROXIABLE, "proxiable", 'P' },
    { TKT_FLG_PROXY, "proxy", 'p' },
    { TKT_FLG_MAY_POSTDATE, "may-postdate", 'D' },
    { TKT_FLG_POSTDATED, "postdated", 'd' },
    { TKT_FLG_INVALID, "invalid", 'i' },
    { TKT_FLG_RENEWABLE, "renewable", 'R' },
    { TKT_FLG_INITIAL, "initial", 'I' },
    { TKT_FLG_HW_AUTH, "hw-authent", 'H' },
    { TKT_FLG_PRE_AUTH, "pre-authent", 'A' },
    { TKT_FLG_TRANSIT_POLICY_CHECKED, "transit-policy-checked", 'T' },
    { TKT_FLG_OK_AS_DELEGATE, "ok-as-delegate", 'O' },
    { TKT_FLG_ANONYMOUS, "anonymous", 'a' },
};

QString unparse(krb5_context ctx, krb5_const_principal p)
{
    char *name = nullptr;
    if (krb5_unparse_name(ctx, p, &name) != 0)
        return QString();
    const QString out = QString::fromUtf8(name);
    krb5_free_unparsed_name(ctx, name);
    return out;
}

bool isLocalTgt(krb5_context ctx, const krb5_creds &c)
{
    (void)ctx;
    const krb5_principal s = c.server;
    const auto text = [](const krb5_data &d) { return QByteArray(d.data, d.length); };
    return s->length == 2 && text(s->data[0]) == "krbtgt" && text(s->data[1]) == text(c.client->realm);
}

} // namespace

Krb5Failure Krb5Client::failure(long code) const
{
    Krb5Failure f;
    f.code = code;
    const char *m = krb5_get_error_message(ctxOf(m_ctx), krb5_error_code(code));
    f.message = QString::fromUtf8(m);
    krb5_free_error_message(ctxOf(m_ctx), m);
    return f;
}

std::variant<std::unique_ptr<Krb5Client>, Krb5Failure> Krb5Client::open(const QString &realm,
    const QString &kdcOverride)
{
    std::unique_ptr<Krb5Client> c(new Krb5Client);
    const QByteArray env = qgetenv("KRB5_CONFIG");
    c->m_files = env.isEmpty() ? QStringLiteral("/etc/krb5.conf") : QString::fromLocal8Bit(env);
    krb5_context ctx = nullptr;
    krb5_error_code rc = 0;
    if (kdcOverride.isEmpty() || realm.isEmpty()) {
        rc = krb5_init_context(&ctx);
    } else {
        // A first profile file whose realm section is final: libkrb5 then uses only this KDC for
        // the realm, and every other setting still comes from the user's files.
        QTemporaryFile file(QDir::tempPath() + QStringLiteral("/ssod-krb5-XXXXXX.conf"));
        file.setAutoRemove(false);
        if (!file.open())
            return Krb5Failure { -1, QStringLiteral("cannot write a temporary krb5 profile: %1").arg(file.errorString()) };
        c->m_overrideFile = file.fileName();
        file.write(QStringLiteral("[realms]\n    %1 = {\n        kdc = %2\n    }*\n").arg(realm, kdcOverride).toUtf8());
        file.close();
        // The files libkrb5 would read: KRB5_CONFIG (a colon-separated list), else Debian's default.
        const QByteArray path = c->m_overrideFile.toLocal8Bit() + ':' + c->m_files.toLocal8Bit();
        profile_t profile = nullptr;
        rc = profile_init_path(path.constData(), &profile);
        if (rc == 0) {
            rc = krb5_init_context_profile(profile, 0, &ctx);
            profile_release(profile);
        }
    }
    if (rc != 0) {
        if (ctx)
            krb5_free_context(ctx);
        return Krb5Failure { rc, QStringLiteral("cannot read the Kerberos configuration %1 (krb5 error %2)")
                                     .arg(c->m_files)
                                     .arg(rc) };
    }
    c->m_ctx = ctx;
    return c;
}

Krb5Client::~Krb5Client()
{
    if (m_cache)
        krb5_cc_destroy(ctxOf(m_ctx), static_cast<krb5_ccache>(m_cache));
    if (m_ctx)
        krb5_free_context(ctxOf(m_ctx));
    if (!m_overrideFile.isEmpty())
        QFile::remove(m_overrideFile);
}

QString Krb5Client::defaultRealm() const
{
    char *realm = nullptr;
    if (krb5_get_default_realm(ctxOf(m_ctx), &realm) != 0)
        return QString();
    const QString out = QString::fromUtf8(realm);
    krb5_free_default_realm(ctxOf(m_ctx), realm);
    return out;
}

QStringList Krb5Client::configuredKdcs(const QString &realm) const
{
    profile_t profile = nullptr;
    if (krb5_get_profile(ctxOf(m_ctx), &profile) != 0)
        return {};
    const QByteArray r = realm.toUtf8();
    const char *names[] = { "realms", r.constData(), "kdc", nullptr };
    char **values = nullptr;
    QStringList out;
    if (profile_get_values(profile, names, &values) == 0) {
        for (char **v = values; *v; ++v) {
            QString host = QString::fromUtf8(*v).trimmed();
            // "host", "host:port", "[v6]:port", "tcp/host": the host is what we ask on 88 ourselves.
            if (host.contains(QLatin1Char('/')))
                host = host.section(QLatin1Char('/'), 1);
            if (host.startsWith(QLatin1Char('[')))
                host = host.mid(1).section(QLatin1Char(']'), 0, 0);
            else if (host.count(QLatin1Char(':')) == 1)
                host = host.section(QLatin1Char(':'), 0, 0);
            if (!host.isEmpty() && !out.contains(host))
                out << host;
        }
        profile_free_list(values);
    }
    profile_release(profile);
    return out;
}

bool Krb5Client::dnsLookupKdc() const
{
    profile_t profile = nullptr;
    if (krb5_get_profile(ctxOf(m_ctx), &profile) != 0)
        return true;
    int v = 1;
    profile_get_boolean(profile, "libdefaults", "dns_lookup_kdc", nullptr, 1, &v);
    profile_release(profile);
    return v != 0;
}

int Krb5Client::clockSkewSeconds() const
{
    profile_t profile = nullptr;
    if (krb5_get_profile(ctxOf(m_ctx), &profile) != 0)
        return 300;
    int v = 300;
    profile_get_integer(profile, "libdefaults", "clockskew", nullptr, 300, &v);
    profile_release(profile);
    return v > 0 ? v : 300;
}

Krb5CacheInfo Krb5Client::inspectDefaultCache() const
{
    krb5_context ctx = ctxOf(m_ctx);
    Krb5CacheInfo info;
    krb5_ccache cc = nullptr;
    if (krb5_error_code rc = krb5_cc_default(ctx, &cc); rc != 0) {
        info.failure = failure(rc);
        return info;
    }
    char *full = nullptr;
    if (krb5_cc_get_full_name(ctx, cc, &full) == 0) {
        info.name = QString::fromUtf8(full);
        krb5_free_string(ctx, full);
    }
    krb5_principal princ = nullptr;
    if (krb5_error_code rc = krb5_cc_get_principal(ctx, cc, &princ); rc != 0) {
        info.failure = failure(rc);
        krb5_cc_close(ctx, cc);
        return info;
    }
    info.principal = unparse(ctx, princ);
    krb5_free_principal(ctx, princ);
    krb5_cc_cursor cursor = nullptr;
    if (krb5_cc_start_seq_get(ctx, cc, &cursor) == 0) {
        krb5_creds creds;
        while (krb5_cc_next_cred(ctx, cc, &cursor, &creds) == 0) {
            if (isLocalTgt(ctx, creds)) {
                const QDateTime end = fromKrbTime(creds.times.endtime);
                if (!info.tgtPresent || end > info.tgtEnd)
                    info.tgtEnd = end;
                info.tgtPresent = true;
            }
            krb5_free_cred_contents(ctx, &creds);
        }
        krb5_cc_end_seq_get(ctx, cc, &cursor);
    }
    krb5_cc_close(ctx, cc);
    return info;
}

std::optional<Krb5Failure> Krb5Client::initPrivateCache(void *p)
{
    krb5_context ctx = ctxOf(m_ctx);
    auto princ = static_cast<krb5_principal>(p);
    if (m_cache) {
        krb5_cc_destroy(ctx, static_cast<krb5_ccache>(m_cache));
        m_cache = nullptr;
    }
    krb5_ccache mem = nullptr;
    if (krb5_error_code rc = krb5_cc_new_unique(ctx, "MEMORY", nullptr, &mem); rc != 0)
        return failure(rc);
    m_cache = mem;
    if (krb5_error_code rc = krb5_cc_initialize(ctx, mem, princ); rc != 0)
        return failure(rc);
    m_principal = unparse(ctx, princ);
    return std::nullopt;
}

std::optional<Krb5Failure> Krb5Client::useDefaultCache()
{
    krb5_context ctx = ctxOf(m_ctx);
    krb5_ccache cc = nullptr;
    if (krb5_error_code rc = krb5_cc_default(ctx, &cc); rc != 0)
        return failure(rc);
    krb5_principal princ = nullptr;
    krb5_error_code rc = krb5_cc_get_principal(ctx, cc, &princ);
    std::optional<Krb5Failure> f;
    if (rc == 0)
        f = initPrivateCache(princ);
    if (rc == 0 && !f)
        rc = krb5_cc_copy_creds(ctx, cc, static_cast<krb5_ccache>(m_cache));
    if (rc != 0 && !f)
        f = failure(rc);
    if (princ)
        krb5_free_principal(ctx, princ);
    krb5_cc_close(ctx, cc);
    if (!f)
        m_tgtEnd = inspectDefaultCache().tgtEnd;
    return f;
}

std::optional<Krb5Failure> Krb5Client::tgtFromKeytab(const QString &keytab, const QString &principal)
{
    krb5_context ctx = ctxOf(m_ctx);
    krb5_keytab kt = nullptr;
    const QByteArray name = keytab.contains(QLatin1Char(':')) ? keytab.toUtf8() : "FILE:" + keytab.toUtf8();
    if (krb5_error_code rc = krb5_kt_resolve(ctx, name.constData(), &kt); rc != 0)
        return failure(rc);
    krb5_principal princ = nullptr;
    krb5_error_code rc = 0;
    if (!principal.isEmpty()) {
        rc = krb5_parse_name(ctx, principal.toUtf8().constData(), &princ);
    } else {
        // The keytab's first entry, as kinit -k -t does with no name given (it takes host/…).
        krb5_kt_cursor cursor = nullptr;
        rc = krb5_kt_start_seq_get(ctx, kt, &cursor);
        if (rc == 0) {
            krb5_keytab_entry entry;
            rc = krb5_kt_next_entry(ctx, kt, &entry, &cursor);
            if (rc == 0) {
                rc = krb5_copy_principal(ctx, entry.principal, &princ);
                krb5_free_keytab_entry_contents(ctx, &entry);
            }
            krb5_kt_end_seq_get(ctx, kt, &cursor);
        }
    }
    std::optional<Krb5Failure> f;
    if (rc == 0)
        f = initPrivateCache(princ);
    krb5_get_init_creds_opt *opt = nullptr;
    if (rc == 0 && !f)
        rc = krb5_get_init_creds_opt_alloc(ctx, &opt);
    if (rc == 0 && !f)
        rc = krb5_get_init_creds_opt_set_out_ccache(ctx, opt, static_cast<krb5_ccache>(m_cache));
    krb5_creds creds;
    memset(&creds, 0, sizeof creds);
    if (rc == 0 && !f) {
        rc = krb5_get_init_creds_keytab(ctx, &creds, princ, kt, 0, nullptr, opt);
        if (rc == 0) {
            m_tgtEnd = fromKrbTime(creds.times.endtime);
            krb5_free_cred_contents(ctx, &creds);
        }
    }
    if (rc != 0 && !f)
        f = failure(rc);
    if (opt)
        krb5_get_init_creds_opt_free(ctx, opt);
    if (princ)
        krb5_free_principal(ctx, princ);
    krb5_kt_close(ctx, kt);
    return f;
}

std::optional<Krb5Failure> Krb5Client::tgtFromPassword(const QString &principal, const QString &password)
{
    krb5_context ctx = ctxOf(m_ctx);
    krb5_principal princ = nullptr;
    if (krb5_error_code rc = krb5_parse_name(ctx, principal.toUtf8().constData(), &princ); rc != 0)
        return failure(rc);
    std::optional<Krb5Failure> f = initPrivateCache(princ);
    krb5_get_init_creds_opt *opt = nullptr;
    krb5_error_code rc = 0;
    if (!f)
        rc = krb5_get_init_creds_opt_alloc(ctx, &opt);
    if (rc == 0 && !f)
        rc = krb5_get_init_creds_opt_set_out_ccache(ctx, opt, static_cast<krb5_ccache>(m_cache));
    if (rc == 0 && !f) {
        QByteArray secret = password.toUtf8();
        krb5_creds creds;
        memset(&creds, 0, sizeof creds);
        rc = krb5_get_init_creds_password(ctx, &creds, princ, secret.constData(), nullptr, nullptr, 0, nullptr, opt);
        secret.fill('\0');
        if (rc == 0) {
            m_tgtEnd = fromKrbTime(creds.times.endtime);
            krb5_free_cred_contents(ctx, &creds);
        }
    }
    if (rc != 0 && !f)
        f = failure(rc);
    if (opt)
        krb5_get_init_creds_opt_free(ctx, opt);
    krb5_free_principal(ctx, princ);
    return f;
}

std::variant<Krb5Ticket, Krb5Failure> Krb5Client::serviceTicket(const QString &spn, const QString &realm)
{
    krb5_context ctx = ctxOf(m_ctx);
    auto cache = static_cast<krb5_ccache>(m_cache);
    if (!cache)
        return Krb5Failure { KRB5_CC_NOTFOUND, QStringLiteral("no ticket-granting ticket to ask with") };
    krb5_creds in;
    memset(&in, 0, sizeof in);
    if (krb5_error_code rc = krb5_cc_get_principal(ctx, cache, &in.client); rc != 0)
        return failure(rc);
    const QString serverRealm = realm.isEmpty() ? QString::fromUtf8(in.client->realm.data, in.client->realm.length) : realm;
    // The SPN exactly as given, in the client's realm (as Windows asks; the KDC refers onwards).
    krb5_error_code rc = krb5_parse_name_flags(ctx, (spn + QLatin1Char('@') + serverRealm).toUtf8().constData(), 0,
        &in.server);
    krb5_creds *out = nullptr;
    if (rc == 0)
        rc = krb5_get_credentials(ctx, 0, cache, &in, &out);
    if (rc != 0) {
        const Krb5Failure f = failure(rc);
        krb5_free_cred_contents(ctx, &in);
        return f;
    }
    Krb5Ticket t;
    t.client = unparse(ctx, out->client);
    t.server = unparse(ctx, out->server);
    for (const Flag &flag : kFlags)
        if (out->ticket_flags & flag.bit) {
            t.flags << QLatin1String(flag.name);
            t.flagLetters += QLatin1Char(flag.letter);
        }
    t.sessionEtype = etypeName(out->keyblock.enctype);
    krb5_ticket *ticket = nullptr;
    if (krb5_decode_ticket(&out->ticket, &ticket) == 0) {
        t.ticketEtype = etypeName(ticket->enc_part.enctype);
        t.kvno = int(ticket->enc_part.kvno);
        krb5_free_ticket(ctx, ticket);
    }
    t.start = fromKrbTime(out->times.starttime ? out->times.starttime : out->times.authtime);
    t.end = fromKrbTime(out->times.endtime);
    t.renewTill = fromKrbTime(out->times.renew_till);
    krb5_free_creds(ctx, out);
    krb5_free_cred_contents(ctx, &in);
    return t;
}

QString Krb5Client::etypeName(int etype)
{
    char buf[128] = {};
    if (krb5_enctype_to_name(krb5_enctype(etype), FALSE, buf, sizeof buf) != 0)
        return QStringLiteral("etype %1").arg(etype);
    return QString::fromUtf8(buf);
}

} // namespace ssod::core::probe
