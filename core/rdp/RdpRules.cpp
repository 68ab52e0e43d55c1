// Loads and validates resources/rdp/rules.json. Validation is strict because a mistake in the data
// would otherwise show up as a rule that silently never fires, or a "fix" that does not clear its
// own finding.

#include "core/rdp/RdpRules.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace ssod::core::rdp {

namespace {

bool isInteger(const QString &v)
{
    bool ok = false;
    v.trimmed().toLongLong(&ok);
    return ok;
}

/// Reads one JSON object field by field and remembers the first mistake, named with \a where.
class Reader {
public:
    Reader(const QJsonObject &obj, QString where) : m_obj(obj), m_where(std::move(where)) { }

    const std::optional<Error> &error() const { return m_error; }

    void fail(const QString &what)
    {
        if (!m_error)
            m_error = Error::invalid(m_where + QStringLiteral(": ") + what);
    }

    QString text(const char *field, bool required = true)
    {
        const QJsonValue v = m_obj.value(QLatin1String(field));
        if (v.isUndefined() && !required)
            return {};
        if (!v.isString() || (required && v.toString().trimmed().isEmpty()))
            fail(QStringLiteral("field \"%1\" must be a non-empty string").arg(QLatin1String(field)));
        return v.toString();
    }

    void allowOnly(std::initializer_list<const char *> fields)
    {
        for (auto it = m_obj.begin(); it != m_obj.end(); ++it) {
            bool known = false;
            for (const char *f : fields)
                known = known || it.key() == QLatin1String(f);
            if (!known)
                fail(QStringLiteral("unknown field \"%1\"").arg(it.key()));
        }
    }

private:
    const QJsonObject &m_obj;
    QString m_where;
    std::optional<Error> m_error;
};

struct TestName {
    const char *key;
    RdpCondition::Test test;
};

constexpr TestName kTests[] = {
    { "equals", RdpCondition::Test::Equals },
    { "not-equals", RdpCondition::Test::NotEquals },
    { "in", RdpCondition::Test::In },
    { "missing", RdpCondition::Test::Missing },
    { "present", RdpCondition::Test::Present },
    { "is-ip-address", RdpCondition::Test::IsIpAddress },
};

class Loader {
public:
    explicit Loader(QString fileName) : m_file(std::move(fileName)) { }

    Result<void> run(const QByteArray &json, QList<RdpSettingInfo> &settings, QList<RdpRule> &rules);

private:
    std::optional<RdpSettingInfo> readSetting(const QJsonValue &v, qsizetype index);
    std::optional<RdpRule> readRule(const QJsonValue &v, qsizetype index);
    std::optional<RdpCondition> readCondition(
        Reader &r, const QJsonValue &v, const QString &defaultSetting, const QString &what);
    const RdpSettingInfo *findSetting(const QString &name) const
    {
        for (const RdpSettingInfo &s : *m_settings)
            if (s.name.compare(name, Qt::CaseInsensitive) == 0)
                return &s;
        return nullptr;
    }
    Error error(const QString &what) const { return Error::invalid(what, m_file); }

    QString m_file;
    std::optional<Error> m_error;
    const QList<RdpSettingInfo> *m_settings = nullptr;
};

std::optional<RdpSettingInfo> Loader::readSetting(const QJsonValue &v, qsizetype index)
{
    const QJsonObject o = v.toObject();
    Reader r(o,
        QStringLiteral("setting %1 (\"%2\")").arg(index + 1).arg(o.value(QLatin1String("name")).toString()));
    if (!v.isObject())
        r.fail(QStringLiteral("must be an object"));
    r.allowOnly({ "name", "type", "title", "default", "values", "describe", "reference" });
    RdpSettingInfo s;
    s.name = r.text("name");
    const QString type = r.text("type");
    s.type = type.size() == 1 ? type[0] : QChar();
    if (type != QLatin1String("i") && type != QLatin1String("s") && type != QLatin1String("b"))
        r.fail(QStringLiteral("\"type\" must be \"i\", \"s\" or \"b\""));
    if (s.name != s.name.toLower() || s.name != s.name.trimmed() || s.name.contains(QLatin1Char(':')))
        r.fail(QStringLiteral("\"name\" must be lower case, without colons or surrounding spaces"));
    s.title = r.text("title");
    s.defaultValue = r.text("default", false);
    s.describe = r.text("describe", false);
    s.reference = r.text("reference");
    const QJsonObject values = o.value(QLatin1String("values")).toObject();
    for (auto it = values.begin(); it != values.end(); ++it) {
        if (!it.value().isString() || it.value().toString().isEmpty())
            r.fail(QStringLiteral("every entry of \"values\" must be a non-empty string"));
        if (s.type == QLatin1Char('i') && !isInteger(it.key()))
            r.fail(QStringLiteral("value \"%1\" is not a number").arg(it.key()));
        s.values.insert(it.key(), it.value().toString());
    }
    if (s.values.isEmpty() && s.describe.isEmpty())
        r.fail(QStringLiteral("needs \"values\" or \"describe\""));
    if (!s.defaultValue.isEmpty() && s.type == QLatin1Char('i') && !isInteger(s.defaultValue))
        r.fail(QStringLiteral("\"default\" is not a number"));
    if (!s.defaultValue.isEmpty() && !s.values.isEmpty() && !s.values.contains(s.defaultValue))
        r.fail(QStringLiteral("\"default\" is not one of \"values\""));
    if (r.error()) {
        m_error = r.error();
        return std::nullopt;
    }
    return s;
}

std::optional<RdpCondition> Loader::readCondition(
    Reader &r, const QJsonValue &v, const QString &defaultSetting, const QString &what)
{
    if (!v.isObject()) {
        r.fail(QStringLiteral("\"%1\" must be an object").arg(what));
        return std::nullopt;
    }
    const QJsonObject o = v.toObject();
    RdpCondition c;
    c.setting = o.contains(QLatin1String("setting")) ? o.value(QLatin1String("setting")).toString()
                                                     : defaultSetting;
    const RdpSettingInfo *info = findSetting(c.setting);
    if (!info) {
        r.fail(QStringLiteral("%1: setting \"%2\" is not described in \"settings\"").arg(what, c.setting));
        return std::nullopt;
    }
    c.type = info->type;
    int tests = 0;
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.key() == QLatin1String("setting"))
            continue;
        const TestName *t = std::find_if(std::begin(kTests), std::end(kTests),
            [&](const TestName &n) { return it.key() == QLatin1String(n.key); });
        if (t == std::end(kTests)) {
            r.fail(QStringLiteral("%1: unknown test \"%2\" (known: equals, not-equals, in, missing, present, "
                                  "is-ip-address)")
                       .arg(what, it.key()));
            return std::nullopt;
        }
        ++tests;
        c.test = t->test;
        if (c.test == RdpCondition::Test::In) {
            for (const QJsonValue &x : it.value().toArray())
                c.operands << x.toString();
            if (c.operands.isEmpty() || c.operands.contains(QString()))
                r.fail(QStringLiteral("%1: \"in\" needs a list of non-empty strings").arg(what));
        } else if (c.test == RdpCondition::Test::Equals || c.test == RdpCondition::Test::NotEquals) {
            if (!it.value().isString() || it.value().toString().isEmpty())
                r.fail(QStringLiteral("%1: \"%2\" needs a non-empty string").arg(what, it.key()));
            c.operands << it.value().toString();
        } else if (it.value() != QJsonValue(true)) {
            r.fail(QStringLiteral("%1: \"%2\" must be true").arg(what, it.key()));
        }
    }
    if (tests != 1)
        r.fail(QStringLiteral("%1 must have exactly one test").arg(what));
    for (const QString &op : std::as_const(c.operands))
        if (c.type == QLatin1Char('i') && !isInteger(op))
            r.fail(QStringLiteral("%1: \"%2\" is not a number, but \"%3\" is a number setting")
                       .arg(what, op, c.setting));
    if (c.test == RdpCondition::Test::IsIpAddress && c.type != QLatin1Char('s'))
        r.fail(QStringLiteral("%1: is-ip-address needs a text (s) setting").arg(what));
    return c;
}

std::optional<RdpRule> Loader::readRule(const QJsonValue &v, qsizetype index)
{
    const QJsonObject o = v.toObject();
    Reader r(
        o, QStringLiteral("rule %1 (\"%2\")").arg(index + 1).arg(o.value(QLatin1String("id")).toString()));
    if (!v.isObject())
        r.fail(QStringLiteral("must be an object"));
    r.allowOnly({ "id", "setting", "when", "also", "severity", "title", "explanation", "fix", "autoFix",
        "reference" });
    RdpRule rule;
    rule.id = r.text("id");
    rule.setting = r.text("setting");
    rule.title = r.text("title");
    rule.explanation = r.text("explanation");
    rule.reference = r.text("reference");
    const RdpSettingInfo *info = findSetting(rule.setting);
    if (!info && !rule.setting.isEmpty())
        r.fail(QStringLiteral("setting \"%1\" is not described in \"settings\"").arg(rule.setting));
    // A rule fires on a problem or a choice worth explaining; "ok" would be a finding about nothing.
    const std::optional<Severity> severity = severityFromName(r.text("severity"));
    if (severity && *severity != Severity::Ok)
        rule.severity = *severity;
    else
        r.fail(QStringLiteral("\"severity\" must be info, warning or error"));
    if (info) {
        if (auto c
            = readCondition(r, o.value(QLatin1String("when")), rule.setting, QStringLiteral("\"when\"")))
            rule.when = *c;
        const QJsonArray also = o.value(QLatin1String("also")).toArray();
        for (qsizetype i = 0; i < also.size(); ++i) {
            const QString what = QStringLiteral("\"also\" %1").arg(i + 1);
            if (!also[i].toObject().contains(QLatin1String("setting")))
                r.fail(QStringLiteral("%1 must name its \"setting\"").arg(what));
            else if (auto c = readCondition(r, also[i], rule.setting, what))
                rule.also << *c;
        }
        if (rule.when.setting.compare(rule.setting, Qt::CaseInsensitive) != 0)
            r.fail(QStringLiteral("\"when\" must test the rule's own setting; use \"also\" for others"));
    }
    const QJsonValue fix = o.value(QLatin1String("fix"));
    if (fix.isObject()) {
        const QJsonObject f = fix.toObject();
        if (f.size() != 1
            || !(f.value(QLatin1String("set")).isString()
                || f.value(QLatin1String("remove")) == QJsonValue(true)))
            r.fail(QStringLiteral("\"fix\" must be {\"set\": \"VALUE\"} or {\"remove\": true}"));
        rule.fix = f.contains(QLatin1String("set")) ? RdpRule::FixAction::Set : RdpRule::FixAction::Remove;
        rule.fixValue = f.value(QLatin1String("set")).toString();
    } else if (!fix.isUndefined()) {
        r.fail(QStringLiteral("\"fix\" must be an object"));
    }
    const QJsonValue autoFix = o.value(QLatin1String("autoFix"));
    if (!autoFix.isUndefined() && !autoFix.isBool())
        r.fail(QStringLiteral("\"autoFix\" must be true or false"));
    rule.autoFix = rule.fix != RdpRule::FixAction::None && autoFix.toBool(true);
    if (info && rule.fix == RdpRule::FixAction::Set) {
        if (info->type == QLatin1Char('i') && !isInteger(rule.fixValue))
            r.fail(QStringLiteral("fix value \"%1\" is not a number").arg(rule.fixValue));
        if (!info->values.isEmpty() && !info->values.contains(rule.fixValue))
            r.fail(
                QStringLiteral("fix value \"%1\" is not one of the setting's \"values\"").arg(rule.fixValue));
    }
    // A fix must clear its own finding, or `rdp fix` would leave the file flagged.
    if (info && !r.error() && rule.fix != RdpRule::FixAction::None) {
        const std::optional<QString> after
            = rule.fix == RdpRule::FixAction::Set ? std::optional(rule.fixValue) : std::nullopt;
        if (rule.when.holds(after, info->defaultValue))
            r.fail(QStringLiteral("the fix does not clear the rule: \"when\" still holds afterwards"));
    }
    if (r.error()) {
        m_error = r.error();
        return std::nullopt;
    }
    return rule;
}

Result<void> Loader::run(const QByteArray &json, QList<RdpSettingInfo> &settings, QList<RdpRule> &rules)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError)
        return error(QStringLiteral("not valid JSON at offset %1: %2").arg(pe.offset).arg(pe.errorString()));
    if (!doc.isObject())
        return error(QStringLiteral("the top level must be an object with \"settings\" and \"rules\""));
    const QJsonObject top = doc.object();
    Reader topReader(top, QStringLiteral("top level"));
    topReader.allowOnly({ "version", "comment", "settings", "rules" });
    if (topReader.error())
        return error(topReader.error()->message);
    if (top.value(QLatin1String("version")).toInt() != 1)
        return error(QStringLiteral("\"version\" must be 1"));
    m_settings = &settings;
    const QJsonArray settingArray = top.value(QLatin1String("settings")).toArray();
    for (qsizetype i = 0; i < settingArray.size(); ++i) {
        auto s = readSetting(settingArray[i], i);
        if (!s)
            return error(m_error->message);
        if (findSetting(s->name))
            return error(QStringLiteral("setting \"%1\" is described twice").arg(s->name));
        settings << *s;
    }
    const QJsonArray ruleArray = top.value(QLatin1String("rules")).toArray();
    if (settings.isEmpty() || ruleArray.isEmpty())
        return error(QStringLiteral("\"settings\" and \"rules\" must be non-empty arrays"));
    QSet<QString> ids;
    for (qsizetype i = 0; i < ruleArray.size(); ++i) {
        auto rule = readRule(ruleArray[i], i);
        if (!rule)
            return error(m_error->message);
        if (ids.contains(rule->id))
            return error(QStringLiteral("rule id \"%1\" is used twice").arg(rule->id));
        ids.insert(rule->id);
        rules << *rule;
    }
    return {};
}

} // namespace

Result<RdpRules> RdpRules::loadFromJson(const QByteArray &json, const QString &fileName)
{
    RdpRules rules;
    Loader loader(fileName);
    auto r = loader.run(json, rules.m_settings, rules.m_rules);
    if (!r)
        return r.error();
    return rules;
}

Result<RdpRules> RdpRules::loadBuiltin()
{
    const QString overrideFile = qEnvironmentVariable("SSOD_RDP_RULES");
    const QString path = overrideFile.isEmpty() ? QStringLiteral(":/rdp/rules.json") : overrideFile;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error::io(QStringLiteral("cannot read the .rdp rules: %1").arg(f.errorString()), path);
    return loadFromJson(f.readAll(), path);
}

const RdpSettingInfo *RdpRules::setting(const QString &name) const
{
    for (const RdpSettingInfo &s : m_settings)
        if (s.name.compare(name, Qt::CaseInsensitive) == 0)
            return &s;
    return nullptr;
}

} // namespace ssod::core::rdp
