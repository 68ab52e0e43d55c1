#include "ui/directory/ConnectDialog.h"

#include "ui/wizards/SettingsWizard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace ssod::ui {

using core::directory::ConnectionOptions;

namespace {

template<typename W>
W *named(W *w, const char *objectName, const QString &accessible)
{
    w->setObjectName(QLatin1String(objectName));
    w->setAccessibleName(accessible);
    return w;
}

} // namespace

ConnectDialog::ConnectDialog(QWidget *parent)
    : QDialog(parent),
      m_byDomain(named(new QRadioButton(tr("&Domain:"), this), "byDomain", tr("Find the domain controller of a domain"))),
      m_byHost(named(new QRadioButton(tr("Domain &controller:"), this), "byHost", tr("Connect to one domain controller"))),
      m_domain(named(new QLineEdit(this), "domain", tr("Domain"))),
      m_host(named(new QLineEdit(this), "host", tr("Domain controller"))),
      m_globalCatalog(named(new QCheckBox(tr("&Global catalog (forest-wide searches, port 3268/3269)"), this),
          "globalCatalog", tr("Global catalog"))),
      m_kerberos(named(new QRadioButton(tr("My &Kerberos ticket (no password)"), this), "bindKerberos",
          tr("Sign in with my Kerberos ticket"))),
      m_simple(named(new QRadioButton(tr("&Simple bind with a DN and password"), this), "bindSimple",
          tr("Sign in with a DN and password"))),
      m_bindDn(named(new QLineEdit(this), "bindDn", tr("Bind DN"))),
      m_password(named(new QLineEdit(this), "password", tr("Password"))),
      m_remember(named(new QCheckBox(tr("&Remember the password in the system keychain"), this), "rememberPassword",
          tr("Remember the password in the system keychain"))),
      m_tls(named(new QComboBox(this), "tls", tr("Transport security"))),
      m_caFile(named(new QLineEdit(this), "caFile", tr("CA certificates file"))),
      m_insecure(named(new QCheckBox(tr("&Allow a simple bind without TLS"), this), "allowInsecureBind",
          tr("Allow a simple bind without TLS"))),
      m_insecureWarning(new QLabel(this)),
      m_timeout(named(new QSpinBox(this), "timeout", tr("Timeout in seconds"))),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Connect to a Domain Controller"));
    setObjectName(QStringLiteral("connectDialog"));

    m_domain->setPlaceholderText(tr("contoso.com (its domain controllers are found in DNS)"));
    m_host->setPlaceholderText(tr("dc01.contoso.com or dc01.contoso.com:636"));
    m_bindDn->setPlaceholderText(tr("CN=svc_tool,OU=Service Accounts,DC=contoso,DC=com"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase);
    m_remember->setToolTip(tr("Keeps the password in the system keychain (Secret Service, Keychain or Credential "
                              "Manager) under the bind DN and the domain controller, once the bind worked; "
                              "leave the password empty next time to use it. It is never stored anywhere else."));
    m_tls->addItem(tr("None (Kerberos signs and seals the connection itself)"), int(ConnectionOptions::Tls::None));
    m_tls->addItem(tr("StartTLS (ldap:// upgraded to TLS)"), int(ConnectionOptions::Tls::StartTls));
    m_tls->addItem(tr("LDAPS (TLS from the start, port 636)"), int(ConnectionOptions::Tls::Ldaps));
    m_caFile->setPlaceholderText(tr("Empty: the system's trusted certificates"));
    m_insecureWarning->setObjectName(QStringLiteral("insecureWarning"));
    m_insecureWarning->setWordWrap(true);
    m_insecureWarning->setText(tr("\u26A0 Without TLS a simple bind sends the password readable to anyone on "
                                  "the network path. Domain controllers usually refuse it (\u201cTransport "
                                  "encryption required\u201d); choose StartTLS or LDAPS instead."));
    QPalette pal = m_insecureWarning->palette();
    pal.setColor(QPalette::WindowText, wizardcolors::bad());
    m_insecureWarning->setPalette(pal);
    m_timeout->setRange(1, 600);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setValue(10);
    m_timeout->setToolTip(tr("How long to wait for each answer of the domain controller."));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Co&nnect"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("connectButton"));

    auto *where = new QGroupBox(tr("Where"), this);
    auto *whereLayout = new QFormLayout(where);
    whereLayout->addRow(m_byDomain, m_domain);
    whereLayout->addRow(m_byHost, m_host);
    whereLayout->addRow(QString(), m_globalCatalog);

    auto *who = new QGroupBox(tr("Sign in"), this);
    auto *whoLayout = new QFormLayout(who);
    whoLayout->addRow(m_kerberos);
    whoLayout->addRow(m_simple);
    whoLayout->addRow(tr("&Bind DN:"), m_bindDn);
    whoLayout->addRow(tr("&Password:"), m_password);
    whoLayout->addRow(QString(), m_remember);

    auto *security = new QGroupBox(tr("Security"), this);
    auto *securityLayout = new QFormLayout(security);
    securityLayout->addRow(tr("&TLS:"), m_tls);
    auto *caRow = new QHBoxLayout;
    auto *browse = named(new QPushButton(tr("B&rowse\u2026"), this), "browseCaFile", tr("Choose the CA certificates file"));
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(browse);
    auto *caLabel = new QLabel(tr("CA &file:"), this);
    caLabel->setBuddy(m_caFile);
    securityLayout->addRow(caLabel, caRow);
    securityLayout->addRow(QString(), m_insecure);
    securityLayout->addRow(m_insecureWarning);
    securityLayout->addRow(tr("T&imeout:"), m_timeout);
    for (QFormLayout *f : {whereLayout, whoLayout, securityLayout})
        f->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(where);
    layout->addWidget(who);
    layout->addWidget(security);
    layout->addStretch(1); // the warning comes and goes: the groups keep their height
    layout->addWidget(m_buttons);

    m_byHost->setChecked(true);
    m_kerberos->setChecked(true);
    for (QAbstractButton *b : {static_cast<QAbstractButton *>(m_byDomain), static_cast<QAbstractButton *>(m_byHost),
             static_cast<QAbstractButton *>(m_kerberos), static_cast<QAbstractButton *>(m_simple),
             static_cast<QAbstractButton *>(m_insecure)})
        connect(b, &QAbstractButton::toggled, this, [this] { updateState(); });
    for (QLineEdit *e : {m_domain, m_host, m_bindDn})
        connect(e, &QLineEdit::textChanged, this, [this] { updateState(); });
    connect(m_tls, &QComboBox::currentIndexChanged, this, [this] { updateState(); });
    connect(browse, &QPushButton::clicked, this, [this] { browseCaFile(); });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateState();
    resize(sizeHint().expandedTo(QSize(560, 0)));
}

void ConnectDialog::setOptions(const ConnectionOptions &o)
{
    (o.dc.isEmpty() && !o.domain.isEmpty() ? m_byDomain : m_byHost)->setChecked(true);
    m_domain->setText(o.domain);
    m_host->setText(o.dc);
    m_globalCatalog->setChecked(o.globalCatalog);
    (o.bind == ConnectionOptions::Bind::Simple ? m_simple : m_kerberos)->setChecked(true);
    m_bindDn->setText(o.bindDn);
    m_password->clear();
    m_tls->setCurrentIndex(m_tls->findData(int(o.tls)));
    m_caFile->setText(o.caFile);
    m_insecure->setChecked(o.allowInsecureBind);
    m_timeout->setValue(qBound(1, (o.timeoutMs + 999) / 1000, 600));
    updateState();
}

ConnectionOptions ConnectDialog::options() const
{
    ConnectionOptions o;
    if (m_byDomain->isChecked())
        o.domain = m_domain->text().trimmed();
    else
        o.dc = m_host->text().trimmed();
    o.globalCatalog = m_globalCatalog->isChecked();
    o.bind = m_simple->isChecked() ? ConnectionOptions::Bind::Simple : ConnectionOptions::Bind::Gssapi;
    if (o.bind == ConnectionOptions::Bind::Simple) {
        o.bindDn = m_bindDn->text().trimmed();
        o.password = m_password->text();
    }
    o.tls = ConnectionOptions::Tls(m_tls->currentData().toInt());
    o.caFile = m_caFile->text().trimmed();
    o.allowInsecureBind = m_insecure->isChecked();
    o.timeoutMs = m_timeout->value() * 1000;
    return o;
}

void ConnectDialog::updateState()
{
    m_domain->setEnabled(m_byDomain->isChecked());
    m_host->setEnabled(m_byHost->isChecked());
    const bool simple = m_simple->isChecked();
    m_bindDn->setEnabled(simple);
    m_password->setEnabled(simple);
    m_remember->setEnabled(simple);
    const bool cleartext = ConnectionOptions::Tls(m_tls->currentData().toInt()) == ConnectionOptions::Tls::None;
    m_insecure->setEnabled(simple && cleartext);
    m_insecureWarning->setVisible(simple && cleartext);
    const bool where = m_byDomain->isChecked() ? !m_domain->text().trimmed().isEmpty()
                                               : !m_host->text().trimmed().isEmpty();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(where && (!simple || !m_bindDn->text().trimmed().isEmpty()));
}

void ConnectDialog::browseCaFile()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("CA Certificates"), m_caFile->text(),
        tr("Certificates (*.pem *.crt *.cer);;All files (*)"));
    if (!file.isEmpty())
        m_caFile->setText(file);
}

} // namespace ssod::ui
