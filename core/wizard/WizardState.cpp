#include "core/wizard/WizardState.h"

#include "core/registry/Planner.h"
#include "core/registry/RegPath.h"
#include "core/registry/StoreFactory.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
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
    // Every list setting the wizard may write must accept the item: they share one list.
    for (const WizardOption &o : m_def.options) {
        if (!isVisible(o))
            continue;
        for (const QString &id : o.settings) {
            const auto *s = m_catalog.find(id);
            if (!s || s->parameter.kind != Parameter::Kind::List)
                continue;
            if (item.contains(QLatin1Char(',')))
                return tr("one entry per row; a comma separates entries");
            if (auto r = catalog::makeRequest(*s, item); !r) {
                const QString hint = s->parameter.itemHint;
                return hint.isEmpty() ? r.error().message : tr("expected %1").arg(hint);
            }
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
        return Error::invalid(tr("This file is a %1, not the kind of target you chose.").arg((*opened)->description()), path);
    return std::shared_ptr<RegistryStore>(std::move(*opened));
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
            plan.skipped << tr("%1 is not changed: it lives under %2, which %3 does not hold. "
                               "Run this wizard on that hive as well.")
                                .arg(e.settingId, e.key.section(QLatin1Char('\\'), 0, 1), m_store->description());
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
    if (m_targetKind == TargetKind::LiveRegistry) {
        const QString docs = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        return registry::defaultBackupPath(QDir(docs).filePath(QStringLiteral("registry")));
    }
    return registry::defaultBackupPath(m_targetPath);
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

Result<QList<ValueReading>> WizardState::readBack(const RegistryStore &store, const registry::ChangeSet &changes)
{
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
