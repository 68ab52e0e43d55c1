#include "ui/wizards/pages/ReviewPage.h"

#include "ui/wizards/SettingsWizard.h"
#include "ui/wizards/pages/PageUtil.h"

#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ssod::ui {

using core::registry::Change;

ReviewPage::ReviewPage(core::wizard::WizardState &state, QWidget *parent)
    : QWizardPage(parent), m_state(state), m_table(new QTableWidget(this)), m_compliant(new QLabel(this)),
      m_warnings(new QLabel(this)), m_skipped(new QLabel(this)),
      m_problem(pageutil::problemLabel(this, QStringLiteral("reviewProblemLabel")))
{
    setObjectName(QStringLiteral("reviewPage"));
    setTitle(state.definition().title);
    setSubTitle(tr("Step 4 of 6 \u2014 Review the changes before anything is written"));
    m_table->setObjectName(QStringLiteral("reviewTable"));
    m_table->setAccessibleName(tr("Changes"));
    m_table->setColumnCount(6);
    m_table->setHorizontalHeaderLabels({tr("Change"), tr("Setting"), tr("Registry key"), tr("Value"), tr("Before"), tr("After")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setTabKeyNavigation(false);
    m_table->verticalHeader()->setVisible(false);
    m_table->setWordWrap(true); // titles and keys wrap instead of hiding their ends
    m_table->setTextElideMode(Qt::ElideLeft); // the end of a key path is the telling part
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_details = pageutil::detailsPane(m_table, this, QStringLiteral("reviewDetails"));
    m_compliant->setObjectName(QStringLiteral("alreadyCompliantLabel"));
    m_compliant->setWordWrap(true);
    m_warnings->setObjectName(QStringLiteral("warningsLabel"));
    m_warnings->setWordWrap(true);
    m_warnings->setTextFormat(Qt::RichText);
    m_skipped->setObjectName(QStringLiteral("skippedLabel"));
    m_skipped->setWordWrap(true);
    m_skipped->setTextFormat(Qt::RichText);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_compliant);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_details);
    layout->addWidget(m_skipped);
    layout->addWidget(m_warnings);
    layout->addWidget(m_problem);
}

QString ReviewPage::actionText(const Change &c)
{
    switch (c.action) {
    case Change::Action::CreateKey:
        return tr("Create key");
    case Change::Action::DeleteKey:
        return tr("Remove key");
    case Change::Action::DeleteValue:
        return tr("Remove");
    case Change::Action::SetValue:
        return c.before ? tr("Change") : tr("Add");
    }
    return {};
}

QColor ReviewPage::actionColor(const Change &c)
{
    switch (c.action) {
    case Change::Action::CreateKey:
        return wizardcolors::keyCreated();
    case Change::Action::DeleteKey:
    case Change::Action::DeleteValue:
        return wizardcolors::removed();
    case Change::Action::SetValue:
        return c.before ? wizardcolors::changed() : wizardcolors::added();
    }
    return {};
}

void ReviewPage::refreshHeadline()
{
    const auto &changes = m_state.plan().changes;
    if (!m_ok || changes.isCompliant())
        return;
    const QString target = m_state.store() ? m_state.store()->description() : tr("the export");
    const int n = int(changes.changes.size());
    m_compliant->setText(m_state.hasApplied() && m_state.planApplied()
                             ? tr("%n changes were applied to %1:", nullptr, n).arg(target)
                             : tr("%n changes will be made to %1:", nullptr, n).arg(target));
}

void ReviewPage::initializePage()
{
    // The store was read on the Target page; the diff walks that in-memory state (or hivex's
    // mapped file), which takes milliseconds, so it runs here rather than on a worker thread.
    auto plan = m_state.computePlan();
    m_ok = plan.ok();
    m_table->setRowCount(0);
    if (!plan) {
        m_state.setPlan({});
        m_compliant->clear();
        m_warnings->clear();
        m_skipped->clear();
        pageutil::setProblem(m_problem, plan.error().toString());
        Q_EMIT completeChanged();
        return;
    }
    pageutil::setProblem(m_problem, {});
    m_state.setPlan(*plan);
    const auto &changes = plan->changes.changes;
    m_table->setRowCount(int(changes.size()));
    for (int row = 0; row < changes.size(); ++row) {
        const Change &c = changes.at(row);
        const bool keyAction = c.action == Change::Action::CreateKey || c.action == Change::Action::DeleteKey;
        const QString absent = keyAction ? QString() : tr("(not set)");
        const QString title = pageutil::settingTitle(m_state.catalog(), c.settingId);
        const QString valueName = keyAction ? QString() : (c.name.isEmpty() ? tr("(Default)") : c.name);
        const QString before = c.before ? c.before->display() : absent;
        const QString after = c.after ? c.after->display() : absent;
        const QStringList cells { actionText(c), title, c.key, valueName, before, after };
        for (int col = 0; col < cells.size(); ++col) {
            auto *item = new QTableWidgetItem(cells.at(col));
            item->setToolTip(col == 1 ? tr("%1 (%2)").arg(title, c.settingId) : cells.at(col));
            item->setBackground(actionColor(c));
            item->setForeground(QColor(Qt::black)); // the pale row colours need dark text in any theme
            m_table->setItem(row, col, item);
        }
        m_table->item(row, 0)->setData(Qt::UserRole,
            keyAction ? tr("%1 key\nSetting: %2 (%3)\nKey: %4").arg(actionText(c), title, c.settingId, c.key)
                      : tr("%1\nSetting: %2 (%3)\nKey: %4\nValue: %5\nBefore: %6\nAfter: %7")
                            .arg(actionText(c), title, c.settingId, c.key, valueName, before, after));
    }
    m_table->resizeColumnsToContents();
    // Before and After are what the reader compares: cap the long columns (full text in the
    // tooltips) so both stay on the page.
    const int caps[] = {0, 210, 260, 200, 130};
    for (int col = 1; col < 5; ++col)
        m_table->setColumnWidth(col, qMin(m_table->columnWidth(col), caps[col]));
    m_table->resizeRowsToContents();
    m_table->setVisible(!changes.isEmpty());
    m_details->setVisible(!changes.isEmpty());
    m_details->clear();
    if (!changes.isEmpty())
        m_table->setCurrentCell(0, 0);
    if (plan->changes.isCompliant())
        pageutil::setOutcome(m_compliant, true, tr("Already compliant: nothing to change. The target already has every value this wizard sets."));
    else
        m_compliant->setText(tr("%n changes will be made to %1:", nullptr, int(changes.size()))
                                 .arg(m_state.store() ? m_state.store()->description() : tr("the export")));
    m_compliant->setPalette(plan->changes.isCompliant() ? m_compliant->palette() : palette());

    QString warnings;
    for (const QString &w : plan->warnings)
        warnings += QStringLiteral("<li>%1</li>").arg(w.toHtmlEscaped());
    m_warnings->setText(warnings.isEmpty() ? QString() : tr("<b>\u26A0 Before you continue:</b>") + QStringLiteral("<ul>%1</ul>").arg(warnings));
    m_warnings->setVisible(!warnings.isEmpty());
    QString skipped;
    for (const QString &s : plan->skipped)
        skipped += QStringLiteral("<li>%1</li>").arg(s.toHtmlEscaped());
    m_skipped->setText(skipped.isEmpty() ? QString() : tr("<b>Not in this target:</b>") + QStringLiteral("<ul>%1</ul>").arg(skipped));
    m_skipped->setVisible(!skipped.isEmpty());
    Q_EMIT completeChanged();
}

} // namespace ssod::ui
