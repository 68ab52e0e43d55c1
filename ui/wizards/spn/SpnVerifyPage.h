#pragma once

#include <QWizardPage>

class QLabel;
class QPushButton;
class QTableWidget;

namespace ssod::ui {

class SpnWizard;

/// Step 6: the SPNs read back from the directory (each on the service account and nobody else),
/// and Undo, which removes exactly what Apply added.
class SpnVerifyPage final : public QWizardPage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpnVerifyPage)

public:
    SpnVerifyPage(SpnWizard &wizard, const QString &hint);
    void initializePage() override;

private:
    void verify();
    void undo();

    SpnWizard &m_wizard;
    QLabel *m_summary;
    QTableWidget *m_table;
    QLabel *m_outcome;
    QPushButton *m_again;
    QPushButton *m_undo;
};

} // namespace ssod::ui
