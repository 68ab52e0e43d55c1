#pragma once

#include <QWizardPage>

class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace ssod::ui {

class SpnWizard;

/// Step 4: every SPN checked against the directory (free / already correct / held by another
/// account, in words and colour) and the collateral damage, before anything changes.
class SpnReviewPage final : public QWizardPage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpnReviewPage)

public:
    explicit SpnReviewPage(SpnWizard &wizard);
    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;

private:
    void check();
    void show();

    SpnWizard &m_wizard;
    QLabel *m_headline;
    QTableWidget *m_table;
    QListWidget *m_collateral;
    QLabel *m_collateralHeading;
    QLabel *m_problem;
    QProgressBar *m_busy;
    QPushButton *m_cancel;
    QPushButton *m_retry;
    bool m_checking = false;
};

} // namespace ssod::ui
