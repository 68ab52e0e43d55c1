#include "ui/wizards/SettingsWizard.h"

#include "ui/wizards/pages/ApplyPage.h"
#include "ui/wizards/pages/OptionsPage.h"
#include "ui/wizards/pages/PageUtil.h"
#include "ui/wizards/pages/ProblemPage.h"
#include "ui/wizards/pages/ReviewPage.h"
#include "ui/wizards/pages/TargetPage.h"
#include "ui/wizards/pages/VerifyPage.h"

#include <QAccessible>
#include <QDir>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

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
    setPage(ProblemPageId, new ProblemPage(definition, this));
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
    // The step is part of each page's name, so a screen reader says where the user is.
    for (int id : pageIds()) {
        QWizardPage *p = page(id);
        p->setAccessibleName(p->subTitle());
        p->setAccessibleDescription(tr("%1: %2").arg(definition.title, p->subTitle()));
    }
    connect(this, &QWizard::currentIdChanged, this, [this](int id) { pageShown(id); });
    // Fits a 1366×768 screen with its title bar and a taskbar; the pages scroll or wrap below that.
    resize(1100, 660);
}

void SettingsWizard::pageShown(int id)
{
    QWizardPage *p = page(id);
    if (!p)
        return;
    setAccessibleDescription(p->accessibleName());
    // Back does not initialise a page again; the Apply page must still reflect a later Undo.
    if (auto *apply = qobject_cast<ApplyPage *>(p))
        apply->refresh();
    if (auto *target = qobject_cast<TargetPage *>(p))
        target->lockIfApplied();
    if (auto *review = qobject_cast<ReviewPage *>(p))
        review->refreshHeadline();
    // Focus on the page's first control, not on the Next button the user just pressed.
    QTimer::singleShot(0, this, [this, id] {
        if (currentId() != id)
            return;
        QWizardPage *shown = currentPage();
        QWidget *first = nullptr;
        for (QWidget *w = shown->nextInFocusChain(); w && w != shown && !first; w = w->nextInFocusChain())
            if (shown->isAncestorOf(w) && (w->focusPolicy() & Qt::TabFocus) && w->isEnabled() && w->isVisibleTo(this))
                first = w;
        // A page with nothing to choose (root-update's Options) still gets focus: its first text.
        if (!first)
            for (auto *label : shown->findChildren<QLabel *>())
                if (!first && label->isVisibleTo(this) && (label->textInteractionFlags() & Qt::TextSelectableByKeyboard))
                    first = label;
        if (first)
            first->setFocus(Qt::TabFocusReason);
        QAccessibleEvent event(shown, QAccessible::NameChanged);
        QAccessible::updateAccessibility(&event);
    });
}

void SettingsWizard::reject()
{
    if (m_closing || !m_state.hasApplied() || !m_state.store()) {
        QWizard::reject();
        return;
    }
    // Cancel after Apply: the change is in the target, and this is the last chance to undo it here.
    QStringList backups;
    for (const QString &b : m_state.backupFiles())
        backups << QDir::toNativeSeparators(b);
    pageutil::askKeepOrUndo(this,
        { tr("Keep the Changes?"),
            tr("This wizard changed %1. Keep the changes, or undo them now?").arg(m_state.store()->description()),
            tr("Backup kept for a later undo: %1\n"
               "(\"ssodoctor-cli undo --backup FILE --to TARGET\" restores it.)")
                .arg(backups.join(QStringLiteral(", "))),
            tr("&Keep the Changes"), tr("&Undo Them") },
        [this] {
            m_closing = true;
            QWizard::reject();
        },
        [this] { undoAndClose(); });
}

void SettingsWizard::undoAndClose()
{
    if (m_undoing)
        return;
    m_undoing = true;
    button(CancelButton)->setEnabled(false);
    auto store = m_state.store();
    const QStringList backups = m_state.backupFiles();
    QtConcurrent::run([store, backups] {
        auto r = core::wizard::WizardState::undoAll(*store, backups);
        return r ? QString() : r.error().toString();
    }).then(this, [this](const QString &error) {
        m_undoing = false;
        button(CancelButton)->setEnabled(true);
        if (!error.isEmpty()) {
            auto *box = new QMessageBox(QMessageBox::Warning, tr("Undo Failed"),
                tr("The changes were not undone: %1").arg(error), QMessageBox::Ok, this);
            box->setObjectName(QStringLiteral("undoFailedBox"));
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
            return;
        }
        m_state.clearOutcomes();
        m_closing = true;
        QWizard::reject();
    });
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
