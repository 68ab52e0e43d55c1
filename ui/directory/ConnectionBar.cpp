#include "ui/directory/ConnectionBar.h"

#include "ui/directory/DirectoryFacts.h"
#include "ui/directory/DirectorySession.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>

namespace ssod::ui {

using core::directory::ConnectionOptions;

ConnectionBar::ConnectionBar(DirectorySession &session, QWidget *parent)
    : QFrame(parent), m_session(session), m_state(new QLabel(this)), m_facts(new QLabel(this)),
      m_connect(new QPushButton(tr("&Connect\u2026"), this)), m_disconnect(new QPushButton(tr("&Disconnect"), this))
{
    setObjectName(QStringLiteral("connectionBar"));
    setFrameShape(QFrame::StyledPanel);
    m_state->setObjectName(QStringLiteral("connectionState"));
    m_state->setTextFormat(Qt::RichText);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_state->setWordWrap(true);
    m_facts->setObjectName(QStringLiteral("rootDseFacts"));
    m_facts->setTextFormat(Qt::RichText);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_facts->setWordWrap(true);
    m_connect->setObjectName(QStringLiteral("connectButton"));
    m_connect->setAccessibleName(tr("Connect to a domain controller"));
    m_disconnect->setObjectName(QStringLiteral("disconnectButton"));
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addWidget(m_state, 0, 0);
    layout->addWidget(m_facts, 1, 0, 1, 2);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_connect);
    buttons->addWidget(m_disconnect);
    layout->addLayout(buttons, 0, 1, Qt::AlignRight | Qt::AlignTop);
    layout->setColumnStretch(0, 1);

    connect(m_connect, &QPushButton::clicked, this, &ConnectionBar::connectRequested);
    connect(m_disconnect, &QPushButton::clicked, this, [this] { m_session.disconnectFromDirectory(); });
    connect(&m_session, &DirectorySession::connectedChanged, this, [this](bool connected) {
        if (connected)
            m_skewSeconds = m_session.rootDse().currentTime.isValid()
                ? QDateTime::currentDateTimeUtc().secsTo(m_session.rootDse().currentTime)
                : 0;
        refresh();
    });
    refresh();
}

void ConnectionBar::refresh()
{
    m_disconnect->setEnabled(m_session.isConnected());
    if (!m_session.isConnected()) {
        m_state->setText(tr("<b>Not connected.</b> Connect to a domain controller to search accounts, "
                            "SPNs and delegation."));
        m_facts->setText(tr("Signing in uses your Kerberos ticket (from your Windows logon or kinit) unless you "
                            "choose a DN and password, which is sent over TLS only."));
        return;
    }
    const auto dse = m_session.rootDse();
    const ConnectionOptions o = m_session.options();
    const QString dc = !dse.dnsHostName.isEmpty() ? dse.dnsHostName : o.dc;
    const QString who = !m_session.boundIdentity().isEmpty() ? m_session.boundIdentity()
        : o.bind == ConnectionOptions::Bind::Simple          ? o.bindDn
                                                             : tr("the user of your Kerberos ticket");
    m_state->setText(tr("<b>Connected</b> to <b>%1</b> as %2 \u2014 %3")
                         .arg(dc.toHtmlEscaped(), who.toHtmlEscaped(), m_session.description().toHtmlEscaped()));
    QStringList facts;
    facts << tr("Naming context: %1").arg(dse.defaultNamingContext.toHtmlEscaped());
    if (dse.currentTime.isValid()) {
        const QString time = QLocale().toString(dse.currentTime.toUTC(), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        const qint64 s = m_skewSeconds;
        const QString diff = qAbs(s) < 2 ? tr("same as this computer")
            : s > 0                      ? tr("%1 s ahead of this computer").arg(s)
                                         : tr("%1 s behind this computer").arg(-s);
        const bool bad = qAbs(s) > kMaxSkewSeconds;
        const auto sev = bad ? DirectoryFact::Severity::Problem : DirectoryFact::Severity::Ok;
        facts << tr("DC clock: %1 UTC, <span style=\"color:%2\">%3%4</span>")
                     .arg(time, DirectoryFact::severityColor(sev).name(), diff,
                         bad ? tr(" \u2014 more than 5 minutes: Kerberos fails (clock skew too great)") : QString());
    }
    if (!dse.saslMechanisms.isEmpty())
        facts << tr("SASL: %1").arg(dse.saslMechanisms.join(QStringLiteral(", ")).toHtmlEscaped());
    m_facts->setText(facts.join(QStringLiteral(" \u00B7 ")));
}

} // namespace ssod::ui
