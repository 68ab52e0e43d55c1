#include "ui/wizards/pages/VerifyPage.h"

#include "ui/wizards/SettingsWizard.h"
#include "ui/wizards/pages/PageUtil.h"

#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace ssod::ui {

using core::wizard::ValueReading;
using core::wizard::WizardState;
using Readings = std::pair<QList<ValueReading>, QString>;

VerifyPage::VerifyPage(WizardState &state, QWidget *parent)
    : QWizardPage(parent), m_state(state), m_status(pageutil::problemLabel(this, QStringLiteral("verifyStatusLabel"))),
      m_table(new QTableWidget(this)), m_undo(new QPushButton(tr("&Undo"), this)),
      m_undoStatus(pageutil::problemLabel(this, QStringLiteral("undoStatusLabel"))), m_hint(new QLabel(this)),
      m_reminder(pageutil::problemLabel(this, QStringLiteral("reminderLabel")))
{
    setObjectName(QStringLiteral("verifyPage"));
    setTitle(state.definition().title);
    setSubTitle(tr("Step 6 of 6 \u2014 Check the result"));
    m_table->setObjectName(QStringLiteral("verifyTable"));
    m_table->setAccessibleName(tr("Values read back from the target"));
    m_table->setColumnCount(4);
    m_table->setHorizontalHeaderLabels({tr("State"), tr("Setting"), tr("Value"), tr("Now")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setTabKeyNavigation(false);
    m_table->verticalHeader()->setVisible(false);
    m_table->setTextElideMode(Qt::ElideLeft);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_undo->setObjectName(QStringLiteral("undoButton"));
    m_undo->setAccessibleName(tr("Undo: restore the backup"));
    m_hint->setObjectName(QStringLiteral("verifyHintLabel"));
    m_hint->setWordWrap(true);
    m_hint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_hint->setText(tr("<b>On the computer:</b> %1").arg(state.definition().verifyHint.toHtmlEscaped()));

    auto *undoRow = new QHBoxLayout;
    undoRow->addWidget(m_undoStatus, 1);
    undoRow->addWidget(m_undo, 0, Qt::AlignRight | Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_table, 1);
    layout->addLayout(undoRow);
    layout->addWidget(m_hint);
    layout->addWidget(m_reminder);
    connect(m_undo, &QPushButton::clicked, this, [this] { undo(); });
}

void VerifyPage::initializePage()
{
    m_table->setRowCount(0);
    pageutil::setProblem(m_undoStatus, {});
    const auto &outcome = m_state.outcome();
    const bool applied = outcome && m_state.store() && !outcome->changes.isCompliant();
    m_undo->setEnabled(applied && !m_undone);
    m_undo->setVisible(m_state.store() != nullptr);
    m_table->setVisible(applied);
    if (!m_state.definition().reminder.isEmpty() && applied)
        pageutil::setOutcome(m_reminder, false, m_state.definition().reminder);
    if (!m_state.store()) {
        pageutil::setOutcome(m_status, true, tr("Nothing was written: this wizard ran in export-only mode."));
        return;
    }
    if (!applied) {
        pageutil::setOutcome(m_status, true,
                             m_state.plan().changes.isCompliant() ? tr("The target was already compliant; nothing was written.")
                                                                  : tr("Nothing was applied; use the export instead."));
        return;
    }
    readBack(false);
}

void VerifyPage::readBack(bool afterUndo)
{
    m_busy = true;
    Q_EMIT completeChanged();
    pageutil::setOutcome(m_status, true, tr("Reading the target back\u2026"));
    auto store = m_state.store();
    const auto changes = m_state.outcome()->changes;
    QtConcurrent::run([store, changes] {
        auto r = WizardState::readBack(*store, changes);
        return r ? Readings(*r, {}) : Readings({}, r.error().toString());
    }).then(this, [this, afterUndo](const Readings &result) {
        m_busy = false;
        if (!result.second.isEmpty())
            pageutil::setOutcome(m_status, false, tr("Could not read the target back: %1").arg(result.second));
        else
            show(result.first, afterUndo);
        Q_EMIT completeChanged();
    });
}

void VerifyPage::show(const QList<ValueReading> &readings, bool afterUndo)
{
    int good = 0;
    m_table->setRowCount(int(readings.size()));
    for (int row = 0; row < readings.size(); ++row) {
        const ValueReading &r = readings.at(row);
        const bool ok = afterUndo ? r.matchesBefore : r.matchesAfter;
        good += ok ? 1 : 0;
        const bool keyAction = r.change.action == core::registry::Change::Action::CreateKey
            || r.change.action == core::registry::Change::Action::DeleteKey;
        QString now = keyAction ? (r.keyExists ? tr("key exists") : tr("key absent"))
                                : (r.now ? r.now->display() : tr("(not set)"));
        const QString state = ok ? (afterUndo ? tr("\u2714 Restored") : tr("\u2714 As planned"))
                                 : tr("\u2716 Differs");
        const QString value = keyAction ? r.change.key
                                        : r.change.key + QLatin1Char('\\') + (r.change.name.isEmpty() ? tr("(Default)") : r.change.name);
        const QStringList cells{state, r.change.settingId, value, now};
        for (int col = 0; col < cells.size(); ++col) {
            auto *item = new QTableWidgetItem(cells.at(col));
            item->setToolTip(cells.at(col));
            if (col == 0)
                item->setForeground(ok ? wizardcolors::good() : wizardcolors::bad());
            m_table->setItem(row, col, item);
        }
    }
    m_table->resizeColumnsToContents();
    m_table->setColumnWidth(2, qMin(m_table->columnWidth(2), 460));
    const bool allGood = good == readings.size();
    if (afterUndo)
        pageutil::setOutcome(m_status, allGood,
                             allGood ? tr("Undone: every value is back to what it was before.")
                                     : tr("%1 of %2 values are not back to what they were.").arg(readings.size() - good).arg(readings.size()));
    else
        pageutil::setOutcome(m_status, allGood,
                             allGood ? tr("Verified: %1 holds every value this wizard set.").arg(m_state.store()->description())
                                     : tr("%1 of %2 values differ from what was applied.").arg(readings.size() - good).arg(readings.size()));
}

void VerifyPage::undo()
{
    if (m_busy || !m_state.outcome())
        return;
    m_busy = true;
    m_undo->setEnabled(false);
    Q_EMIT completeChanged();
    pageutil::setOutcome(m_undoStatus, true, tr("Restoring the backup\u2026"));
    auto store = m_state.store();
    const QString backup = m_state.outcome()->backupFile;
    QtConcurrent::run([store, backup] {
        auto r = core::registry::undoFromBackup(*store, backup);
        return r ? QString() : r.error().toString();
    }).then(this, [this, backup](const QString &error) {
        m_busy = false;
        if (!error.isEmpty()) {
            pageutil::setOutcome(m_undoStatus, false, tr("Undo failed; the target was not changed: %1").arg(error));
            m_undo->setEnabled(true);
            Q_EMIT completeChanged();
            return;
        }
        m_undone = true;
        m_reminder->setVisible(false);
        pageutil::setOutcome(m_undoStatus, true, tr("Restored from %1.").arg(QDir::toNativeSeparators(backup)));
        readBack(true);
    });
}

} // namespace ssod::ui
