#pragma once

#include "core/catalog/SettingRequest.h"
#include "core/registry/Applier.h"
#include "core/registry/ChangeSet.h"
#include "core/registry/ReadOptions.h"
#include "core/registry/RegistryStore.h"
#include "core/registry/export/Exporter.h"
#include "core/wizard/WizardDefinition.h"

#include <QMap>
#include <QSet>

#include <memory>

namespace ssod::core::wizard {

/// What the Review page shows: the changes, and why some settings are not among them.
struct WizardPlan
{
    QList<catalog::SettingRequest> requests;
    registry::ChangeSet changes;
    QStringList warnings; ///< the wizard's own, the chosen profile's, and each request's
    QStringList skipped;  ///< settings the target cannot hold, with where they belong
};

/// One value after apply or undo, read back from the target.
struct ValueReading
{
    registry::Change change;
    std::optional<registry::RegValue> now; ///< for key changes: empty = key absent
    bool keyExists = false;
    bool matchesAfter = false;
    bool matchesBefore = false;
};

/**
 * The one state object every page of a wizard shares (STYLE.md: KeePassXC's NewDatabaseWizard):
 * the definition, the user's choices, the opened target, the plan and the apply outcome. The
 * functions that touch a store are static so that pages can run them on a worker thread with
 * copies of their inputs; everything else is called on the UI thread.
 */
class WizardState final
{
public:
    WizardState(const WizardDefinition &definition, const catalog::Catalog &catalog);

    const WizardDefinition &definition() const { return m_def; }
    const catalog::Catalog &catalog() const { return m_catalog; }

    // --- choices (Options page) ---
    QString profile() const { return m_profile; }
    void setProfile(const QString &id) { m_profile = id; }
    bool isVisible(const WizardOption &option) const;
    bool isEnabled(const WizardOption &option) const;
    void setEnabled(const QString &optionId, bool on) { m_enabled.insert(optionId, on); }
    /// The value of an option's enum setting (empty: the setting's default).
    QString choice(const QString &optionId) const { return m_choices.value(optionId); }
    void setChoice(const QString &optionId, const QString &value) { m_choices.insert(optionId, value); }
    QStringList listItems() const { return m_items; }
    void setListItems(const QStringList &items) { m_items = items; }
    /// True when a visible, enabled option edits the shared list.
    bool listInUse() const;
    /// Why \a item cannot go into the list (the catalog's message), or empty when it can.
    QString listItemProblem(const QString &item) const;
    /// The setting requests the choices make; the first invalid choice is the error.
    Result<QList<catalog::SettingRequest>> requests() const;

    // --- target (Target page) ---
    TargetKind targetKind() const { return m_targetKind; }
    QString targetPath() const { return m_targetPath; }
    void setTarget(TargetKind kind, const QString &path);
    std::shared_ptr<registry::RegistryStore> store() const { return m_store; }
    void setStore(std::shared_ptr<registry::RegistryStore> store) { m_store = std::move(store); }
    /// Opens the target (thread-safe): .reg/.pol/JSON may be missing (created on apply), a hive
    /// must exist. The message names the file and what to do.
    static Result<std::shared_ptr<registry::RegistryStore>> openTarget(TargetKind kind, const QString &path,
                                                                       const registry::ReadOptions &options = {});

    // --- review ---
    /// Diff of the current choices against the opened store (or an empty registry for export).
    Result<WizardPlan> computePlan() const;
    const WizardPlan &plan() const { return m_plan; }
    /// A new plan is not applied yet, even when an earlier plan of this wizard was.
    void setPlan(WizardPlan plan);

    // --- apply / export / verify / undo ---
    QString suggestedBackupPath() const;
    /// Every apply of this wizard run, oldest first; each has its own backup. Going Back after
    /// Apply and changing the choices gives a new plan, which is applied on its own.
    const QList<registry::ApplyOutcome> &outcomes() const { return m_outcomes; }
    /// Records that the current plan was written.
    void addOutcome(registry::ApplyOutcome outcome);
    /// After Undo: nothing of this run is in the target any more.
    void clearOutcomes()
    {
        m_outcomes.clear();
        m_planApplied = false;
    }
    bool hasApplied() const { return !m_outcomes.isEmpty(); }
    /// True when the current plan was written (or needs nothing).
    bool planApplied() const { return m_planApplied || m_plan.changes.isCompliant(); }
    /// What every apply wrote, one change per value: the first "before", the last "after". This,
    /// not the plan, is what Verify compares the target with.
    registry::ChangeSet appliedChanges() const;
    /// The backups of every apply, newest first (the order Undo restores them in).
    QStringList backupFiles() const;
    registry::ExportOptions exportOptions() const;
    Result<QByteArray> exportAs(registry::ExportFormat format) const;

    static Result<registry::ApplyOutcome> apply(registry::RegistryStore &store,
        const registry::ChangeSet &changes, const QString &backupFile,
        const registry::ExportOptions &options);
    /// Reads \a changes back from the file on disk (opened afresh, so nothing cached in a store
    /// object can stand in for what was written); the live registry is read through \a store.
    static Result<QList<ValueReading>> readBack(
        const registry::RegistryStore &store, const registry::ChangeSet &changes);
    /// Why the target file cannot be written, judged from its mode bits and owner (root ignores
    /// permissions, so access() would say yes), or empty when it can (or does not exist yet).
    static QString writeProblem(TargetKind kind, const QString &path);
    /// Restores every backup of this run, newest first (thread-safe: static, works on copies).
    static Result<void> undoAll(registry::RegistryStore &store, const QStringList &backupsNewestFirst);

private:
    const WizardDefinition &m_def;
    const catalog::Catalog &m_catalog;
    QString m_profile;
    QMap<QString, bool> m_enabled;
    QMap<QString, QString> m_choices;
    QStringList m_items;
    TargetKind m_targetKind = TargetKind::ExportOnly;
    QString m_targetPath;
    std::shared_ptr<registry::RegistryStore> m_store;
    WizardPlan m_plan;
    bool m_planApplied = false;
    QList<registry::ApplyOutcome> m_outcomes;
};

} // namespace ssod::core::wizard
