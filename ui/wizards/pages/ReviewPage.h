#pragma once

#include "core/wizard/WizardState.h"

#include <QWizardPage>

class QLabel;
class QPlainTextEdit;
class QTableWidget;

namespace ssod::ui {

/// Step 4: the engine's diff as a before/after table (a word and a colour per row), "already
/// compliant" when nothing changes, and the warnings that apply.
class ReviewPage final : public QWizardPage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReviewPage)

public:
    ReviewPage(core::wizard::WizardState &state, QWidget *parent = nullptr);

    void initializePage() override;
    /// "N changes will be made" until they are applied, then says they were (Back after Apply).
    void refreshHeadline();
    bool isComplete() const override { return m_ok; }

    /// "Add", "Change", "Remove", "Create key", "Remove key", with its row colour.
    static QString actionText(const core::registry::Change &change);
    static QColor actionColor(const core::registry::Change &change);

private:
    core::wizard::WizardState &m_state;
    QTableWidget *m_table;
    QPlainTextEdit *m_details;
    QLabel *m_compliant;
    QLabel *m_warnings;
    QLabel *m_skipped;
    QLabel *m_problem;
    bool m_ok = false;
};

} // namespace ssod::ui
