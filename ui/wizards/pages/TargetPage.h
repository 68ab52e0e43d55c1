#pragma once

#include "core/wizard/WizardState.h"
#include "ui/widgets/ReadProgress.h"

#include <QWizardPage>

class QButtonGroup;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;

namespace ssod::ui {

class FileWarningsNote;

/// Step 2: where the change goes. Reading the target runs on a worker thread; the page is
/// complete once the chosen target was read (or "export only" is chosen).
class TargetPage final : public QWizardPage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TargetPage)

public:
    TargetPage(core::wizard::WizardState &state, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    /// After Apply the target is fixed (Undo needs it); shown again by Back, the page says so.
    void lockIfApplied();

private:
    core::wizard::TargetKind currentKind() const;
    void targetChanged();
    void startRead();
    void browse();
    void showProblem(const QString &message);

    core::wizard::WizardState &m_state;
    QButtonGroup *m_kinds;
    QLineEdit *m_path;
    QPushButton *m_browse;
    QLabel *m_pathHint;
    QLabel *m_status;
    QLabel *m_problem;
    FileWarningsNote *m_fileWarnings;
    QTimer *m_debounce;
    ReadProgress *m_progress = new ReadProgress(this); ///< a large file takes seconds: progress and Stop
    int m_generation = 0; ///< results of older reads are dropped
    bool m_read = false;
};

} // namespace ssod::ui
