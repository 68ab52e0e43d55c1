#pragma once

#include "core/wizard/WizardState.h"

#include <QWizardPage>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace ssod::ui {

/// Step 6: reads the target back and shows each value's state; Undo restores the backup.
class VerifyPage final : public QWizardPage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VerifyPage)

public:
    VerifyPage(core::wizard::WizardState &state, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override { return !m_busy; }
    bool isBusy() const { return m_busy; }

private:
    void readBack(bool afterUndo);
    void undo();
    void show(const QList<core::wizard::ValueReading> &readings, bool afterUndo);
    /// What makes the written target take effect, then the wizard's own check.
    QString targetHint() const;

    core::wizard::WizardState &m_state;
    QLabel *m_status;
    QTableWidget *m_table;
    QPlainTextEdit *m_details;
    core::registry::ChangeSet m_written; ///< what the applies of this run wrote
    QPushButton *m_undo;
    QLabel *m_undoStatus;
    QLabel *m_hint;
    QLabel *m_reminder;
    bool m_busy = false;
    bool m_undone = false;
};

} // namespace ssod::ui
