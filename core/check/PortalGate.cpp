#include "core/check/PortalGate.h"

#include "core/probe/FindingCatalog.h"

#include <QHostAddress>
#include <QRegularExpression>
#include <QUrl>
#include <QXmlStreamReader>

namespace ssod::core::check {

namespace {

bool truthy(const QStringView v)
{
    return v.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
}

QString joined(const QList<PortalEntry> &entries)
{
    QStringList out;
    for (const PortalEntry &e : entries)
        out << e.value;
    return out.join(QLatin1String(", "));
}

} // namespace

Result<PortalConfig> parsePortalConfig(const QByteArray &xml, const QString &source, qsizetype maxBytes)
{
    if (xml.size() > maxBytes)
        return Error::invalid(QStringLiteral("the file is %1 MB; a web.config is far smaller: is this the right file?")
                                  .arg(xml.size() / (1024 * 1024)),
            source);
    QXmlStreamReader r(xml);
    PortalConfig c;
    c.source = source;
    bool found = false;
    while (!r.atEnd()) {
        r.readNext();
        if (!r.isStartElement() || r.name().compare(QLatin1String("SSOConditions"), Qt::CaseInsensitive) != 0)
            continue;
        if (found)
            return Error::invalid(QStringLiteral("line %1: a second <SSOConditions>; the portal reads one").arg(r.lineNumber()),
                source);
        found = true;
        c.line = int(r.lineNumber());
        const auto attrs = r.attributes();
        for (const auto &a : attrs) {
            if (a.name().compare(QLatin1String("disabled"), Qt::CaseInsensitive) == 0)
                c.disabled = truthy(a.value());
            else if (a.name().compare(QLatin1String("debugging"), Qt::CaseInsensitive) == 0)
                c.debugging = truthy(a.value());
            else if (a.name().compare(QLatin1String("keepDomain"), Qt::CaseInsensitive) == 0)
                c.keepDomain = truthy(a.value());
        }
        // The children: lists of <add value="…"/>.
        while (r.readNextStartElement()) {
            const QString list = r.name().toString();
            const int listLine = int(r.lineNumber());
            QList<PortalEntry> *target = nullptr;
            auto is = [&list](const char *n) { return list.compare(QLatin1String(n), Qt::CaseInsensitive) == 0; };
            if (is("SPNs"))
                target = &c.spns;
            else if (is("IPWhiteList")) {
                target = &c.ipWhiteList;
                c.hasIpWhiteList = true;
            } else if (is("IPBlackList")) {
                target = &c.ipBlackList;
                c.hasIpBlackList = true;
            } else if (is("URLBlackList"))
                target = &c.urlBlackList;
            else if (is("BrowserWhiteList"))
                target = &c.browserWhiteList;
            if (!target) {
                c.unknownChildren << QStringLiteral("%1 (line %2)").arg(list).arg(listLine);
                r.skipCurrentElement();
                continue;
            }
            while (r.readNextStartElement()) {
                if (r.name().compare(QLatin1String("add"), Qt::CaseInsensitive) == 0) {
                    const int line = int(r.lineNumber());
                    const QString value = r.attributes().value(QLatin1String("value")).toString();
                    if (!value.trimmed().isEmpty())
                        target->append(PortalEntry { value.trimmed(), line });
                } else {
                    c.unknownChildren << QStringLiteral("%1/%2 (line %3)").arg(list, r.name().toString()).arg(r.lineNumber());
                }
                r.skipCurrentElement();
            }
        }
    }
    // An element with no entries filters nothing, like an absent one (the vendor's documents do not
    // say; an empty white list that shut every client out would be a surprise nobody configures).
    c.hasIpWhiteList = !c.ipWhiteList.isEmpty();
    c.hasIpBlackList = !c.ipBlackList.isEmpty();
    if (r.hasError())
        return Error::invalid(QStringLiteral("line %1, column %2: not well-formed XML: %3")
                                  .arg(r.lineNumber())
                                  .arg(r.columnNumber())
                                  .arg(r.errorString()),
            source);
    if (!found)
        return Error::notFound(QStringLiteral("no <SSOConditions> element: this web.config does not configure the "
                                              "portal's Kerberos gate"),
            source);
    return c;
}

bool PortalGate::ipMatches(const QString &pattern, const QString &ip)
{
    const QStringList p = pattern.trimmed().split(QLatin1Char('.'));
    const QStringList a = ip.trimmed().split(QLatin1Char('.'));
    if (p.size() != 4 || a.size() != 4)
        return false;
    for (int i = 0; i < 4; ++i) {
        if (p.at(i) == QLatin1String("*"))
            continue;
        bool ok1 = false, ok2 = false;
        const int x = p.at(i).toInt(&ok1), y = a.at(i).toInt(&ok2);
        if (!ok1 || !ok2 || x != y)
            return false;
    }
    return true;
}

PortalDecision PortalGate::evaluate(const PortalConfig &c, const PortalRequest &req)
{
    PortalDecision d;
    auto deny = [&d](const QString &rule, const QString &detail, const PortalEntry &entry = {}) {
        d.steps << PortalStep { rule, false, detail, entry.value, entry.line };
        d.attempted = false;
        d.rule = rule;
        d.entry = entry.value;
        d.line = entry.line;
        return d;
    };
    auto pass = [&d](const QString &rule, const QString &detail, const PortalEntry &entry = {}) {
        d.steps << PortalStep { rule, true, detail, entry.value, entry.line };
    };

    // 1. The opt-out cookie, checked first and always; then the switch.
    for (const auto &[name, value] : req.cookies)
        if (name.trimmed() == QLatin1String("PstarNoKerberos") && value.trimmed() == QLatin1String("1"))
            return deny(QStringLiteral("cookie"),
                tr("The request carries the cookie PstarNoKerberos=1: the portal never offers Kerberos to this browser."));
    pass(QStringLiteral("cookie"), tr("No PstarNoKerberos=1 cookie."));
    if (c.disabled)
        return deny(QStringLiteral("disabled"), tr("<SSOConditions disabled=\"true\">: Kerberos is never attempted."));
    pass(QStringLiteral("disabled"), tr("SSOConditions is not disabled."));

    // 2. The client IP.
    const QHostAddress address(req.clientIp.trimmed());
    const bool v6 = address.protocol() == QAbstractSocket::IPv6Protocol && !address.toIPv4Address();
    if (c.hasIpWhiteList) {
        if (v6) {
            pass(QStringLiteral("ip-whitelist"),
                tr("%1 is an IPv6 address: the portal does not filter IPv6, so a white list lets it through.").arg(req.clientIp));
        } else {
            const PortalEntry *hit = nullptr;
            for (const PortalEntry &e : c.ipWhiteList)
                if (ipMatches(e.value, req.clientIp)) {
                    hit = &e;
                    break;
                }
            if (!hit)
                return deny(QStringLiteral("ip-whitelist"),
                    tr("%1 matches no IPWhiteList entry (%2): only listed clients are offered Kerberos.")
                        .arg(req.clientIp, joined(c.ipWhiteList)));
            pass(QStringLiteral("ip-whitelist"), tr("%1 is in IPWhiteList (%2).").arg(req.clientIp, hit->value), *hit);
        }
    }
    if (c.hasIpBlackList && !v6) {
        for (const PortalEntry &e : c.ipBlackList)
            if (ipMatches(e.value, req.clientIp))
                return deny(QStringLiteral("ip-blacklist"),
                    tr("%1 matches the IPBlackList entry %2.").arg(req.clientIp, e.value), e);
        pass(QStringLiteral("ip-blacklist"), tr("%1 matches no IPBlackList entry.").arg(req.clientIp));
    }
    if (!c.hasIpWhiteList && !c.hasIpBlackList)
        pass(QStringLiteral("ip-whitelist"), tr("No IP lists: every client address passes."));

    // 3. The server name of the request URL, without its port.
    const QUrl url(req.url.trimmed());
    const QString host = url.host();
    const PortalEntry *spn = nullptr;
    for (const PortalEntry &e : c.spns)
        if (e.value.compare(host, Qt::CaseInsensitive) == 0) {
            spn = &e;
            break;
        }
    if (!spn)
        return deny(QStringLiteral("spn"),
            c.spns.isEmpty() ? tr("SPNs lists no server name, so no request is offered Kerberos.")
                             : tr("The server name %1 is not one of SPNs (%2); the comparison is exact (no substring, "
                                  "no port).")
                                   .arg(host.isEmpty() ? tr("(none)") : host, joined(c.spns)));
    pass(QStringLiteral("spn"), tr("%1 is listed in SPNs.").arg(host), *spn);

    // 4. The path and query against URLBlackList: an unanchored regular-expression search.
    QString pathQuery = url.path(QUrl::FullyEncoded);
    if (url.hasQuery())
        pathQuery += QLatin1Char('?') + url.query(QUrl::FullyEncoded);
    for (const PortalEntry &e : c.urlBlackList) {
        const QRegularExpression re(e.value, QRegularExpression::CaseInsensitiveOption);
        if (!re.isValid()) {
            d.notes << tr("URLBlackList entry \"%1\" (line %2) is not a valid regular expression (%3); skipped, as it "
                          "would throw in the portal.")
                           .arg(e.value)
                           .arg(e.line)
                           .arg(re.errorString());
            continue;
        }
        if (re.match(pathQuery).hasMatch())
            return deny(QStringLiteral("url-blacklist"),
                tr("%1 contains a match of the URLBlackList pattern %2. The pattern is searched anywhere in the path "
                   "and query (not anchored), so \"/_layouts/PG/*\" matches every path that merely contains "
                   "\"/_layouts/PG\".")
                    .arg(pathQuery, e.value),
                e);
    }
    pass(QStringLiteral("url-blacklist"), tr("%1 matches no URLBlackList pattern.").arg(pathQuery));

    // 5. The browser.
    const PortalEntry *browser = nullptr;
    for (const PortalEntry &e : c.browserWhiteList)
        if (req.userAgent.contains(e.value, Qt::CaseInsensitive)) {
            browser = &e;
            break;
        }
    if (!browser)
        return deny(QStringLiteral("user-agent"),
            c.browserWhiteList.isEmpty()
                ? tr("BrowserWhiteList is empty, so no browser is offered Kerberos.")
                : tr("The User-Agent contains none of BrowserWhiteList (%1).").arg(joined(c.browserWhiteList)));
    pass(QStringLiteral("user-agent"), tr("The User-Agent contains \"%1\" (BrowserWhiteList).").arg(browser->value), *browser);

    d.attempted = true;
    d.rule = QStringLiteral("allowed");
    return d;
}

QList<Finding> PortalGate::findings(const PortalConfig &c, const PortalRequest &req, const PortalDecision &d)
{
    const probe::FindingCatalog &catalog = probe::FindingCatalog::builtin();
    QList<Finding> out;
    const QString host = QUrl(req.url.trimmed()).host();
    QList<Evidence> evidence { { tr("Configuration"), QStringLiteral("%1, line %2").arg(c.source).arg(c.line) },
        { tr("Client address"), req.clientIp }, { QStringLiteral("URL"), req.url }, { QStringLiteral("User-Agent"), req.userAgent } };
    for (const PortalStep &s : d.steps)
        evidence << Evidence { s.rule, (s.passed ? tr("passed: ") : tr("DENIED: ")) + s.detail };
    const QVariantMap args { { QStringLiteral("client"), req.clientIp }, { QStringLiteral("url"), req.url },
        { QStringLiteral("host"), host }, { QStringLiteral("rule"), d.rule },
        { QStringLiteral("detail"), d.steps.isEmpty() ? QString() : d.steps.last().detail },
        { QStringLiteral("where"), d.line > 0 ? tr(" (the entry \"%1\" on line %2)").arg(d.entry).arg(d.line) : QString() } };
    out << catalog.make(d.attempted ? QStringLiteral("portal.attempted") : QStringLiteral("portal.denied"), req.url, args,
        evidence);
    for (const QString &note : d.notes)
        out << catalog.make(QStringLiteral("portal.bad-pattern"), c.source, { { QStringLiteral("note"), note } });
    for (const QString &child : c.unknownChildren)
        out << catalog.make(QStringLiteral("portal.unknown-child"), c.source, { { QStringLiteral("child"), child } });
    if (c.debugging)
        out << catalog.make(QStringLiteral("portal.debugging"), c.source, {});
    return out;
}

} // namespace ssod::core::check
