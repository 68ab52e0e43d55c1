#include "core/check/IisConfig.h"

#include "core/probe/FindingCatalog.h"

#include <QXmlStreamReader>

namespace ssod::core::check {

namespace {

std::optional<bool> boolAttr(const QXmlStreamAttributes &a, const char *name)
{
    if (!a.hasAttribute(QLatin1String(name)))
        return std::nullopt;
    return a.value(QLatin1String(name)).compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
}

bool is(QStringView name, const char *what)
{
    return name.compare(QLatin1String(what), Qt::CaseInsensitive) == 0;
}

/// Reads a <windowsAuthentication> element (the reader is on its start) into \a layer.
void readWinAuth(QXmlStreamReader &r, WinAuthLayer &layer, const QString &source)
{
    const auto a = r.attributes();
    layer.enabled = boolAttr(a, "enabled");
    layer.useKernelMode = boolAttr(a, "useKernelMode");
    layer.useAppPoolCredentials = boolAttr(a, "useAppPoolCredentials");
    layer.source = QStringLiteral("%1:%2").arg(source).arg(r.lineNumber());
    while (r.readNextStartElement()) {
        if (is(r.name(), "providers")) {
            layer.providersSet = true;
            while (r.readNextStartElement()) {
                const QString value = r.attributes().value(QLatin1String("value")).toString().trimmed();
                if (is(r.name(), "clear")) {
                    layer.providersCleared = true;
                    layer.providersAdded.clear();
                } else if (is(r.name(), "add") && !value.isEmpty()) {
                    layer.providersAdded << value;
                } else if (is(r.name(), "remove") && !value.isEmpty()) {
                    layer.providersRemoved << value;
                }
                r.skipCurrentElement();
            }
        } else {
            r.skipCurrentElement();
        }
    }
}

Error xmlError(const QXmlStreamReader &r, const QString &source)
{
    return Error::invalid(QStringLiteral("line %1, column %2: not well-formed XML: %3")
                              .arg(r.lineNumber())
                              .arg(r.columnNumber())
                              .arg(r.errorString()),
        source);
}

void apply(WinAuth &w, const WinAuthLayer &l)
{
    bool any = false;
    if (l.enabled) {
        w.enabled = *l.enabled;
        any = true;
    }
    if (l.useKernelMode) {
        w.useKernelMode = *l.useKernelMode;
        any = true;
    }
    if (l.useAppPoolCredentials) {
        w.useAppPoolCredentials = *l.useAppPoolCredentials;
        any = true;
    }
    if (l.providersSet) {
        if (l.providersCleared)
            w.providers.clear();
        for (const QString &rm : l.providersRemoved)
            w.providers.removeIf([&rm](const QString &p) { return p.compare(rm, Qt::CaseInsensitive) == 0; });
        for (const QString &add : l.providersAdded)
            if (!w.providers.contains(add, Qt::CaseInsensitive))
                w.providers << add;
        any = true;
    }
    if (any && !l.source.isEmpty())
        w.sources << l.source;
}

int providerIndex(const QStringList &providers, const QString &prefix)
{
    for (qsizetype i = 0; i < providers.size(); ++i)
        if (providers.at(i).compare(prefix, Qt::CaseInsensitive) == 0
            || providers.at(i).startsWith(prefix + QLatin1Char(':'), Qt::CaseInsensitive))
            return int(i);
    return -1;
}

} // namespace

Result<IisConfig> parseApplicationHost(const QByteArray &xml, const QString &source, qsizetype maxBytes)
{
    if (xml.size() > maxBytes)
        return Error::invalid(QStringLiteral("the file is %1 MB; is this applicationHost.config?").arg(xml.size() >> 20), source);
    IisConfig c;
    c.source = source;
    QXmlStreamReader r(xml);
    QStringList stack; // element names from the root
    QString location; // the <location path> we are in; null outside
    bool inLocation = false;
    bool sawConfiguration = false;
    while (!r.atEnd()) {
        r.readNext();
        if (r.isEndElement()) {
            if (!stack.isEmpty()) {
                if (is(stack.last(), "location"))
                    inLocation = false;
                stack.removeLast();
            }
            continue;
        }
        if (!r.isStartElement())
            continue;
        const QStringView name = r.name();
        const auto a = r.attributes();
        const QString parent = stack.value(stack.size() - 1);
        if (stack.isEmpty())
            sawConfiguration = is(name, "configuration");
        if (is(name, "location") && stack.size() == 1) {
            inLocation = true;
            location = a.value(QLatin1String("path")).toString().trimmed();
        } else if (is(name, "windowsAuthentication") && stack.size() >= 3 && is(parent, "authentication")) {
            WinAuthLayer layer;
            readWinAuth(r, layer, source);
            if (inLocation && !location.isEmpty() && location != QLatin1String("."))
                c.locations.insert(location, layer);
            else
                c.server = layer;
            continue; // readWinAuth consumed the element and its end
        } else if (is(name, "add") && is(parent, "applicationPools")) {
            IisAppPool pool = c.poolDefaults;
            pool.name = a.value(QLatin1String("name")).toString();
            pool.line = int(r.lineNumber());
            while (r.readNextStartElement()) {
                if (is(r.name(), "processModel")) {
                    const auto pa = r.attributes();
                    if (pa.hasAttribute(QLatin1String("identityType")))
                        pool.identityType = pa.value(QLatin1String("identityType")).toString();
                    if (pa.hasAttribute(QLatin1String("userName")))
                        pool.userName = pa.value(QLatin1String("userName")).toString();
                }
                r.skipCurrentElement();
            }
            if (!pool.name.isEmpty())
                c.pools.insert(pool.name, pool);
            continue;
        } else if (is(name, "processModel") && is(parent, "applicationPoolDefaults")) {
            if (a.hasAttribute(QLatin1String("identityType")))
                c.poolDefaults.identityType = a.value(QLatin1String("identityType")).toString();
        } else if (is(name, "applicationDefaults") && is(parent, "sites")) {
            if (a.hasAttribute(QLatin1String("applicationPool")))
                c.defaultPool = a.value(QLatin1String("applicationPool")).toString();
        } else if (is(name, "site") && is(parent, "sites")) {
            IisSite site;
            site.name = a.value(QLatin1String("name")).toString();
            site.line = int(r.lineNumber());
            c.sites << site;
        } else if (is(name, "application") && is(parent, "site") && !c.sites.isEmpty()) {
            IisApplication app;
            app.site = c.sites.last().name;
            app.path = a.value(QLatin1String("path")).toString();
            if (app.path.isEmpty())
                app.path = QStringLiteral("/");
            app.pool = a.value(QLatin1String("applicationPool")).toString();
            app.line = int(r.lineNumber());
            c.sites.last().applications << app;
        } else if (is(name, "binding") && is(parent, "bindings") && !c.sites.isEmpty()) {
            IisBinding b;
            b.protocol = a.value(QLatin1String("protocol")).toString().toLower();
            b.information = a.value(QLatin1String("bindingInformation")).toString();
            // "IP:port:host"; an IPv6 address is bracketed, so split from the right.
            b.host = b.information.section(QLatin1Char(':'), -1).trimmed().toLower();
            b.port = b.information.section(QLatin1Char(':'), -2, -2).toInt();
            c.sites.last().bindings << b;
        }
        stack << name.toString();
    }
    if (r.hasError())
        return xmlError(r, source);
    if (!sawConfiguration)
        return Error::invalid(QStringLiteral("no <configuration> root: this is not an IIS configuration file"), source);
    // Pools named before the defaults were read keep what the defaults said then; apps without a
    // pool use applicationDefaults.
    for (IisSite &s : c.sites)
        for (IisApplication &app : s.applications)
            if (app.pool.isEmpty())
                app.pool = c.defaultPool;
    return c;
}

Result<std::optional<WinAuthLayer>> parseWebConfigWinAuth(const QByteArray &xml, const QString &source)
{
    QXmlStreamReader r(xml);
    std::optional<WinAuthLayer> found;
    QStringList stack;
    while (!r.atEnd()) {
        r.readNext();
        if (r.isEndElement() && !stack.isEmpty()) {
            stack.removeLast();
            continue;
        }
        if (!r.isStartElement())
            continue;
        if (is(r.name(), "windowsAuthentication") && !stack.isEmpty() && is(stack.last(), "authentication")) {
            WinAuthLayer layer;
            readWinAuth(r, layer, source);
            found = layer;
            continue;
        }
        stack << r.name().toString();
    }
    if (r.hasError())
        return xmlError(r, source);
    return found;
}

QString IisCheck::appcmd(const QString &location, const QString &arguments)
{
    return QStringLiteral("%windir%\\system32\\inetsrv\\appcmd.exe set config \"%1\" "
                          "-section:system.webServer/security/authentication/windowsAuthentication %2 /commit:apphost")
        .arg(location, arguments);
}

QList<IisAppReport> IisCheck::applications(
    const IisConfig &c, const QMap<QString, WinAuthLayer> &webConfigs, const QString &computer)
{
    QList<IisAppReport> out;
    auto layerFor = [](const QMap<QString, WinAuthLayer> &m, const QString &path) -> const WinAuthLayer * {
        for (auto it = m.cbegin(); it != m.cend(); ++it)
            if (it.key().compare(path, Qt::CaseInsensitive) == 0)
                return &it.value();
        return nullptr;
    };
    for (const IisSite &site : c.sites) {
        QStringList hosts;
        for (const IisBinding &b : site.bindings)
            if ((b.protocol == QLatin1String("http") || b.protocol == QLatin1String("https")) && !hosts.contains(b.host))
                hosts << b.host;
        for (const IisApplication &app : site.applications) {
            IisAppReport r;
            r.app = app;
            r.pool = c.pools.value(app.pool, c.poolDefaults);
            if (r.pool.name.isEmpty())
                r.pool.name = app.pool;
            r.builtInIdentity = r.pool.identityType.compare(QLatin1String("SpecificUser"), Qt::CaseInsensitive) != 0;
            if (r.builtInIdentity)
                r.account = computer.isEmpty() ? QString() : computer.toUpper() + QLatin1Char('$');
            else
                r.account = r.pool.userName.section(QLatin1Char('\\'), -1).section(QLatin1Char('@'), 0, 0);
            apply(r.auth, c.server);
            // Outer locations first: "Site", then "Site/a", then "Site/a/b".
            QStringList paths { site.name };
            QString prefix = site.name;
            for (const QString &part : app.path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
                prefix += QLatin1Char('/') + part;
                paths << prefix;
            }
            for (const QString &p : paths) {
                if (const WinAuthLayer *l = layerFor(c.locations, p))
                    apply(r.auth, *l);
                if (const WinAuthLayer *l = layerFor(webConfigs, p))
                    apply(r.auth, *l);
            }
            for (const QString &h : hosts) {
                r.hosts << h;
                if (!h.isEmpty())
                    r.spns << QStringLiteral("HTTP/") + h;
            }
            out << r;
        }
    }
    return out;
}

QList<Finding> IisCheck::findings(const QList<IisAppReport> &apps, const SpnHolders &holders)
{
    const probe::FindingCatalog &catalog = probe::FindingCatalog::builtin();
    QList<Finding> out;
    QStringList spnsDone;
    for (const IisAppReport &r : apps) {
        const QString loc = r.app.location();
        const QString account = r.account.isEmpty() ? tr("the computer account") : r.account;
        const QVariantMap args { { QStringLiteral("app"), loc }, { QStringLiteral("pool"), r.pool.name },
            { QStringLiteral("identity"), r.builtInIdentity ? r.pool.identityType : r.pool.userName },
            { QStringLiteral("account"), account }, { QStringLiteral("providers"), r.auth.providers.join(QLatin1String(", ")) } };
        QList<Evidence> ev { { tr("Application pool"), QStringLiteral("%1 (%2)").arg(r.pool.name,
                                                              r.builtInIdentity ? r.pool.identityType : r.pool.userName) },
            { tr("Windows authentication"), r.auth.enabled ? tr("on") : tr("off") },
            { tr("Providers"), r.auth.providers.join(QLatin1String(", ")) },
            { tr("Kernel mode"), r.auth.useKernelMode ? tr("on") : tr("off") },
            { tr("useAppPoolCredentials"), r.auth.useAppPoolCredentials ? tr("true") : tr("false") },
            { tr("Set in"), r.auth.sources.isEmpty() ? tr("(IIS defaults)") : r.auth.sources.join(QLatin1String(", ")) } };
        if (!r.auth.enabled) {
            out << catalog.make(QStringLiteral("iis.winauth-off"), loc, args, ev);
            continue;
        }
        bool problem = false;
        const int negotiate = providerIndex(r.auth.providers, QStringLiteral("Negotiate"));
        const int ntlm = providerIndex(r.auth.providers, QStringLiteral("NTLM"));
        if (negotiate < 0) {
            QVariantMap a = args;
            a.insert(QStringLiteral("command"),
                appcmd(loc, QStringLiteral("/~\"providers\" /+\"providers.[value='Negotiate']\" /+\"providers.[value='NTLM']\"")));
            out << catalog.make(QStringLiteral("iis.no-negotiate"), loc, a, ev);
            problem = true;
        } else if (ntlm >= 0 && ntlm < negotiate) {
            QVariantMap a = args;
            a.insert(QStringLiteral("command"),
                appcmd(loc, QStringLiteral("/~\"providers\" /+\"providers.[value='Negotiate']\" /+\"providers.[value='NTLM']\"")));
            out << catalog.make(QStringLiteral("iis.ntlm-first"), loc, a, ev);
            problem = true;
        }
        if (!r.builtInIdentity && r.auth.useKernelMode && !r.auth.useAppPoolCredentials) {
            QVariantMap a = args;
            a.insert(QStringLiteral("command"), appcmd(loc, QStringLiteral("/useAppPoolCredentials:\"True\"")));
            out << catalog.make(QStringLiteral("iis.app-pool-credentials"), loc, a, ev);
            problem = true;
        }
        if (!problem)
            out << catalog.make(QStringLiteral("iis.winauth-ok"), loc, args, ev);
        if (r.hosts.contains(QString()))
            out << catalog.make(QStringLiteral("iis.binding-no-host"), loc, args, ev);
        for (const QString &spn : r.spns) {
            // One SPN per host name whatever the port; several applications of a site share it.
            const QString key = spn.toLower() + QLatin1Char('|') + account.toLower();
            if (spnsDone.contains(key))
                continue;
            spnsDone << key;
            QVariantMap a = args;
            a.insert(QStringLiteral("spn"), spn);
            const QVariantMap fix { { QStringLiteral("spn"), spn }, { QStringLiteral("account"), r.account } };
            if (!holders || r.account.isEmpty()) {
                out << catalog.make(QStringLiteral("iis.spn-needed"), spn, a, ev, fix);
                continue;
            }
            const auto held = holders(spn);
            if (!held) {
                a.insert(QStringLiteral("reason"), held.error().message);
                out << catalog.make(QStringLiteral("iis.spn-unchecked"), spn, a, ev, fix);
                continue;
            }
            a.insert(QStringLiteral("holders"), held->join(QLatin1String(", ")));
            auto same = [&r](const QString &h) {
                auto bare = [](QString s) { return s.endsWith(QLatin1Char('$')) ? s.chopped(1) : s; };
                return bare(h).compare(bare(r.account), Qt::CaseInsensitive) == 0;
            };
            if (held->isEmpty())
                out << catalog.make(QStringLiteral("iis.spn-missing"), spn, a, ev, fix);
            else if (held->size() > 1)
                out << catalog.make(QStringLiteral("iis.spn-duplicate"), spn, a, ev, fix);
            else if (!same(held->first()))
                out << catalog.make(QStringLiteral("iis.spn-wrong-account"), spn, a, ev, fix);
            else
                out << catalog.make(QStringLiteral("iis.spn-ok"), spn, a, ev);
        }
    }
    return out;
}

} // namespace ssod::core::check
