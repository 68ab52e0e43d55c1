#pragma once

#include "core/wizard/WizardState.h"

#include <QWizardPage>

class QButtonGroup;
class QLabel;
class QLineEdit;
class QVBoxLayout;

namespace ssod::ui {

class SpnListEditor;

/// Step 3: only what the wizard needs — a profile, choices, optional extras, the shared list —
/// validated as you type with the catalog's own checks.
class OptionsPage final : public QWizardPage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OptionsPage)

public:
    OptionsPage(core::wizard::WizardState &state, QWidget *parent = nullptr);

    bool isComplete() const override;

private:
    void buildProfiles(QVBoxLayout *layout);
    void buildOptions(QVBoxLayout *layout);
    void buildRdpCheck(QVBoxLayout *layout);
    void refresh();
    void checkRdpFile();

    core::wizard::WizardState &m_state;
    QButtonGroup *m_profiles = nullptr;
    QList<std::pair<QString, QWidget *>> m_optionWidgets; ///< option id → its row (shown per profile)
    QWidget *m_listBox = nullptr;
    SpnListEditor *m_list = nullptr;
    QLineEdit *m_rdpFile = nullptr;
    QLabel *m_rdpFindings = nullptr;
    QLabel *m_problem;
    int m_rdpGeneration = 0;
    bool m_listProblem = false;
};

} // namespace ssod::ui
