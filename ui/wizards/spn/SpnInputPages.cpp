#include "ui/wizards/spn/SpnInputPages.h"

#include "ui/directory/DirectorySession.h"
#include "ui/wizards/pages/PageUtil.h"
#include "ui/wizards/spn/SpnWizard.h"

#include <QButtonGroup>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QRadioButton>
#include <QVBoxLayout>

namespace ssod::ui {

namespace {

QStringList items(const QLineEdit *edit)
{
    QStringList out;
    for (const QString &part : edit->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            out << part.trimmed();
    return out;
}

/// "DC=lab,DC=test" → "lab.test".
QString dnsDomainOf(const QString &namingContext)
{
    QStringList labels;
    for (const QString &rdn : namingContext.split(QLatin1Char(',')))
        if (rdn.trimmed().startsWith(QLatin1String("DC="), Qt::CaseInsensitive))
            labels << rdn.trimmed().mid(3);
    return labels.join(QLatin1Char('.')).toLower();
}

} // namespace

SpnTargetPage::SpnTargetPage(SpnWizard &wizard) : m_wizard(wizard)
{
    setObjectName(QStringLiteral("targetPage"));
    setTitle(tr("Where the SPNs go"));
    setSubTitle(tr("Step 2 of 6 \u2014 Choose the directory, or export a script"));
    m_directory = new QRadioButton(tr("Register them in the connected directory"), this);
    m_directory->setObjectName(QStringLiteral("directoryTarget"));
    m_export = new QRadioButton(tr("Export only: a setspn batch, PowerShell, LDIF or ktpass lines for an administrator"), this);
    m_export->setObjectName(QStringLiteral("exportTarget"));
    auto *group = new QButtonGroup(this);
    group->addButton(m_directory);
    group->addButton(m_export);
    m_connection = pageutil::text({}, this, QStringLiteral("connectionLabel"));
    m_locked = pageutil::problemLabel(this, QStringLiteral("lockedLabel"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_directory);
    layout->addWidget(m_connection);
    layout->addSpacing(8);
    layout->addWidget(m_export);
    layout->addWidget(pageutil::text(tr("Without a connection the SPNs are not checked against the directory: "
                                        "nobody can say whether another account holds them."),
        this));
    layout->addWidget(m_locked);
    layout->addStretch(1);
    connect(group, &QButtonGroup::buttonToggled, this, [this] { Q_EMIT completeChanged(); });
    if (DirectorySession *s = m_wizard.session())
        connect(s, &DirectorySession::connectedChanged, this, [this] { update(); });
    update();
}

void SpnTargetPage::update()
{
    DirectorySession *s = m_wizard.session();
    const bool connected = s && s->isConnected();
    m_directory->setEnabled(connected && !m_wizard.registration().hasApplied());
    m_connection->setText(connected
            ? tr("Connected to <b>%1</b> (domain controller %2).")
                  .arg(s->description().toHtmlEscaped(), s->rootDse().dnsHostName.toHtmlEscaped())
            : tr("Not connected: connect on the Directory page first (the wizard checks every SPN there)."));
    if (connected && !m_export->isChecked())
        m_directory->setChecked(true);
    if (!connected && m_directory->isChecked())
        m_export->setChecked(true);
    if (!connected && !m_export->isChecked())
        m_export->setChecked(true);
    Q_EMIT completeChanged();
}

bool SpnTargetPage::isComplete() const
{
    return m_export->isChecked() || (m_directory->isChecked() && m_directory->isEnabled());
}

bool SpnTargetPage::validatePage()
{
    if (!m_wizard.registration().hasApplied())
        m_wizard.registration().exportOnly = m_export->isChecked();
    return true;
}

void SpnTargetPage::lockIfApplied()
{
    const bool applied = m_wizard.registration().hasApplied();
    m_directory->setEnabled(!applied && m_wizard.session() && m_wizard.session()->isConnected());
    m_export->setEnabled(!applied);
    pageutil::setProblem(m_locked,
        applied ? tr("The SPNs are registered: undo them on the Verify page before you choose another target.")
                : QString());
}

SpnOptionsPage::SpnOptionsPage(SpnWizard &wizard) : m_wizard(wizard)
{
    setObjectName(QStringLiteral("optionsPage"));
    setTitle(tr("The service"));
    setSubTitle(tr("Step 3 of 6 \u2014 What clients connect to, and which account the service runs as"));
    const auto edit = [this](const QString &name, const QString &placeholder) {
        auto *e = new QLineEdit(this);
        e->setObjectName(name);
        e->setPlaceholderText(placeholder);
        connect(e, &QLineEdit::textChanged, this, [this] { updatePreview(); });
        return e;
    };
    m_classes = edit(QStringLiteral("classesEdit"), tr("HTTP, TERMSRV or the service's own class"));
    m_names = edit(QStringLiteral("namesEdit"), tr("portal (the load-balanced name clients use)"));
    m_nodes = edit(QStringLiteral("nodesEdit"), tr("web01, web02 (only if clients also connect to them)"));
    m_domain = edit(QStringLiteral("domainEdit"), tr("contoso.com"));
    m_account = edit(QStringLiteral("accountEdit"), tr("svc_portal (the account the service runs as)"));
    m_ports = edit(QStringLiteral("portsEdit"), tr("optional, e.g. 8080"));
    m_preview = new QListWidget(this);
    m_preview->setObjectName(QStringLiteral("previewList"));
    m_preview->setAccessibleName(tr("SPNs these inputs make"));
    m_problem = pageutil::problemLabel(this, QStringLiteral("optionsProblem"));
    m_locked = pageutil::problemLabel(this, QStringLiteral("lockedLabel"));
    m_classes->setText(QStringLiteral("HTTP")); // the usual case; every edit exists by now

    auto *form = new QFormLayout;
    form->addRow(tr("Service &classes:"), m_classes);
    form->addRow(tr("&Load-balanced names:"), m_names);
    form->addRow(tr("&Nodes:"), m_nodes);
    form->addRow(tr("DNS &domain:"), m_domain);
    form->addRow(tr("Service &account:"), m_account);
    form->addRow(tr("&Ports:"), m_ports);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(pageutil::text(tr("Separate several entries with commas. Each name is registered in its "
                                        "FQDN and its NetBIOS form, because clients send either."),
        this));
    layout->addLayout(form);
    layout->addWidget(pageutil::heading(tr("SPNs these inputs make"), this));
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_problem);
    layout->addWidget(m_locked);
}

void SpnOptionsPage::prefill(const core::directory::FarmPlanInput &in)
{
    const auto join = [](const QStringList &l) { return l.join(QLatin1String(", ")); };
    if (!in.classes.isEmpty())
        m_classes->setText(join(in.classes));
    m_names->setText(join(in.names));
    m_nodes->setText(join(in.nodes));
    if (!in.domain.isEmpty())
        m_domain->setText(in.domain);
    m_account->setText(in.account);
    QStringList ports;
    for (quint16 p : in.ports)
        ports << QString::number(p);
    m_ports->setText(join(ports));
}

void SpnOptionsPage::initializePage()
{
    DirectorySession *s = m_wizard.session();
    if (m_domain->text().isEmpty() && s && s->isConnected())
        m_domain->setText(dnsDomainOf(s->rootDse().defaultNamingContext));
    updatePreview();
}

void SpnOptionsPage::updatePreview()
{
    core::directory::FarmPlanInput in;
    in.classes = items(m_classes);
    in.names = items(m_names);
    in.nodes = items(m_nodes);
    in.domain = m_domain->text().trimmed();
    in.account = m_account->text().trimmed();
    QString problem;
    for (const QString &p : items(m_ports)) {
        bool ok = false;
        const uint port = p.toUInt(&ok);
        if (!ok || port == 0 || port > 65535)
            problem = tr("\"%1\" is not a port (1\u201365535)").arg(p);
        else
            in.ports << quint16(port);
    }
    m_preview->clear();
    auto spns = core::directory::farmSpns(in);
    if (problem.isEmpty() && !spns)
        problem = spns.error().message;
    if (problem.isEmpty() && in.account.isEmpty())
        problem = tr("Give the service account: the SPNs are registered on it.");
    if (spns)
        for (const auto &p : *spns)
            m_preview->addItem(QStringLiteral("%1    (%2)").arg(p.spn, p.why));
    pageutil::setProblem(m_problem, (m_names->text().isEmpty() && m_nodes->text().isEmpty()) ? QString() : problem);
    m_valid = problem.isEmpty();
    if (m_valid && !m_wizard.registration().hasApplied())
        m_wizard.registration().input = in;
    Q_EMIT completeChanged();
}

bool SpnOptionsPage::isComplete() const
{
    return m_valid;
}

bool SpnOptionsPage::validatePage()
{
    return m_valid;
}

void SpnOptionsPage::lockIfApplied()
{
    const bool applied = m_wizard.registration().hasApplied();
    for (QLineEdit *e : { m_classes, m_names, m_nodes, m_domain, m_account, m_ports })
        e->setReadOnly(applied);
    pageutil::setProblem(m_locked,
        applied ? tr("The SPNs are registered: undo them on the Verify page before you change the service.")
                : QString());
}

} // namespace ssod::ui
