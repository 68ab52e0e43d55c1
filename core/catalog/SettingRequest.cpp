#include "core/catalog/SettingRequest.h"

#include "core/catalog/ListItemCheck.h"
#include "core/registry/RegPath.h"

#include <QObject>
#include <QRegularExpression>

namespace ssod::core::catalog {

using registry::Edit;
using registry::RegType;
using registry::RegValue;

namespace {

QString fill(QString text, const QMap<QString, QString> &vars)
{
    for (auto it = vars.cbegin(); it != vars.cend(); ++it)
        text.replace(QStringLiteral("${") + it.key() + QLatin1Char('}'), it.value());
    return text;
}

std::optional<quint64> parseNumber(const QString &s)
{
    bool ok = false;
    const QString t = s.trimmed();
    const quint64 v = t.startsWith(QLatin1String("0x"), Qt::CaseInsensitive) ? t.mid(2).toULongLong(&ok, 16)
                                                                              : t.toULongLong(&ok, 10);
    return ok ? std::optional<quint64>(v) : std::nullopt;
}

Result<RegValue> makeValue(const Setting &s, const QString &typeName, const QString &data)
{
    const quint32 type = *registry::regTypeFromName(typeName);
    const auto bad = [&](const QString &what) {
        return Error::invalid(QStringLiteral("%1: %2").arg(s.id, what));
    };
    switch (RegType(type)) {
    case RegType::Dword: {
        const auto n = parseNumber(data);
        if (!n || *n > 0xffffffffULL)
            return bad(QStringLiteral("\"%1\" is not a 32-bit number").arg(data));
        return RegValue::fromDword(quint32(*n));
    }
    case RegType::Qword: {
        const auto n = parseNumber(data);
        if (!n)
            return bad(QStringLiteral("\"%1\" is not a 64-bit number").arg(data));
        return RegValue::fromQword(*n);
    }
    case RegType::Sz:
    case RegType::ExpandSz:
        return RegValue::fromString(data, RegType(type));
    case RegType::MultiSz:
        return RegValue::fromMultiString(data.split(QLatin1Char(','), Qt::SkipEmptyParts));
    default: {
        const QByteArray bytes = QByteArray::fromHex(data.toLatin1());
        return RegValue(type, bytes);
    }
    }
}

} // namespace

QStringList SettingRequest::warnings() const
{
    QStringList out;
    if (choice && !choice->warning.isEmpty())
        out << choice->warning;
    if (setting && setting->parameter.kind == Parameter::Kind::List)
        for (const QString &item : items)
            if (item == QLatin1String("*") || item.endsWith(QLatin1String("/*")))
                out << QObject::tr("\"%1\" matches every server of its kind; prefer named servers or *.domain.").arg(item);
    if (setting && setting->restart)
        out << QObject::tr("%1 takes effect after a restart.").arg(setting->id);
    return out;
}

QString SettingRequest::spec() const
{
    if (!setting)
        return {};
    return value.isEmpty() ? setting->id : setting->id + QLatin1Char('=') + value;
}

Result<SettingRequest> parseSpec(const Catalog &catalog, const QString &spec)
{
    const qsizetype eq = spec.indexOf(QLatin1Char('='));
    const QString id = (eq < 0 ? spec : spec.left(eq)).trimmed();
    const Setting *s = catalog.find(id);
    if (!s)
        return Error::notFound(QStringLiteral("unknown setting \"%1\"; run \"ssodoctor-cli settings list\" for the ids").arg(id));
    if (eq >= 0 && s->parameter.kind == Parameter::Kind::None)
        return Error::invalid(QStringLiteral("%1 takes no value; write just \"%1\"").arg(id));
    return makeRequest(*s, eq < 0 ? QString() : spec.mid(eq + 1));
}

Result<SettingRequest> makeRequest(const Setting &s, const QString &rawValue)
{
    SettingRequest r;
    r.setting = &s;
    const Parameter &p = s.parameter;
    QString value = rawValue.trimmed();
    if (value.isEmpty())
        value = p.defaultValue;
    switch (p.kind) {
    case Parameter::Kind::None:
        return r;
    case Parameter::Kind::Enum: {
        if (value.isEmpty())
            return Error::invalid(QStringLiteral("%1 needs a value").arg(s.id));
        QStringList names;
        for (const Choice &c : p.choices) {
            names << c.value;
            if (c.value.compare(value, Qt::CaseInsensitive) == 0)
                r.choice = &c;
        }
        if (!r.choice)
            return Error::invalid(QStringLiteral("%1: \"%2\" is not one of %3").arg(s.id, value, names.join(QLatin1Char('|'))));
        r.value = r.choice->value;
        return r;
    }
    case Parameter::Kind::Int: {
        bool ok = false;
        const qint64 n = value.toLongLong(&ok);
        if (!ok || n < p.min || n > p.max)
            return Error::invalid(QStringLiteral("%1: \"%2\" must be a whole number from %3 to %4")
                                      .arg(s.id, value)
                                      .arg(p.min)
                                      .arg(p.max));
        r.value = QString::number(n);
        return r;
    }
    case Parameter::Kind::List: {
        for (const QString &part : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString item = part.trimmed();
            if (item.isEmpty())
                continue;
            if (const QString problem = listItemProblem(p, item); !problem.isEmpty())
                return Error::invalid(QStringLiteral("%1: %2").arg(s.id, problem));
            if (!r.items.contains(item, Qt::CaseInsensitive))
                r.items << item;
        }
        if (r.items.isEmpty())
            return Error::invalid(QStringLiteral("%1 needs a list, e.g. %1=%2").arg(s.id, p.example));
        r.value = r.items.join(QLatin1Char(','));
        return r;
    }
    }
    return r;
}

Result<registry::Edits> resolveEdits(const SettingRequest &request)
{
    const Setting &s = *request.setting;
    QMap<QString, QString> vars;
    if (request.choice)
        vars = request.choice->vars;
    vars.insert(QStringLiteral("value"), request.value);

    registry::Edits out;
    for (const EditTemplate &t : s.edits) {
        const auto key = registry::path::canonical(fill(t.key, vars));
        if (!key)
            return Error::invalid(QStringLiteral("%1: key \"%2\" is not a registry path").arg(s.id, t.key));
        Edit e;
        e.key = *key;
        e.name = fill(t.name, vars);
        e.item = fill(t.item, vars);
        e.present = t.present;
        e.optional = t.optional;
        e.settingId = s.id;
        if (t.op == QLatin1String("set")) {
            auto v = makeValue(s, t.type, fill(t.data, vars));
            if (!v)
                return v.error();
            e.value = *v;
            out << e;
        } else if (t.op == QLatin1String("delete")) {
            e.op = Edit::Op::Delete;
            out << e;
        } else if (t.op == QLatin1String("multi-sz-item") || t.op == QLatin1String("comma-list-item")) {
            e.op = t.op == QLatin1String("multi-sz-item") ? Edit::Op::MultiSzItem : Edit::Op::CommaListItem;
            if (t.items.isEmpty()) {
                out << e;
                continue;
            }
            // "items": one edit per list item, so each is added to what the list already holds.
            for (const QString &item : request.items) {
                e.item = item;
                out << e;
            }
        } else if (t.op == QLatin1String("numbered-list")) {
            e.op = Edit::Op::NumberedListItem;
            for (const QString &item : request.items) {
                e.item = item;
                out << e;
            }
        } else if (t.op == QLatin1String("set-each")) {
            for (const QString &item : request.items) {
                QMap<QString, QString> itemVars = vars;
                itemVars.insert(QStringLiteral("item"), item);
                e.name = fill(t.name, itemVars);
                auto v = makeValue(s, t.type, fill(t.data, itemVars));
                if (!v)
                    return v.error();
                e.value = *v;
                out << e;
            }
        }
    }
    return out;
}

} // namespace ssod::core::catalog

namespace ssod::core::catalog {

Result<registry::Edits> resolveAll(const QList<SettingRequest> &requests)
{
    registry::Edits all;
    for (const SettingRequest &r : requests) {
        auto edits = resolveEdits(r);
        if (!edits)
            return edits.error();
        all += *edits;
    }
    return all;
}

QList<registry::ExportSource> exportSources(const QList<SettingRequest> &requests)
{
    QList<registry::ExportSource> out;
    for (const SettingRequest &r : requests)
        out << registry::ExportSource{r.spec(), r.setting->title, r.setting->summary};
    return out;
}

} // namespace ssod::core::catalog
