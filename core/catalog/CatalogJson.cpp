#include "core/catalog/CatalogJson.h"

#include <QJsonArray>

namespace ssod::core::catalog {

namespace {

QJsonValue valueToJson(const std::optional<registry::RegValue> &v)
{
    if (!v)
        return QJsonValue::Null;
    QJsonObject o{{QStringLiteral("type"), registry::regTypeName(v->type())}};
    switch (v->knownType()) {
    case registry::RegType::Dword:
    case registry::RegType::DwordBigEndian:
        if (auto d = v->toDword()) {
            o.insert(QStringLiteral("data"), qint64(*d));
            return o;
        }
        break;
    case registry::RegType::Qword:
        if (auto q = v->toQword()) {
            o.insert(QStringLiteral("data"), QString::number(*q)); // JSON numbers lose 64-bit precision
            return o;
        }
        break;
    case registry::RegType::Sz:
    case registry::RegType::ExpandSz:
        o.insert(QStringLiteral("data"), v->toString());
        return o;
    case registry::RegType::MultiSz:
        o.insert(QStringLiteral("data"), QJsonArray::fromStringList(v->toMultiString()));
        return o;
    default:
        break;
    }
    o.insert(QStringLiteral("hex"), QString::fromLatin1(v->data().toHex()));
    return o;
}

} // namespace

QJsonObject settingToJson(const Setting &s, bool full)
{
    QJsonObject o{{QStringLiteral("id"), s.id},
                  {QStringLiteral("title"), s.title},
                  {QStringLiteral("category"), s.category},
                  {QStringLiteral("side"), s.side},
                  {QStringLiteral("risk"), s.riskLevel}};
    if (!full)
        return o;
    o.insert(QStringLiteral("summary"), s.summary);
    o.insert(QStringLiteral("explanation"), s.explanation);
    o.insert(QStringLiteral("riskText"), s.riskText);
    o.insert(QStringLiteral("reference"), s.reference);
    o.insert(QStringLiteral("gpoPath"), s.gpoPath.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s.gpoPath));
    o.insert(QStringLiteral("restart"), s.restart);
    o.insert(QStringLiteral("locations"), QJsonArray::fromStringList(s.locations()));
    QJsonObject p;
    switch (s.parameter.kind) {
    case Parameter::Kind::None:
        break;
    case Parameter::Kind::Enum: {
        p.insert(QStringLiteral("kind"), QStringLiteral("enum"));
        QJsonArray choices;
        for (const Choice &c : s.parameter.choices)
            choices.append(QJsonObject{{QStringLiteral("value"), c.value}, {QStringLiteral("label"), c.label}});
        p.insert(QStringLiteral("choices"), choices);
        break;
    }
    case Parameter::Kind::List:
        p.insert(QStringLiteral("kind"), QStringLiteral("list"));
        p.insert(QStringLiteral("itemHint"), s.parameter.itemHint);
        break;
    case Parameter::Kind::Int:
        p.insert(QStringLiteral("kind"), QStringLiteral("int"));
        p.insert(QStringLiteral("min"), s.parameter.min);
        p.insert(QStringLiteral("max"), s.parameter.max);
        break;
    }
    if (!p.isEmpty()) {
        p.insert(QStringLiteral("default"), s.parameter.defaultValue);
        o.insert(QStringLiteral("parameter"), p);
    }
    return o;
}

QJsonObject changeToJson(const registry::Change &c)
{
    return QJsonObject{{QStringLiteral("action"), registry::actionName(c.action)},
                       {QStringLiteral("key"), c.key},
                       {QStringLiteral("value"), c.action == registry::Change::Action::CreateKey
                                                         || c.action == registry::Change::Action::DeleteKey
                                                     ? QJsonValue(QJsonValue::Null)
                                                     : QJsonValue(c.name)},
                       {QStringLiteral("before"), valueToJson(c.before)},
                       {QStringLiteral("after"), valueToJson(c.after)},
                       {QStringLiteral("setting"), c.settingId},
                       {QStringLiteral("summary"), c.summary}};
}

QJsonObject changeSetToJson(const registry::ChangeSet &cs)
{
    QJsonArray changes;
    for (const registry::Change &c : cs.changes)
        changes.append(changeToJson(c));
    return QJsonObject{{QStringLiteral("compliant"), cs.isCompliant()},
                       {QStringLiteral("settings"), QJsonArray::fromStringList(cs.settingIds)},
                       {QStringLiteral("changes"), changes}};
}

} // namespace ssod::core::catalog
