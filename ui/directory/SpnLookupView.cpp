#include "ui/directory/SpnLookupView.h"

#include "core/directory/Spn.h"
#include "ui/directory/DirectoryFacts.h"
#include "ui/directory/DirectorySession.h"
#include "ui/directory/SpnPredictionBox.h"
#include "ui/wizards/pages/PageUtil.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ssod::ui {

using core::Result;
using core::directory::LdapConnection;
using core::directory::Spn;
using core::directory::SpnDirectory;
using core::directory::SpnHolder;
using Severity = DirectoryFact::Severity;

SpnLookupView::SpnLookupView(DirectorySession &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_query(new QLineEdit(this)), m_lookUp(new QPushButton(tr("&Look Up"), this)),
      m_verdict(new QLabel(this)), m_table(new QTreeWidget(this)), m_prediction(new SpnPredictionBox(session, this))
{
    m_query->setObjectName(QStringLiteral("spnQuery"));
    m_query->setAccessibleName(tr("SPN or pattern"));
    m_query->setPlaceholderText(tr("HTTP/portal.contoso.com, or a pattern such as HTTP/portal*"));
    m_query->setClearButtonEnabled(true);
    m_lookUp->setObjectName(QStringLiteral("spnLookUp"));
    m_verdict->setObjectName(QStringLiteral("spnVerdict"));
    m_verdict->setTextFormat(Qt::RichText);
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table->setObjectName(QStringLiteral("spnHolders"));
    m_table->setAccessibleName(tr("SPNs found and the accounts holding them"));
    m_table->setHeaderLabels({tr("SPN"), tr("Held by"), tr("Account DN")});
    m_table->setRootIsDecorated(false);
    m_table->header()->resizeSection(0, 300);
    m_table->header()->resizeSection(1, 160);


    auto *row = new QHBoxLayout;
    auto *label = new QLabel(tr("&SPN:"), this);
    label->setBuddy(m_query);
    row->addWidget(label);
    row->addWidget(m_query, 1);
    row->addWidget(m_lookUp);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(pageutil::text(tr("Who holds an SPN? Type one exactly to check that it is registered once, "
                                        "or use <code>*</code> to list every match."),
        this));
    layout->addLayout(row);
    layout->addWidget(m_verdict);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_prediction);

    const auto go = [this] { lookUp(m_query->text()); };
    connect(m_lookUp, &QPushButton::clicked, this, go);
    connect(m_query, &QLineEdit::returnPressed, this, go);
    const auto enable = [this] {
        m_lookUp->setEnabled(m_session.isConnected());
        m_table->clear();
        m_verdict->setText(m_session.isConnected() ? QString() : tr("Connect to a domain controller to look up SPNs."));
    };
    connect(&m_session, &DirectorySession::connectedChanged, this, enable);
    enable();
}

void SpnLookupView::lookUp(const QString &spnOrPattern)
{
    const QString query = spnOrPattern.trimmed();
    m_query->setText(query);
    const bool exact = !query.contains(QLatin1Char('*'));
    std::optional<Spn> spn;
    if (exact) {
        auto parsed = Spn::parse(query);
        if (!parsed) {
            m_table->clear();
            m_verdict->setText(QStringLiteral("<b style=\"color:%1\">%2</b> %3")
                                   .arg(DirectoryFact::severityColor(Severity::Problem).name(),
                                       DirectoryFact::severityText(Severity::Problem).toHtmlEscaped(),
                                       parsed.error().message.toHtmlEscaped()));
            return;
        }
        spn = *parsed;
    }
    // A forest-wide lookup when connected to a global catalog: SPNs must be unique in the forest.
    const bool forest = m_session.options().globalCatalog;
    m_session.run<Answer>(
        tr("Looking up %1\u2026").arg(query),
        [query, spn, forest](LdapConnection &c, const std::atomic<bool> &cancel) -> Result<Answer> {
            SpnDirectory d(c);
            auto holders = d.query(query, forest, &cancel);
            if (!holders)
                return holders.error();
            Answer a{*holders, {}};
            if (spn && holders->isEmpty() && spn->serviceClass().compare(QLatin1String("HOST"), Qt::CaseInsensitive) != 0
                && core::directory::hostAliasClasses().contains(spn->serviceClass(), Qt::CaseInsensitive)) {
                auto host = d.query(QStringLiteral("HOST/") + spn->host(), forest, &cancel);
                if (!host)
                    return host.error();
                a.hostAlias = *host;
            }
            return a;
        },
        this,
        [this, query](Result<Answer> r) {
            if (!r) {
                m_verdict->setText(tr("The lookup did not finish."));
                Q_EMIT failed(r.error().toString());
                return;
            }
            show(query, *r);
        },
        DirectorySession::JobKind::ReadOnly);
}

void SpnLookupView::show(const QString &query, const Answer &answer)
{
    m_lastQuery = query;
    m_table->clear();
    // Holders per SPN (case-insensitive, as the directory compares): two or more is a duplicate.
    QMap<QString, QStringList> bySpn;
    for (const SpnHolder &h : answer.holders)
        if (!bySpn[h.spn.toCaseFolded()].contains(h.account, Qt::CaseInsensitive))
            bySpn[h.spn.toCaseFolded()] << h.account;
    QStringList duplicated;
    for (const SpnHolder &h : answer.holders) {
        auto *item = new QTreeWidgetItem(m_table, {h.spn, h.account, h.dn});
        if (bySpn.value(h.spn.toCaseFolded()).size() > 1) {
            item->setForeground(0, DirectoryFact::severityColor(Severity::Problem));
            item->setToolTip(0, tr("Duplicate: held by more than one account"));
            if (!duplicated.contains(h.spn, Qt::CaseInsensitive))
                duplicated << h.spn;
        }
    }
    const bool exact = !query.contains(QLatin1Char('*'));
    QStringList accounts;
    for (const SpnHolder &h : answer.holders)
        if (!accounts.contains(h.account, Qt::CaseInsensitive))
            accounts << h.account;
    Severity sev = Severity::Ok;
    QString text;
    if (!exact) {
        sev = answer.holders.isEmpty() ? Severity::Info : duplicated.isEmpty() ? Severity::Ok : Severity::Problem;
        text = answer.holders.isEmpty() ? tr("No SPN matches %1.").arg(query)
                                        : tr("%n SPNs match %1.", nullptr, int(bySpn.size())).arg(query);
        if (!duplicated.isEmpty())
            text += QLatin1Char(' ')
                + tr("Held by more than one account (Kerberos fails for each): %1. See Duplicates.")
                      .arg(duplicated.join(QStringLiteral(", ")));
    } else if (accounts.size() > 1) {
        sev = Severity::Problem;
        text = tr("%1 is held by %2 accounts (%3): a duplicate. The KDC encrypts tickets for it with one "
                  "account's key at random, so the service running as the other rejects them "
                  "(KRB_AP_ERR_MODIFIED). Keep it on the account the service runs as only.")
                   .arg(query)
                   .arg(accounts.size())
                   .arg(accounts.join(QStringLiteral(", ")));
    } else if (accounts.size() == 1) {
        text = tr("%1 is registered once, on %2: tickets for it are encrypted with that account's key, so the "
                  "service must run as %2.")
                   .arg(query, accounts.first());
    } else if (!answer.hostAlias.isEmpty()) {
        sev = Severity::Info;
        text = tr("%1 is not registered itself, but %2 holds %3, which covers it through the HOST aliases "
                  "(sPNMappings): tickets are encrypted with %2's key, so the service must run as that computer.")
                   .arg(query, answer.hostAlias.first().account, answer.hostAlias.first().spn);
    } else {
        sev = Severity::Problem;
        text = tr("%1 is not registered: no account holds it. A client asking for a ticket to it gets "
                  "KDC_ERR_S_PRINCIPAL_UNKNOWN (\u201cServer not found in Kerberos database\u201d) and falls "
                  "back to NTLM or fails. Register it on the account the service runs as (setspn -S).")
                   .arg(query);
    }
    m_verdict->setText(QStringLiteral("<b style=\"color:%1\">%2</b> %3")
                           .arg(DirectoryFact::severityColor(sev).name(), DirectoryFact::severityText(sev).toHtmlEscaped(),
                               text.toHtmlEscaped()));
    if (!query.contains(QLatin1Char('*')))
        m_prediction->suggestTargetFor(query);
}

} // namespace ssod::ui
