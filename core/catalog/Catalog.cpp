#include "core/catalog/Catalog.h"

#include "core/registry/RegPath.h"
#include "core/registry/RegValue.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace ssod::core::catalog {

namespace {

const QSet<QString> &knownOps()
{
    static const QSet<QString> ops{QStringLiteral("set"),          QStringLiteral("delete"),
                                   QStringLiteral("multi-sz-item"), QStringLiteral("comma-list-item"),
                                   QStringLiteral("numbered-list"), QStringLiteral("set-each")};
    return ops;
}

/// Reads one setting; \a where is "settings.json: setting 'id'" for messages.
class SettingReader
{
public:
    SettingReader(const QJsonObject &obj, QString where) : m_obj(obj), m_where(std::move(where)) {}

    std::optional<Error> error() const { return m_error; }

    QString text(const char *field, bool required = true)
    {
        const QJsonValue v = m_obj.value(QLatin1String(field));
        if (v.isString() && (!required || !v.toString().isEmpty()))
            return v.toString();
        if ((v.isUndefined() || v.isNull()) && !required)
            return {};
        fail(QStringLiteral("field \"%1\" must be a non-empty string").arg(QLatin1String(field)));
        return {};
    }

    void fail(const QString &what)
    {
        if (!m_error)
            m_error = Error::invalid(what, m_where);
    }

    Parameter parameter()
    {
        Parameter p;
        const QJsonValue v = m_obj.value(QLatin1String("parameter"));
        if (v.isUndefined() || v.isNull())
            return p;
        if (!v.isObject()) {
            fail(QStringLiteral("\"parameter\" must be an object"));
            return p;
        }
        const QJsonObject o = v.toObject();
        const QString kind = o.value(QLatin1String("kind")).toString();
        p.label = o.value(QLatin1String("label")).toString();
        p.defaultValue = o.value(QLatin1String("default")).toString();
        p.example = o.value(QLatin1String("example")).toString();
        if (kind == QLatin1String("enum")) {
            p.kind = Parameter::Kind::Enum;
            for (const QJsonValue &c : o.value(QLatin1String("choices")).toArray()) {
                const QJsonObject co = c.toObject();
                Choice choice{co.value(QLatin1String("value")).toString(), co.value(QLatin1String("label")).toString(),
                              co.value(QLatin1String("warning")).toString(), {}};
                const QJsonObject vars = co.value(QLatin1String("vars")).toObject();
                for (auto it = vars.begin(); it != vars.end(); ++it)
                    choice.vars.insert(it.key(), it.value().toString());
                if (choice.value.isEmpty() || choice.label.isEmpty())
                    fail(QStringLiteral("every enum choice needs \"value\" and \"label\""));
                p.choices.append(choice);
            }
            if (p.choices.isEmpty())
                fail(QStringLiteral("enum parameter has no \"choices\""));
            if (!p.defaultValue.isEmpty()
                && std::none_of(p.choices.cbegin(), p.choices.cend(),
                                [&](const Choice &c) { return c.value == p.defaultValue; }))
                fail(QStringLiteral("default \"%1\" is not one of the choices").arg(p.defaultValue));
        } else if (kind == QLatin1String("list")) {
            p.kind = Parameter::Kind::List;
            p.itemPattern = o.value(QLatin1String("itemPattern")).toString();
            p.itemHint = o.value(QLatin1String("itemHint")).toString();
            for (const QJsonValue &word : o.value(QLatin1String("placeholders")).toArray())
                p.placeholders << word.toString();
            if (!p.itemPattern.isEmpty() && !QRegularExpression(p.itemPattern).isValid())
                fail(QStringLiteral("\"itemPattern\" is not a valid regular expression"));
        } else if (kind == QLatin1String("int")) {
            p.kind = Parameter::Kind::Int;
            p.min = o.value(QLatin1String("min")).toInteger();
            p.max = o.value(QLatin1String("max")).toInteger();
            if (p.min > p.max)
                fail(QStringLiteral("int parameter has min > max"));
        } else {
            fail(QStringLiteral("parameter kind \"%1\" is not enum, list or int").arg(kind));
        }
        return p;
    }

    QList<EditTemplate> edits(const Parameter &param)
    {
        QList<EditTemplate> out;
        const QJsonArray arr = m_obj.value(QLatin1String("edits")).toArray();
        if (arr.isEmpty())
            fail(QStringLiteral("\"edits\" must be a non-empty array"));
        int index = 0;
        for (const QJsonValue &v : arr) {
            ++index;
            const QJsonObject o = v.toObject();
            EditTemplate e;
            e.op = o.value(QLatin1String("op")).toString();
            e.key = o.value(QLatin1String("key")).toString();
            e.name = o.value(QLatin1String("name")).toString();
            e.type = o.value(QLatin1String("type")).toString();
            e.data = o.value(QLatin1String("data")).toString();
            e.item = o.value(QLatin1String("item")).toString();
            e.items = o.value(QLatin1String("items")).toString();
            e.present = o.value(QLatin1String("present")).toBool(true);
            e.optional = o.value(QLatin1String("optional")).toBool(false);
            const QString at = QStringLiteral("edit %1: ").arg(index);
            if (!knownOps().contains(e.op))
                fail(at + QStringLiteral("unknown op \"%1\"").arg(e.op));
            else if (!registry::path::canonical(e.key) || registry::path::withoutRoot(*registry::path::canonical(e.key)).isEmpty())
                fail(at + QStringLiteral("\"key\" must be a registry path below a root such as HKLM"));
            else if ((e.op == QLatin1String("set") || e.op == QLatin1String("set-each")) && !registry::regTypeFromName(e.type))
                fail(at + QStringLiteral("\"type\" \"%1\" is not a registry type").arg(e.type));
            else if ((e.op.endsWith(QLatin1String("-item"))) && e.item.isEmpty() && e.items.isEmpty())
                fail(at + QStringLiteral("\"item\" (or \"items\" for a list parameter) is required for %1").arg(e.op));
            else if ((e.op == QLatin1String("numbered-list") || e.op == QLatin1String("set-each")
                      || (e.op.endsWith(QLatin1String("-item")) && !e.items.isEmpty()))
                     && param.kind != Parameter::Kind::List)
                fail(at + QStringLiteral("%1 needs a list parameter").arg(e.op));
            checkVars(at, e, param);
            out.append(e);
        }
        return out;
    }

private:
    void checkVars(const QString &at, const EditTemplate &e, const Parameter &param)
    {
        static const QRegularExpression var(QStringLiteral(R"(\$\{([A-Za-z_][A-Za-z0-9_]*)\})"));
        for (const QString &field : {e.key, e.name, e.data, e.item, e.items}) {
            for (auto it = var.globalMatch(field); it.hasNext();) {
                const QString name = it.next().captured(1);
                bool known = name == QLatin1String("value") && param.kind != Parameter::Kind::None;
                if (name == QLatin1String("item"))
                    known = e.op == QLatin1String("set-each");
                for (const Choice &c : param.choices)
                    known = known || c.vars.contains(name);
                if (!known)
                    fail(at + QStringLiteral("template variable ${%1} is not defined by the parameter").arg(name));
            }
        }
    }

    QJsonObject m_obj;
    QString m_where;
    std::optional<Error> m_error;
};

} // namespace

QStringList Setting::locations() const
{
    QStringList out;
    for (const EditTemplate &e : edits) {
        const QString key = registry::path::canonical(e.key).value_or(e.key);
        const QString name = e.op == QLatin1String("numbered-list") ? QStringLiteral("1, 2, …")
                             : e.op == QLatin1String("set-each")   ? QStringLiteral("<site>")
                                                                   : e.name;
        const QString line = key + QStringLiteral(" → ") + name;
        if (!out.contains(line))
            out << line;
    }
    return out;
}

Result<Catalog> Catalog::loadFromJson(const QByteArray &json, const QString &fileName)
{
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &perr);
    if (doc.isNull()) {
        // Point at the line so a catalog author can find the typo.
        const int line = int(json.left(perr.offset).count('\n')) + 1;
        return Error::invalid(QStringLiteral("invalid JSON: %1").arg(perr.errorString()),
                              fileName + QLatin1Char(':') + QString::number(line));
    }
    const QJsonArray arr = doc.object().value(QLatin1String("settings")).toArray();
    if (!doc.isObject() || !doc.object().value(QLatin1String("settings")).isArray())
        return Error::invalid(QStringLiteral("top level must be an object with a \"settings\" array"), fileName);

    Catalog catalog;
    QSet<QString> ids;
    static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9]+(?:[.-][a-z0-9]+)*$"));
    int index = 0;
    for (const QJsonValue &v : arr) {
        ++index;
        const QJsonObject o = v.toObject();
        const QString id = o.value(QLatin1String("id")).toString();
        SettingReader r(o, QStringLiteral("%1: setting %2 (\"%3\")").arg(fileName).arg(index).arg(id));
        Setting s;
        s.id = id;
        if (!idPattern.match(id).hasMatch())
            r.fail(QStringLiteral("\"id\" must be lower-case words joined by '.' or '-'"));
        else if (ids.contains(id))
            r.fail(QStringLiteral("duplicate id"));
        ids.insert(id);
        s.title = r.text("title");
        s.category = r.text("category");
        s.summary = r.text("summary");
        s.explanation = r.text("explanation");
        s.side = r.text("side");
        s.reference = r.text("reference");
        s.gpoPath = r.text("gpoPath", false);
        s.restart = o.value(QLatin1String("restart")).toBool();
        const QJsonObject risk = o.value(QLatin1String("risk")).toObject();
        s.riskLevel = risk.value(QLatin1String("level")).toString();
        s.riskText = risk.value(QLatin1String("text")).toString();
        if (!QStringList{QStringLiteral("client"), QStringLiteral("server"), QStringLiteral("both")}.contains(s.side))
            r.fail(QStringLiteral("\"side\" must be client, server or both"));
        if (!QStringList{QStringLiteral("low"), QStringLiteral("medium"), QStringLiteral("high")}.contains(s.riskLevel))
            r.fail(QStringLiteral("\"risk.level\" must be low, medium or high"));
        s.parameter = r.parameter();
        s.edits = r.edits(s.parameter);
        if (auto e = r.error())
            return *e;
        catalog.m_settings.append(s);
    }
    return catalog;
}

Result<Catalog> Catalog::loadBuiltin()
{
    const QString overrideDir = qEnvironmentVariable("SSOD_CATALOG_DIR");
    const QString dir = overrideDir.isEmpty() ? QStringLiteral(":/catalog") : overrideDir;
    const QStringList files = QDir(dir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    if (files.isEmpty())
        return Error::notFound(QStringLiteral("no catalog files (*.json) found"), dir);
    Catalog all;
    for (const QString &name : files) {
        QFile f(QDir(dir).filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            return Error::io(QStringLiteral("cannot read catalog: %1").arg(f.errorString()), f.fileName());
        auto part = loadFromJson(f.readAll(), name);
        if (!part)
            return part.error();
        for (const Setting &s : part->settings()) {
            if (all.find(s.id))
                return Error::invalid(QStringLiteral("setting \"%1\" is defined twice").arg(s.id), name);
            all.m_settings.append(s);
        }
    }
    return all;
}

const Setting *Catalog::find(const QString &id) const
{
    for (const Setting &s : m_settings)
        if (s.id == id)
            return &s;
    return nullptr;
}

QList<const Setting *> Catalog::search(const QString &text) const
{
    QList<const Setting *> out;
    const QString t = text.trimmed();
    for (const Setting &s : m_settings) {
        const bool hit = t.isEmpty() || s.id.contains(t, Qt::CaseInsensitive) || s.title.contains(t, Qt::CaseInsensitive)
                         || s.category.contains(t, Qt::CaseInsensitive) || s.summary.contains(t, Qt::CaseInsensitive)
                         || s.locations().join(QLatin1Char('\n')).contains(t, Qt::CaseInsensitive)
                         || s.gpoPath.contains(t, Qt::CaseInsensitive);
        if (hit)
            out << &s;
    }
    return out;
}

} // namespace ssod::core::catalog
