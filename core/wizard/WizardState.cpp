#include "core/wizard/WizardState.h"

#include "core/catalog/ListItemCheck.h"
#include "core/registry/Planner.h"
#include "core/registry/RegPath.h"
#include "core/registry/StoreFactory.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QStandardPaths>

namespace ssod::core::wizard {

using catalog::Parameter;
using catalog::SettingRequest;
using registry::RegistryStore;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ssod::core::wizard::WizardState", text);
}

/// "a .reg file": what the content says the file is.
QString storeKindWords(registry::StoreKind kind)
{
    switch (kind) {
    case registry::StoreKind::RegFile:
        return tr("a .reg file");
    case registry::StoreKind::PolFile:
        return tr("a Registry.pol file");
    case registry::StoreKind::Hive:
        return tr("an offline hive file");
    case registry::StoreKind::JsonPolicy:
        return tr("a browser policy file");
    default:
        return tr("not a file this wizard can write");
    }
}

/// The start of the Target page's choice for that kind, so the reader finds it.
QString storeKindChoice(registry::StoreKind kind)
{
    switch (kind) {
    case registry::StoreKind::RegFile:
        return tr("A .reg file");
    case registry::StoreKind::PolFile:
        return tr("A Registry.pol file");
    case registry::StoreKind::Hive:
        return tr("An offline hive file");
    case registry::StoreKind::JsonPolicy:
        return tr("A browser policy file");
    default:
        return tr("Export only");
    }
}

/// "0444", the way ls and chmod show a mode.
QString modeText(QFileDevice::Permissions p)
{
    const int bits = p.toInt();
    const int mode = (((bits >> 12) & 7) << 6) | (((bits >> 4) & 7) << 3) | (bits & 7);
    return QStringLiteral("%1").arg(mode, 4, 8, QLatin1Char('0'));
}

} // namespace

WizardState::WizardState(const WizardDefinition &definition, const catalog::Catalog &catalog)
    : m_def(definition), m_catalog(catalog), m_items(definition.list.defaultItems)
{
    if (!m_def.profiles.isEmpty())
        m_profile = m_def.profiles.constFirst().id;
    for (const WizardOption &o : m_def.options)
        m_enabled.insert(o.id, !o.optional || o.defaultOn);
    if (!m_def.targets.isEmpty())
        m_targetKind = m_def.targets.constFirst();
}

bool WizardState::isVisible(const WizardOption &option) const
{
    return option.profiles.isEmpty() || option.profiles.contains(m_profile);
}

bool WizardState::isEnabled(const WizardOption &option) const
{
    return isVisible(option) && (!option.optional || m_enabled.value(option.id, option.defaultOn));
}

bool WizardState::listInUse() const
{
    for (const WizardOption &o : m_def.options) {
        if (!isEnabled(o))
            continue;
        for (const QString &id : o.settings)
            if (const auto *s = m_catalog.find(id); s && s->parameter.kind == Parameter::Kind::List)
                return true;
    }
    return false;
}

QString WizardState::listItemProblem(const QString &item) const
{
    // Every list setting the wizard may write must accept the item: they share one list. The
    // check is the catalog's own, the one the CLI applies to ID=VALUE.
    for (const WizardOption &o : m_def.options) {
        if (!isVisible(o))
            continue;
        for (const QString &id : o.settings) {
            const auto *s = m_catalog.find(id);
            if (!s || s->parameter.kind != Parameter::Kind::List)
                continue;
            if (item.contains(QLatin1Char(',')))
                return tr("one entry per row; a comma separates entries");
            if (const QString problem = catalog::listItemProblem(s->parameter, item); !problem.isEmpty())
                return problem;
        }
    }
    return {};
}

Result<QList<SettingRequest>> WizardState::requests() const
{
    QList<SettingRequest> out;
    auto add = [&](const QString &id, const QString &value) -> std::optional<Error> {
        const auto *s = m_catalog.find(id);
        if (!s)
            return Error::notFound(tr("unknown setting \"%1\"").arg(id));
        auto r = catalog::makeRequest(*s, value);
        if (!r)
            return r.error();
        out << *r;
        return std::nullopt;
    };
    if (const WizardProfile *p = m_def.findProfile(m_profile))
        for (const WizardAssignment &a : p->settings)
            if (auto e = add(a.setting, a.value))
                return *e;
    QStringList items;
    for (const QString &item : m_items)
        if (!item.trimmed().isEmpty())
            items << item.trimmed();
    for (const WizardOption &o : m_def.options) {
        if (!isEnabled(o))
            continue;
        for (const QString &id : o.settings) {
            const auto *s = m_catalog.find(id);
            const bool isList = s && s->parameter.kind == Parameter::Kind::List;
            if (isList && items.isEmpty())
                return Error::invalid(tr("Add at least one entry to \"%1\".").arg(m_def.list.label));
            if (auto e = add(id, isList ? items.join(QLatin1Char(',')) : m_choices.value(o.id)))
                return *e;
        }
    }
    if (out.isEmpty())
        return Error::invalid(tr("Choose at least one change."));
    return out;
}

void WizardState::setTarget(TargetKind kind, const QString &path)
{
    if (kind != m_targetKind || path != m_targetPath)
        m_store.reset();
    m_targetKind = kind;
    m_targetPath = path;
}

Result<std::shared_ptr<RegistryStore>> WizardState::openTarget(TargetKind kind, const QString &path,
                                                               const registry::ReadOptions &options)
{
    if (kind == TargetKind::ExportOnly)
        return std::shared_ptr<RegistryStore>();
    if (kind == TargetKind::LiveRegistry) {
        auto live = registry::openStore(QStringLiteral("registry:"));
        if (!live)
            return live.error();
        return std::shared_ptr<RegistryStore>(std::move(*live));
    }
    if (path.trimmed().isEmpty())
        return Error::invalid(tr("Enter the path of the file."));
    const QFileInfo info(path);
    if (kind == TargetKind::Hive && !info.exists())
        return Error::notFound(tr("The hive file does not exist; choose an existing SOFTWARE or SYSTEM hive."), path);
    if (info.exists() && !info.isFile())
        return Error::invalid(tr("This is not a file; choose a file."), path);
    if (!info.exists() && !info.absoluteDir().exists())
        return Error::notFound(tr("The folder does not exist; create it or choose another one."), path);
    if (info.exists()) {
        // Say what the file is not in words; the store's own message shows the first bytes in hex,
        // which helps a developer, not the helpdesk reader this page is for.
        QFile f(path);
        const QByteArray head = f.open(QIODevice::ReadOnly) ? f.read(64) : QByteArray();
        if (!head.isEmpty() && registry::detectFileType(head, path) == registry::FileType::Unknown)
            return Error::invalid(
                tr("This is not a .reg file, Registry.pol, registry hive or browser policy file; "
                   "choose one of those, or \"Export only\"."));
    }
    auto opened = registry::openStore(path, {}, kind != TargetKind::Hive, options);
    if (!opened)
        return opened.error();
    // The content decides the store type; a mismatch with the chosen kind means a wrong file.
    const registry::StoreKind got = (*opened)->kind();
    const bool fits = (kind == TargetKind::Hive && got == registry::StoreKind::Hive)
        || (kind == TargetKind::RegFile && got == registry::StoreKind::RegFile)
        || (kind == TargetKind::PolFile && got == registry::StoreKind::PolFile)
        || (kind == TargetKind::PolicyJson && got != registry::StoreKind::Hive && got != registry::StoreKind::RegFile
            && got != registry::StoreKind::PolFile);
    if (!fits)
        return Error::invalid(tr("This is %1; choose \"%2\" as the kind of target.")
                                  .arg(storeKindWords(got), storeKindChoice(got)));
    return std::shared_ptr<RegistryStore>(std::move(*opened));
}

QString WizardState::writeProblem(TargetKind kind, const QString &path)
{
    if (kind == TargetKind::ExportOnly || kind == TargetKind::LiveRegistry || path.trimmed().isEmpty())
        return {};
    const QFileInfo info(path);
    if (!info.exists()) {
        const QFileInfo dir(info.absolutePath());
        if (dir.exists() && !(dir.permissions() & QFileDevice::WriteOwner))
            return tr("its folder is read-only, so the file can't be created there; choose another folder");
        return {};
    }
    // The owner's write bit, not access(): root may write anything, but a file marked read-only
    // was marked so on purpose and must not be overwritten behind the admin's back.
    if (!(info.permissions() & QFileDevice::WriteOwner))
        return tr("it is read-only (mode %1); make it writable (chmod u+w) or choose \"Export only\"")
            .arg(modeText(info.permissions()));
    if (!info.isWritable())
        return tr("you may not write it (it belongs to %1); run as its owner or choose \"Export only\"")
            .arg(info.owner());
    return {};
}

Result<WizardPlan> WizardState::computePlan() const
{
    WizardPlan plan;
    auto reqs = requests();
    if (!reqs)
        return reqs.error();
    plan.requests = *reqs;
    auto edits = catalog::resolveAll(plan.requests);
    if (!edits)
        return edits.error();
    // A wizard spans hives (the session-connector profile writes SYSTEM and SOFTWARE): what the
    // target cannot hold is left out and named, so the admin applies it to the other hive.
    QSet<QString> skippedIds;
    registry::Edits kept;
    for (const registry::Edit &e : std::as_const(*edits)) {
        if (!m_store || m_store->covers(e.key)) {
            kept << e;
            continue;
        }
        if (!skippedIds.contains(e.settingId)) {
            skippedIds.insert(e.settingId);
            const auto *setting = m_catalog.find(e.settingId);
            plan.skipped << tr("\"%1\" (%2) is not changed: it lives under %3, which %4 does not hold. "
                               "Run this wizard on that hive as well.")
                                .arg(setting ? setting->title : e.settingId, e.settingId,
                                    e.key.section(QLatin1Char('\\'), 0, 1), m_store->description());
        }
    }
    if (kept.isEmpty())
        return Error::unsupported(tr("None of these settings can be written to %1 (it holds %2). Choose another target.")
                                      .arg(m_store->description(), m_store->scope()));
    auto changes = registry::diff(m_store.get(), kept);
    if (!changes)
        return changes.error();
    plan.changes = *changes;
    plan.warnings = m_def.warnings;
    for (const SettingRequest &r : std::as_const(plan.requests))
        for (const QString &w : r.warnings())
            if (!plan.warnings.contains(w))
                plan.warnings << w;
    return plan;
}

QString WizardState::suggestedBackupPath() const
{
    if (m_targetKind == TargetKind::ExportOnly)
        return {};
    const QString docs = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString first = registry::defaultBackupPath(m_targetKind == TargetKind::LiveRegistry
            ? QDir(docs).filePath(QStringLiteral("registry"))
            : m_targetPath);
    // A second apply in the same second must not collide with the first one's backup.
    QString candidate = first;
    for (int n = 2; QFileInfo::exists(candidate); ++n)
        candidate = first.chopped(4) + QStringLiteral("-%1.reg").arg(n);
    return candidate;
}

registry::ExportOptions WizardState::exportOptions() const
{
    registry::ExportOptions options;
    options.sources = catalog::exportSources(m_plan.requests);
    options.generatedAt = QDateTime::currentDateTime().toString(Qt::ISODate);
    return options;
}

Result<QByteArray> WizardState::exportAs(registry::ExportFormat format) const
{
    return registry::exportChangeSet(m_plan.changes, format, exportOptions());
}

Result<registry::ApplyOutcome> WizardState::apply(RegistryStore &store, const registry::ChangeSet &changes,
                                                 const QString &backupFile, const registry::ExportOptions &options)
{
    if (backupFile.trimmed().isEmpty())
        return Error::invalid(tr("Enter where the backup should be written."));
    return registry::applyChanges(store, changes, backupFile, options);
}

void WizardState::setPlan(WizardPlan plan)
{
    m_plan = std::move(plan);
    m_planApplied = false;
}

void WizardState::addOutcome(registry::ApplyOutcome outcome)
{
    m_outcomes << std::move(outcome);
    m_planApplied = true;
}

registry::ChangeSet WizardState::appliedChanges() const
{
    registry::ChangeSet merged;
    QHash<QString, qsizetype> at; // value (or key) → its row in merged
    for (const registry::ApplyOutcome &o : m_outcomes) {
        for (const registry::Change &c : o.changes.changes) {
            const bool keyAction = c.action == registry::Change::Action::CreateKey
                || c.action == registry::Change::Action::DeleteKey;
            const QString id = (keyAction ? QStringLiteral("K:") : QStringLiteral("V:")) + c.key.toLower()
                + QLatin1Char('\\') + c.name.toLower();
            if (const auto it = at.constFind(id); it != at.cend()) {
                registry::Change &first = merged.changes[*it];
                const auto before = first.before;
                first = c;
                first.before = before;
                continue;
            }
            at.insert(id, merged.changes.size());
            merged.changes << c;
        }
        for (const QString &id : o.changes.settingIds)
            if (!merged.settingIds.contains(id))
                merged.settingIds << id;
    }
    return merged;
}

QStringList WizardState::backupFiles() const
{
    QStringList out;
    for (const registry::ApplyOutcome &o : m_outcomes)
        if (!o.backupFile.isEmpty())
            out.prepend(o.backupFile);
    return out;
}

Result<void> WizardState::undoAll(RegistryStore &store, const QStringList &backupsNewestFirst)
{
    for (const QString &backup : backupsNewestFirst)
        if (auto r = registry::undoFromBackup(store, backup); !r)
            return r.error();
    return {};
}

Result<QList<ValueReading>> WizardState::readBack(
    const RegistryStore &target, const registry::ChangeSet &changes)
{
    // What is on disk, not what the store object that wrote it remembers.
    std::unique_ptr<RegistryStore> fresh;
    if (!target.filePath().isEmpty() && target.kind() != registry::StoreKind::LiveRegistry) {
        auto reopened = registry::openStore(target.filePath());
        if (!reopened)
            return reopened.error();
        fresh = std::move(*reopened);
    }
    const RegistryStore &store = fresh ? *fresh : target;
    QList<ValueReading> out;
    for (const registry::Change &c : changes.changes) {
        ValueReading r;
        r.change = c;
        auto exists = store.keyExists(c.key);
        if (!exists)
            return exists.error();
        r.keyExists = *exists;
        const bool keyAction = c.action == registry::Change::Action::CreateKey
            || c.action == registry::Change::Action::DeleteKey;
        if (keyAction) {
            const bool wantAfter = c.action == registry::Change::Action::CreateKey;
            r.matchesAfter = r.keyExists == wantAfter;
            r.matchesBefore = r.keyExists != wantAfter;
        } else {
            if (r.keyExists) {
                auto v = store.value(c.key, c.name);
                if (!v)
                    return v.error();
                r.now = *v;
            }
            r.matchesAfter = r.now == c.after;
            r.matchesBefore = r.now == c.before;
        }
        out << r;
    }
    return out;
}

} // namespace ssod::core::wizard
