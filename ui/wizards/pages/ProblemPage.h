#pragma once

#include "core/wizard/WizardDefinition.h"

#include <QWizardPage>

namespace ssod::ui {

/// Step 1: the symptoms in the user's words, their cause, and when this wizard is the wrong one.
class ProblemPage final : public QWizardPage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProblemPage)

public:
    /// Shared by every wizard: only the definition's words are shown.
    ProblemPage(const core::wizard::WizardDefinition &definition, QWidget *parent = nullptr);
};

} // namespace ssod::ui
