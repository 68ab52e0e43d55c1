#pragma once

#include "core/wizard/WizardState.h"

#include <QAbstractButton>
#include <QWizard>

namespace ssod::ui {

/**
 * The helpdesk wizard for one definition from resources/wizards. STYLE.md asks for one QWizard
 * per flow; the six flows differ only in their words and settings, so one generic wizard driven
 * by data serves them all and a new flow is a JSON change (knowledge as data). Every page gets
 * the one shared WizardState.
 */
class SettingsWizard final : public QWizard {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsWizard)

public:
    enum PageId { ProblemPageId, TargetPageId, OptionsPageId, ReviewPageId, ApplyPageId, VerifyPageId };

    SettingsWizard(const core::wizard::WizardDefinition &definition, const core::catalog::Catalog &catalog,
                   QWidget *parent = nullptr);

    core::wizard::WizardState &state() { return m_state; }

    /// Cancel (or Escape, or closing the window) after Apply asks whether to keep the changes or
    /// undo them, and names the backup; before Apply it just closes.
    void reject() override;

private:
    void pageShown(int id);
    void undoAndClose();

    core::wizard::WizardState m_state;
    bool m_closing = false; ///< the user chose: close without asking again
    bool m_undoing = false;
};

/// Colours for states shown next to their words (never colour alone).
namespace wizardcolors {
QColor added();
QColor changed();
QColor removed();
QColor keyCreated();
QColor bad();
QColor good();
} // namespace wizardcolors

} // namespace ssod::ui
