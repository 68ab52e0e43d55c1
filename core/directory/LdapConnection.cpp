#include "core/directory/LdapConnection.h"

#include "core/directory/DnsWait.h"

#include <QUrl>
#include <QCoreApplication>
#include <QDnsLookup>
#include <QElapsedTimer>
#include <algorithm>

#define LDAP_DEPRECATED 0
#include <lber.h>
#include <ldap.h>
#include <sys/socket.h>

namespace ssod::core::directory {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("LdapConnection", text);
}

LDAP *ldOf(void *p)
{
    return static_cast<LDAP *>(p);
}

struct timeval timeoutOf(int ms)
{
    struct timeval tv;
    tv.tv_sec = ms / 1000;
    tv.tv_usec = (ms % 1000) * 1000;
    return tv;
}

QString diagnostic(LDAP *ld)
{
    char *text = nullptr;
    if (ldap_get_option(ld, LDAP_OPT_DIAGNOSTIC_MESSAGE, &text) != LDAP_OPT_SUCCESS || !text)
        return {};
    const QString out = QString::fromUtf8(text);
    ldap_memfree(text);
    return out;
}

/// The SASL GSSAPI mechanism asks nothing (the ticket is in the cache): answer no prompt.
int noInteraction(LDAP *, unsigned, void *, void *)
{
    return LDAP_SUCCESS;
}

/// "host", "host:port", "[v6]:port" -> host and port (default \a port).
std::pair<QString, int> splitHostPort(const QString &text, int port)
{
    QString host = text;
    if (host.startsWith(QLatin1Char('['))) {
        const qsizetype close = host.indexOf(QLatin1Char(']'));
        if (close > 0 && close + 1 < host.size() && host[close + 1] == QLatin1Char(':'))
            return { host.left(close + 1), host.mid(close + 2).toInt() };
        return { host, port };
    }
    if (const qsizetype colon = host.lastIndexOf(QLatin1Char(':'));
        colon > 0 && host.count(QLatin1Char(':')) == 1)
        return { host.left(colon), host.mid(colon + 1).toInt() };
    return { host, port };
}

QList<QByteArray> valuesOf(LDAP *ld, LDAPMessage *entry, char *attribute)
{
    QList<QByteArray> out;
    struct berval **vals = ldap_get_values_len(ld, entry, attribute);
    if (!vals)
        return out;
    for (int i = 0; vals[i]; ++i)
        out << QByteArray(vals[i]->bv_val, qsizetype(vals[i]->bv_len));
    ldap_value_free_len(vals);
    return out;
}

LdapEntry entryOf(LDAP *ld, LDAPMessage *msg)
{
    LdapEntry e;
    if (char *dn = ldap_get_dn(ld, msg)) {
        e.dn = QString::fromUtf8(dn);
        ldap_memfree(dn);
    }
    BerElement *ber = nullptr;
    for (char *a = ldap_first_attribute(ld, msg, &ber); a; a = ldap_next_attribute(ld, msg, ber)) {
        e.attributes.insert(QString::fromUtf8(a).toLower(), valuesOf(ld, msg, a));
        ldap_memfree(a);
    }
    if (ber)
        ber_free(ber, 0);
    return e;
}

/// Generalized time "20261202101500.0Z" -> UTC.
QDateTime generalizedTime(const QString &text)
{
    QDateTime t = QDateTime::fromString(text.left(14), QStringLiteral("yyyyMMddHHmmss"));
    t.setTimeSpec(Qt::UTC);
    return t;
}

} // namespace

QStringList LdapEntry::strings(const QString &name) const
{
    QStringList out;
    for (const QByteArray &v : attributes.value(name.toLower()))
        out << QString::fromUtf8(v);
    return out;
}

QString LdapEntry::string(const QString &name) const
{
    const QList<QByteArray> v = attributes.value(name.toLower());
    return v.isEmpty() ? QString() : QString::fromUtf8(v.first());
}

Error LdapConnection::ldapError(const QString &what, int rc) const
{
    const QString diag = m_ld ? diagnostic(ldOf(m_ld)) : QString();
    QString message;
    switch (rc) {
    case LDAP_SERVER_DOWN:
    case LDAP_CONNECT_ERROR:
        message = tr("%1: the domain controller %2 could not be reached (%3); check the name or address and "
                     "that ports 389/636 are open")
                      .arg(what, m_uri, QString::fromUtf8(ldap_err2string(rc)));
        break;
    case LDAP_TIMEOUT:
        message = tr("%1: %2 did not answer within %3 s; check the address, or that a firewall does not drop "
                     "the traffic")
                      .arg(what, m_uri)
                      .arg(m_timeoutMs / 1000.0);
        break;
    case LDAP_INVALID_CREDENTIALS:
        message = tr("%1: the domain controller refused the credentials (wrong password, or unknown bind DN)")
                      .arg(what);
        break;
    case LDAP_STRONG_AUTH_REQUIRED:
    case LDAP_CONFIDENTIALITY_REQUIRED:
        message = tr("%1: the domain controller requires an encrypted connection; use --ldaps or --starttls, "
                     "or the default Kerberos bind")
                      .arg(what);
        break;
    default:
        message = tr("%1: %2").arg(what, QString::fromUtf8(ldap_err2string(rc)));
    }
    if (!diag.isEmpty())
        message += QStringLiteral(" [%1]").arg(diag);
    return Error::io(message, m_uri);
}

Result<RootDse> LdapConnection::readRootDse(void *p, int timeoutMs)
{
    LDAP *ld = ldOf(p);
    const char *attrs[] = { "dnsHostName", "defaultNamingContext", "configurationNamingContext",
        "rootDomainNamingContext", "namingContexts", "supportedSASLMechanisms", "currentTime", "serverName",
        "domainFunctionality", nullptr };
    struct timeval tv = timeoutOf(timeoutMs);
    LDAPMessage *res = nullptr;
    const int rc = ldap_search_ext_s(ld, "", LDAP_SCOPE_BASE, "(objectClass=*)", const_cast<char **>(attrs),
        0, nullptr, nullptr, &tv, 1, &res);
    if (rc != LDAP_SUCCESS) {
        if (res)
            ldap_msgfree(res);
        return Error::io(QString::fromUtf8(ldap_err2string(rc)));
    }
    RootDse dse;
    if (LDAPMessage *msg = ldap_first_entry(ld, res)) {
        const LdapEntry e = entryOf(ld, msg);
        dse.dnsHostName = e.string(QStringLiteral("dnsHostName"));
        dse.defaultNamingContext = e.string(QStringLiteral("defaultNamingContext"));
        dse.configurationNamingContext = e.string(QStringLiteral("configurationNamingContext"));
        dse.rootDomainNamingContext = e.string(QStringLiteral("rootDomainNamingContext"));
        dse.namingContexts = e.strings(QStringLiteral("namingContexts"));
        dse.saslMechanisms = e.strings(QStringLiteral("supportedSASLMechanisms"));
        dse.currentTime = generalizedTime(e.string(QStringLiteral("currentTime")));
        dse.serverName = e.string(QStringLiteral("serverName"));
        bool ok = false;
        const int level = e.string(QStringLiteral("domainFunctionality")).toInt(&ok);
        dse.domainFunctionality = ok ? level : -1;
    }
    ldap_msgfree(res);
    return dse;
}

namespace {

/// The largest LDAP message accepted: far above a page of 1000 accounts with their SPNs.
constexpr ber_len_t kMaxIncomingMessage = 16 * 1024 * 1024;

struct ReadBound {
    ldap_conncb callback {};
    int timeoutMs = 10000;
};

int boundConnection(LDAP *, Sockbuf *sb, LDAPURLDesc *, struct sockaddr *, struct ldap_conncb *ctx)
{
    const auto *bound = static_cast<const ReadBound *>(ctx->lc_arg);
    ber_socket_t fd = -1;
    if (ber_sockbuf_ctrl(sb, LBER_SB_OPT_GET_FD, &fd) == 1 && fd >= 0) {
        struct timeval tv = timeoutOf(bound->timeoutMs);
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    }
    ber_len_t max = kMaxIncomingMessage;
    ber_sockbuf_ctrl(sb, LBER_SB_OPT_SET_MAX_INCOMING, &max);
    return 0;
}

void connectionClosed(LDAP *, Sockbuf *, struct ldap_conncb *) { }

} // namespace

void LdapConnection::boundReads(void *ld)
{
    auto bound = std::make_shared<ReadBound>();
    bound->timeoutMs = m_timeoutMs;
    bound->callback.lc_add = boundConnection;
    bound->callback.lc_del = connectionClosed;
    bound->callback.lc_arg = bound.get();
    ldap_set_option(ldOf(ld), LDAP_OPT_CONNECT_CB, &bound->callback);
    m_readBound = bound;
}

Result<RootDse> LdapConnection::anonymousRootDse(const QString &host, int timeoutMs)
{
    std::unique_ptr<LdapConnection> c(new LdapConnection);
    c->m_timeoutMs = timeoutMs;
    const auto [name, port] = splitHostPort(host, 389);
    if (name.isEmpty() || port <= 0 || port > 65535)
        return Error::invalid(tr("\"%1\" is not HOST or HOST:PORT").arg(host));
    c->m_uri = QStringLiteral("ldap://%1:%2").arg(name).arg(port);
    LDAP *ld = nullptr;
    if (int rc = ldap_initialize(&ld, c->m_uri.toUtf8().constData()); rc != LDAP_SUCCESS)
        return Error::invalid(tr("cannot use %1: %2").arg(c->m_uri, QString::fromUtf8(ldap_err2string(rc))));
    c->m_ld = ld;
    const int version = LDAP_VERSION3;
    ldap_set_option(ld, LDAP_OPT_PROTOCOL_VERSION, &version);
    ldap_set_option(ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
    struct timeval tv = timeoutOf(timeoutMs);
    ldap_set_option(ld, LDAP_OPT_NETWORK_TIMEOUT, &tv);
    ldap_set_option(ld, LDAP_OPT_TIMEOUT, &tv);
    c->boundReads(ld);
    QElapsedTimer clock;
    clock.start();
    auto dse = readRootDse(ld, timeoutMs);
    if (!dse) {
        int rc = LDAP_SERVER_DOWN;
        ldap_get_option(ld, LDAP_OPT_RESULT_CODE, &rc);
        if (rc == LDAP_SERVER_DOWN && clock.elapsed() >= timeoutMs * 9 / 10)
            rc = LDAP_TIMEOUT;
        return c->ldapError(tr("reading the rootDSE failed"), rc);
    }
    return *dse;
}

Result<std::unique_ptr<LdapConnection>> LdapConnection::connect(const ConnectionOptions &o)
{
    using Bind = ConnectionOptions::Bind;
    using Tls = ConnectionOptions::Tls;
    if (o.bind == Bind::Simple && o.tls == Tls::None && !o.allowInsecureBind)
        return Error::invalid(
            tr("a simple bind over plain LDAP would send the password readable to anyone on the network; use "
               "--ldaps or --starttls (or the default Kerberos bind), or --allow-insecure-bind if you really "
               "mean it"));
    if (o.bind == Bind::Simple && (o.bindDn.isEmpty() || o.password.isEmpty()))
        return Error::invalid(tr("a simple bind needs --bind-dn and a password (--password-stdin)"));

    QString target = o.dc;
    if (target.isEmpty()) {
        if (o.domain.isEmpty())
            return Error::invalid(tr("no domain controller: give --dc HOST[:PORT] or --domain DOMAIN"));
        auto found = findDomainControllers(o.domain, o.globalCatalog, std::min(o.timeoutMs, 5000));
        if (!found)
            return found.error();
        target = found->first();
    }
    const bool ldaps = o.tls == Tls::Ldaps;
    const int defaultPort = o.globalCatalog ? (ldaps ? 3269 : 3268) : (ldaps ? 636 : 389);
    const auto [host, port] = splitHostPort(target, defaultPort);
    if (host.isEmpty() || port <= 0 || port > 65535)
        return Error::invalid(tr("\"%1\" is not HOST or HOST:PORT").arg(target));

    std::unique_ptr<LdapConnection> c(new LdapConnection);
    c->m_timeoutMs = o.timeoutMs;
    c->m_uri = QStringLiteral("%1://%2:%3")
                   .arg(ldaps ? QStringLiteral("ldaps") : QStringLiteral("ldap"), host)
                   .arg(port);
    LDAP *ld = nullptr;
    if (int rc = ldap_initialize(&ld, c->m_uri.toUtf8().constData()); rc != LDAP_SUCCESS)
        return Error::invalid(tr("cannot use %1: %2").arg(c->m_uri, QString::fromUtf8(ldap_err2string(rc))));
    c->m_ld = ld;
    const int version = LDAP_VERSION3;
    ldap_set_option(ld, LDAP_OPT_PROTOCOL_VERSION, &version);
    ldap_set_option(ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
    struct timeval tv = timeoutOf(o.timeoutMs);
    ldap_set_option(ld, LDAP_OPT_NETWORK_TIMEOUT, &tv);
    ldap_set_option(ld, LDAP_OPT_TIMEOUT, &tv);
    c->boundReads(ld);
    // Use the name as given for the Kerberos service name (ldap/HOST), never a reverse lookup.
    ldap_set_option(ld, LDAP_OPT_X_SASL_NOCANON, LDAP_OPT_ON);
    if (o.tls != Tls::None) {
        const int demand = LDAP_OPT_X_TLS_DEMAND;
        ldap_set_option(ld, LDAP_OPT_X_TLS_REQUIRE_CERT, &demand);
        if (!o.caFile.isEmpty())
            ldap_set_option(ld, LDAP_OPT_X_TLS_CACERTFILE, o.caFile.toUtf8().constData());
        const int server = 0;
        ldap_set_option(ld, LDAP_OPT_X_TLS_NEWCTX, &server);
    }
    if (o.tls == Tls::StartTls) {
        if (int rc = ldap_start_tls_s(ld, nullptr, nullptr); rc != LDAP_SUCCESS)
            return c->ldapError(tr("StartTLS failed"), rc);
    }
    QElapsedTimer clock;
    clock.start();
    auto dse = readRootDse(ld, o.timeoutMs);
    if (!dse) {
        // The anonymous read is the first round trip: its failure says whether the DC answers. A
        // connect that used up the whole timeout met a silent address, not a refusal.
        int rc = LDAP_SERVER_DOWN;
        ldap_get_option(ld, LDAP_OPT_RESULT_CODE, &rc);
        if (rc == LDAP_SERVER_DOWN && clock.elapsed() >= o.timeoutMs * 9 / 10)
            rc = LDAP_TIMEOUT;
        return c->ldapError(tr("reading the rootDSE failed"), rc);
    }
    c->m_rootDse = *dse;

    QString how;
    if (o.bind == Bind::Gssapi) {
        const int rc = ldap_sasl_interactive_bind_s(
            ld, nullptr, "GSSAPI", nullptr, nullptr, LDAP_SASL_QUIET, noInteraction, nullptr);
        if (rc != LDAP_SUCCESS) {
            Error e = c->ldapError(tr("Kerberos (SASL GSSAPI) bind failed"), rc);
            if (e.message.contains(QLatin1String("No Kerberos credentials"), Qt::CaseInsensitive)
                || e.message.contains(QLatin1String("credentials cache"), Qt::CaseInsensitive))
                e.message += tr("; there is no Kerberos ticket: run kinit first, or bind with --bind-dn and "
                                "--password-stdin");
            else if (e.message.contains(QLatin1String("not found in Kerberos database"), Qt::CaseInsensitive))
                e.message += tr("; Kerberos asked for ldap/%1, which no account holds: give the DC by its host "
                                "name (e.g. %2), not by an address or alias")
                                 .arg(QUrl(c->m_uri).host(), c->m_rootDse.dnsHostName);
            return e;
        }
        how = tr("Kerberos, SASL GSSAPI");
    } else {
        QByteArray secret = o.password.toUtf8();
        struct berval cred;
        cred.bv_val = secret.data();
        cred.bv_len = ber_len_t(secret.size());
        const int rc = ldap_sasl_bind_s(
            ld, o.bindDn.toUtf8().constData(), LDAP_SASL_SIMPLE, &cred, nullptr, nullptr, nullptr);
        secret.fill('\0');
        if (rc != LDAP_SUCCESS)
            return c->ldapError(tr("simple bind as %1 failed").arg(o.bindDn), rc);
        how = tr("simple bind as %1").arg(o.bindDn);
    }
    // Who the DC says we are (RFC 4532 "Who am I?": "u:LAB\\alice" or "dn:CN=…"); Samba does
    // not answer that, so for Kerberos fall back to the principal SASL authenticated.
    struct berval *authzid = nullptr;
    if (ldap_whoami_s(ld, &authzid, nullptr, nullptr) == LDAP_SUCCESS && authzid) {
        QString id = QString::fromUtf8(authzid->bv_val, qsizetype(authzid->bv_len));
        if (id.startsWith(QLatin1String("u:")))
            id = id.mid(2);
        else if (id.startsWith(QLatin1String("dn:")))
            id = id.mid(3);
        c->m_boundIdentity = id;
    }
    ber_bvfree(authzid);
    if (c->m_boundIdentity.isEmpty() && o.bind == Bind::Gssapi) {
        char *user = nullptr;
        if (ldap_get_option(ld, LDAP_OPT_X_SASL_USERNAME, &user) == LDAP_OPT_SUCCESS && user)
            c->m_boundIdentity = QString::fromUtf8(user);
        ldap_memfree(user);
    }
    if (c->m_boundIdentity.isEmpty() && o.bind == Bind::Simple)
        c->m_boundIdentity = o.bindDn;
    c->m_description = QStringLiteral("%1 (%2%3)")
                           .arg(c->m_uri, how,
                               o.tls == Tls::StartTls    ? tr(", StartTLS")
                                   : o.tls == Tls::Ldaps ? tr(", TLS")
                                                         : QString());
    return c;
}

LdapConnection::~LdapConnection()
{
    if (m_ld)
        ldap_unbind_ext_s(ldOf(m_ld), nullptr, nullptr);
}

Result<void> LdapConnection::search(const QString &base, Scope scope, const QString &filter,
    const QStringList &attributes, const EntryHandler &onEntry, const std::atomic<bool> *cancel, int pageSize)
{
    LDAP *ld = ldOf(m_ld);
    QList<QByteArray> attrBytes;
    for (const QString &a : attributes)
        attrBytes << a.toUtf8();
    std::vector<char *> attrs;
    for (QByteArray &a : attrBytes)
        attrs.push_back(a.data());
    attrs.push_back(nullptr);
    const int ldapScope = scope == Scope::Base ? LDAP_SCOPE_BASE
        : scope == Scope::OneLevel             ? LDAP_SCOPE_ONELEVEL
                                               : LDAP_SCOPE_SUBTREE;
    const QByteArray baseBytes = base.toUtf8();
    const QByteArray filterBytes = filter.toUtf8();
    struct berval *cookie = nullptr;
    Result<void> result;
    for (;;) {
        if (cancel && cancel->load())
            break;
        LDAPControl *page = nullptr;
        if (int rc = ldap_create_page_control(ld, ber_int_t(pageSize), cookie, 0, &page);
            rc != LDAP_SUCCESS) {
            result = ldapError(tr("search"), rc);
            break;
        }
        LDAPControl *controls[] = { page, nullptr };
        struct timeval tv = timeoutOf(m_timeoutMs);
        LDAPMessage *res = nullptr;
        int rc = ldap_search_ext_s(ld, baseBytes.constData(), ldapScope, filterBytes.constData(),
            attrs.data(), 0, controls, nullptr, &tv, LDAP_NO_LIMIT, &res);
        ldap_control_free(page);
        if (rc != LDAP_SUCCESS && rc != LDAP_REFERRAL) {
            if (res)
                ldap_msgfree(res);
            result = ldapError(tr("search of %1 for %2").arg(base, filter), rc);
            break;
        }
        bool stop = false;
        for (LDAPMessage *msg = ldap_first_entry(ld, res); msg && !stop; msg = ldap_next_entry(ld, msg))
            stop = !onEntry(entryOf(ld, msg));
        LDAPControl **serverControls = nullptr;
        int err = LDAP_SUCCESS;
        ldap_parse_result(ld, res, &err, nullptr, nullptr, nullptr, &serverControls, 0);
        if (cookie) {
            ber_bvfree(cookie);
            cookie = nullptr;
        }
        if (LDAPControl *response = ldap_control_find(LDAP_CONTROL_PAGEDRESULTS, serverControls, nullptr)) {
            ber_int_t estimate = 0;
            struct berval next = { 0, nullptr };
            if (ldap_parse_pageresponse_control(ld, response, &estimate, &next) == LDAP_SUCCESS
                && next.bv_len > 0)
                cookie = ber_bvdup(&next);
            if (next.bv_val)
                ber_memfree(next.bv_val);
        }
        if (serverControls)
            ldap_controls_free(serverControls);
        ldap_msgfree(res);
        if (stop || !cookie)
            break;
    }
    if (cookie)
        ber_bvfree(cookie);
    if (result && cancel && cancel->load())
        return Error::io(tr("the directory search was cancelled"), m_uri);
    return result;
}

Result<void> LdapConnection::modify(const QString &dn, const QList<Modification> &mods)
{
    // Owns every buffer libldap points into until the call returns.
    std::vector<LDAPMod> storage(size_t(mods.size()));
    std::vector<LDAPMod *> list;
    std::vector<std::vector<struct berval>> values(size_t(mods.size()));
    std::vector<std::vector<struct berval *>> valuePtrs(size_t(mods.size()));
    QList<QByteArray> names;
    for (const Modification &m : mods)
        names << m.attribute.toUtf8();
    for (qsizetype i = 0; i < mods.size(); ++i) {
        const Modification &m = mods[i];
        LDAPMod &mod = storage[size_t(i)];
        mod.mod_op = LDAP_MOD_BVALUES
            | (m.op == Modification::Op::Add           ? LDAP_MOD_ADD
                    : m.op == Modification::Op::Delete ? LDAP_MOD_DELETE
                                                       : LDAP_MOD_REPLACE);
        mod.mod_type = names[i].data();
        for (const QByteArray &v : m.values)
            values[size_t(i)].push_back({ ber_len_t(v.size()), const_cast<char *>(v.constData()) });
        for (struct berval &b : values[size_t(i)])
            valuePtrs[size_t(i)].push_back(&b);
        valuePtrs[size_t(i)].push_back(nullptr);
        mod.mod_bvalues = valuePtrs[size_t(i)].data();
        list.push_back(&mod);
    }
    list.push_back(nullptr);
    const int rc = ldap_modify_ext_s(ldOf(m_ld), dn.toUtf8().constData(), list.data(), nullptr, nullptr);
    if (rc != LDAP_SUCCESS)
        return ldapError(tr("changing %1").arg(dn), rc);
    return {};
}

Result<QStringList> findDomainControllers(const QString &domain, bool globalCatalog, int timeoutMs)
{
    const QString name = globalCatalog ? QStringLiteral("_gc._tcp.%1").arg(domain)
                                       : QStringLiteral("_ldap._tcp.dc._msdcs.%1").arg(domain);
    QDnsLookup lookup(QDnsLookup::SRV, name);
    if (!runDnsLookup(lookup, timeoutMs))
        return Error::io(tr("no answer for %1 within %2 s; check DNS, or give --dc HOST")
                             .arg(name)
                             .arg(timeoutMs / 1000.0));
    if (lookup.error() != QDnsLookup::NoError || lookup.serviceRecords().isEmpty())
        return Error::notFound(tr("no domain controller found: DNS has no %1 records (%2); check the domain "
                                  "name, or give --dc HOST")
                                   .arg(name, lookup.errorString()));
    QList<QDnsServiceRecord> records = lookup.serviceRecords();
    std::stable_sort(
        records.begin(), records.end(), [](const QDnsServiceRecord &a, const QDnsServiceRecord &b) {
            return a.priority() != b.priority() ? a.priority() < b.priority() : a.weight() > b.weight();
        });
    QStringList out;
    for (const QDnsServiceRecord &r : records)
        out << QStringLiteral("%1:%2").arg(r.target()).arg(r.port());
    return out;
}

} // namespace ssod::core::directory
