#include "ui/directory/SpnPredictionBox.h"

#include "core/directory/ClientProfile.h"
#include "core/directory/DnsHostResolver.h"
#include "core/directory/Spn.h"
#include "core/directory/SpnPredictor.h"
#include "ui/directory/DirectoryFacts.h"
#include "ui/directory/DirectorySession.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace ssod::ui {

using core::directory::SpnPrediction;
using Severity = DirectoryFact::Severity;

SpnPredictionBox::SpnPredictionBox(DirectorySession &session, QWidget *parent)
    : QGroupBox(tr("Which SPN would a client ask for?"), parent), m_session(session), m_target(new QLineEdit(this)),
      m_client(new QComboBox(this)), m_serviceAccount(new QLineEdit(this)), m_predict(new QPushButton(tr("&Predict"), this)),
      m_result(new QLabel(this))
{
    setObjectName(QStringLiteral("spnPrediction"));
    m_target->setObjectName(QStringLiteral("predictTarget"));
    m_target->setAccessibleName(tr("Target the client connects to"));
    m_target->setPlaceholderText(tr("http://portal.contoso.com/, rdsh01.contoso.com, rdp://host, http://host:5985/wsman"));
    m_client->setObjectName(QStringLiteral("clientProfile"));
    m_client->setAccessibleName(tr("Client profile"));
    for (const QString &id : core::directory::clientProfileIds())
        m_client->addItem(core::directory::clientProfileName(*core::directory::clientProfileFromId(id)), id);
    m_client->setCurrentIndex(m_client->findData(QStringLiteral("edge")));
    m_serviceAccount->setObjectName(QStringLiteral("predictServiceAccount"));
    m_serviceAccount->setAccessibleName(tr("Account the service runs as (optional)"));
    m_serviceAccount->setPlaceholderText(tr("optional: the account the service runs as"));
    m_predict->setObjectName(QStringLiteral("predictButton"));
    m_result->setObjectName(QStringLiteral("predictionResult"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::RichText);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    auto *row = new QHBoxLayout;
    row->addWidget(m_client, 1);
    row->addWidget(m_serviceAccount, 1);
    row->addWidget(m_predict);
    auto *form = new QFormLayout(this);
    form->addRow(tr("&Target:"), m_target);
    auto *clientLabel = new QLabel(tr("&Client:"), this);
    clientLabel->setBuddy(m_client);
    form->addRow(clientLabel, row);
    form->addRow(m_result);
    connect(m_predict, &QPushButton::clicked, this, [this] { predict(); });
    connect(m_target, &QLineEdit::returnPressed, this, [this] { predict(); });
    const auto enable = [this] { m_predict->setEnabled(m_session.isConnected()); };
    connect(&m_session, &DirectorySession::connectedChanged, this, enable);
    enable();
}

void SpnPredictionBox::suggestTargetFor(const QString &spnText)
{
    auto spn = core::directory::Spn::parse(spnText);
    if (!spn || spn->hostIsAddress())
        return;
    const QString cls = spn->serviceClass().toUpper();
    const QString port = spn->port() ? QLatin1Char(':') + QString::number(*spn->port()) : QString();
    if (cls == QLatin1String("HTTP"))
        m_target->setText(QStringLiteral("http://%1%2/").arg(spn->host(), port));
    else if (cls == QLatin1String("TERMSRV"))
        m_target->setText(QStringLiteral("rdp://%1").arg(spn->host()));
    else
        m_target->setText(spn->host() + port);
}

void SpnPredictionBox::predict()
{
    const QString target = m_target->text().trimmed();
    const QString client = m_client->currentData().toString();
    const QString account = m_serviceAccount->text().trimmed();
    if (target.isEmpty()) {
        m_result->setText(tr("Type the URL or host name the client connects to."));
        return;
    }
    m_predict->setEnabled(false);
    m_result->setText(tr("Predicting\u2026"));
    const int timeoutMs = std::min(m_session.options().timeoutMs, 5000);
    m_session.run<SpnPrediction>(
        tr("Predicting the SPN\u2026"),
        [target, client, account, timeoutMs](core::directory::LdapConnection &c, const std::atomic<bool> &cancel)
            -> core::Result<SpnPrediction> {
            core::directory::DnsHostResolver resolver(timeoutMs);
            core::directory::SpnDirectory directory(c);
            return core::directory::predictSpn(
                target, *core::directory::clientProfileFromId(client), resolver, &directory, account, &cancel);
        },
        this,
        [this](core::Result<SpnPrediction> r) {
            m_predict->setEnabled(m_session.isConnected());
            if (!r) {
                m_result->setText(QStringLiteral("<b style=\"color:%1\">%2</b> %3")
                                      .arg(DirectoryFact::severityColor(Severity::Problem).name(),
                                          DirectoryFact::severityText(Severity::Problem).toHtmlEscaped(),
                                          r.error().message.toHtmlEscaped()));
                return;
            }
            const Severity sev = r->problem() ? Severity::Problem : Severity::Ok;
            QString html = QStringLiteral("<p><b>%1</b> <b style=\"color:%2\">%3</b> %4</p><ol>")
                               .arg(r->kerberos ? r->spn.toHtmlEscaped() : tr("No Kerberos (NTLM)"),
                                   DirectoryFact::severityColor(sev).name(),
                                   DirectoryFact::severityText(sev).toHtmlEscaped(), r->verdictText.toHtmlEscaped());
            for (const auto &step : r->steps)
                html += QStringLiteral("<li>%1</li>").arg(step.text.toHtmlEscaped());
            m_result->setText(html + QStringLiteral("</ol>"));
        },
        DirectorySession::JobKind::ReadOnly);
}

} // namespace ssod::ui
