#include "ui/wizards/WizardsPage.h"

#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace ssod::ui {

WizardsPage::WizardsPage(const QList<core::wizard::WizardDefinition> &wizards, const QString &loadError, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("wizardsPage"));
    auto *title = new QLabel(tr("Wizards"), this);
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 1.4);
    f.setBold(true);
    title->setFont(f);
    auto *intro = new QLabel(tr("Each wizard fixes one problem. It explains the problem, reads the target's current "
                                "settings, shows what would change, applies it with a backup or exports it for Group "
                                "Policy, and checks the result."),
                             this);
    intro->setWordWrap(true);

    auto *list = new QWidget;
    auto *grid = new QGridLayout(list);
    grid->setColumnStretch(0, 1);
    grid->setVerticalSpacing(4);
    grid->setContentsMargins(0, 0, 12, 0); // keep the Start buttons off the scroll bar
    int row = 0;
    for (const auto &w : wizards) {
        auto *name = new QLabel(w.title.toHtmlEscaped().prepend(QStringLiteral("<b>")) + QStringLiteral("</b>"), list);
        auto *summary = new QLabel(w.summary, list);
        summary->setWordWrap(true);
        summary->setMinimumWidth(200);
        auto *start = new QPushButton(tr("Start"), list);
        start->setObjectName(QStringLiteral("start-%1").arg(w.id));
        start->setAccessibleName(tr("Start %1").arg(w.title));
        start->setToolTip(w.summary);
        connect(start, &QPushButton::clicked, this, [this, id = w.id] { Q_EMIT startRequested(id); });
        grid->addWidget(name, row, 0);
        grid->addWidget(start, row, 1, 2, 1, Qt::AlignVCenter);
        grid->addWidget(summary, row + 1, 0);
        auto *line = new QFrame(list);
        line->setFrameShape(QFrame::HLine);
        line->setFrameShadow(QFrame::Sunken);
        grid->addWidget(line, row + 2, 0, 1, 2);
        row += 3;
    }
    // Tools that answer a question without changing a target.
    auto *toolsTitle = new QLabel(tr("<b>Inspect a Remote Desktop (.rdp) file</b>"), list);
    auto *toolsSummary = new QLabel(tr("Lists the file's sign-in settings in plain words, flags those that still prompt or "
                                       "weaken security, and writes a corrected copy."),
                                    list);
    toolsSummary->setWordWrap(true);
    auto *inspect = new QPushButton(tr("Open\u2026"), list);
    inspect->setObjectName(QStringLiteral("start-rdp-inspector"));
    inspect->setAccessibleName(tr("Inspect a Remote Desktop file"));
    connect(inspect, &QPushButton::clicked, this, [this] { Q_EMIT rdpInspectorRequested(); });
    grid->addWidget(toolsTitle, row, 0);
    grid->addWidget(inspect, row, 1, 2, 1, Qt::AlignVCenter);
    grid->addWidget(toolsSummary, row + 1, 0);
    row += 2;
    grid->setRowStretch(row, 1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(list);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // summaries wrap instead
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setFocusPolicy(Qt::NoFocus); // an invisible tab stop otherwise; the Start buttons take focus

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(intro);
    if (!loadError.isEmpty()) {
        auto *error = new QLabel(tr("\u26A0 The wizards could not be loaded: %1").arg(loadError), this);
        error->setObjectName(QStringLiteral("wizardsErrorLabel"));
        error->setTextFormat(Qt::PlainText);
        error->setWordWrap(true);
        layout->addWidget(error);
    }
    layout->addWidget(scroll, 1);
}

} // namespace ssod::ui
