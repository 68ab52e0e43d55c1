#include "core/evaluate/PatternMatch.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QRegularExpression>

namespace ssod::core::evaluate::pattern {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ssod::core::evaluate::pattern", text);
}

/// The URL's port, or the scheme's default (what both Chromium and Firefox compare against).
int effectivePort(const QUrl &url)
{
    if (url.port() != -1)
        return url.port();
    if (url.scheme() == QLatin1String("https"))
        return 443;
    if (url.scheme() == QLatin1String("http"))
        return 80;
    return -1;
}

QString bareHost(QString host)
{
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    return host.toLower();
}

/// Splits "scheme://rest" into its parts; scheme is empty when the entry has none.
void splitScheme(const QString &entry, QString *scheme, QString *rest)
{
    const qsizetype sep = entry.indexOf(QLatin1String("://"));
    if (sep < 0) {
        scheme->clear();
        *rest = entry;
    } else {
        *scheme = entry.left(sep);
        *rest = entry.mid(sep + 3);
    }
}

/// Splits "host:port" (or "[v6]:port"); port is -1 without one, -2 when it is not a number.
void splitPort(const QString &hostPort, QString *host, int *port)
{
    *port = -1;
    *host = hostPort;
    qsizetype colon = -1;
    if (hostPort.startsWith(QLatin1Char('['))) {
        const qsizetype close = hostPort.indexOf(QLatin1Char(']'));
        if (close > 0 && close + 1 < hostPort.size() && hostPort.at(close + 1) == QLatin1Char(':'))
            colon = close + 1;
    } else if (hostPort.count(QLatin1Char(':')) == 1) {
        colon = hostPort.indexOf(QLatin1Char(':'));
    }
    if (colon < 0)
        return;
    bool ok = false;
    const int p = hostPort.mid(colon + 1).toInt(&ok);
    *port = ok && p > 0 && p < 65536 ? p : -2;
    *host = hostPort.left(colon);
}

} // namespace

bool glob(const QString &pattern, const QString &text)
{
    // Iterative matcher with one backtrack point: linear in practice, no recursion on hostile input.
    qsizetype p = 0, t = 0, starP = -1, starT = 0;
    while (t < text.size()) {
        if (p < pattern.size()
            && (pattern.at(p) == QLatin1Char('?')
                || pattern.at(p).toCaseFolded() == text.at(t).toCaseFolded())) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern.at(p) == QLatin1Char('*')) {
            starP = p++;
            starT = t;
        } else if (starP >= 0) {
            p = starP + 1;
            t = ++starT;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern.at(p) == QLatin1Char('*'))
        ++p;
    return p == pattern.size();
}

bool isIpLiteral(const QString &host)
{
    QHostAddress a;
    return a.setAddress(bareHost(host));
}

bool isDotless(const QString &host)
{
    return !host.isEmpty() && !host.contains(QLatin1Char('.')) && !isIpLiteral(host);
}

Match credSspEntry(const QString &entry, const QString &spn)
{
    const QString e = entry.trimmed();
    if (e.isEmpty())
        return { false, tr("empty entry") };
    const qsizetype stars = e.count(QLatin1Char('*'));
    if (stars > 1)
        return { false,
            tr("more than one wildcard: the policy allows a single '*', so this entry is not used") };
    if (stars == 0)
        return { e.compare(spn, Qt::CaseInsensitive) == 0, {} };
    const qsizetype star = e.indexOf(QLatin1Char('*'));
    const QString prefix = e.left(star);
    const QString suffix = e.mid(star + 1);
    const bool m = spn.size() >= prefix.size() + suffix.size() && spn.startsWith(prefix, Qt::CaseInsensitive)
        && spn.endsWith(suffix, Qt::CaseInsensitive);
    return { m, {} };
}

QStringList splitChromiumList(const QString &value)
{
    static const QRegularExpression sep(QStringLiteral("[,;]"));
    QStringList out;
    for (const QString &part : value.split(sep)) {
        const QString t = part.trimmed();
        if (!t.isEmpty())
            out << t;
    }
    return out;
}

Match chromiumEntry(const QString &entryIn, const QUrl &url)
{
    const QString entry = entryIn.trimmed();
    const QString host = bareHost(url.host());
    if (entry == QLatin1String("*"))
        return { true, {} };
    if (entry.compare(QLatin1String("<local>"), Qt::CaseInsensitive) == 0)
        return { isDotless(host), {} };
    // IP_LITERAL "/" PREFIX_LENGTH: a range of addresses, never a host name.
    if (entry.contains(QLatin1Char('/')) && !entry.contains(QLatin1String("://"))) {
        const auto subnet = QHostAddress::parseSubnet(entry);
        if (subnet.second < 0)
            return { false, tr("not a valid address range (expected e.g. 10.0.0.0/8)") };
        QHostAddress a;
        return { a.setAddress(host) && a.isInSubnet(subnet), {} };
    }
    QString scheme, rest, hostPattern;
    splitScheme(entry, &scheme, &rest);
    int port = -1;
    splitPort(rest, &hostPattern, &port);
    if (port == -2)
        return { false, tr("the port after ':' is not a number") };
    if (hostPattern.isEmpty())
        return { false, tr("no host in the entry") };
    if (!scheme.isEmpty() && scheme.compare(url.scheme(), Qt::CaseInsensitive) != 0)
        return { false, {} };
    if (port != -1 && port != effectivePort(url))
        return { false, {} };
    hostPattern = bareHost(hostPattern);
    if (hostPattern.startsWith(QLatin1Char('.')))
        hostPattern.prepend(QLatin1Char('*'));
    return { glob(hostPattern, host), {} };
}

Match firefoxEntry(const QString &entryIn, const QUrl &url)
{
    const QString entry = entryIn.trimmed();
    if (entry.isEmpty())
        return { false, tr("empty entry") };
    QString scheme, rest, entryHost;
    splitScheme(entry, &scheme, &rest);
    // Mozilla compares the scheme exactly; URL schemes are lower case after parsing.
    if (!scheme.isEmpty() && scheme != url.scheme())
        return { false, {} };
    int port = -1;
    splitPort(rest, &entryHost, &port);
    if (port == -2)
        return { false, tr("the port after ':' is not a number") };
    if (port != -1 && port != effectivePort(url))
        return { false, {} };
    if (entryHost.isEmpty())
        return { true, {} }; // "https://" trusts every host of the scheme
    const QString host = url.host().toLower();
    entryHost = bareHost(entryHost);
    if (entryHost.contains(QLatin1Char('*')))
        return { false,
            tr("Firefox does not support wildcards: write contoso.com (which also covers its subdomains)") };
    if (entryHost.contains(QLatin1Char('/')))
        return { false,
            tr("Firefox compares scheme, host and port only: a path in the entry prevents any match") };
    if (!host.endsWith(entryHost))
        return { false, {} };
    if (host.size() == entryHost.size() || entryHost.startsWith(QLatin1Char('.')))
        return { true, {} };
    return { host.at(host.size() - entryHost.size() - 1) == QLatin1Char('.'), {} };
}

ZoneMatch zoneMapEntry(const QString &siteIn, const QUrl &url)
{
    const QString site = siteIn.trimmed();
    if (site.isEmpty())
        return { false, 0, tr("empty site name") };
    QString scheme, rest, siteHost;
    splitScheme(site, &scheme, &rest);
    if (!scheme.isEmpty() && scheme.compare(url.scheme(), Qt::CaseInsensitive) != 0)
        return {};
    int port = -1;
    splitPort(rest, &siteHost, &port);
    while (siteHost.endsWith(QLatin1Char('/')))
        siteHost.chop(1);
    if (port == -2 || siteHost.isEmpty())
        return { false, 0, tr("not a site name") };
    if (port != -1 && port != effectivePort(url))
        return {};
    const QString host = bareHost(url.host());
    siteHost = bareHost(siteHost);
    // Specificity: an exact host beats a wildcard, a longer suffix a shorter one, and a
    // protocol-specific entry the same entry for every protocol.
    const int schemeBonus = scheme.isEmpty() ? 0 : 1;
    static const QRegularExpression range(QStringLiteral("^(\\d+\\.\\d+\\.\\d+\\.)(\\d+)-(\\d+)$"));
    if (const auto m = range.match(siteHost); m.hasMatch()) {
        if (!host.startsWith(m.captured(1)) || !isIpLiteral(host))
            return {};
        bool ok = false;
        const int last = host.mid(m.captured(1).size()).toInt(&ok);
        const bool in = ok && last >= m.captured(2).toInt() && last <= m.captured(3).toInt();
        return { in, 1000 + schemeBonus, {} };
    }
    if (siteHost.startsWith(QLatin1String("*."))) {
        const QString suffix = siteHost.mid(1); // ".contoso.com"
        if (suffix.count(QLatin1Char('.')) < 2)
            return { false, 0, tr("a wildcard over a top-level domain is rejected by Windows") };
        return { host.endsWith(suffix) && host.size() > suffix.size(), int(suffix.size()) * 2 + schemeBonus,
            {} };
    }
    if (siteHost.contains(QLatin1Char('*')))
        return { false, 0, tr("a wildcard is only understood as the first label (*.contoso.com)") };
    return { host == siteHost, 100000 + schemeBonus, {} };
}

} // namespace ssod::core::evaluate::pattern
