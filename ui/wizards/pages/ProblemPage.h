#pragma once

#include "core/wizard/WizardState.h"

#include <QWizardPage>

namespace ssod::ui {

/// Step 1: the symptoms in the user's words, their cause, and when this wizard is the wrong one.
class ProblemPage final : public QWizardPage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProblemPage)

public:
    ProblemPage(core::wizard::WizardState &state, QWidget *parent = nullptr);
};

} // namespace ssod::ui
