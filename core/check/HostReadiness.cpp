#include "core/check/HostReadiness.h"

#include "core/catalog/SettingRequest.h"
#include "core/evaluate/DelegationEvaluator.h"
#include "core/evaluate/PolicyReader.h"
#include "core/probe/FindingCatalog.h"
#include "core/registry/Planner.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace ssod::core::check {

namespace {

const QString kCurrentVersion = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion");
const QString kVcRuntime = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\VisualStudio\\14.0\\VC\\Runtimes\\x64");
const QString kEnvironment
    = QStringLiteral("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment");
const QString kConnector = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Thycotic\\SessionConnector");
const QString kOracle
    = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters");

/// The store that holds \a key: the one given for its hive (a .reg export covers every key, so
/// the SYSTEM file answers for SYSTEM keys even when the SOFTWARE one is a .reg), else any.
const registry::RegistryStore *storeFor(const HostStores &s, const QString &key)
{
    const bool systemKey = key.startsWith(QLatin1String("HKEY_LOCAL_MACHINE\\SYSTEM\\"), Qt::CaseInsensitive);
    const registry::RegistryStore *preferred = systemKey ? s.system : s.software;
    if (preferred && preferred->covers(key))
        return preferred;
    // The other file answers only when it holds the key (a full export given for one hive).
    const registry::RegistryStore *other = systemKey ? s.software : s.system;
    if (!other || !other->covers(key))
        return nullptr;
    const auto exists = other->keyExists(key);
    return exists && *exists ? other : nullptr;
}

/// The string value \a name of \a key; empty when it is absent or cannot be read.
QString text(const evaluate::PolicyReader &r, const QString &key, const QString &name)
{
    const auto v = r.string(key, name);
    return v && *v ? **v : QString();
}

struct Run {
    const HostReadiness::Input &in;
    QList<Finding> out;
    QJsonObject facts;
    const probe::FindingCatalog &catalog = probe::FindingCatalog::builtin();

    void add(const QString &id, const QString &subject, const QVariantMap &args, const QList<Evidence> &ev = {},
        const QVariantMap &fix = {})
    {
        out << catalog.make(id, subject, args, ev, fix);
    }
    /// A finding that the check could not run: which file it needs.
    void missing(const QString &what, const QString &key)
    {
        add(QStringLiteral("host.not-read"), what,
            { { QStringLiteral("what"), what }, { QStringLiteral("key"), evaluate::shortKey(key) } });
    }
};

void windowsVersion(Run &run, const QVariantMap &c)
{
    const registry::RegistryStore *st = storeFor(run.in.stores, kCurrentVersion);
    if (!st)
        return run.missing(HostReadiness::tr("Windows version"), kCurrentVersion);
    const evaluate::PolicyReader r(*st);
    auto major = r.dword(kCurrentVersion, QStringLiteral("CurrentMajorVersionNumber"));
    auto minor = r.dword(kCurrentVersion, QStringLiteral("CurrentMinorVersionNumber"));
    const QString name = text(r, kCurrentVersion, QStringLiteral("ProductName"));
    const QString build = text(r, kCurrentVersion, QStringLiteral("CurrentBuild"));
    const QString version = major && major->number
        ? QStringLiteral("%1.%2").arg(*major->number).arg(minor && minor->number ? *minor->number : 0)
        : text(r, kCurrentVersion, QStringLiteral("CurrentVersion"));
    const bool server = text(r, kCurrentVersion, QStringLiteral("InstallationType")).contains(QLatin1String("Server"), Qt::CaseInsensitive)
        || name.contains(QLatin1String("Server"), Qt::CaseInsensitive);
    run.facts.insert(QStringLiteral("windows"),
        QJsonObject { { QStringLiteral("version"), version }, { QStringLiteral("product"), name },
            { QStringLiteral("build"), build }, { QStringLiteral("server"), server } });
    const QString min = c.value(QStringLiteral("min")).toString();
    const QVariantMap args { { QStringLiteral("version"), version.isEmpty() ? HostReadiness::tr("unknown") : version },
        { QStringLiteral("product"), name.isEmpty() ? HostReadiness::tr("Windows") : name }, { QStringLiteral("min"), min } };
    const QList<Evidence> ev { { QStringLiteral("ProductName"), name },
        { HostReadiness::tr("Version"), version }, { QStringLiteral("CurrentBuild"), build } };
    if (version.isEmpty())
        return run.add(QStringLiteral("host.windows-unknown"), kCurrentVersion, args, ev);
    if (HostReadiness::compareVersions(version, min) < 0)
        return run.add(QStringLiteral("host.windows-too-old"), name, args, ev);
    if (c.value(QStringLiteral("server")).toBool() && !server)
        return run.add(QStringLiteral("host.not-server"), name, args, ev);
    run.add(QStringLiteral("host.windows-ok"), name, args, ev);
}

void architecture(Run &run)
{
    const registry::RegistryStore *st = storeFor(run.in.stores, kEnvironment);
    if (!st)
        return run.missing(HostReadiness::tr("processor architecture"), kEnvironment);
    const QString a = text(evaluate::PolicyReader(*st), kEnvironment, QStringLiteral("PROCESSOR_ARCHITECTURE"));
    run.facts.insert(QStringLiteral("architecture"), a);
    const QVariantMap args { { QStringLiteral("arch"), a.isEmpty() ? HostReadiness::tr("unknown") : a } };
    run.add(a.compare(QLatin1String("AMD64"), Qt::CaseInsensitive) == 0 ? QStringLiteral("host.64-bit")
                                                                        : QStringLiteral("host.not-64-bit"),
        a, args, { { QStringLiteral("PROCESSOR_ARCHITECTURE"), a } });
}

void vcRuntime(Run &run, const QVariantMap &c)
{
    const registry::RegistryStore *st = storeFor(run.in.stores, kVcRuntime);
    if (!st)
        return run.missing(HostReadiness::tr("Visual C++ runtime"), kVcRuntime);
    const evaluate::PolicyReader r(*st);
    auto installed = r.dword(kVcRuntime, QStringLiteral("Installed"));
    QString version = text(r, kVcRuntime, QStringLiteral("Version"));
    if (version.startsWith(QLatin1Char('v')))
        version.remove(0, 1);
    if (version.isEmpty()) {
        QStringList parts;
        for (const char *n : { "Major", "Minor", "Bld", "Rbld" })
            if (auto d = r.dword(kVcRuntime, QLatin1String(n)); d && d->number)
                parts << QString::number(*d->number);
        version = parts.join(QLatin1Char('.'));
    }
    const QString min = c.value(QStringLiteral("min")).toString();
    run.facts.insert(QStringLiteral("vc_runtime_x64"), version);
    const QVariantMap args { { QStringLiteral("version"), version }, { QStringLiteral("min"), min } };
    const QList<Evidence> ev { { evaluate::shortKey(kVcRuntime), version.isEmpty() ? HostReadiness::tr("(not installed)") : version } };
    if (version.isEmpty() || !(installed && installed->number && *installed->number == 1))
        return run.add(QStringLiteral("host.vc-missing"), kVcRuntime, args, ev);
    run.add(HostReadiness::compareVersions(version, min) < 0 ? QStringLiteral("host.vc-too-old") : QStringLiteral("host.vc-ok"),
        version, args, ev);
}

void setting(Run &run, const QVariantMap &c)
{
    const QString id = c.value(QStringLiteral("setting")).toString();
    const QString value = c.value(QStringLiteral("value")).toString();
    const catalog::Setting *s = run.in.catalog ? run.in.catalog->find(id) : nullptr;
    if (!s)
        return run.add(QStringLiteral("host.not-read"), id, { { QStringLiteral("what"), id }, { QStringLiteral("key"), id } });
    auto request = catalog::makeRequest(*s, value);
    auto edits = request ? catalog::resolveEdits(*request) : Result<registry::Edits>(request.error());
    if (!edits)
        return run.add(QStringLiteral("host.not-read"), id, { { QStringLiteral("what"), id }, { QStringLiteral("key"), edits.error().message } });
    // Each edit is compared with the file that holds its key (SOFTWARE or SYSTEM).
    QStringList differences;
    for (const registry::Edit &e : *edits) {
        const registry::RegistryStore *st = storeFor(run.in.stores, e.key);
        if (!st)
            return run.missing(s->title, e.key);
        auto diff = registry::diff(st, registry::Edits { e });
        if (!diff)
            return run.add(QStringLiteral("host.not-read"), id, { { QStringLiteral("what"), s->title }, { QStringLiteral("key"), diff.error().message } });
        for (const registry::Change &ch : diff->changes)
            differences << QStringLiteral("%1\\%2: %3").arg(evaluate::shortKey(ch.key), ch.name, ch.summary);
    }
    const QVariantMap args { { QStringLiteral("setting"), s->title }, { QStringLiteral("id"), id },
        { QStringLiteral("value"), value }, { QStringLiteral("why"), c.value(QStringLiteral("why")).toString() } };
    QList<Evidence> ev;
    for (const QString &d : differences)
        ev << Evidence { HostReadiness::tr("To change"), d };
    if (differences.isEmpty())
        run.add(QStringLiteral("host.setting-ok"), id, args, { { HostReadiness::tr("Setting"), QStringLiteral("%1=%2").arg(id, value) } });
    else
        run.add(QStringLiteral("host.setting-differs"), id, args, ev, { { QStringLiteral("value"), value } });
}

void connectorCredentials(Run &run)
{
    const registry::RegistryStore *st = storeFor(run.in.stores, kConnector);
    if (!st)
        return run.missing(HostReadiness::tr("session connector"), kConnector);
    auto exists = st->keyExists(kConnector);
    if (!exists || !*exists)
        return run.add(QStringLiteral("host.connector-absent"), kConnector, { { QStringLiteral("key"), evaluate::shortKey(kConnector) } });
    const evaluate::PolicyReader r(*st);
    auto encrypted = r.dword(kConnector, QStringLiteral("CredentialsEncrypted"));
    // The password's presence is all that is read: its value never leaves the store.
    auto names = st->valueNames(kConnector);
    const bool password = names && names->contains(QStringLiteral("SecretServerPassword"), Qt::CaseInsensitive);
    const bool plain = encrypted && encrypted->present && encrypted->number && *encrypted->number == 0;
    const QVariantMap args { { QStringLiteral("key"), evaluate::shortKey(kConnector) } };
    const QList<Evidence> ev { { QStringLiteral("CredentialsEncrypted"), encrypted && encrypted->present ? encrypted->display : HostReadiness::tr("(absent)") },
        { QStringLiteral("SecretServerPassword"), password ? HostReadiness::tr("present (value not shown)") : HostReadiness::tr("absent") } };
    run.facts.insert(QStringLiteral("connector_credentials"), plain && password ? QStringLiteral("plain-text")
            : encrypted && encrypted->number && *encrypted->number == 1          ? QStringLiteral("encrypted")
                                                                                 : QStringLiteral("unknown"));
    if (plain && password)
        run.add(QStringLiteral("host.connector-plaintext"), kConnector, args, ev);
    else
        run.add(QStringLiteral("host.connector-ok"), kConnector, args, ev);
}

void xpCredssp(Run &run)
{
    const registry::RegistryStore *st = storeFor(run.in.stores, kCurrentVersion);
    const bool xp = st && text(evaluate::PolicyReader(*st), kCurrentVersion, QStringLiteral("CurrentVersion")) == QLatin1String("5.1");
    if (!xp)
        return; // CredSSP is built in from Vista on; only XP SP3 needs it switched on
    setting(run, { { QStringLiteral("setting"), QStringLiteral("credssp.xp-enable") }, { QStringLiteral("value"), QString() },
                     { QStringLiteral("why"), HostReadiness::tr("Windows XP SP3 has CredSSP but does not offer it until it is enabled") } });
}

void delegation(Run &run)
{
    const QString key = evaluate::DelegationEvaluator::policyKey();
    const registry::RegistryStore *st = storeFor(run.in.stores, key);
    if (!st)
        return run.missing(HostReadiness::tr("credential delegation"), key);
    if (run.in.farms.isEmpty())
        return run.add(QStringLiteral("host.delegation-no-farm"), key, {});
    for (const QString &farm : run.in.farms) {
        evaluate::DelegationQuery q;
        q.server = farm;
        auto v = evaluate::DelegationEvaluator::evaluate(*st, q);
        if (!v)
            return run.add(QStringLiteral("host.not-read"), farm, { { QStringLiteral("what"), farm }, { QStringLiteral("key"), v.error().message } });
        const QVariantMap args { { QStringLiteral("spn"), v->spn }, { QStringLiteral("explanation"), v->explanation } };
        if (v->allowed)
            run.add(QStringLiteral("host.delegation-ok"), v->spn, args);
        else
            run.add(QStringLiteral("host.delegation-denied"), v->spn, args, {},
                { { QStringLiteral("value"), v->spn } });
    }
}

void encryptionOracle(Run &run)
{
    const registry::RegistryStore *st = storeFor(run.in.stores, kOracle);
    if (!st)
        return run.missing(HostReadiness::tr("encryption oracle remediation"), kOracle);
    auto v = evaluate::PolicyReader(*st).dword(kOracle, QStringLiteral("AllowEncryptionOracle"));
    const QString shown = v && v->present ? v->display : HostReadiness::tr("not configured");
    const QVariantMap args { { QStringLiteral("value"), shown } };
    const bool vulnerable = v && v->number && *v->number == 2;
    run.add(vulnerable ? QStringLiteral("host.oracle-vulnerable") : QStringLiteral("host.oracle-ok"), kOracle, args,
        { { QStringLiteral("AllowEncryptionOracle"), shown } }, vulnerable ? QVariantMap { { QStringLiteral("value"), QStringLiteral("1") } } : QVariantMap());
}

void rootUpdate(Run &run)
{
    const QString key = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\AuthRoot");
    const registry::RegistryStore *st = storeFor(run.in.stores, key);
    if (!st)
        return run.missing(HostReadiness::tr("root certificate update"), key);
    auto v = evaluate::PolicyReader(*st).dword(key, QStringLiteral("DisableRootAutoUpdate"));
    const bool off = v && v->number && *v->number == 1;
    run.add(off ? QStringLiteral("host.root-update-off") : QStringLiteral("host.root-update-on"), key, {},
        { { QStringLiteral("DisableRootAutoUpdate"), v && v->present ? v->display : HostReadiness::tr("not configured") } });
}

} // namespace

Result<QList<HostRole>> parseHostRoles(const QByteArray &json, const QString &source)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError)
        return Error::invalid(QStringLiteral("not valid JSON: %1 at offset %2").arg(pe.errorString()).arg(pe.offset), source);
    static const QStringList known { QStringLiteral("windows-version"), QStringLiteral("64-bit"), QStringLiteral("vc-runtime"),
        QStringLiteral("setting"), QStringLiteral("connector-credentials"), QStringLiteral("xp-credssp"),
        QStringLiteral("delegation"), QStringLiteral("encryption-oracle"), QStringLiteral("root-update") };
    QList<HostRole> out;
    for (const QJsonValue &v : doc.object().value(QLatin1String("roles")).toArray()) {
        HostRole r;
        const QJsonObject o = v.toObject();
        r.id = o.value(QLatin1String("id")).toString();
        r.title = o.value(QLatin1String("title")).toString();
        for (const QJsonValue &c : o.value(QLatin1String("checks")).toArray()) {
            const QVariantMap m = c.toObject().toVariantMap();
            if (!known.contains(m.value(QStringLiteral("check")).toString()))
                return Error::invalid(QStringLiteral("role %1: unknown check \"%2\"").arg(r.id, m.value(QStringLiteral("check")).toString()), source);
            r.checks << m;
        }
        if (r.id.isEmpty() || r.checks.isEmpty())
            return Error::invalid(QStringLiteral("a role needs an \"id\" and \"checks\""), source);
        out << r;
    }
    if (out.isEmpty())
        return Error::invalid(QStringLiteral("no \"roles\""), source);
    return out;
}

const Result<QList<HostRole>> &builtinHostRoles()
{
    static const Result<QList<HostRole>> roles = []() -> Result<QList<HostRole>> {
        QFile f(QStringLiteral(":/checks/roles.json"));
        if (!f.open(QIODevice::ReadOnly))
            return Error::notFound(QStringLiteral("the role checklists are missing"), f.fileName());
        return parseHostRoles(f.readAll(), QStringLiteral("roles.json"));
    }();
    return roles;
}

QList<Finding> HostReadiness::farmSpns(const QStringList &names, const QString &computerAccount, const SpnHolders &holders)
{
    const probe::FindingCatalog &catalog = probe::FindingCatalog::builtin();
    QList<Finding> out;
    for (const QString &name : names) {
        const QString spn = QStringLiteral("TERMSRV/") + name;
        QVariantMap args { { QStringLiteral("spn"), spn }, { QStringLiteral("account"), computerAccount } };
        const QVariantMap fix { { QStringLiteral("spn"), spn }, { QStringLiteral("account"), computerAccount } };
        const auto held = holders(spn);
        if (!held) {
            args.insert(QStringLiteral("reason"), held.error().message);
            out << catalog.make(QStringLiteral("iis.spn-unchecked"), spn, args);
            continue;
        }
        args.insert(QStringLiteral("holders"), held->join(QLatin1String(", ")));
        const bool own = &name == &names.first(); // the host's own name comes first
        if (held->isEmpty())
            out << catalog.make(own ? QStringLiteral("host.termsrv-missing") : QStringLiteral("host.termsrv-farm-missing"),
                spn, args, {}, fix);
        else if (held->size() == 1 && held->first().compare(computerAccount, Qt::CaseInsensitive) == 0)
            out << catalog.make(QStringLiteral("host.termsrv-ok"), spn, args);
        else if (held->size() > 1)
            out << catalog.make(QStringLiteral("host.termsrv-duplicate"), spn, args, {}, fix);
        else
            out << catalog.make(QStringLiteral("host.termsrv-elsewhere"), spn, args, {}, fix);
    }
    return out;
}

QStringList HostReadiness::keysRead()
{
    return { kCurrentVersion, kVcRuntime, kEnvironment, kConnector, kOracle,
        QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies"),
        QStringLiteral("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control"),
        QStringLiteral("HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control") };
}

int HostReadiness::compareVersions(const QString &a, const QString &b)
{
    static const QRegularExpression nonDigits(QStringLiteral("[^0-9]+"));
    const QStringList x = a.split(nonDigits, Qt::SkipEmptyParts), y = b.split(nonDigits, Qt::SkipEmptyParts);
    for (qsizetype i = 0; i < std::max(x.size(), y.size()); ++i) {
        const qint64 p = x.value(i, QStringLiteral("0")).toLongLong(), q = y.value(i, QStringLiteral("0")).toLongLong();
        if (p != q)
            return p < q ? -1 : 1;
    }
    return 0;
}

QList<Finding> HostReadiness::check(const HostRole &role, const Input &in, QJsonObject *facts)
{
    Run run { in, {}, {} };
    for (const QVariantMap &c : role.checks) {
        const QString kind = c.value(QStringLiteral("check")).toString();
        if (kind == QLatin1String("windows-version"))
            windowsVersion(run, c);
        else if (kind == QLatin1String("64-bit"))
            architecture(run);
        else if (kind == QLatin1String("vc-runtime"))
            vcRuntime(run, c);
        else if (kind == QLatin1String("setting"))
            setting(run, c);
        else if (kind == QLatin1String("connector-credentials"))
            connectorCredentials(run);
        else if (kind == QLatin1String("xp-credssp"))
            xpCredssp(run);
        else if (kind == QLatin1String("delegation"))
            delegation(run);
        else if (kind == QLatin1String("encryption-oracle"))
            encryptionOracle(run);
        else if (kind == QLatin1String("root-update"))
            rootUpdate(run);
    }
    if (facts)
        *facts = run.facts;
    return run.out;
}

} // namespace ssod::core::check
