#include "ui/diagnose/FindingsView.h"

#include "ui/diagnose/KerberosFlowView.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ssod::ui {

namespace {

constexpr int kFindingRole = Qt::UserRole;
constexpr int kSeverityRole = Qt::UserRole + 1;
constexpr int kRankRole = Qt::UserRole + 2;

QIcon severityIcon(core::Severity s)
{
    QPixmap pm(12, 12);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setBrush(severityColor(s));
    p.setPen(Qt::NoPen);
    p.drawEllipse(QRectF(1, 1, 10, 10));
    return QIcon(pm);
}

QString probeTitle(const QString &id)
{
    if (id == QLatin1String("dns"))
        return FindingsView::tr("DNS");
    if (id == QLatin1String("ports"))
        return FindingsView::tr("Ports");
    if (id == QLatin1String("kerberos"))
        return FindingsView::tr("Kerberos ticket");
    if (id == QLatin1String("clock"))
        return FindingsView::tr("Clock");
    if (id == QLatin1String("tls"))
        return FindingsView::tr("TLS certificate");
    if (id == QLatin1String("rdp"))
        return FindingsView::tr("RDP security");
    if (id == QLatin1String("http"))
        return FindingsView::tr("HTTP Negotiate");
    if (id == QLatin1String("spn"))
        return FindingsView::tr("SPN in the directory");
    if (id == QLatin1String("policy"))
        return FindingsView::tr("Client settings");
    if (id == QLatin1String("iis"))
        return FindingsView::tr("IIS configuration");
    if (id == QLatin1String("winrm"))
        return FindingsView::tr("WinRM settings");
    if (id == QLatin1String("host"))
        return FindingsView::tr("Host readiness");
    return id;
}

QString outcomeText(const core::probe::ProbeReport &r)
{
    switch (r.outcome) {
    case core::probe::Outcome::Completed:
        return FindingsView::tr("%1 ms").arg(r.ms);
    case core::probe::Outcome::TimedOut:
        return FindingsView::tr("timed out after %1 ms").arg(r.ms);
    case core::probe::Outcome::Cancelled:
        return FindingsView::tr("cancelled");
    case core::probe::Outcome::Failed:
        return FindingsView::tr("could not run");
    }
    return QString();
}

} // namespace

FindingsView::FindingsView(QWidget *parent)
    : QWidget(parent), m_tree(new QTreeWidget(this)), m_details(new QTextBrowser(this)),
      m_fix(new QPushButton(tr("&Fix\u2026"), this))
{
    m_tree->setObjectName(QStringLiteral("findingsTree"));
    m_tree->setAccessibleName(tr("Findings"));
    m_tree->setColumnCount(3);
    m_tree->setHeaderLabels({ tr("Check and finding"), tr("Result"), tr("Time") });
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(false);
    m_details->setObjectName(QStringLiteral("findingDetails"));
    m_details->setAccessibleName(tr("Finding details"));
    m_details->setOpenExternalLinks(false);
    m_details->setPlaceholderText(tr("Select a finding to see why it matters, its evidence and the fix."));
    m_fix->setObjectName(QStringLiteral("fixButton"));
    m_fix->setEnabled(false);
    m_fix->setToolTip(tr("Open the wizard, setting or SPN tool that fixes the selected finding"));

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_details, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_fix);
    rightLayout->addLayout(buttons);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_tree);
    split->addWidget(right);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this] { showCurrent(); });
    connect(m_fix, &QPushButton::clicked, this, [this] {
        if (const core::Finding *f = currentFinding())
            emit fixRequested(*f);
    });
}

void FindingsView::clear()
{
    m_tree->clear();
    m_findings.clear();
    showCurrent();
}

void FindingsView::addReport(const core::probe::ProbeReport &report, const QStringList &order)
{
    QList<core::Finding> sorted = report.findings;
    std::stable_sort(sorted.begin(), sorted.end(),
        [](const core::Finding &a, const core::Finding &b) { return a.severity > b.severity; });
    core::Severity worst = core::worstSeverity(sorted);
    if (report.outcome == core::probe::Outcome::Failed)
        worst = core::Severity::Error;
    auto *branch = new QTreeWidgetItem;
    branch->setText(0, QStringLiteral("%1 \u2014 %2").arg(probeTitle(report.probe), report.target));
    branch->setText(1, report.outcome == core::probe::Outcome::Cancelled ? tr("Not finished") : severityText(worst));
    branch->setIcon(1, severityIcon(worst));
    branch->setText(2, outcomeText(report));
    branch->setData(0, kSeverityRole, int(worst));
    branch->setData(0, kFindingRole, -1);
    const qsizetype rank = order.indexOf(report.probe);
    branch->setData(0, kRankRole, int(rank < 0 ? order.size() : rank));
    if (!report.error.isEmpty()) {
        auto *item = new QTreeWidgetItem(branch);
        item->setText(0, report.error);
        item->setText(1, severityText(core::Severity::Error));
        item->setIcon(1, severityIcon(core::Severity::Error));
        item->setData(0, kFindingRole, -1);
    }
    for (const core::Finding &f : sorted) {
        auto *item = new QTreeWidgetItem(branch);
        item->setText(0, f.title);
        item->setToolTip(0, f.title);
        item->setText(1, severityText(f.severity));
        item->setIcon(1, severityIcon(f.severity));
        item->setData(0, kFindingRole, int(m_findings.size()));
        item->setData(0, kSeverityRole, int(f.severity));
        m_findings << f;
    }
    // Keep the checks in the scenario's order of explanation, arrivals within one probe in order.
    int at = m_tree->topLevelItemCount();
    while (at > 0 && m_tree->topLevelItem(at - 1)->data(0, kRankRole).toInt() > branch->data(0, kRankRole).toInt())
        --at;
    m_tree->insertTopLevelItem(at, branch);
    branch->setExpanded(worst >= core::Severity::Warning);
}

QList<core::Finding> FindingsView::findings() const
{
    QList<core::Finding> out;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *branch = m_tree->topLevelItem(i);
        for (int c = 0; c < branch->childCount(); ++c) {
            const int index = branch->child(c)->data(0, kFindingRole).toInt();
            if (index >= 0)
                out << m_findings.at(index);
        }
    }
    return out;
}

QTreeWidgetItem *FindingsView::worstItem(const std::function<bool(const core::Finding &)> &accept) const
{
    QTreeWidgetItem *best = nullptr;
    int bestSeverity = -1;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *branch = m_tree->topLevelItem(i);
        for (int c = 0; c < branch->childCount(); ++c) {
            const int index = branch->child(c)->data(0, kFindingRole).toInt();
            if (index < 0 || !accept(m_findings.at(index)))
                continue;
            if (int(m_findings.at(index).severity) > bestSeverity) {
                best = branch->child(c);
                bestSeverity = int(m_findings.at(index).severity);
            }
        }
    }
    return best;
}

void FindingsView::select(QTreeWidgetItem *item)
{
    if (!item)
        return;
    item->parent()->setExpanded(true);
    m_tree->setCurrentItem(item);
    m_tree->scrollToItem(item);
}

void FindingsView::selectStep(const QString &step)
{
    select(worstItem([&step](const core::Finding &f) { return KerberosFlowView::drawnStep(f.step) == step; }));
}

void FindingsView::selectWorst()
{
    select(worstItem([](const core::Finding &) { return true; }));
}

const core::Finding *FindingsView::currentFinding() const
{
    const QTreeWidgetItem *item = m_tree->currentItem();
    const int index = item ? item->data(0, kFindingRole).toInt() : -1;
    return index >= 0 && index < m_findings.size() ? &m_findings.at(index) : nullptr;
}

void FindingsView::showCurrent()
{
    const core::Finding *f = currentFinding();
    m_fix->setEnabled(f && f->fix);
    if (!f) {
        m_details->clear();
        return;
    }
    QString html = QStringLiteral("<h3 style='color:%1'>%2: %3</h3>")
                       .arg(severityColor(f->severity).name(), severityText(f->severity).toHtmlEscaped(),
                           f->title.toHtmlEscaped());
    html += QStringLiteral("<p>%1</p>").arg(f->explanation.toHtmlEscaped());
    if (!f->evidence.isEmpty()) {
        html += tr("<p><b>Evidence</b></p>") + QStringLiteral("<table cellspacing='0' cellpadding='2'>");
        for (const core::Evidence &e : f->evidence)
            html += QStringLiteral("<tr><td valign='top'><i>%1</i>&nbsp;&nbsp;</td><td><tt>%2</tt></td></tr>")
                        .arg(e.label.toHtmlEscaped(), e.value.toHtmlEscaped());
        html += QStringLiteral("</table>");
    }
    if (f->fix)
        html += tr("<p><b>Fix:</b> %1</p>").arg(f->fix->text.toHtmlEscaped());
    if (!f->reference.isEmpty())
        html += tr("<p><b>Reference:</b> %1</p>").arg(f->reference.toHtmlEscaped());
    m_details->setHtml(html);
}

} // namespace ssod::ui
