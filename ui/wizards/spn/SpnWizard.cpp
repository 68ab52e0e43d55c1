#include "ui/wizards/spn/SpnWizard.h"

#include "ui/directory/DirectorySession.h"
#include "ui/wizards/pages/PageUtil.h"
#include "ui/wizards/pages/ProblemPage.h"
#include "ui/wizards/spn/SpnApplyPage.h"
#include "ui/wizards/spn/SpnInputPages.h"
#include "ui/wizards/spn/SpnReviewPage.h"
#include "ui/wizards/spn/SpnVerifyPage.h"

#include <QAbstractButton>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>

namespace ssod::ui {

using core::directory::LdapConnection;

SpnWizard::SpnWizard(const core::wizard::WizardDefinition &definition, DirectorySession *session, QWidget *parent)
    : QWizard(parent), m_session(session)
{
    pageutil::frameWizard(this, definition);
    setPage(ProblemPageId, new ProblemPage(definition, this));
    setPage(TargetPageId, new SpnTargetPage(*this));
    setPage(OptionsPageId, new SpnOptionsPage(*this));
    setPage(ReviewPageId, new SpnReviewPage(*this));
    setPage(ApplyPageId, new SpnApplyPage(*this));
    setPage(VerifyPageId, new SpnVerifyPage(*this, definition.verifyHint));
    setStartId(ProblemPageId);
    pageutil::nameButtonsAndPages(this, definition);
    connect(this, &QWizard::currentIdChanged, this, [this](int id) { pageShown(id); });
    resize(1100, 660);
}

bool SpnWizard::writesToDirectory() const
{
    return m_session && m_session->isConnected() && !m_registration.exportOnly;
}

void SpnWizard::pageShown(int id)
{
    // Back does not initialise a page again: pages that depend on Apply refresh themselves.
    if (auto *apply = qobject_cast<SpnApplyPage *>(page(id)))
        apply->refresh();
    if (auto *options = qobject_cast<SpnOptionsPage *>(page(id)))
        options->lockIfApplied();
    if (auto *target = qobject_cast<SpnTargetPage *>(page(id)))
        target->lockIfApplied();
    QTimer::singleShot(0, this, [this, id] {
        if (currentId() != id)
            return;
        QWidget *shown = currentPage();
        if (!shown)
            return;
        for (QWidget *w = shown->nextInFocusChain(); w && w != shown; w = w->nextInFocusChain())
            if (shown->isAncestorOf(w) && (w->focusPolicy() & Qt::TabFocus) && w->isEnabled() && w->isVisibleTo(this)) {
                w->setFocus(Qt::TabFocusReason);
                break;
            }
    });
}

void SpnWizard::undo(QObject *context, std::function<void(const QString &error)> done)
{
    if (!m_session) {
        done(tr("the directory connection is gone; remove the SPNs with the CLI (spn remove)"));
        return;
    }
    const core::wizard::SpnRegistration registration = m_registration;
    m_session->run<bool>(
        tr("Removing the SPNs again\u2026"),
        [registration](LdapConnection &c, const std::atomic<bool> &) -> core::Result<bool> {
            if (auto r = registration.undo(c); !r)
                return r.error();
            return true;
        },
        context,
        [this, done](core::Result<bool> r) {
            if (r)
                m_registration.setApplied({});
            done(r ? QString() : r.error().message);
        });
}

void SpnWizard::reject()
{
    if (m_closing || !m_registration.hasApplied()) {
        QWizard::reject();
        return;
    }
    QStringList spns;
    for (const auto &c : m_registration.applied())
        spns << c.spn;
    pageutil::askKeepOrUndo(this,
        { tr("Keep the SPNs?"),
            tr("This wizard registered %1 on %2. Keep them, or remove them again now?")
                .arg(spns.join(QStringLiteral(", ")), m_registration.applied().first().account),
            {}, tr("&Keep the SPNs"), tr("&Remove Them") },
        [this] {
            m_closing = true;
            QWizard::reject();
        },
        [this] {
            button(CancelButton)->setEnabled(false);
            undo(this, [this](const QString &error) {
                button(CancelButton)->setEnabled(true);
                if (!error.isEmpty()) {
                    auto *failed = new QMessageBox(QMessageBox::Warning, tr("Removing Failed"),
                        tr("The SPNs were not removed: %1").arg(error), QMessageBox::Ok, this);
                    failed->setObjectName(QStringLiteral("undoFailedBox"));
                    failed->setAttribute(Qt::WA_DeleteOnClose);
                    failed->open();
                    return;
                }
                m_closing = true;
                QWizard::reject();
            });
        });
}

void SpnWizard::prefill(const core::directory::FarmPlanInput &in)
{
    if (auto *options = qobject_cast<SpnOptionsPage *>(page(OptionsPageId)))
        options->prefill(in);
}

} // namespace ssod::ui
