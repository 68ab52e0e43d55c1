#include "ui/diagnose/DiagnosePage.h"

#include "core/probe/ProbeRunner.h"
#include "core/probe/Scenario.h"
#include "ui/diagnose/FindingsView.h"
#include "ui/diagnose/KerberosFlowView.h"
#include "ui/diagnose/PortalGateDialog.h"
#include "ui/diagnose/ServiceChecksDialog.h"
#include "ui/directory/DirectorySession.h"
#include "ui/diagnose/TokenDecoderDialog.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace ssod::ui {

DiagnosePage::DiagnosePage(QWidget *parent)
    : QWidget(parent), m_scenario(new QComboBox(this)), m_description(new QLabel(this)),
      m_targets(new QLineEdit(this)), m_dc(new QLineEdit(this)), m_client(new QComboBox(this)),
      m_timeout(new QDoubleSpinBox(this)), m_caFile(new QLineEdit(this)),
      m_browseCa(new QPushButton(tr("&Browse\u2026"), this)), m_policy(new QLineEdit(this)),
      m_browsePolicy(new QPushButton(tr("Bro&wse\u2026"), this)), m_decode(new QPushButton(tr("D&ecode a Token\u2026"), this)),
      m_portalGate(new QPushButton(tr("Web &Portal Gate\u2026"), this)),
      m_serviceChecks(new QPushButton(tr("Service Chec&ks\u2026"), this)),
      m_run(new QPushButton(tr("&Run"), this)),
      m_cancel(new QPushButton(tr("&Cancel"), this)), m_progress(new QProgressBar(this)), m_status(new QLabel(this)),
      m_flow(new KerberosFlowView(this)), m_findings(new FindingsView(this)),
      m_runner(new core::probe::ProbeRunner(this))
{
    setObjectName(QStringLiteral("diagnosePage"));
    m_scenario->setObjectName(QStringLiteral("scenarioCombo"));
    m_targets->setObjectName(QStringLiteral("targetsEdit"));
    m_dc->setObjectName(QStringLiteral("dcEdit"));
    m_client->setObjectName(QStringLiteral("clientCombo"));
    m_timeout->setObjectName(QStringLiteral("timeoutSpin"));
    m_caFile->setObjectName(QStringLiteral("caFileEdit"));
    m_browseCa->setObjectName(QStringLiteral("browseCaButton"));
    m_decode->setObjectName(QStringLiteral("decodeButton"));
    m_portalGate->setObjectName(QStringLiteral("portalGateButton"));
    m_serviceChecks->setObjectName(QStringLiteral("serviceChecksButton"));
    m_serviceChecks->setToolTip(tr("IIS, WinRM and a host's readiness, read from the service's own files"));
    m_portalGate->setToolTip(tr("Will a web SSO portal offer Kerberos to a client? Read from its web.config"));
    m_policy->setObjectName(QStringLiteral("policyEdit"));
    m_browsePolicy->setObjectName(QStringLiteral("browsePolicyButton"));
    m_run->setObjectName(QStringLiteral("runButton"));
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_progress->setObjectName(QStringLiteral("diagnoseProgress"));
    m_status->setObjectName(QStringLiteral("diagnoseStatus"));
    m_description->setObjectName(QStringLiteral("scenarioDescription"));
    m_description->setWordWrap(true);
    m_description->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);

    const auto &scenarios = core::probe::builtinScenarios();
    if (scenarios) {
        for (const auto &s : *scenarios)
            m_scenario->addItem(s.title, s.id);
    } else {
        m_status->setText(tr("The scenarios could not be read: %1").arg(scenarios.error().toString()));
        m_run->setEnabled(false);
    }
    m_dc->setPlaceholderText(tr("optional; the domain's name is used when empty"));
    m_dc->setToolTip(tr("The domain controller to check the KDC, LDAP and the clock against"));
    // The client decides which SPN is asked for (CNAMEs, ports): a browser by default.
    for (const auto &[id, label] : { std::pair { "edge", QT_TR_NOOP("Edge / Internet Explorer") },
             std::pair { "chrome", QT_TR_NOOP("Chrome") }, std::pair { "firefox", QT_TR_NOOP("Firefox") },
             std::pair { "curl", QT_TR_NOOP("curl (MIT Kerberos)") } })
        m_client->addItem(tr(label), QLatin1String(id));
    m_timeout->setRange(0.5, 120);
    m_timeout->setDecimals(1);
    m_timeout->setValue(5);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setToolTip(tr("How long each check may take; all checks run at the same time"));
    m_caFile->setPlaceholderText(tr("optional; PEM file of a private CA, trusted besides the system's CAs"));
    m_caFile->setToolTip(tr("HTTPS, RDP and TLS checks trust the certificates in this file as well as the "
                            "system's; give your enterprise root CA when this computer does not trust it"));
    m_browseCa->setToolTip(tr("Choose a PEM file with CA certificates"));
    m_policy->setPlaceholderText(tr("optional; the client's settings: .reg export, Registry.pol, hive or browser policy"));
    m_policy->setToolTip(tr("With the client's settings the browser's Kerberos policy, credential delegation to the "
                            "farm (TERMSRV/) and WinRM TrustedHosts are checked too"));
    m_browsePolicy->setToolTip(tr("Choose a file of the client computer's settings"));
    m_decode->setToolTip(tr("Explain a Negotiate, NTLM or Kerberos token pasted from a header or a log"));
    m_cancel->setEnabled(false);
    m_progress->setTextVisible(true);
    m_progress->setFormat(tr("%v of %m checks"));
    m_progress->setValue(0);
    m_progress->setMaximum(1);

    auto *form = new QFormLayout;
    form->addRow(tr("&Scenario:"), m_scenario);
    form->addRow(tr("&Names:"), m_targets);
    auto *options = new QHBoxLayout;
    options->addWidget(m_dc, 2);
    auto *clientLabel = new QLabel(tr("C&lient:"), this);
    clientLabel->setBuddy(m_client);
    options->addWidget(clientLabel);
    options->addWidget(m_client, 1);
    auto *timeoutLabel = new QLabel(tr("&Time per check:"), this);
    timeoutLabel->setBuddy(m_timeout);
    options->addWidget(timeoutLabel);
    options->addWidget(m_timeout);
    form->addRow(tr("&Domain controller:"), options);
    if (auto *dcLabel = qobject_cast<QLabel *>(form->labelForField(options)))
        dcLabel->setBuddy(m_dc);
    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(m_browseCa);
    form->addRow(tr("C&A file:"), caRow);
    if (auto *caLabel = qobject_cast<QLabel *>(form->labelForField(caRow)))
        caLabel->setBuddy(m_caFile);
    auto *policyRow = new QHBoxLayout;
    policyRow->addWidget(m_policy, 1);
    policyRow->addWidget(m_browsePolicy);
    form->addRow(tr("Client settin&gs:"), policyRow);
    if (auto *policyLabel = qobject_cast<QLabel *>(form->labelForField(policyRow)))
        policyLabel->setBuddy(m_policy);
    auto *runRow = new QHBoxLayout;
    runRow->addWidget(m_run);
    runRow->addWidget(m_cancel);
    runRow->addWidget(m_progress, 1);
    runRow->addWidget(m_decode);
    runRow->addWidget(m_portalGate);
    runRow->addWidget(m_serviceChecks);
    auto *layout = new QVBoxLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // The description spans the page: a wrapped label inside a form row is laid out for a narrow
    // width and then centred in the spare height.
    layout->addLayout(form);
    layout->addWidget(m_description);
    layout->addLayout(runRow);
    layout->addWidget(m_status);
    layout->addWidget(m_flow);
    layout->addWidget(m_findings, 1);
    m_run->setDefault(true);

    connect(m_scenario, &QComboBox::currentIndexChanged, this, [this] { scenarioChanged(); });
    connect(m_run, &QPushButton::clicked, this, [this] { run(); });
    connect(m_targets, &QLineEdit::returnPressed, this, [this] {
        if (!isRunning())
            run();
    });
    connect(m_cancel, &QPushButton::clicked, this, &DiagnosePage::cancel);
    connect(m_decode, &QPushButton::clicked, this, [this] { openDecoder(); });
    connect(m_portalGate, &QPushButton::clicked, this, [this] { openPortalGate(); });
    connect(m_serviceChecks, &QPushButton::clicked, this, [this] { openServiceChecks(); });
    connect(m_browseCa, &QPushButton::clicked, this, [this] {
        const QString start = m_caFile->text().isEmpty() ? QString() : QFileInfo(m_caFile->text()).absolutePath();
        const QString path = QFileDialog::getOpenFileName(this, tr("CA Certificates"), start,
            tr("Certificates (*.pem *.crt *.cer);;All files (*)"));
        if (!path.isEmpty())
            m_caFile->setText(path);
    });
    connect(m_browsePolicy, &QPushButton::clicked, this, [this] {
        const QString start = m_policy->text().isEmpty() ? QString() : QFileInfo(m_policy->text()).absolutePath();
        const QString path = QFileDialog::getOpenFileName(this, tr("Client Settings"), start,
            tr("Settings files (*.reg *.pol *.json SOFTWARE NTUSER.DAT);;All files (*)"));
        if (!path.isEmpty())
            m_policy->setText(path);
    });
    connect(m_runner, &core::probe::ProbeRunner::reportReady, this, &DiagnosePage::reportArrived);
    connect(m_runner, &core::probe::ProbeRunner::progress, this, [this](int done, int total) {
        m_progress->setMaximum(std::max(total, 1));
        m_progress->setValue(done);
    });
    connect(m_runner, &core::probe::ProbeRunner::finished, this, &DiagnosePage::runEnded);
    connect(m_flow, &KerberosFlowView::stepClicked, m_findings, &FindingsView::selectStep);
    connect(m_findings, &FindingsView::fixRequested, this, &DiagnosePage::fixRequested);
    scenarioChanged();
}

DiagnosePage::~DiagnosePage()
{
    m_runner->cancel();
}

bool DiagnosePage::setScenario(const QString &id)
{
    const int i = m_scenario->findData(id);
    if (i < 0)
        return false;
    m_scenario->setCurrentIndex(i);
    return true;
}

void DiagnosePage::setTargets(const QStringList &targets)
{
    m_targets->setText(targets.join(QLatin1Char(' ')));
}

void DiagnosePage::setDomainController(const QString &dc)
{
    m_dc->setText(dc);
}

void DiagnosePage::setTimeoutSeconds(double seconds)
{
    m_timeout->setValue(seconds);
}

void DiagnosePage::setCaFile(const QString &path)
{
    m_caFile->setText(path);
}

TokenDecoderDialog *DiagnosePage::openDecoder(const QString &text)
{
    if (!m_decoder)
        m_decoder = new TokenDecoderDialog(this);
    if (!text.isEmpty())
        m_decoder->setInput(text);
    m_decoder->show();
    m_decoder->raise();
    m_decoder->activateWindow();
    return m_decoder;
}

PortalGateDialog *DiagnosePage::openPortalGate()
{
    if (!m_portalDialog)
        m_portalDialog = new PortalGateDialog(this);
    m_portalDialog->show();
    m_portalDialog->raise();
    m_portalDialog->activateWindow();
    return m_portalDialog;
}

void DiagnosePage::setDirectorySession(DirectorySession *session)
{
    m_session = session;
    if (m_serviceDialog)
        m_serviceDialog->setDirectorySession(session);
}

ServiceChecksDialog *DiagnosePage::openServiceChecks()
{
    if (!m_serviceDialog) {
        m_serviceDialog = new ServiceChecksDialog(this);
        m_serviceDialog->setDirectorySession(m_session);
        connect(m_serviceDialog, &ServiceChecksDialog::fixRequested, this, &DiagnosePage::fixRequested);
    }
    m_serviceDialog->show();
    m_serviceDialog->raise();
    m_serviceDialog->activateWindow();
    return m_serviceDialog;
}

void DiagnosePage::setPolicyFile(const QString &path)
{
    m_policy->setText(path);
}

void DiagnosePage::scenarioChanged()
{
    const core::probe::Scenario *s = core::probe::findScenario(m_scenario->currentData().toString());
    m_description->setText(s ? s->description : QString());
    m_targets->setPlaceholderText(s ? s->targetHint : QString());
    m_order = s ? s->order : QStringList();
}

bool DiagnosePage::isRunning() const
{
    return m_runner->isRunning();
}

QString DiagnosePage::statusText() const
{
    return m_status->text();
}

bool DiagnosePage::run()
{
    if (isRunning())
        return false;
    const core::probe::Scenario *s = core::probe::findScenario(m_scenario->currentData().toString());
    if (!s)
        return false;
    static const QRegularExpression separators(QStringLiteral("[\\s,;]+"));
    const QStringList targets = m_targets->text().split(separators, Qt::SkipEmptyParts);
    if (targets.isEmpty()) {
        m_status->setText(tr("Enter the names to check, e.g. %1.").arg(s->targetHint));
        m_targets->setFocus();
        return false;
    }
    QVariantMap globals { { QStringLiteral("client"), m_client->currentData().toString() } };
    if (!m_dc->text().trimmed().isEmpty())
        globals.insert(QStringLiteral("dc"), m_dc->text().trimmed());
    if (const QString ca = m_caFile->text().trimmed(); !ca.isEmpty()) {
        if (!QFileInfo(ca).isFile() || !QFileInfo(ca).isReadable()) {
            m_status->setText(tr("The CA file %1 cannot be read; choose a PEM file or leave the field empty.").arg(ca));
            m_caFile->setFocus();
            return false;
        }
        globals.insert(QStringLiteral("caFile"), ca);
    }
    if (const QString policy = m_policy->text().trimmed(); !policy.isEmpty()) {
        if (!QFileInfo(policy).isFile() || !QFileInfo(policy).isReadable()) {
            m_status->setText(tr("The settings file %1 cannot be read; choose the client's .reg, Registry.pol, hive "
                                 "or policy file, or leave the field empty.")
                                  .arg(policy));
            m_policy->setFocus();
            return false;
        }
        globals.insert(QStringLiteral("policy"), policy);
    }
    const auto plan = core::probe::planScenario(*s, targets, globals, int(m_timeout->value() * 1000));
    if (!plan) {
        m_status->setText(plan.error().message);
        return false;
    }
    m_findings->clear();
    m_flow->clear();
    QString status = tr("Running %n checks\u2026", nullptr, int(plan->requests.size()));
    if (!plan->skipped.isEmpty()) {
        QStringList missing;
        for (const auto &sk : plan->skipped)
            if (!missing.contains(sk.missing))
                missing << sk.missing;
        status += QLatin1Char(' ') + tr("Left out: %n checks that need %1.", nullptr, int(plan->skipped.size()))
                                         .arg(missing.join(QLatin1String(", ")));
    }
    m_status->setText(status);
    setRunning(true);
    m_runner->start(plan->requests);
    return true;
}

void DiagnosePage::cancel()
{
    m_runner->cancel();
}

void DiagnosePage::reportArrived(const core::probe::ProbeReport &report)
{
    m_findings->addReport(report, m_order);
    m_flow->setFindings(m_findings->findings());
}

void DiagnosePage::runEnded(qint64 ms)
{
    setRunning(false);
    int errors = 0, warnings = 0, cancelled = 0;
    for (const auto &r : m_runner->reports()) {
        cancelled += r.outcome == core::probe::Outcome::Cancelled ? 1 : 0;
        errors += r.outcome == core::probe::Outcome::Failed ? 1 : 0; // a check that could not run
        for (const core::Finding &f : r.findings) {
            errors += f.severity == core::Severity::Error ? 1 : 0;
            warnings += f.severity == core::Severity::Warning ? 1 : 0;
        }
    }
    QString text = cancelled > 0 ? tr("Cancelled after %1 s.").arg(double(ms) / 1000, 0, 'f', 1)
                                 : tr("Done in %1 s.").arg(double(ms) / 1000, 0, 'f', 1);
    text += QLatin1Char(' ') + tr("%n errors", nullptr, errors) + QStringLiteral(", ")
        + tr("%n warnings", nullptr, warnings) + QLatin1Char('.');
    m_status->setText(text);
    emit runFinished();
}

void DiagnosePage::setRunning(bool running)
{
    m_run->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_scenario->setEnabled(!running);
    m_targets->setReadOnly(running);
    m_caFile->setReadOnly(running);
    m_browseCa->setEnabled(!running);
    m_policy->setReadOnly(running);
    m_browsePolicy->setEnabled(!running);
    if (running) {
        m_progress->setValue(0);
        m_cancel->setFocus();
    }
}

} // namespace ssod::ui
