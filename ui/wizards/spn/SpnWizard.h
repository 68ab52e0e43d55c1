#pragma once

#include "core/wizard/SpnRegistration.h"
#include "core/wizard/WizardDefinition.h"

#include <QPointer>
#include <QWizard>

namespace ssod::ui {

class DirectorySession;

/**
 * The SPN registration wizard: the same six steps as every wizard (Problem, Target, Options,
 * Review, Apply/Export, Verify with Undo), over the directory instead of the registry. The words
 * come from resources/wizards (kind "spn-registration"); the pages share one SpnRegistration, and
 * every directory call runs on the DirectorySession's worker, never on the UI thread.
 */
class SpnWizard final : public QWizard {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpnWizard)

public:
    enum PageId { ProblemPageId, TargetPageId, OptionsPageId, ReviewPageId, ApplyPageId, VerifyPageId };

    SpnWizard(const core::wizard::WizardDefinition &definition, DirectorySession *session, QWidget *parent = nullptr);

    core::wizard::SpnRegistration &registration() { return m_registration; }
    DirectorySession *session() const { return m_session; }
    /// Connected, and the user chose to write to the directory.
    bool writesToDirectory() const;

    /// Fills the Options page's inputs (Diagnose's Fix… for a missing SPN).
    void prefill(const core::directory::FarmPlanInput &in);

    /// Cancel after Apply asks whether to keep the SPNs or remove them again.
    void reject() override;
    /// Removes what Apply added (on the session's worker); \a done gets an error message or empty.
    void undo(QObject *context, std::function<void(const QString &error)> done);

private:
    void pageShown(int id);

    core::wizard::SpnRegistration m_registration;
    QPointer<DirectorySession> m_session;
    bool m_closing = false;
};

} // namespace ssod::ui
