#pragma once

#include "core/probe/Probe.h"

#include <QWidget>
#include <functional>

class QLabel;
class QPushButton;
class QTextBrowser;
class QTreeWidget;
class QTreeWidgetItem;

namespace ssod::ui {

/**
 * Probe results as a tree — one branch per check (probe and target) with its time and outcome,
 * its findings below, worst first — and the selected finding's explanation, evidence and fix
 * beside it. Severity shows as a coloured mark and as a word. Fix… asks for the tool that fixes
 * the selected finding (fixRequested).
 */
class FindingsView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindingsView)

public:
    explicit FindingsView(QWidget *parent = nullptr);

    void clear();
    /// Adds one check's report, ordered by \a order (probe ids; unknown ones last).
    void addReport(const core::probe::ProbeReport &report, const QStringList &order = {});
    /// Every finding shown, in tree order.
    QList<core::Finding> findings() const;
    /// Selects the first finding of the worst severity drawn on flow step \a step.
    void selectStep(const QString &step);
    /// Selects the first finding of the worst severity shown (what a reader looks at first).
    void selectWorst();
    /// The finding selected, if any.
    const core::Finding *currentFinding() const;
    QTreeWidget *tree() const { return m_tree; }

signals:
    void fixRequested(const core::Finding &finding);

private:
    void showCurrent();
    /// The first finding item of the worst severity among those \a accept takes; null for none.
    QTreeWidgetItem *worstItem(const std::function<bool(const core::Finding &)> &accept) const;
    void select(QTreeWidgetItem *item);

    QTreeWidget *m_tree;
    QTextBrowser *m_details;
    QPushButton *m_fix;
    QList<core::Finding> m_findings; ///< indexed by the items' Qt::UserRole
};

} // namespace ssod::ui
