#include "ui/wizards/pages/VerifyPage.h"

#include "ui/wizards/SettingsWizard.h"
#include "ui/wizards/pages/PageUtil.h"

#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace ssod::ui {

using core::wizard::TargetKind;
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
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setTabKeyNavigation(false);
    m_table->verticalHeader()->setVisible(false);
    m_table->setTextElideMode(Qt::ElideLeft);
    m_table->setWordWrap(true); // titles and keys wrap instead of hiding their ends
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_details = pageutil::detailsPane(m_table, this, QStringLiteral("verifyDetails"));
    m_undo->setObjectName(QStringLiteral("undoButton"));
    m_undo->setAccessibleName(tr("Undo: restore the backup"));
    m_hint->setObjectName(QStringLiteral("verifyHintLabel"));
    m_hint->setWordWrap(true);
    m_hint->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    auto *undoRow = new QHBoxLayout;
    undoRow->addWidget(m_undoStatus, 1);
    undoRow->addWidget(m_undo, 0, Qt::AlignRight | Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_details);
    layout->addLayout(undoRow);
    layout->addWidget(m_hint);
    layout->addWidget(m_reminder);
    connect(m_undo, &QPushButton::clicked, this, [this] { undo(); });
}

QString VerifyPage::targetHint() const
{
    const QString then = m_state.definition().verifyHint.toHtmlEscaped();
    const QString file = QDir::toNativeSeparators(m_state.targetPath()).toHtmlEscaped();
    // The written file is not in effect by itself: say what makes it so for this kind of target.
    switch (m_state.targetKind()) {
    case TargetKind::RegFile:
        return tr("<b>Next:</b> the .reg file changes nothing until it is imported. On the computer, import "
                  "%1 as an "
                  "administrator (double-click it, or run <tt>reg import</tt> with its name), then: %2")
            .arg(file, then);
    case TargetKind::PolFile:
        return tr(
            "<b>Next:</b> a Registry.pol takes effect when Group Policy applies it. Put %1 in the GPO's "
            "Machine folder if it is not there already, run <tt>gpupdate /force</tt> on the computer, then: "
            "%2")
            .arg(file, then);
    case TargetKind::Hive:
        return tr("<b>Next:</b> the hive takes effect when the Windows installation it belongs to starts. "
                  "Start that "
                  "Windows, then: %1")
            .arg(then);
    case TargetKind::PolicyJson:
        return tr("<b>Next:</b> browsers read %1 when they start. %2").arg(file, then);
    case TargetKind::LiveRegistry:
        return tr("<b>On the computer:</b> %1").arg(then);
    case TargetKind::ExportOnly:
        break;
    }
    return {};
}

void VerifyPage::initializePage()
{
    m_table->setRowCount(0);
    m_details->clear();
    m_undoStatus->setVisible(false);
    const bool applied = m_state.hasApplied() && m_state.store();
    m_undone = false;
    m_undo->setEnabled(applied);
    m_undo->setVisible(m_state.store() != nullptr);
    m_table->setVisible(applied);
    m_details->setVisible(applied);
    m_hint->setText(applied ? targetHint() : QString());
    m_hint->setVisible(applied);
    m_reminder->setVisible(false);
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
    m_written = m_state.appliedChanges();
    readBack(false);
}

void VerifyPage::readBack(bool afterUndo)
{
    m_busy = true;
    Q_EMIT completeChanged();
    pageutil::setOutcome(m_status, true, tr("Reading the target back\u2026"));
    auto store = m_state.store();
    // What this wizard wrote, from every apply of the run: not the plan, which may have changed since.
    const auto changes = m_written;
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
        const QString now = keyAction ? (r.keyExists ? tr("key exists") : tr("key absent"))
                                      : (r.now ? r.now->display() : tr("(not set)"));
        const QString state
            = ok ? (afterUndo ? tr("\u2714 Restored") : tr("\u2714 As applied")) : tr("\u2716 Differs");
        const QString title = pageutil::settingTitle(m_state.catalog(), r.change.settingId);
        const QString value = keyAction
            ? r.change.key
            : r.change.key + QLatin1Char('\\') + (r.change.name.isEmpty() ? tr("(Default)") : r.change.name);
        const auto wanted = afterUndo ? r.change.before : r.change.after;
        const bool keyWanted = (r.change.action == core::registry::Change::Action::CreateKey) != afterUndo;
        const QString expected = keyAction ? (keyWanted ? tr("key exists") : tr("key absent"))
                                           : (wanted ? wanted->display() : tr("(not set)"));
        const QStringList cells { state, title, value, now };
        for (int col = 0; col < cells.size(); ++col) {
            auto *item = new QTableWidgetItem(cells.at(col));
            item->setToolTip(col == 1 ? tr("%1 (%2)").arg(title, r.change.settingId) : cells.at(col));
            if (col == 0) {
                item->setForeground(ok ? wizardcolors::good() : wizardcolors::bad());
                item->setData(Qt::UserRole,
                    tr("%1\nSetting: %2 (%3)\nKey: %4\nValue: %5\nExpected: %6\nNow: %7")
                        .arg(state, title, r.change.settingId, r.change.key,
                            keyAction ? tr("(the key itself)")
                                      : (r.change.name.isEmpty() ? tr("(Default)") : r.change.name),
                            expected, now));
            }
            m_table->setItem(row, col, item);
        }
    }
    m_table->resizeColumnsToContents();
    m_table->setColumnWidth(1, qMin(m_table->columnWidth(1), 240));
    m_table->setColumnWidth(2, qMin(m_table->columnWidth(2), 420));
    m_table->resizeRowsToContents();
    if (m_table->rowCount() > 0)
        m_table->setCurrentCell(0, 0);
    const bool allGood = good == readings.size();
    const int bad = int(readings.size()) - good;
    if (afterUndo)
        pageutil::setOutcome(m_status, allGood,
            allGood
                ? tr("Undone: every value is back to what it was before.")
                : tr("%n of %1 values are not back to what they were.", nullptr, bad).arg(readings.size()));
    else
        pageutil::setOutcome(m_status, allGood,
            allGood
                ? tr("Verified: %1 holds every value this wizard wrote.").arg(m_state.store()->description())
                : tr("%n of %1 values differ from what was written.", nullptr, bad).arg(readings.size()));
}

void VerifyPage::undo()
{
    if (m_busy || !m_state.hasApplied())
        return;
    m_busy = true;
    m_undo->setEnabled(false);
    Q_EMIT completeChanged();
    pageutil::setOutcome(m_undoStatus, true, tr("Restoring the backup\u2026"));
    auto store = m_state.store();
    const QStringList backups = m_state.backupFiles();
    QtConcurrent::run([store, backups] {
        auto r = WizardState::undoAll(*store, backups);
        return r ? QString() : r.error().toString();
    }).then(this, [this, backups](const QString &error) {
        m_busy = false;
        if (!error.isEmpty()) {
            pageutil::setOutcome(m_undoStatus, false, tr("Undo failed; the target was not changed: %1").arg(error));
            m_undo->setEnabled(true);
            Q_EMIT completeChanged();
            return;
        }
        m_undone = true;
        m_state.clearOutcomes();
        // What came with the apply is no longer true: no reminder, no "import it now".
        m_reminder->setVisible(false);
        m_hint->setVisible(false);
        QStringList shown;
        for (const QString &b : backups)
            shown << QDir::toNativeSeparators(b);
        pageutil::setOutcome(m_undoStatus, true, tr("Restored from %1.").arg(shown.join(tr(", then "))));
        readBack(true);
    });
}

} // namespace ssod::ui
