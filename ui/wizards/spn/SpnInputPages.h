#pragma once

#include "core/directory/SpnPlan.h"

#include <QWizardPage>

class QLabel;
class QLineEdit;
class QListWidget;
class QRadioButton;

namespace ssod::ui {

class SpnWizard;

/// Step 2: the connected directory (the connection and DC named), or export only.
class SpnTargetPage final : public QWizardPage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpnTargetPage)

public:
    explicit SpnTargetPage(SpnWizard &wizard);
    bool isComplete() const override;
    bool validatePage() override;
    /// After Apply the target cannot change until Undo (Verify page).
    void lockIfApplied();

private:
    void update();

    SpnWizard &m_wizard;
    QRadioButton *m_directory;
    QRadioButton *m_export;
    QLabel *m_connection;
    QLabel *m_locked;
};

/// Step 3: the planner's inputs — service classes, load-balanced names, nodes, DNS domain, the
/// service account, ports — with the SPNs they make shown as they are typed.
class SpnOptionsPage final : public QWizardPage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpnOptionsPage)

public:
    explicit SpnOptionsPage(SpnWizard &wizard);
    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;
    void lockIfApplied();
    /// Fills the inputs (a Diagnose finding's Fix…); the user still reviews them.
    void prefill(const core::directory::FarmPlanInput &in);

private:
    void updatePreview();

    SpnWizard &m_wizard;
    QLineEdit *m_classes;
    QLineEdit *m_names;
    QLineEdit *m_nodes;
    QLineEdit *m_domain;
    QLineEdit *m_account;
    QLineEdit *m_ports;
    QListWidget *m_preview;
    QLabel *m_problem;
    QLabel *m_locked;
    bool m_valid = false;
};

} // namespace ssod::ui
