#include "core/probe/Scenario.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

namespace ssod::core::probe {

namespace {

const QRegularExpression &placeholderPattern()
{
    static const QRegularExpression re(QStringLiteral("\\{([a-zA-Z]+)\\}"));
    return re;
}

/// \a text with every {name} replaced; the first unknown name goes to \a missing.
QString substitute(const QString &text, const QVariantMap &vars, QString &missing)
{
    QString out;
    qsizetype last = 0;
    auto it = placeholderPattern().globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        out += text.mid(last, m.capturedStart() - last);
        const QString name = m.captured(1);
        const QString value = vars.value(name).toString();
        if (value.isEmpty() && missing.isEmpty())
            missing = name;
        out += value;
        last = m.capturedEnd();
    }
    return out + text.mid(last);
}

QVariant substituteValue(const QVariant &v, const QVariantMap &vars, QString &missing)
{
    switch (v.typeId()) {
    case QMetaType::QString:
        return substitute(v.toString(), vars, missing);
    case QMetaType::QVariantList: {
        QVariantList out;
        for (const QVariant &item : v.toList())
            out << substituteValue(item, vars, missing);
        return out;
    }
    case QMetaType::QVariantMap: {
        QVariantMap out;
        const QVariantMap in = v.toMap();
        for (auto i = in.cbegin(); i != in.cend(); ++i)
            out.insert(i.key(), substituteValue(i.value(), vars, missing));
        return out;
    }
    default:
        return v;
    }
}

int defaultPortFor(const QString &scheme)
{
    if (scheme == QLatin1String("https"))
        return 443;
    if (scheme == QLatin1String("http"))
        return 80;
    if (scheme == QLatin1String("rdp"))
        return 3389;
    return 0;
}

} // namespace

Result<QList<Scenario>> parseScenarios(const QByteArray &json, const QString &source, const QStringList &knownProbes)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError)
        return Error::invalid(QStringLiteral("not valid JSON: %1 at offset %2").arg(pe.errorString()).arg(pe.offset),
            source);
    QList<Scenario> out;
    QMap<QString, QStringList> shared;
    const QJsonObject sharedObject = doc.object().value(QLatin1String("shared")).toObject();
    for (auto i = sharedObject.constBegin(); i != sharedObject.constEnd(); ++i) {
        for (const QJsonValue &p : i.value().toArray()) {
            if (!knownProbes.isEmpty() && !knownProbes.contains(p.toString()))
                return Error::invalid(QStringLiteral("\"shared\": unknown probe \"%1\"").arg(p.toString()), source);
            shared[i.key()] << p.toString();
        }
    }
    for (const QJsonValue &v : doc.object().value(QLatin1String("scenarios")).toArray()) {
        const QJsonObject o = v.toObject();
        Scenario s;
        s.shared = shared;
        s.id = o.value(QLatin1String("id")).toString();
        s.title = o.value(QLatin1String("title")).toString();
        s.description = o.value(QLatin1String("description")).toString();
        s.targetHint = o.value(QLatin1String("targetHint")).toString();
        s.defaultPort = o.value(QLatin1String("defaultPort")).toInt();
        const QString where = source + QLatin1Char(':') + s.id;
        if (s.id.isEmpty() || s.title.isEmpty())
            return Error::invalid(QStringLiteral("a scenario needs an \"id\" and a \"title\""), where);
        for (const Scenario &other : out)
            if (other.id == s.id)
                return Error::invalid(QStringLiteral("scenario defined twice"), where);
        for (const QJsonValue &p : o.value(QLatin1String("order")).toArray())
            s.order << p.toString();
        for (const QJsonValue &sv : o.value(QLatin1String("steps")).toArray()) {
            const QJsonObject so = sv.toObject();
            ScenarioStep step;
            step.probe = so.value(QLatin1String("probe")).toString();
            step.target = so.value(QLatin1String("target")).toString();
            step.options = so.value(QLatin1String("options")).toObject().toVariantMap();
            const QString per = so.value(QLatin1String("per")).toString(QStringLiteral("target"));
            if (per != QLatin1String("target") && per != QLatin1String("run"))
                return Error::invalid(QStringLiteral("\"per\" must be \"target\" or \"run\""), where);
            step.perRun = per == QLatin1String("run");
            step.when = so.value(QLatin1String("when")).toString();
            if (!step.when.isEmpty() && step.when != QLatin1String("https") && step.when != QLatin1String("http"))
                return Error::invalid(QStringLiteral("\"when\" must be \"https\" or \"http\""), where);
            if (step.probe.isEmpty() || step.target.isEmpty())
                return Error::invalid(QStringLiteral("a step needs a \"probe\" and a \"target\""), where);
            if (!knownProbes.isEmpty() && !knownProbes.contains(step.probe))
                return Error::invalid(QStringLiteral("unknown probe \"%1\"").arg(step.probe), where);
            s.steps << step;
        }
        if (s.steps.isEmpty())
            return Error::invalid(QStringLiteral("a scenario without steps"), where);
        out << s;
    }
    if (out.isEmpty())
        return Error::invalid(QStringLiteral("no \"scenarios\""), source);
    return out;
}

const Result<QList<Scenario>> &builtinScenarios()
{
    static const Result<QList<Scenario>> scenarios = []() -> Result<QList<Scenario>> {
        const QString overrideDir = qEnvironmentVariable("SSOD_SCENARIOS_DIR");
        const QString dir = overrideDir.isEmpty() ? QStringLiteral(":/scenarios") : overrideDir;
        const QStringList files = QDir(dir).entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name);
        if (files.isEmpty())
            return Error::notFound(QStringLiteral("no scenario definitions (*.json) found"), dir);
        QList<Scenario> all;
        for (const QString &name : files) {
            QFile f(QDir(dir).filePath(name));
            if (!f.open(QIODevice::ReadOnly))
                return Error::io(QStringLiteral("cannot read: %1").arg(f.errorString()), f.fileName());
            auto part = parseScenarios(f.readAll(), name, probeIds());
            if (!part)
                return part.error();
            all += *part;
        }
        return all;
    }();
    return scenarios;
}

const Scenario *findScenario(const QString &id)
{
    const auto &all = builtinScenarios();
    if (!all)
        return nullptr;
    for (const Scenario &s : *all)
        if (s.id == id)
            return &s;
    return nullptr;
}

Result<QVariantMap> targetVariables(const QString &target, const Scenario &scenario, const QVariantMap &globals)
{
    QVariantMap vars = globals;
    const QString t = target.trimmed();
    QString scheme, host, url;
    int port = 0;
    if (t.contains(QLatin1String("://"))) {
        const QUrl u(t, QUrl::StrictMode);
        if (!u.isValid() || u.host().isEmpty())
            return Error::invalid(QStringLiteral("\"%1\" is not a URL with a host name").arg(target));
        scheme = u.scheme().toLower();
        host = u.host();
        port = u.port(defaultPortFor(scheme));
        url = scheme == QLatin1String("http") || scheme == QLatin1String("https") ? u.toString() : QString();
    } else {
        host = t;
        // host:port, but not a bare IPv6 address; [v6]:port is split.
        const qsizetype colon = t.lastIndexOf(QLatin1Char(':'));
        if (t.startsWith(QLatin1Char('[')) && t.contains(QLatin1String("]:"))) {
            host = t.mid(1, t.indexOf(QLatin1Char(']')) - 1);
            port = t.mid(t.indexOf(QLatin1String("]:")) + 2).toInt();
        } else if (colon > 0 && t.count(QLatin1Char(':')) == 1) {
            bool ok = false;
            port = t.mid(colon + 1).toInt(&ok);
            if (!ok || port <= 0 || port > 65535)
                return Error::invalid(QStringLiteral("\"%1\": the port must be a number from 1 to 65535").arg(target));
            host = t.left(colon);
        }
        if (port == 0)
            port = scenario.defaultPort;
        scheme = port == 443 ? QStringLiteral("https") : QStringLiteral("http");
        url = QStringLiteral("%1://%2%3/").arg(scheme, host,
            port == defaultPortFor(scheme) || port == 0 ? QString() : QStringLiteral(":%1").arg(port));
    }
    static const QRegularExpression hostName(QStringLiteral("^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?\\.?$"));
    if (host.isEmpty() || (QHostAddress(host).isNull() && !hostName.match(host).hasMatch()))
        return Error::invalid(QStringLiteral("\"%1\" names no host; give a host name, an address or a URL").arg(target));
    vars.insert(QStringLiteral("target"), target);
    vars.insert(QStringLiteral("host"), host);
    vars.insert(QStringLiteral("scheme"), scheme);
    if (port > 0)
        vars.insert(QStringLiteral("port"), QString::number(port));
    vars.insert(QStringLiteral("url"), url);
    if (vars.value(QStringLiteral("domain")).toString().isEmpty() && QHostAddress(host).isNull()
        && host.contains(QLatin1Char('.')))
        vars.insert(QStringLiteral("domain"), host.section(QLatin1Char('.'), 1).toLower());
    const QString domain = vars.value(QStringLiteral("domain")).toString();
    if (vars.value(QStringLiteral("realm")).toString().isEmpty() && !domain.isEmpty())
        vars.insert(QStringLiteral("realm"), domain.toUpper());
    // In Active Directory the domain's own name has an A record for every DC.
    if (vars.value(QStringLiteral("dc")).toString().isEmpty() && !domain.isEmpty())
        vars.insert(QStringLiteral("dc"), domain);
    if (vars.value(QStringLiteral("client")).toString().isEmpty())
        vars.insert(QStringLiteral("client"), QStringLiteral("edge"));
    return vars;
}

Result<ScenarioPlan> planScenario(
    const Scenario &scenario, const QStringList &targets, const QVariantMap &globals, int timeoutMs)
{
    if (targets.isEmpty())
        return Error::invalid(QStringLiteral("no target; give %1").arg(scenario.targetHint));
    ScenarioPlan plan;
    auto add = [&plan, &scenario, &globals, timeoutMs](const ScenarioStep &step, const QVariantMap &vars) {
        QString missing;
        const QString target = substitute(step.target, vars, missing);
        QVariantMap options = substituteValue(step.options, vars, missing).toMap();
        for (auto i = scenario.shared.cbegin(); i != scenario.shared.cend(); ++i) {
            const QVariant given = globals.value(i.key());
            if (i.value().contains(step.probe) && !options.contains(i.key()) && given.isValid()
                && !given.toString().isEmpty())
                options.insert(i.key(), given);
        }
        if (!missing.isEmpty()) {
            const bool known = std::any_of(plan.skipped.cbegin(), plan.skipped.cend(),
                [&](const SkippedStep &s) { return s.probe == step.probe && s.target == target; });
            if (!known)
                plan.skipped << SkippedStep { step.probe, target, missing };
            return;
        }
        for (const ProbeRequest &r : std::as_const(plan.requests))
            if (r.probe == step.probe && r.target == target && r.options == options)
                return;
        plan.requests << ProbeRequest { step.probe, target, options, timeoutMs };
    };
    QList<QVariantMap> perTarget;
    for (const QString &t : targets) {
        auto vars = targetVariables(t, scenario, globals);
        if (!vars)
            return vars.error();
        perTarget << *vars;
    }
    for (const ScenarioStep &step : scenario.steps) {
        if (step.perRun) {
            add(step, perTarget.first());
            continue;
        }
        for (const QVariantMap &vars : std::as_const(perTarget))
            if (step.when.isEmpty() || vars.value(QStringLiteral("scheme")).toString() == step.when)
                add(step, vars);
    }
    return plan;
}

} // namespace ssod::core::probe
