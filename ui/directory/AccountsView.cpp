#include "ui/directory/AccountsView.h"

#include "core/directory/Delegation.h"
#include "ui/directory/DirectoryFacts.h"
#include "ui/directory/DirectorySession.h"
#include "ui/wizards/pages/PageUtil.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ssod::ui {

using core::Result;
using core::directory::Account;
using core::directory::DelegationReport;
using core::directory::LdapConnection;
using core::directory::SpnDirectory;

AccountsView::AccountsView(DirectorySession &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_query(new QLineEdit(this)), m_search(new QPushButton(tr("&Search"), this)),
      m_count(new QLabel(this)), m_results(new QTreeWidget(this)), m_title(new QLabel(this)),
      m_spns(new QListWidget(this)), m_delegation(new QTextBrowser(this))
{
    m_query->setObjectName(QStringLiteral("accountQuery"));
    m_query->setAccessibleName(tr("Account name or pattern"));
    m_query->setPlaceholderText(tr("Name, part of a name, or a pattern such as svc_*"));
    m_query->setClearButtonEnabled(true);
    m_search->setObjectName(QStringLiteral("accountSearch"));
    m_count->setObjectName(QStringLiteral("accountCount"));
    m_results->setObjectName(QStringLiteral("accountResults"));
    m_results->setAccessibleName(tr("Accounts found"));
    m_results->setHeaderLabels({tr("Account"), tr("Kind"), tr("SPNs")});
    m_results->setRootIsDecorated(false);
    m_results->setUniformRowHeights(true);
    m_results->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_results->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_results->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_results->header()->setStretchLastSection(false);
    m_title->setObjectName(QStringLiteral("accountTitle"));
    m_title->setTextFormat(Qt::RichText);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_spns->setObjectName(QStringLiteral("accountSpns"));
    m_spns->setAccessibleName(tr("Service principal names of the account"));
    m_delegation->setObjectName(QStringLiteral("accountDelegation"));
    m_delegation->setAccessibleName(tr("Delegation of the account"));
    m_delegation->setOpenLinks(false);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto *row = new QHBoxLayout;
    row->addWidget(m_query, 1);
    row->addWidget(m_search);
    leftLayout->addLayout(row);
    leftLayout->addWidget(m_results, 1);
    leftLayout->addWidget(m_count);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_title);
    auto *spnLabel = pageutil::heading(tr("Service principal names"), right);
    spnLabel->setBuddy(m_spns);
    rightLayout->addWidget(spnLabel);
    rightLayout->addWidget(m_spns, 1);
    auto *delegationLabel = pageutil::heading(tr("Delegation"), right);
    delegationLabel->setBuddy(m_delegation);
    rightLayout->addWidget(delegationLabel);
    rightLayout->addWidget(m_delegation, 4);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setChildrenCollapsible(false);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(m_search, &QPushButton::clicked, this, [this] { search(m_query->text()); });
    connect(m_query, &QLineEdit::returnPressed, this, [this] { search(m_query->text()); });
    connect(m_results, &QTreeWidget::currentItemChanged, this,
        [this](QTreeWidgetItem *item) { showAccount(item ? m_results->indexOfTopLevelItem(item) : -1); });
    connect(&m_session, &DirectorySession::connectedChanged, this, [this] { updateEnabled(); });
    updateEnabled();
}

void AccountsView::updateEnabled()
{
    // Another connection (or none): what was listed may not exist there.
    m_accounts.clear();
    m_results->clear();
    showAccount(-1);
    m_search->setEnabled(m_session.isConnected());
    m_count->setText(m_session.isConnected() ? tr("Type a name or a pattern such as svc_*, then Search.")
                                             : tr("Connect to a domain controller to search accounts."));
}

void AccountsView::search(const QString &text)
{
    m_query->setText(text);
    m_session.run<QList<Account>>(
        tr("Searching accounts\u2026"),
        [text](LdapConnection &c, const std::atomic<bool> &cancel) {
            return SpnDirectory(c).findAccounts(text, kLimit + 1, &cancel);
        },
        this,
        [this](Result<QList<Account>> r) {
            if (!r) {
                m_count->setText(tr("The search did not finish."));
                Q_EMIT failed(r.error().toString());
                return;
            }
            showResults(*r);
        },
        DirectorySession::JobKind::ReadOnly);
}

void AccountsView::showResults(const QList<Account> &accounts)
{
    m_accounts = accounts.mid(0, kLimit);
    m_results->clear();
    for (const Account &a : std::as_const(m_accounts)) {
        auto *item = new QTreeWidgetItem(m_results, {a.samAccountName, DirectoryFacts::kindOf(a), QString::number(a.spns.size())});
        item->setToolTip(0, a.dn);
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
    }
    m_count->setText(accounts.size() > kLimit
            ? tr("The first %1 accounts; refine the search to see the others.").arg(kLimit)
            : tr("%n accounts found.", nullptr, int(accounts.size())));
    showAccount(-1);
}

bool AccountsView::select(const QString &samAccountName)
{
    for (int i = 0; i < m_results->topLevelItemCount(); ++i)
        if (m_results->topLevelItem(i)->text(0).compare(samAccountName, Qt::CaseInsensitive) == 0) {
            m_results->setCurrentItem(m_results->topLevelItem(i));
            return true;
        }
    return false;
}

void AccountsView::showAccount(int row)
{
    const quint64 generation = ++m_generation;
    m_spns->clear();
    m_delegation->clear();
    m_facts.clear();
    if (row < 0 || row >= m_accounts.size()) {
        m_title->setText(tr("<i>Select an account to see its SPNs and delegation.</i>"));
        return;
    }
    const Account &a = m_accounts.at(row);
    m_title->setText(tr("<b>%1</b> (%2)<br>%3")
                         .arg(a.samAccountName.toHtmlEscaped(), DirectoryFacts::kindOf(a).toHtmlEscaped(), a.dn.toHtmlEscaped()));
    QStringList spns = a.spns;
    spns.sort(Qt::CaseInsensitive);
    m_spns->addItems(spns);
    if (spns.isEmpty())
        m_spns->addItem(tr("(none: no service can receive Kerberos tickets for this account by SPN)"));
    m_delegation->setPlainText(tr("Reading delegation\u2026"));
    const QString name = a.samAccountName;
    m_session.run<DelegationReport>(
        tr("Reading the delegation of %1\u2026").arg(name),
        [name](LdapConnection &c, const std::atomic<bool> &) { return core::directory::readDelegation(c, name); },
        this,
        [this, generation](Result<DelegationReport> r) {
            if (generation != m_generation)
                return;
            if (!r) {
                m_delegation->setPlainText(tr("The delegation could not be read."));
                Q_EMIT failed(r.error().toString());
                return;
            }
            m_facts = DirectoryFacts::delegation(*r);
            m_delegation->setHtml(DirectoryFacts::toHtml(m_facts));
        },
        DirectorySession::JobKind::ReadOnly);
}

} // namespace ssod::ui
