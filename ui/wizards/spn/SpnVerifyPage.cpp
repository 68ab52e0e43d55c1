#include "ui/wizards/spn/SpnVerifyPage.h"

#include "ui/directory/DirectorySession.h"
#include "ui/wizards/SettingsWizard.h"
#include "ui/wizards/pages/PageUtil.h"
#include "ui/wizards/spn/SpnWizard.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ssod::ui {

using core::wizard::SpnRegistration;

SpnVerifyPage::SpnVerifyPage(SpnWizard &wizard, const QString &hint) : m_wizard(wizard)
{
    setObjectName(QStringLiteral("verifyPage"));
    setTitle(tr("Verify"));
    setSubTitle(tr("Step 6 of 6 \u2014 Read back from the directory"));
    m_summary = pageutil::text({}, this, QStringLiteral("verifySummary"));
    m_table = new QTableWidget(0, 2, this);
    m_table->setObjectName(QStringLiteral("verifyTable"));
    m_table->setAccessibleName(tr("SPNs read back from the directory"));
    m_table->setHorizontalHeaderLabels({ tr("SPN"), tr("In the directory now") });
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_outcome = pageutil::problemLabel(this, QStringLiteral("verifyOutcome"));
    m_again = new QPushButton(tr("Check &Again"), this);
    m_again->setObjectName(QStringLiteral("verifyAgain"));
    m_undo = new QPushButton(tr("&Undo: Remove the Added SPNs"), this);
    m_undo->setObjectName(QStringLiteral("undoButton"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_again);
    buttons->addWidget(m_undo);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_outcome);
    layout->addLayout(buttons);
    layout->addWidget(pageutil::heading(tr("Then, on a client"), this));
    layout->addWidget(pageutil::text(hint.toHtmlEscaped(), this, QStringLiteral("verifyHint")));
    connect(m_again, &QPushButton::clicked, this, [this] { verify(); });
    connect(m_undo, &QPushButton::clicked, this, [this] { undo(); });
}

void SpnVerifyPage::initializePage()
{
    m_outcome->setVisible(false);
    verify();
}

void SpnVerifyPage::verify()
{
    const SpnRegistration &reg = m_wizard.registration();
    m_undo->setEnabled(reg.hasApplied());
    m_table->setRowCount(0);
    if (!m_wizard.writesToDirectory()) {
        m_summary->setText(tr("Export only: once an administrator has run the script, connect on the Directory page "
                              "and look the SPNs up there."));
        m_again->setEnabled(false);
        return;
    }
    m_again->setEnabled(false);
    m_summary->setText(tr("Reading the SPNs back from %1\u2026").arg(m_wizard.session()->description().toHtmlEscaped()));
    const SpnRegistration copy = reg;
    m_wizard.session()->run<QList<SpnRegistration::Check>>(
        tr("Reading the SPNs back\u2026"),
        [copy](core::directory::LdapConnection &c, const std::atomic<bool> &) { return copy.verify(c); }, this,
        [this](core::Result<QList<SpnRegistration::Check>> r) {
            m_again->setEnabled(true);
            if (!r) {
                m_summary->clear();
                pageutil::setOutcome(m_outcome, false, r.error().message);
                return;
            }
            int good = 0;
            for (const auto &c : *r) {
                const int row = m_table->rowCount();
                m_table->insertRow(row);
                m_table->setItem(row, 0, new QTableWidgetItem(c.spn));
                auto *state = new QTableWidgetItem((c.ok ? QStringLiteral("\u2714 ") : QStringLiteral("\u26A0 ")) + c.text);
                state->setForeground(c.ok ? wizardcolors::good() : wizardcolors::bad());
                m_table->setItem(row, 1, state);
                good += c.ok ? 1 : 0;
            }
            m_table->resizeColumnToContents(0);
            m_summary->setText(r->isEmpty() ? tr("No SPN of this service is on the account (nothing was added, or it "
                                                 "was undone).")
                                            : tr("%1 of %n SPNs on the service account and nobody else.", nullptr,
                                                  int(r->size()))
                                                  .arg(good));
        },
        DirectorySession::JobKind::ReadOnly);
}

void SpnVerifyPage::undo()
{
    m_undo->setEnabled(false);
    const int count = int(m_wizard.registration().applied().size());
    m_wizard.undo(this, [this, count](const QString &error) {
        if (error.isEmpty())
            pageutil::setOutcome(m_outcome, true, tr("Removed the %n SPNs this wizard added.", nullptr, count));
        else
            pageutil::setOutcome(m_outcome, false, error);
        verify();
    });
}

} // namespace ssod::ui
