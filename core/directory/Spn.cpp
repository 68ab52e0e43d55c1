#include "core/directory/Spn.h"

#include <QCoreApplication>
#include <QHostAddress>

namespace ssod::core::directory {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Spn", text);
}

Error bad(const QString &message)
{
    return Error::invalid(message);
}

} // namespace

Result<Spn> Spn::parse(const QString &raw)
{
    const QString text = raw.trimmed();
    if (text.isEmpty())
        return bad(tr("the SPN is empty; write it as class/host, e.g. HTTP/web01.contoso.com"));
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i].isSpace())
            return bad(tr("\"%1\" contains a space after \"%2\"; SPNs have no spaces, remove it")
                           .arg(text, text.left(i)));
        if (text[i].unicode() < 0x20 || text[i] == QLatin1Char('\\') || text[i] == QLatin1Char('"'))
            return bad(tr("\"%1\" contains the character '%2', which an SPN cannot hold").arg(text, text[i]));
    }
    const qsizetype slash = text.indexOf(QLatin1Char('/'));
    if (slash < 0)
        return bad(
            tr("\"%1\" has no / between the service class and the host; write e.g. HTTP/%1").arg(text));
    Spn spn;
    spn.m_class = text.left(slash);
    if (spn.m_class.isEmpty())
        return bad(tr("\"%1\" has no service class before the /; write e.g. HTTP%1").arg(text));
    if (spn.m_class.contains(QLatin1Char(':')))
        return bad(tr("\"%1\": the service class \"%2\" cannot hold a ':'; a port goes after the host")
                       .arg(text, spn.m_class));
    QString rest = text.mid(slash + 1);
    if (const qsizetype second = rest.indexOf(QLatin1Char('/')); second >= 0) {
        spn.m_serviceName = rest.mid(second + 1);
        rest.truncate(second);
        if (spn.m_serviceName.isEmpty())
            return bad(tr("\"%1\" ends with a /; remove it, or add the service name after it").arg(text));
        if (spn.m_serviceName.contains(QLatin1Char('/')))
            return bad(
                tr("\"%1\" has more than three parts; an SPN is class/host[:port][/service name]").arg(text));
    }
    // An IPv6 literal in brackets keeps its colons: [fe80::1]:80.
    QString hostPart = rest;
    QString portPart;
    bool hasPort = false;
    if (rest.startsWith(QLatin1Char('['))) {
        const qsizetype close = rest.indexOf(QLatin1Char(']'));
        if (close < 0)
            return bad(tr("\"%1\": the address after the / has no closing ]").arg(text));
        hostPart = rest.left(close + 1);
        if (close + 1 < rest.size()) {
            if (rest[close + 1] != QLatin1Char(':'))
                return bad(tr("\"%1\": expected ':' and a port after the address").arg(text));
            hasPort = true;
            portPart = rest.mid(close + 2);
        }
    } else if (const qsizetype colon = rest.indexOf(QLatin1Char(':')); colon >= 0) {
        hostPart = rest.left(colon);
        portPart = rest.mid(colon + 1);
        hasPort = true;
    }
    if (hostPart.isEmpty())
        return bad(
            tr("\"%1\" has no host after the /; write e.g. %2/web01.contoso.com").arg(text, spn.m_class));
    spn.m_host = hostPart;
    if (hasPort) {
        bool ok = false;
        const uint port = portPart.toUInt(&ok);
        if (!ok || port == 0 || port > 65535 || portPart.startsWith(QLatin1Char('+')))
            return bad(tr("\"%1\": the port \"%2\" is not a number from 1 to 65535").arg(text, portPart));
        spn.m_port = quint16(port);
    }
    return spn;
}

QString Spn::shortHost() const
{
    if (hostIsAddress())
        return m_host;
    const qsizetype dot = m_host.indexOf(QLatin1Char('.'));
    return dot < 0 ? m_host : m_host.left(dot);
}

bool Spn::hostIsAddress() const
{
    QString h = m_host;
    if (h.startsWith(QLatin1Char('[')) && h.endsWith(QLatin1Char(']')))
        h = h.mid(1, h.size() - 2);
    QHostAddress address;
    return address.setAddress(h);
}

QString Spn::toString() const
{
    QString out = m_class + QLatin1Char('/') + m_host;
    if (m_port)
        out += QLatin1Char(':') + QString::number(*m_port);
    if (!m_serviceName.isEmpty())
        out += QLatin1Char('/') + m_serviceName;
    return out;
}

bool Spn::sameAs(const Spn &other) const
{
    return toString().compare(other.toString(), Qt::CaseInsensitive) == 0;
}

bool Spn::matches(const QString &spn, const QString &pattern)
{
    // Glob with '*' only, case-insensitive, iterative with backtracking to the last star.
    const QString s = spn.toCaseFolded();
    const QString p = pattern.toCaseFolded();
    qsizetype si = 0, pi = 0, star = -1, mark = 0;
    while (si < s.size()) {
        if (pi < p.size() && p[pi] == QLatin1Char('*')) {
            star = pi++;
            mark = si;
        } else if (pi < p.size() && p[pi] == s[si]) {
            ++pi;
            ++si;
        } else if (star >= 0) {
            pi = star + 1;
            si = ++mark;
        } else {
            return false;
        }
    }
    while (pi < p.size() && p[pi] == QLatin1Char('*'))
        ++pi;
    return pi == p.size();
}

QString Spn::ldapFilterValue(const QString &pattern)
{
    QString out;
    for (const QChar c : pattern) {
        switch (c.unicode()) {
        case u'(':
            out += QLatin1String("\\28");
            break;
        case u')':
            out += QLatin1String("\\29");
            break;
        case u'\\':
            out += QLatin1String("\\5c");
            break;
        case u'\0':
            out += QLatin1String("\\00");
            break;
        default:
            out += c;
        }
    }
    return out;
}

const QStringList &hostAliasClasses()
{
    static const QStringList classes = QStringLiteral(
        "alerter,appmgmt,cisvc,clipsrv,browser,dhcp,dnscache,replicator,eventlog,eventsystem,policyagent,"
        "oakley,"
        "dmserver,dns,mcsvc,fax,msiserver,ias,messenger,netlogon,netman,netdde,netddedsm,nmagent,plugplay,"
        "protectedstorage,rasman,rpclocator,rpc,rpcss,remoteaccess,rsvp,samss,scardsvr,scesrv,seclogon,scm,"
        "dcom,"
        "cifs,spooler,snmp,schedule,tapisrv,trksvr,trkwks,ups,time,wins,www,http,w3svc,iisadmin,msdtc")
                                           .split(QLatin1Char(','));
    return classes;
}

} // namespace ssod::core::directory
