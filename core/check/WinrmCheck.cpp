#include "core/check/WinrmCheck.h"

#include "core/evaluate/PolicyReader.h"
#include "core/probe/FindingCatalog.h"
#include "core/probe/PolicyProbe.h"

namespace ssod::core::check {

namespace {

const QString kPolicy = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM");
const QString kOwn = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WSMAN");

/// A DWORD policy that is 1 (or, with \a zeroMeans, 0); absent reads as not set.
Result<bool> dwordIs(const evaluate::PolicyReader &r, const QString &key, const QString &name, quint32 wanted,
    QStringList &sources)
{
    auto v = r.dword(key, name);
    if (!v)
        return v.error();
    if (v->present && v->number && *v->number == wanted) {
        sources << evaluate::shortKey(key) + QLatin1Char('\\') + name;
        return true;
    }
    return false;
}

} // namespace

QStringList WinrmCheck::keysRead()
{
    return { kPolicy, kOwn };
}

Result<WinrmSettings> WinrmCheck::read(const registry::RegistryStore &store)
{
    const evaluate::PolicyReader r(store);
    WinrmSettings s;
    const QString pc = kPolicy + QStringLiteral("\\Client"), ps = kPolicy + QStringLiteral("\\Service");
    const QString oc = kOwn + QStringLiteral("\\Client"), os = kOwn + QStringLiteral("\\Service");
    // TrustedHosts: the policy when enabled, else winrm/config/client.
    auto on = dwordIs(r, pc, QStringLiteral("TrustedHosts"), 1, s.sources);
    if (!on)
        return on.error();
    auto list = r.string(*on ? pc : oc, *on ? QStringLiteral("TrustedHostsList") : QStringLiteral("trusted_hosts"));
    if (!list)
        return list.error();
    if (*list && !(*list)->trimmed().isEmpty()) {
        for (const QString &e : (*list)->split(QLatin1Char(','), Qt::SkipEmptyParts))
            s.trustedHosts << e.trimmed();
        s.trustedHostsSource = evaluate::shortKey(*on ? pc : oc)
            + (*on ? QStringLiteral("\\TrustedHostsList") : QStringLiteral("\\trusted_hosts"));
        s.sources << s.trustedHostsSource;
    }
    struct Flag {
        bool *out;
        QString key;
        const char *name;
        quint32 wanted;
    };
    for (const Flag &f : { Flag { &s.clientBasic, pc, "AllowBasic", 1 }, Flag { &s.clientBasic, oc, "auth_basic", 1 },
             Flag { &s.clientUnencrypted, pc, "AllowUnencryptedTraffic", 1 },
             Flag { &s.clientUnencrypted, oc, "allow_unencrypted", 1 },
             Flag { &s.clientKerberosDisallowed, pc, "AllowKerberos", 0 },
             Flag { &s.clientNegotiateDisallowed, pc, "AllowNegotiate", 0 },
             Flag { &s.serviceBasic, ps, "AllowBasic", 1 }, Flag { &s.serviceBasic, os, "auth_basic", 1 },
             Flag { &s.serviceUnencrypted, ps, "AllowUnencryptedTraffic", 1 },
             Flag { &s.serviceUnencrypted, os, "allow_unencrypted", 1 } }) {
        auto v = dwordIs(r, f.key, QLatin1String(f.name), f.wanted, s.sources);
        if (!v)
            return v.error();
        *f.out = *f.out || *v;
    }
    // Listeners: …\WSMAN\Listener\<Address>+<Transport> with hostname, Port, certThumbprint.
    const QString listeners = kOwn + QStringLiteral("\\Listener");
    auto names = store.subkeyNames(listeners);
    if (names) {
        for (const QString &n : *names) {
            WinrmSettings::Listener l;
            l.name = n;
            l.https = n.endsWith(QLatin1String("+HTTPS"), Qt::CaseInsensitive);
            const QString key = listeners + QLatin1Char('\\') + n;
            if (auto h = r.string(key, QStringLiteral("hostname")); h && *h)
                l.hostname = **h;
            if (auto t = r.string(key, QStringLiteral("certThumbprint")); t && *t)
                l.thumbprint = (**t).remove(QLatin1Char(' ')).toUpper();
            if (auto p = r.dword(key, QStringLiteral("Port")); p && p->number)
                l.port = int(*p->number);
            if (l.port == 0)
                l.port = l.https ? 5986 : 5985;
            s.listeners << l;
        }
    }
    return s;
}

QList<Finding> WinrmCheck::findings(const WinrmSettings &s, const QString &host, const QString &computerAccount,
    const SpnHolders &holders, const QString &presentedThumbprint)
{
    const probe::FindingCatalog &catalog = probe::FindingCatalog::builtin();
    QList<Finding> out;
    const QVariantMap base { { QStringLiteral("host"), host.isEmpty() ? tr("the server") : host },
        { QStringLiteral("list"), s.trustedHosts.join(QLatin1String(", ")) },
        { QStringLiteral("source"), s.trustedHostsSource } };
    const QList<Evidence> sources { { tr("Settings read"), s.sources.isEmpty() ? tr("(none set)") : s.sources.join(QLatin1String(", ")) } };
    if (s.trustedHosts.contains(QStringLiteral("*")))
        out << catalog.make(QStringLiteral("winrm.trusted-hosts-all"), s.trustedHostsSource, base, sources);
    else if (!s.trustedHosts.isEmpty())
        out << catalog.make(QStringLiteral("winrm.trusted-hosts"), s.trustedHostsSource, base, sources);
    if (!host.isEmpty()) {
        QString matched;
        for (const QString &e : s.trustedHosts)
            if (probe::PolicyProbe::trustedHostsMatch(e, host)) {
                matched = e;
                break;
            }
        QVariantMap a = base;
        a.insert(QStringLiteral("entry"), matched);
        if (!matched.isEmpty())
            out << catalog.make(QStringLiteral("policy.winrm-trusted-host"), host, a, sources);
    }
    if (s.clientKerberosDisallowed || s.clientNegotiateDisallowed)
        out << catalog.make(QStringLiteral("winrm.kerberos-disallowed"), QStringLiteral("WinRM client"),
            { { QStringLiteral("which"), s.clientKerberosDisallowed ? QStringLiteral("Kerberos") : QStringLiteral("Negotiate") } },
            sources);
    const QString basicWho = s.serviceBasic ? tr("The WinRM service") : tr("The WinRM client");
    const QString clearWho = s.serviceUnencrypted ? tr("The WinRM service") : tr("The WinRM client");
    QVariantMap withWho = base;
    if (s.clientBasic || s.serviceBasic) {
        withWho.insert(QStringLiteral("subject"), basicWho);
        out << catalog.make(s.clientUnencrypted || s.serviceUnencrypted ? QStringLiteral("winrm.basic-unencrypted")
                                                                        : QStringLiteral("winrm.basic"),
            basicWho, withWho, sources);
    } else if (s.clientUnencrypted || s.serviceUnencrypted) {
        withWho.insert(QStringLiteral("subject"), clearWho);
        out << catalog.make(QStringLiteral("winrm.unencrypted"), clearWho, withWho, sources);
    }

    // The HTTPS listener's certificate against the one the server presents.
    for (const WinrmSettings::Listener &l : s.listeners) {
        if (!l.https)
            continue;
        const QVariantMap a { { QStringLiteral("listener"), l.name }, { QStringLiteral("configured"), l.thumbprint },
            { QStringLiteral("presented"), presentedThumbprint }, { QStringLiteral("port"), l.port },
            { QStringLiteral("hostname"), l.hostname } };
        const QList<Evidence> ev { { tr("Listener"), l.name }, { tr("Hostname"), l.hostname },
            { tr("certThumbprint"), l.thumbprint }, { tr("Presented on port %1").arg(l.port),
                                                        presentedThumbprint.isEmpty() ? tr("(not checked)") : presentedThumbprint } };
        if (presentedThumbprint.isEmpty())
            out << catalog.make(QStringLiteral("winrm.listener-https"), l.name, a, ev);
        else if (presentedThumbprint.compare(l.thumbprint, Qt::CaseInsensitive) == 0)
            out << catalog.make(QStringLiteral("winrm.listener-match"), l.name, a, ev);
        else
            out << catalog.make(QStringLiteral("winrm.listener-mismatch"), l.name, a, ev);
    }

    // WinRM over HTTP asks for HTTP/<host>: a service account holding it takes WinRM's Kerberos.
    if (!host.isEmpty() && holders) {
        const QString spn = QStringLiteral("HTTP/") + host;
        QVariantMap a { { QStringLiteral("spn"), spn }, { QStringLiteral("computer"), computerAccount } };
        const auto held = holders(spn);
        if (!held) {
            a.insert(QStringLiteral("reason"), held.error().message);
            out << catalog.make(QStringLiteral("iis.spn-unchecked"), spn, a);
        } else {
            QStringList others;
            for (const QString &h : *held)
                if (h.compare(computerAccount, Qt::CaseInsensitive) != 0)
                    others << h;
            a.insert(QStringLiteral("holders"), others.join(QLatin1String(", ")));
            out << catalog.make(others.isEmpty() ? QStringLiteral("winrm.spn-ok") : QStringLiteral("winrm.spn-conflict"),
                spn, a, { { tr("Held by"), held->isEmpty() ? tr("(nobody: the computer's HOST/ SPN answers)") : held->join(QLatin1String(", ")) } },
                { { QStringLiteral("spn"), spn }, { QStringLiteral("account"), computerAccount } });
        }
    }
    if (out.isEmpty())
        out << catalog.make(QStringLiteral("winrm.defaults"), QStringLiteral("WinRM"), base, sources);
    return out;
}

} // namespace ssod::core::check
