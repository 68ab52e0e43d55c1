#include "ui/directory/DuplicatesView.h"

#include "ui/directory/DirectoryFacts.h"
#include "ui/directory/DirectorySession.h"
#include "ui/wizards/pages/PageUtil.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ssod::ui {

using core::Result;
using core::directory::DuplicateSpn;
using core::directory::LdapConnection;
using core::directory::SpnDirectory;

DuplicatesView::DuplicatesView(DirectorySession &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_scope(new QComboBox(this)),
      m_find(new QPushButton(tr("&Find Duplicates"), this)), m_count(new QLabel(this)), m_table(new QTreeWidget(this))
{
    m_scope->setObjectName(QStringLiteral("duplicateScope"));
    m_scope->setAccessibleName(tr("Where to look for duplicates"));
    m_scope->addItem(tr("This domain"), false);
    m_scope->addItem(tr("The whole forest (global catalog)"), true);
    m_find->setObjectName(QStringLiteral("findDuplicates"));
    m_count->setObjectName(QStringLiteral("duplicateCount"));
    m_count->setWordWrap(true);
    m_count->setTextFormat(Qt::RichText);
    m_table->setObjectName(QStringLiteral("duplicateTable"));
    m_table->setAccessibleName(tr("Duplicated SPNs and the accounts holding them"));
    m_table->setHeaderLabels({tr("SPN"), tr("Held by")});
    m_table->setRootIsDecorated(false);
    m_table->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_table->header()->resizeSection(0, 360);

    auto *why = pageutil::text(
        tr("An SPN must belong to exactly one account in the forest. When two accounts hold the same SPN, "
           "the KDC encrypts the service ticket with the key of one of them, unpredictably; the service "
           "running as the other cannot decrypt it and rejects it (KRB_AP_ERR_MODIFIED), so Kerberos fails "
           "and clients fall back to NTLM or fail. Remove the SPN from every account the service does not "
           "run as."),
        this, QStringLiteral("duplicateExplanation"));

    auto *row = new QHBoxLayout;
    auto *scopeLabel = new QLabel(tr("&Look in:"), this);
    scopeLabel->setBuddy(m_scope);
    row->addWidget(scopeLabel);
    row->addWidget(m_scope);
    row->addWidget(m_find);
    row->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(why);
    layout->addLayout(row);
    layout->addWidget(m_count);
    layout->addWidget(m_table, 1);

    connect(m_find, &QPushButton::clicked, this, [this] { find(); });
    connect(&m_session, &DirectorySession::connectedChanged, this, [this] {
        m_table->clear();
        m_count->clear();
        updateEnabled();
    });
    updateEnabled();
}

void DuplicatesView::updateEnabled()
{
    m_find->setEnabled(m_session.isConnected());
    // A forest-wide search needs a global catalog connection; say so instead of failing later.
    auto *model = qobject_cast<QStandardItemModel *>(m_scope->model());
    const bool gc = m_session.isConnected() && m_session.options().globalCatalog;
    if (QStandardItem *forest = model ? model->item(1) : nullptr) {
        forest->setEnabled(gc);
        forest->setToolTip(gc ? QString() : tr("Connect to a global catalog (Connect\u2026 \u203A Global catalog) to search the forest."));
    }
    if (!gc)
        m_scope->setCurrentIndex(0);
    if (!m_session.isConnected())
        m_count->setText(tr("Connect to a domain controller to look for duplicated SPNs."));
}

void DuplicatesView::find()
{
    const bool forest = m_scope->currentData().toBool();
    m_session.run<QList<DuplicateSpn>>(
        forest ? tr("Looking for duplicated SPNs in the forest\u2026") : tr("Looking for duplicated SPNs\u2026"),
        [forest](LdapConnection &c, const std::atomic<bool> &cancel) {
            return SpnDirectory(c).duplicates(forest, &cancel);
        },
        this,
        [this](Result<QList<DuplicateSpn>> r) {
            if (!r) {
                m_count->setText(tr("The search did not finish."));
                Q_EMIT failed(r.error().toString());
                return;
            }
            show(*r);
        },
        DirectorySession::JobKind::ReadOnly);
}

void DuplicatesView::show(const QList<DuplicateSpn> &dups)
{
    m_table->clear();
    for (const DuplicateSpn &d : dups) {
        auto *item = new QTreeWidgetItem(m_table, {d.spn, d.accounts.join(QStringLiteral(", "))});
        item->setForeground(0, DirectoryFact::severityColor(DirectoryFact::Severity::Problem));
    }
    const auto sev = dups.isEmpty() ? DirectoryFact::Severity::Ok : DirectoryFact::Severity::Problem;
    const QString text = dups.isEmpty()
        ? tr("No SPN is held by more than one account.")
        : tr("%n SPNs held by more than one account: Kerberos to each fails until only one account holds it.",
            nullptr, int(dups.size()));
    m_count->setText(QStringLiteral("<b style=\"color:%1\">%2</b> %3")
                         .arg(DirectoryFact::severityColor(sev).name(), DirectoryFact::severityText(sev).toHtmlEscaped(),
                             text.toHtmlEscaped()));
}

} // namespace ssod::ui
