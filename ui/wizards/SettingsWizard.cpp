#include "ui/wizards/SettingsWizard.h"

#include "ui/wizards/pages/ApplyPage.h"
#include "ui/wizards/pages/OptionsPage.h"
#include "ui/wizards/pages/ProblemPage.h"
#include "ui/wizards/pages/ReviewPage.h"
#include "ui/wizards/pages/TargetPage.h"
#include "ui/wizards/pages/VerifyPage.h"

namespace ssod::ui {

SettingsWizard::SettingsWizard(const core::wizard::WizardDefinition &definition,
                               const core::catalog::Catalog &catalog, QWidget *parent)
    : QWizard(parent), m_state(definition, catalog)
{
    setObjectName(QStringLiteral("wizard-%1").arg(definition.id));
    setWindowTitle(definition.title);
    setAccessibleName(definition.title);
    // Classic style everywhere: the same layout on every platform and in the screenshots.
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnLastPage, false);
    setOption(QWizard::HaveHelpButton, false);
    setPage(ProblemPageId, new ProblemPage(m_state, this));
    setPage(TargetPageId, new TargetPage(m_state, this));
    setPage(OptionsPageId, new OptionsPage(m_state, this));
    setPage(ReviewPageId, new ReviewPage(m_state, this));
    setPage(ApplyPageId, new ApplyPage(m_state, this));
    setPage(VerifyPageId, new VerifyPage(m_state, this));
    setStartId(ProblemPageId);
    for (WizardButton b : {BackButton, NextButton, FinishButton, CancelButton})
        if (QAbstractButton *button = this->button(b))
            button->setObjectName(QStringLiteral("wizardButton%1").arg(int(b)));
    button(BackButton)->setAccessibleName(tr("Back"));
    button(NextButton)->setAccessibleName(tr("Next"));
    button(FinishButton)->setAccessibleName(tr("Finish"));
    button(CancelButton)->setAccessibleName(tr("Cancel"));
    resize(1160, 740);
}

namespace wizardcolors {
QColor added() { return {0xdf, 0xf3, 0xe0}; }
QColor changed() { return {0xff, 0xf0, 0xc8}; }
QColor removed() { return {0xfb, 0xdc, 0xdc}; }
QColor keyCreated() { return {0xe3, 0xec, 0xfa}; }
QColor bad() { return {0xc6, 0x28, 0x28}; }
QColor good() { return {0x2e, 0x7d, 0x32}; }
} // namespace wizardcolors

} // namespace ssod::ui
