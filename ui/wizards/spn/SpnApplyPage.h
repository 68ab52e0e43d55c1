#pragma once

#include <QWizardPage>

class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace ssod::ui {

class SpnWizard;

/// Step 5: register the free SPNs with LDAP modify (all or nothing), or export the change as a
/// setspn batch, PowerShell, LDIF or ktpass lines. Collateral damage must be acknowledged first.
class SpnApplyPage final : public QWizardPage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpnApplyPage)

public:
    explicit SpnApplyPage(SpnWizard &wizard);
    void initializePage() override;
    bool isComplete() const override;
    /// Shows the state after Apply or a later Undo (Back does not initialise a page again).
    void refresh();
    /// Writes the export shown to \a path atomically; false with \a error on failure.
    bool exportTo(const QString &path, QString *error);

private:
    void apply();
    void renderExport();
    void saveExport();

    SpnWizard &m_wizard;
    QLabel *m_summary;
    QCheckBox *m_accept;
    QPushButton *m_apply;
    QLabel *m_outcome;
    QComboBox *m_format;
    QPlainTextEdit *m_preview;
    QPushButton *m_save;
    QString m_rendered;
    bool m_applying = false;
};

} // namespace ssod::ui
