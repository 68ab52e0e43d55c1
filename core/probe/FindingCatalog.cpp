#include "core/probe/FindingCatalog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace ssod::core::probe {

namespace {

std::optional<FindingFix::Kind> fixKindFromName(const QString &name)
{
    for (auto k : { FindingFix::Kind::Setting, FindingFix::Kind::Wizard, FindingFix::Kind::Spn,
             FindingFix::Kind::RdpFile })
        if (fixKindName(k) == name)
            return k;
    return std::nullopt;
}

const QStringList &knownSteps()
{
    static const QStringList steps { QStringLiteral("dns"), QStringLiteral("network"), QStringLiteral("kdc-as"),
        QStringLiteral("kdc-tgs"), QStringLiteral("service"), QStringLiteral("tls"), QStringLiteral("clock"),
        QStringLiteral("client") };
    return steps;
}

} // namespace

Result<FindingCatalog> FindingCatalog::parse(const QByteArray &json, const QString &source)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError)
        return Error::invalid(QStringLiteral("not valid JSON: %1 at offset %2").arg(pe.errorString()).arg(pe.offset),
            source);
    const QJsonArray list = doc.object().value(QLatin1String("findings")).toArray();
    if (list.isEmpty())
        return Error::invalid(QStringLiteral("no \"findings\" array"), source);
    FindingCatalog c;
    for (const QJsonValue &v : list) {
        const QJsonObject o = v.toObject();
        Entry e;
        e.id = o.value(QLatin1String("id")).toString();
        const QString where = source + QLatin1Char(':') + e.id;
        if (e.id.isEmpty())
            return Error::invalid(QStringLiteral("a finding without an \"id\""), source);
        if (c.m_entries.contains(e.id))
            return Error::invalid(QStringLiteral("finding defined twice"), where);
        const auto sev = severityFromName(o.value(QLatin1String("severity")).toString());
        if (!sev)
            return Error::invalid(QStringLiteral("\"severity\" must be ok, info, warning or error"), where);
        e.severity = *sev;
        e.step = o.value(QLatin1String("step")).toString();
        if (!e.step.isEmpty() && !knownSteps().contains(e.step))
            return Error::invalid(
                QStringLiteral("unknown \"step\" %1; one of %2").arg(e.step, knownSteps().join(QLatin1String(", "))),
                where);
        e.title = o.value(QLatin1String("title")).toString();
        e.explanation = o.value(QLatin1String("explanation")).toString();
        e.reference = o.value(QLatin1String("reference")).toString();
        if (e.title.isEmpty() || e.explanation.isEmpty())
            return Error::invalid(QStringLiteral("a finding needs a \"title\" and an \"explanation\""), where);
        if (o.contains(QLatin1String("fix"))) {
            const QJsonObject f = o.value(QLatin1String("fix")).toObject();
            const auto kind = fixKindFromName(f.value(QLatin1String("kind")).toString());
            if (!kind || f.value(QLatin1String("id")).toString().isEmpty()
                || f.value(QLatin1String("text")).toString().isEmpty())
                return Error::invalid(
                    QStringLiteral("a \"fix\" needs a \"kind\" (setting, wizard, spn, rdp-file), an \"id\" and a \"text\""),
                    where);
            e.fix = FindingFix { *kind, f.value(QLatin1String("id")).toString(),
                f.value(QLatin1String("text")).toString(), {} };
        }
        c.m_order << e.id;
        c.m_entries.insert(e.id, e);
    }
    return c;
}

Result<FindingCatalog> FindingCatalog::loadDir(const QString &dir)
{
    const QStringList files = QDir(dir).entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name);
    if (files.isEmpty())
        return Error::notFound(QStringLiteral("no finding definitions (*.json) found"), dir);
    FindingCatalog all;
    for (const QString &name : files) {
        QFile f(QDir(dir).filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            return Error::io(QStringLiteral("cannot read: %1").arg(f.errorString()), f.fileName());
        auto part = parse(f.readAll(), name);
        if (!part)
            return part.error();
        for (const QString &id : part->m_order) {
            if (all.m_entries.contains(id))
                return Error::invalid(QStringLiteral("finding defined twice"), name + QLatin1Char(':') + id);
            all.m_order << id;
            all.m_entries.insert(id, part->m_entries.value(id));
        }
    }
    return all;
}

const FindingCatalog &FindingCatalog::builtin()
{
    static const FindingCatalog catalog = [] {
        const QString overrideDir = qEnvironmentVariable("SSOD_FINDINGS_DIR");
        auto c = loadDir(overrideDir.isEmpty() ? QStringLiteral(":/findings") : overrideDir);
        if (!c) {
            qWarning("finding catalog: %s", qPrintable(c.error().toString()));
            return FindingCatalog();
        }
        return *c;
    }();
    return catalog;
}

const FindingCatalog::Entry *FindingCatalog::entry(const QString &id) const
{
    const auto it = m_entries.constFind(id);
    return it == m_entries.cend() ? nullptr : &*it;
}

QString FindingCatalog::fill(QString text, const QVariantMap &args)
{
    // Plural words first: "{count:server|servers}" by the number in args["count"].
    static const QRegularExpression plural(QStringLiteral("\\{(\\w+):([^|{}]*)\\|([^|{}]*)\\}"));
    QString out;
    qsizetype last = 0;
    for (auto it = plural.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out += QStringView(text).mid(last, m.capturedStart() - last);
        const QVariant n = args.value(m.captured(1));
        bool isNumber = false;
        const qlonglong count = n.toLongLong(&isNumber);
        out += !n.isValid() || !isNumber ? m.captured(0) : count == 1 ? m.captured(2) : m.captured(3);
        last = m.capturedEnd();
    }
    if (last > 0)
        text = out + QStringView(text).mid(last);
    for (auto it = args.cbegin(); it != args.cend(); ++it)
        text.replace(QLatin1Char('{') + it.key() + QLatin1Char('}'), it.value().toString());
    return text;
}

Finding FindingCatalog::make(const QString &id, const QString &subject, const QVariantMap &args,
    const QList<Evidence> &evidence, const QVariantMap &fixInputs) const
{
    Finding f;
    f.id = id;
    f.subject = subject;
    f.evidence = evidence;
    const Entry *e = entry(id);
    if (!e) {
        f.severity = Severity::Error;
        f.title = QStringLiteral("Unknown finding %1").arg(id);
        f.explanation = QStringLiteral("The finding catalog (resources/findings) has no entry %1; this is a bug.")
                            .arg(id);
        return f;
    }
    f.severity = e->severity;
    f.step = e->step;
    f.title = fill(e->title, args);
    f.explanation = fill(e->explanation, args);
    f.reference = e->reference;
    if (e->fix) {
        FindingFix fix = *e->fix;
        fix.id = fill(fix.id, args);
        fix.text = fill(fix.text, args);
        fix.inputs = fixInputs;
        f.fix = fix;
    }
    return f;
}

} // namespace ssod::core::probe
