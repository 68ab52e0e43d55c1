#pragma once

#include "core/wizard/WizardState.h"

#include <QWizardPage>

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace ssod::ui {

/// Step 5: apply to the target with a backup (on a worker thread), or export in any format the
/// engine supports, or copy the export to the clipboard.
class ApplyPage final : public QWizardPage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApplyPage)

public:
    ApplyPage(core::wizard::WizardState &state, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    /// Brings the page up to date with the state (also when it is shown again by Back).
    void refresh();

private:
    void apply();
    void showApplyProblem(const QString &message);
    void renderExport();
    void exportToFile();
    core::registry::ExportFormat format() const;

    core::wizard::WizardState &m_state;
    QGroupBox *m_applyBox;
    QLabel *m_applyIntro;
    QLineEdit *m_backup;
    QPushButton *m_apply;
    QLabel *m_applyResult;
    QComboBox *m_format;
    QPushButton *m_export;
    QPushButton *m_copy;
    QPlainTextEdit *m_preview;
    QLabel *m_exportStatus;
    bool m_busy = false;
    bool m_exported = false;
};

} // namespace ssod::ui
