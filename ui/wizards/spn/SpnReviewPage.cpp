#include "ui/wizards/spn/SpnReviewPage.h"

#include "ui/directory/DirectorySession.h"
#include "ui/wizards/SettingsWizard.h"
#include "ui/wizards/pages/PageUtil.h"
#include "ui/wizards/spn/SpnWizard.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ssod::ui {

using core::directory::PlannedSpn;
using core::wizard::SpnRegistration;

SpnReviewPage::SpnReviewPage(SpnWizard &wizard) : m_wizard(wizard)
{
    setObjectName(QStringLiteral("reviewPage"));
    setTitle(tr("Review"));
    setSubTitle(tr("Step 4 of 6 \u2014 What the directory holds now, and what else the change affects"));
    m_headline = pageutil::text({}, this, QStringLiteral("reviewHeadline"));
    m_table = new QTableWidget(0, 4, this);
    m_table->setObjectName(QStringLiteral("planTable"));
    m_table->setAccessibleName(tr("SPNs of the service"));
    m_table->setHorizontalHeaderLabels({ tr("SPN"), tr("State"), tr("Held by"), tr("Why it is needed") });
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_collateralHeading = pageutil::heading(tr("What else this affects"), this);
    m_collateral = new QListWidget(this);
    m_collateral->setObjectName(QStringLiteral("collateralList"));
    m_collateral->setAccessibleName(tr("What else this affects"));
    m_collateral->setWordWrap(true);
    m_problem = pageutil::problemLabel(this, QStringLiteral("reviewProblem"));
    m_busy = new QProgressBar(this);
    m_busy->setObjectName(QStringLiteral("reviewProgress"));
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_cancel = new QPushButton(tr("Cancel Check"), this);
    m_cancel->setObjectName(QStringLiteral("reviewCancel"));
    m_retry = new QPushButton(tr("Check Again"), this);
    m_retry->setObjectName(QStringLiteral("reviewRetry"));
    m_cancel->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    m_retry->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_busy, 1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_retry);
    buttons->addStretch(0);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_headline);
    layout->addWidget(m_table, 3);
    layout->addWidget(m_collateralHeading);
    layout->addWidget(m_collateral, 2);
    layout->addWidget(m_problem);
    layout->addLayout(buttons);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (DirectorySession *s = m_wizard.session())
            s->cancel();
    });
    connect(m_retry, &QPushButton::clicked, this, [this] { check(); });
}

void SpnReviewPage::initializePage()
{
    if (!m_wizard.registration().hasApplied())
        check();
    else
        show();
}

void SpnReviewPage::cleanupPage()
{
    if (m_checking && m_wizard.session())
        m_wizard.session()->cancel();
}

bool SpnReviewPage::isComplete() const
{
    return !m_checking && m_wizard.registration().plan().has_value();
}

void SpnReviewPage::check()
{
    SpnRegistration &reg = m_wizard.registration();
    DirectorySession *session = m_wizard.session();
    pageutil::setProblem(m_problem, {});
    if (!session || !session->isConnected()) {
        // Export only, not connected: the SPNs unchecked, the account by name.
        auto spns = reg.preview();
        if (!spns) {
            pageutil::setProblem(m_problem, spns.error().message);
            return;
        }
        core::directory::FarmPlan plan;
        plan.input = reg.input;
        plan.account.samAccountName = reg.input.account;
        plan.spns = *spns;
        reg.setPlan({ plan, {}, {} });
        show();
        return;
    }
    m_checking = true;
    m_busy->setVisible(true);
    m_cancel->setVisible(true);
    m_retry->setVisible(false);
    const auto spns = reg.preview();
    m_headline->setText(tr("Checking %n SPNs against %1\u2026", nullptr, spns ? int(spns->size()) : 0)
                            .arg(session->description().toHtmlEscaped()));
    m_table->setRowCount(0);
    m_collateral->clear();
    Q_EMIT completeChanged();
    const SpnRegistration copy = reg;
    session->run<SpnRegistration::Planned>(
        tr("Checking the SPNs\u2026"),
        [copy](core::directory::LdapConnection &c, const std::atomic<bool> &cancel) { return copy.makePlan(c, &cancel); },
        this,
        [this](core::Result<SpnRegistration::Planned> r) {
            m_checking = false;
            if (r)
                m_wizard.registration().setPlan(*r);
            else
                pageutil::setProblem(m_problem,
                    DirectorySession::isCancelled(r.error()) ? tr("The check was cancelled; nothing was read.")
                                                            : r.error().message);
            show();
        },
        DirectorySession::JobKind::ReadOnly);
}

void SpnReviewPage::show()
{
    m_busy->setVisible(false);
    m_cancel->setVisible(false);
    m_retry->setVisible(!m_wizard.registration().hasApplied());
    const auto &plan = m_wizard.registration().plan();
    m_table->setRowCount(0);
    m_collateral->clear();
    if (!plan) {
        m_headline->clear();
        Q_EMIT completeChanged();
        return;
    }
    const bool checked = !plan->account.dn.isEmpty();
    for (const PlannedSpn &p : plan->spns) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        QString state;
        QColor background;
        switch (p.status) {
        case PlannedSpn::Status::Free:
            state = checked ? tr("free: will be added") : tr("not checked: will be added");
            background = wizardcolors::added();
            break;
        case PlannedSpn::Status::AlreadyCorrect:
            // Held here, and maybe by another account too: then it is a duplicate to resolve.
            state = p.holders.isEmpty() ? tr("already correct") : tr("already here, but also elsewhere: a duplicate");
            background = p.holders.isEmpty() ? wizardcolors::keyCreated() : wizardcolors::removed();
            break;
        case PlannedSpn::Status::HeldElsewhere:
            state = tr("held by another account: not added");
            background = wizardcolors::removed();
            break;
        }
        const QStringList cells { p.spn, state, p.holders.join(QStringLiteral(", ")), p.why };
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            item->setBackground(background);
            item->setForeground(QColor(Qt::black)); // the state is in words; the colour only repeats it
            item->setToolTip(cells[c]);
            m_table->setItem(row, c, item);
        }
    }
    m_table->resizeColumnsToContents();
    for (const auto &c : plan->collateral) {
        auto *item = new QListWidgetItem(QStringLiteral("\u26A0 %1\n     \u2192 %2").arg(c.text, c.suggestion), m_collateral);
        item->setForeground(wizardcolors::bad());
    }
    m_collateralHeading->setVisible(!plan->collateral.isEmpty());
    m_collateral->setVisible(!plan->collateral.isEmpty());
    const int add = plan->count(PlannedSpn::Status::Free);
    const int held = plan->count(PlannedSpn::Status::HeldElsewhere);
    QString headline = checked
        ? tr("On <b>%1</b>: %2 to add, %3 already correct, %4 held by another account.")
              .arg(plan->account.samAccountName.toHtmlEscaped())
              .arg(add)
              .arg(plan->count(PlannedSpn::Status::AlreadyCorrect))
              .arg(held)
        : tr("Not checked against a directory: %n SPNs for <b>%1</b> will be exported.", nullptr, add)
              .arg(plan->account.samAccountName.toHtmlEscaped());
    if (!plan->collateral.isEmpty())
        headline += QStringLiteral(" <span style=\"color:%1\">%2</span>")
                        .arg(wizardcolors::bad().name(),
                            tr("%n other things would break: read them below before you go on.", nullptr,
                                int(plan->collateral.size())));
    m_headline->setText(headline);
    Q_EMIT completeChanged();
}

} // namespace ssod::ui
