#include "core/wizard/WizardDefinition.h"

#include "core/catalog/SettingRequest.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace ssod::core::wizard {

using catalog::Catalog;
using catalog::Parameter;

namespace {

const struct {
    TargetKind kind;
    const char *name;
} kTargetNames[] = {
    {TargetKind::LiveRegistry, "registry"}, {TargetKind::Hive, "hive"},        {TargetKind::RegFile, "reg"},
    {TargetKind::PolFile, "pol"},           {TargetKind::PolicyJson, "json"}, {TargetKind::ExportOnly, "export"},
};

/// Reads one wizard; the first problem wins and names the wizard and the field.
class WizardReader
{
public:
    WizardReader(const QJsonObject &obj, const QString &where, const Catalog &catalog)
        : m_obj(obj), m_where(where), m_catalog(catalog)
    {
    }

    std::optional<Error> error() const { return m_error; }

    void fail(const QString &what)
    {
        if (!m_error)
            m_error = Error::invalid(what, m_where);
    }

    QString text(const QJsonObject &obj, const char *field, const QString &path, bool required = true)
    {
        const QJsonValue v = obj.value(QLatin1String(field));
        if (v.isString() && (!required || !v.toString().isEmpty()))
            return v.toString();
        if ((v.isUndefined() || v.isNull()) && !required)
            return {};
        fail(QStringLiteral("field \"%1%2\" must be a non-empty string").arg(path, QLatin1String(field)));
        return {};
    }

    QStringList strings(const QJsonObject &obj, const char *field, const QString &path, bool required)
    {
        const QJsonValue v = obj.value(QLatin1String(field));
        if ((v.isUndefined() || v.isNull()) && !required)
            return {};
        QStringList out;
        bool ok = v.isArray();
        for (const QJsonValue &item : v.toArray()) {
            ok = ok && item.isString();
            out << item.toString();
        }
        if (!ok || (required && out.isEmpty()))
            fail(QStringLiteral("field \"%1%2\" must be a list of strings").arg(path, QLatin1String(field)));
        return out;
    }

    const catalog::Setting *setting(const QString &id, const QString &path)
    {
        const catalog::Setting *s = m_catalog.find(id);
        if (!s)
            fail(QStringLiteral("%1 names setting \"%2\", which is not in the catalog").arg(path, id));
        return s;
    }

    WizardDefinition read()
    {
        WizardDefinition w;
        w.id = text(m_obj, "id", {});
        w.title = text(m_obj, "title", {});
        w.summary = text(m_obj, "summary", {});
        const QJsonObject problem = m_obj.value(QLatin1String("problem")).toObject();
        w.symptoms = strings(problem, "symptoms", QStringLiteral("problem."), true);
        w.cause = text(problem, "cause", QStringLiteral("problem."));
        w.wrongWizardWhen = text(problem, "wrongWizardWhen", QStringLiteral("problem."));
        w.verifyHint = text(m_obj, "verify", {});
        w.reminder = text(m_obj, "reminder", {}, false);
        w.warnings = strings(m_obj, "warnings", {}, false);
        w.rdpCheck = m_obj.value(QLatin1String("rdpCheck")).toBool();
        const QString kind = text(m_obj, "kind", {}, false);
        if (kind == QLatin1String("spn-registration")) {
            // Its steps are the directory's (SpnRegistration); only the words are data.
            w.kind = WizardDefinition::Kind::SpnRegistration;
            return w;
        }
        if (kind == QLatin1String("certificate-check")) {
            // Its steps are the TLS probe's (the certificate check); only the words are data.
            w.kind = WizardDefinition::Kind::CertificateCheck;
            return w;
        }
        if (!kind.isEmpty() && kind != QLatin1String("settings"))
            fail(QStringLiteral("kind: \"%1\" is not one of settings|spn-registration|certificate-check").arg(kind));

        for (const QString &name : strings(m_obj, "targets", {}, true)) {
            const auto targetKind = targetKindFromName(name);
            if (!targetKind)
                fail(QStringLiteral("targets: \"%1\" is not one of registry|hive|reg|pol|json|export").arg(name));
            else
                w.targets << *targetKind;
        }
        readProfiles(w);
        readOptions(w);
        readList(w);
        if (w.profiles.isEmpty() && w.options.isEmpty())
            fail(QStringLiteral("a wizard needs \"profiles\" or \"options\""));
        return w;
    }

private:
    void readProfiles(WizardDefinition &w)
    {
        const QJsonArray profiles = m_obj.value(QLatin1String("profiles")).toArray();
        QSet<QString> ids;
        for (int i = 0; i < profiles.size(); ++i) {
            const QJsonObject p = profiles.at(i).toObject();
            const QString path = QStringLiteral("profiles[%1].").arg(i);
            WizardProfile profile;
            profile.id = text(p, "id", path);
            profile.label = text(p, "label", path);
            profile.tradeOff = text(p, "tradeOff", path);
            if (ids.contains(profile.id))
                fail(QStringLiteral("%1id \"%2\" is used twice").arg(path, profile.id));
            ids.insert(profile.id);
            const QJsonArray settings = p.value(QLatin1String("settings")).toArray();
            for (int j = 0; j < settings.size(); ++j) {
                const QJsonObject a = settings.at(j).toObject();
                const QString at = QStringLiteral("%1settings[%2]").arg(path).arg(j);
                WizardAssignment assignment{text(a, "setting", at + QLatin1Char('.')), text(a, "value", at + QLatin1Char('.'), false)};
                if (const catalog::Setting *s = setting(assignment.setting, at)) {
                    // A fixed value that the catalog would refuse is a data bug: catch it at start-up.
                    if (auto r = catalog::makeRequest(*s, assignment.value); !r)
                        fail(QStringLiteral("%1: %2").arg(at, r.error().message));
                }
                profile.settings << assignment;
            }
            w.profiles << profile;
        }
    }

    void readOptions(WizardDefinition &w)
    {
        const QJsonArray options = m_obj.value(QLatin1String("options")).toArray();
        for (int i = 0; i < options.size(); ++i) {
            const QJsonObject o = options.at(i).toObject();
            const QString path = QStringLiteral("options[%1].").arg(i);
            WizardOption option;
            option.id = text(o, "id", path);
            option.settings = strings(o, "settings", path, true);
            option.label = text(o, "label", path);
            option.explanation = text(o, "explanation", path, false);
            option.optional = o.value(QLatin1String("optional")).toBool(false);
            option.defaultOn = o.value(QLatin1String("default")).toBool(true);
            option.profiles = strings(o, "profiles", path, false);
            int enums = 0;
            for (const QString &id : std::as_const(option.settings))
                if (const catalog::Setting *s = setting(id, path + QStringLiteral("settings")))
                    enums += s->parameter.kind == Parameter::Kind::Enum ? 1 : 0;
            if (enums > 1)
                fail(QStringLiteral("%1settings: at most one setting with a choice per option").arg(path));
            for (const QString &p : std::as_const(option.profiles))
                if (!w.findProfile(p))
                    fail(QStringLiteral("%1profiles: \"%2\" is not a profile of this wizard").arg(path, p));
            w.options << option;
        }
    }

    void readList(WizardDefinition &w)
    {
        const QJsonObject list = m_obj.value(QLatin1String("list")).toObject();
        if (list.isEmpty()) {
            if (w.usesList(m_catalog))
                fail(QStringLiteral("an option edits a list, so the wizard needs a \"list\" section"));
            return;
        }
        w.list.label = text(list, "label", QStringLiteral("list."));
        w.list.explanation = text(list, "explanation", QStringLiteral("list."), false);
        w.list.defaultItems = strings(list, "default", QStringLiteral("list."), false);
        for (const QJsonValue &t : list.value(QLatin1String("templates")).toArray()) {
            const QJsonObject o = t.toObject();
            w.list.templates << WizardListTemplate{text(o, "label", QStringLiteral("list.templates.")),
                                                   text(o, "item", QStringLiteral("list.templates."))};
        }
    }

    QJsonObject m_obj;
    QString m_where;
    const Catalog &m_catalog;
    std::optional<Error> m_error;
};

} // namespace

QString targetKindName(TargetKind kind)
{
    for (const auto &t : kTargetNames)
        if (t.kind == kind)
            return QLatin1String(t.name);
    return {};
}

std::optional<TargetKind> targetKindFromName(const QString &name)
{
    for (const auto &t : kTargetNames)
        if (name == QLatin1String(t.name))
            return t.kind;
    return std::nullopt;
}

const WizardProfile *WizardDefinition::findProfile(const QString &profileId) const
{
    for (const WizardProfile &p : profiles)
        if (p.id == profileId)
            return &p;
    return nullptr;
}

bool WizardDefinition::usesList(const Catalog &catalog) const
{
    for (const WizardOption &o : options)
        for (const QString &settingId : o.settings)
            if (const catalog::Setting *s = catalog.find(settingId); s && s->parameter.kind == Parameter::Kind::List)
                return true;
    return false;
}

Result<QList<WizardDefinition>> loadWizards(const QByteArray &json, const QString &fileName, const Catalog &catalog)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (doc.isNull())
        return Error::invalid(QStringLiteral("not valid JSON: %1").arg(parseError.errorString()),
                              QStringLiteral("%1@%2").arg(fileName).arg(parseError.offset));
    const QJsonValue wizards = doc.object().value(QLatin1String("wizards"));
    if (!wizards.isArray())
        return Error::invalid(QStringLiteral("expected an object with a \"wizards\" list"), fileName);
    QList<WizardDefinition> out;
    QSet<QString> ids;
    const QJsonArray list = wizards.toArray();
    for (int i = 0; i < list.size(); ++i) {
        const QJsonObject obj = list.at(i).toObject();
        const QString id = obj.value(QLatin1String("id")).toString();
        const QString where = id.isEmpty() ? QStringLiteral("%1: wizard #%2").arg(fileName).arg(i + 1)
                                           : QStringLiteral("%1: wizard '%2'").arg(fileName, id);
        WizardReader reader(obj, where, catalog);
        WizardDefinition w = reader.read();
        if (reader.error())
            return *reader.error();
        if (ids.contains(w.id))
            return Error::invalid(QStringLiteral("wizard id \"%1\" is used twice").arg(w.id), fileName);
        ids.insert(w.id);
        out << w;
    }
    return out;
}

Result<QList<WizardDefinition>> loadBuiltinWizards(const Catalog &catalog)
{
    const QString overrideDir = qEnvironmentVariable("SSOD_WIZARDS_DIR");
    const QString dir = overrideDir.isEmpty() ? QStringLiteral(":/wizards") : overrideDir;
    const QStringList files = QDir(dir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    if (files.isEmpty())
        return Error::notFound(QStringLiteral("no wizard definitions (*.json) found"), dir);
    QList<WizardDefinition> all;
    for (const QString &name : files) {
        QFile f(QDir(dir).filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            return Error::io(QStringLiteral("cannot read wizard definitions: %1").arg(f.errorString()), f.fileName());
        auto part = loadWizards(f.readAll(), name, catalog);
        if (!part)
            return part.error();
        all += *part;
    }
    return all;
}

} // namespace ssod::core::wizard
