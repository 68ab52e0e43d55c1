#include "ui/wizards/cert/CertificateWizard.h"

#include "core/probe/ProbeRunner.h"
#include "ui/diagnose/FindingsView.h"
#include "ui/wizards/pages/PageUtil.h"
#include "ui/wizards/pages/ProblemPage.h"

#include <QAbstractButton>
#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

namespace ssod::ui {

namespace {

struct Purpose {
    const char *id;
    const char *label;
    int port;
};
constexpr Purpose kPurposes[] = {
    { "https", QT_TRANSLATE_NOOP("CertificateWizard", "HTTPS web site (443)"), 443 },
    { "rdp", QT_TRANSLATE_NOOP("CertificateWizard", "Remote Desktop (3389, TLS after the RDP negotiation)"), 3389 },
    { "winrm", QT_TRANSLATE_NOOP("CertificateWizard", "WinRM HTTPS listener (5986)"), 5986 },
    { "ldaps", QT_TRANSLATE_NOOP("CertificateWizard", "LDAPS on a domain controller (636)"), 636 },
};

int defaultPort(const QString &purpose)
{
    for (const Purpose &p : kPurposes)
        if (purpose == QLatin1String(p.id))
            return p.port;
    return 443;
}

QString severityWord(core::Severity s)
{
    switch (s) {
    case core::Severity::Ok:
        return CertificateWizard::tr("OK");
    case core::Severity::Info:
        return CertificateWizard::tr("Info");
    case core::Severity::Warning:
        return CertificateWizard::tr("Warning");
    case core::Severity::Error:
        return CertificateWizard::tr("Error");
    }
    return {};
}

int countErrors(const core::probe::ProbeReport &r)
{
    int n = r.outcome == core::probe::Outcome::Failed ? 1 : 0;
    for (const core::Finding &f : r.findings)
        n += f.severity == core::Severity::Error ? 1 : 0;
    return n;
}

/// Step 2: what to check, and the name users type.
class CertTargetPage final : public QWizardPage {
public:
    explicit CertTargetPage(QWidget *parent)
        : QWizardPage(parent), m_endpointRadio(new QRadioButton(CertificateWizard::tr("A &live endpoint"), this)),
          m_fileRadio(new QRadioButton(CertificateWizard::tr("A certificate f&ile (.cer, .crt, .pem, .p7b)"), this)),
          m_endpoint(new QLineEdit(this)), m_purpose(new QComboBox(this)), m_file(new QLineEdit(this)),
          m_browse(new QPushButton(CertificateWizard::tr("Bro&wse\u2026"), this)), m_name(new QLineEdit(this))
    {
        setTitle(CertificateWizard::tr("Target"));
        setSubTitle(CertificateWizard::tr("Which certificate, and the name users type to reach the service."));
        m_endpointRadio->setObjectName(QStringLiteral("certEndpointRadio"));
        m_fileRadio->setObjectName(QStringLiteral("certFileRadio"));
        m_endpoint->setObjectName(QStringLiteral("certEndpointEdit"));
        m_purpose->setObjectName(QStringLiteral("certPurposeCombo"));
        m_file->setObjectName(QStringLiteral("certFileEdit"));
        m_name->setObjectName(QStringLiteral("certNameEdit"));
        m_endpoint->setPlaceholderText(CertificateWizard::tr("host or host:port, e.g. rdsh01.contoso.com"));
        m_file->setPlaceholderText(CertificateWizard::tr("a certificate exported from the server (no private key needed)"));
        m_name->setPlaceholderText(CertificateWizard::tr("e.g. the farm name rds.contoso.com, which may differ from the host name"));
        for (const Purpose &p : kPurposes)
            m_purpose->addItem(CertificateWizard::tr(p.label), QLatin1String(p.id));
        m_endpointRadio->setChecked(true);
        auto *group = new QButtonGroup(this);
        group->addButton(m_endpointRadio);
        group->addButton(m_fileRadio);

        auto *form = new QFormLayout;
        form->addRow(m_endpointRadio);
        form->addRow(CertificateWizard::tr("&Address:"), m_endpoint);
        form->addRow(CertificateWizard::tr("&Service:"), m_purpose);
        form->addRow(m_fileRadio);
        auto *fileRow = new QHBoxLayout;
        fileRow->addWidget(m_file, 1);
        fileRow->addWidget(m_browse);
        form->addRow(CertificateWizard::tr("Fil&e:"), fileRow);
        if (auto *l = qobject_cast<QLabel *>(form->labelForField(fileRow)))
            l->setBuddy(m_file);
        form->addRow(CertificateWizard::tr("Name &users type:"), m_name);
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        auto *layout = new QVBoxLayout(this);
        layout->addLayout(form);
        layout->addWidget(pageutil::text(
            CertificateWizard::tr("Clients compare the name they connect to with the names in the certificate. On an RDS "
                                  "farm behind a Connection Broker users type the farm name, so the certificate must carry "
                                  "it even though each host has its own name."),
            this));
        layout->addStretch(1);

        auto changed = [this] {
            m_endpoint->setEnabled(m_endpointRadio->isChecked());
            m_purpose->setEnabled(true);
            m_file->setEnabled(m_fileRadio->isChecked());
            m_browse->setEnabled(m_fileRadio->isChecked());
            emit completeChanged();
        };
        connect(m_endpointRadio, &QRadioButton::toggled, this, changed);
        for (QLineEdit *e : { m_endpoint, m_file, m_name })
            connect(e, &QLineEdit::textChanged, this, changed);
        connect(m_browse, &QPushButton::clicked, this, [this] {
            const QString path = QFileDialog::getOpenFileName(this, CertificateWizard::tr("Certificate"), QString(),
                CertificateWizard::tr("Certificates (*.cer *.crt *.pem *.der *.p7b *.p7c);;All files (*)"));
            if (!path.isEmpty())
                m_file->setText(path);
        });
        changed();
    }

    bool isComplete() const override
    {
        if (m_name->text().trimmed().isEmpty())
            return false;
        return m_fileRadio->isChecked() ? QFileInfo(m_file->text().trimmed()).isFile()
                                        : !m_endpoint->text().trimmed().isEmpty();
    }

    void fill(CertificateWizard::Input &in) const
    {
        in.file = m_fileRadio->isChecked();
        in.endpoint = m_endpoint->text().trimmed();
        in.path = m_file->text().trimmed();
        in.purpose = m_purpose->currentData().toString();
        in.name = m_name->text().trimmed();
    }

private:
    QRadioButton *m_endpointRadio;
    QRadioButton *m_fileRadio;
    QLineEdit *m_endpoint;
    QComboBox *m_purpose;
    QLineEdit *m_file;
    QPushButton *m_browse;
    QLineEdit *m_name;
};

/// Step 3: what to trust and how long to wait.
class CertOptionsPage final : public QWizardPage {
public:
    explicit CertOptionsPage(QWidget *parent)
        : QWizardPage(parent), m_ca(new QLineEdit(this)), m_browse(new QPushButton(CertificateWizard::tr("Bro&wse\u2026"), this)),
          m_revocation(new QCheckBox(CertificateWizard::tr("Fetch each CRL, AIA and OCSP &URL, as Windows does"), this)),
          m_timeout(new QSpinBox(this))
    {
        setTitle(CertificateWizard::tr("Options"));
        setSubTitle(CertificateWizard::tr("Which CAs to trust and what to fetch."));
        m_ca->setObjectName(QStringLiteral("certCaEdit"));
        m_revocation->setObjectName(QStringLiteral("certRevocationCheck"));
        m_timeout->setObjectName(QStringLiteral("certTimeoutSpin"));
        m_ca->setPlaceholderText(CertificateWizard::tr("optional: your enterprise root CA (PEM), trusted besides the system's"));
        m_revocation->setChecked(true);
        m_revocation->setToolTip(CertificateWizard::tr("An unreachable or slow CRL is what makes Remote Desktop hang at "
                                                       "\u201cSecuring remote connection\u2026\u201d"));
        m_timeout->setRange(2, 120);
        m_timeout->setValue(10);
        m_timeout->setSuffix(CertificateWizard::tr(" s"));
        auto *caRow = new QHBoxLayout;
        caRow->addWidget(m_ca, 1);
        caRow->addWidget(m_browse);
        auto *form = new QFormLayout;
        form->addRow(CertificateWizard::tr("&CA file:"), caRow);
        if (auto *l = qobject_cast<QLabel *>(form->labelForField(caRow)))
            l->setBuddy(m_ca);
        form->addRow(QString(), m_revocation);
        form->addRow(CertificateWizard::tr("&Time allowed:"), m_timeout);
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        auto *layout = new QVBoxLayout(this);
        layout->addLayout(form);
        layout->addStretch(1);
        connect(m_browse, &QPushButton::clicked, this, [this] {
            const QString path = QFileDialog::getOpenFileName(this, CertificateWizard::tr("CA Certificates"), QString(),
                CertificateWizard::tr("Certificates (*.pem *.crt *.cer);;All files (*)"));
            if (!path.isEmpty())
                m_ca->setText(path);
        });
        connect(m_ca, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
    }

    bool isComplete() const override
    {
        const QString ca = m_ca->text().trimmed();
        return ca.isEmpty() || QFileInfo(ca).isFile();
    }

    void fill(CertificateWizard::Input &in) const
    {
        in.caFile = m_ca->text().trimmed();
        in.revocation = m_revocation->isChecked();
        in.timeoutMs = m_timeout->value() * 1000;
    }

private:
    QLineEdit *m_ca;
    QPushButton *m_browse;
    QCheckBox *m_revocation;
    QSpinBox *m_timeout;
};

} // namespace

/// Step 4: the check runs; its findings show as they are.
class CertReviewPage final : public QWizardPage {
public:
    explicit CertReviewPage(CertificateWizard &wizard)
        : QWizardPage(&wizard), m_wizard(wizard), m_status(new QLabel(this)), m_busy(new QProgressBar(this)),
          m_stop(new QPushButton(CertificateWizard::tr("&Stop"), this)), m_findings(new FindingsView(this))
    {
        setTitle(CertificateWizard::tr("Review"));
        setSubTitle(CertificateWizard::tr("What a client finds when it checks this certificate."));
        m_status->setObjectName(QStringLiteral("certReviewStatus"));
        m_stop->setObjectName(QStringLiteral("certStopButton"));
        m_findings->setObjectName(QStringLiteral("certFindings"));
        m_status->setWordWrap(true);
        m_busy->setRange(0, 0);
        auto *row = new QHBoxLayout;
        row->addWidget(m_busy, 1);
        row->addWidget(m_stop);
        auto *layout = new QVBoxLayout(this);
        layout->addWidget(m_status);
        layout->addLayout(row);
        layout->addWidget(m_findings, 1);
        connect(m_stop, &QPushButton::clicked, this, [this] { m_wizard.cancelCheck(); });
        connect(m_findings, &FindingsView::fixRequested, &wizard, &CertificateWizard::fixRequested);
    }

    void initializePage() override
    {
        m_findings->clear();
        m_done = false;
        m_busy->setVisible(true);
        m_stop->setVisible(true);
        m_stop->setEnabled(true);
        const CertificateWizard::Input in = m_wizard.input();
        m_status->setText(CertificateWizard::tr("Checking %1 for the name %2\u2026").arg(in.file ? in.path : in.endpoint, in.name));
        emit completeChanged();
        m_wizard.runCheck(this, [this](const core::probe::ProbeReport &r) {
            m_done = true;
            m_busy->setVisible(false);
            m_stop->setVisible(false);
            m_findings->addReport(r);
            m_findings->selectWorst();
            const int errors = countErrors(r);
            if (r.outcome == core::probe::Outcome::Cancelled)
                m_status->setText(CertificateWizard::tr("Stopped. Go back and Next to check again."));
            else if (!r.error.isEmpty())
                m_status->setText(CertificateWizard::tr("The check could not run: %1").arg(r.error));
            else
                m_status->setText(errors == 0 ? CertificateWizard::tr("Checked in %1 ms: no error.").arg(r.ms)
                                              : CertificateWizard::tr("Checked in %1 ms: %n errors, see the findings.", nullptr, errors)
                                                    .arg(r.ms));
            emit completeChanged();
        });
    }

    void cleanupPage() override { m_wizard.cancelCheck(); }
    bool isComplete() const override { return m_done; }

private:
    CertificateWizard &m_wizard;
    QLabel *m_status;
    QProgressBar *m_busy;
    QPushButton *m_stop;
    FindingsView *m_findings;
    bool m_done = false;
};

namespace {

/// Step 5: the result, exported with its commands.
class CertResultPage final : public QWizardPage {
public:
    explicit CertResultPage(CertificateWizard &wizard)
        : QWizardPage(&wizard), m_wizard(wizard), m_summary(new QLabel(this)), m_text(new QPlainTextEdit(this)),
          m_export(new QPushButton(CertificateWizard::tr("&Export\u2026"), this)), m_saved(new QLabel(this))
    {
        setTitle(CertificateWizard::tr("Result"));
        setSubTitle(CertificateWizard::tr("The findings and the commands that fix them, to export."));
        m_summary->setObjectName(QStringLiteral("certSummary"));
        m_text->setObjectName(QStringLiteral("certExportText"));
        m_text->setAccessibleName(CertificateWizard::tr("Findings and commands to export"));
        m_export->setObjectName(QStringLiteral("certExportButton"));
        m_saved->setObjectName(QStringLiteral("certExportStatus"));
        m_summary->setWordWrap(true);
        m_saved->setWordWrap(true);
        m_text->setReadOnly(true);
        m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
        auto *row = new QHBoxLayout;
        row->addWidget(m_export);
        row->addWidget(m_saved, 1);
        auto *layout = new QVBoxLayout(this);
        layout->addWidget(m_summary);
        layout->addWidget(m_text, 1);
        layout->addLayout(row);
        layout->addWidget(pageutil::text(
            CertificateWizard::tr("Nothing is written to this computer's registry here. A finding's Fix\u2026 (on the "
                                  "Review step) opens the wizard that changes settings, e.g. the root-update wizard for a "
                                  "slow CRL."),
            this));
        connect(m_export, &QPushButton::clicked, this, [this] {
            const QString path = QFileDialog::getSaveFileName(this, CertificateWizard::tr("Export the Certificate Check"),
                QStringLiteral("certificate-check.txt"), CertificateWizard::tr("Text (*.txt);;All files (*)"));
            if (!path.isEmpty())
                exportTo(path);
        });
    }

    void initializePage() override
    {
        const core::probe::ProbeReport *r = m_wizard.lastReport();
        if (!r)
            return;
        const int errors = countErrors(*r);
        m_summary->setText(errors == 0 ? CertificateWizard::tr("Clients accept this certificate for the name you gave.")
                                       : CertificateWizard::tr("Clients will warn or refuse: %n errors.", nullptr, errors));
        m_text->setPlainText(CertificateWizard::exportText(m_wizard.input(), *r));
        m_saved->clear();
    }

    bool exportTo(const QString &path)
    {
        const QString error = m_wizard.exportResult(path);
        pageutil::setOutcome(m_saved, error.isEmpty(),
            error.isEmpty() ? CertificateWizard::tr("Saved to %1.").arg(path)
                            : CertificateWizard::tr("Could not save %1: %2").arg(path, error));
        return error.isEmpty();
    }

private:
    CertificateWizard &m_wizard;
    QLabel *m_summary;
    QPlainTextEdit *m_text;
    QPushButton *m_export;
    QLabel *m_saved;
};

/// Step 6: the same check again, after the certificate was replaced.
class CertVerifyPage final : public QWizardPage {
public:
    CertVerifyPage(CertificateWizard &wizard, const QString &hint)
        : QWizardPage(&wizard), m_wizard(wizard), m_again(new QPushButton(CertificateWizard::tr("Check &Again"), this)),
          m_result(new QLabel(this))
    {
        setTitle(CertificateWizard::tr("Verify"));
        setSubTitle(CertificateWizard::tr("After replacing the certificate, check again."));
        m_again->setObjectName(QStringLiteral("certRecheckButton"));
        m_result->setObjectName(QStringLiteral("certRecheckResult"));
        m_result->setWordWrap(true);
        auto *layout = new QVBoxLayout(this);
        layout->addWidget(pageutil::text(hint, this));
        auto *row = new QHBoxLayout;
        row->addWidget(m_again);
        row->addStretch(1);
        layout->addLayout(row);
        layout->addWidget(m_result);
        layout->addStretch(1);
        connect(m_again, &QPushButton::clicked, this, [this] {
            const int before = m_wizard.lastReport() ? countErrors(*m_wizard.lastReport()) : 0;
            m_again->setEnabled(false);
            m_result->setText(CertificateWizard::tr("Checking\u2026"));
            m_wizard.runCheck(this, [this, before](const core::probe::ProbeReport &r) {
                m_again->setEnabled(true);
                const int now = countErrors(r);
                pageutil::setOutcome(m_result, now == 0,
                    now == 0 ? CertificateWizard::tr("No error now (%n before).", nullptr, before)
                             : CertificateWizard::tr("Still %n errors (%1 before).", nullptr, now).arg(before));
            });
        });
    }

private:
    CertificateWizard &m_wizard;
    QPushButton *m_again;
    QLabel *m_result;
};

} // namespace

CertificateWizard::CertificateWizard(const core::wizard::WizardDefinition &definition, QWidget *parent)
    : QWizard(parent), m_runner(new core::probe::ProbeRunner(this))
{
    pageutil::frameWizard(this, definition);
    setPage(ProblemPageId, new ProblemPage(definition, this));
    setPage(TargetPageId, new CertTargetPage(this));
    setPage(OptionsPageId, new CertOptionsPage(this));
    setPage(ReviewPageId, new CertReviewPage(*this));
    setPage(ResultPageId, new CertResultPage(*this));
    setPage(VerifyPageId, new CertVerifyPage(*this, definition.verifyHint));
    setStartId(ProblemPageId);
    pageutil::nameButtonsAndPages(this, definition);
    resize(1100, 660);
}

CertificateWizard::~CertificateWizard()
{
    m_runner->cancel();
}

CertificateWizard::Input CertificateWizard::input() const
{
    Input in;
    static_cast<const CertTargetPage *>(page(TargetPageId))->fill(in);
    static_cast<const CertOptionsPage *>(page(OptionsPageId))->fill(in);
    return in;
}

core::probe::ProbeRequest CertificateWizard::request() const
{
    const Input in = input();
    QVariantMap options { { QStringLiteral("name"), in.name } };
    if (!in.caFile.isEmpty())
        options.insert(QStringLiteral("caFile"), in.caFile);
    if (!in.revocation)
        options.insert(QStringLiteral("noRevocation"), true);
    if (in.file) {
        options.insert(QStringLiteral("purpose"), in.purpose);
        return { QStringLiteral("tls"), in.path, options, in.timeoutMs };
    }
    QString target = in.endpoint;
    const bool hasPort = target.contains(QLatin1Char(':')) && !target.startsWith(QLatin1Char('['));
    if (!hasPort)
        target += QStringLiteral(":%1").arg(defaultPort(in.purpose));
    if (in.purpose == QLatin1String("rdp")) {
        // Remote Desktop speaks TLS only after the X.224 negotiation: the RDP probe does both.
        options.insert(QStringLiteral("expectNla"), QStringLiteral("any"));
        return { QStringLiteral("rdp"), target, options, in.timeoutMs };
    }
    options.insert(QStringLiteral("purpose"), in.purpose);
    return { QStringLiteral("tls"), target, options, in.timeoutMs };
}

void CertificateWizard::runCheck(QObject *context, std::function<void(const core::probe::ProbeReport &)> done)
{
    cancelCheck();
    disconnect(m_pending);
    m_pending = connect(m_runner, &core::probe::ProbeRunner::finished, context, [this, done](qint64) {
        disconnect(m_pending);
        if (m_runner->reports().isEmpty())
            return;
        m_report = m_runner->reports().first();
        m_hasReport = true;
        done(m_report);
    });
    m_runner->start({ request() });
}

void CertificateWizard::cancelCheck()
{
    if (m_runner->isRunning())
        m_runner->cancel();
}

bool CertificateWizard::isChecking() const
{
    return m_runner->isRunning();
}

QString CertificateWizard::exportResult(const QString &path) const
{
    if (!m_hasReport)
        return tr("nothing checked yet");
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return f.errorString();
    if (f.write(exportText(input(), m_report).toUtf8()) < 0 || !f.commit())
        return f.errorString();
    return {};
}

QString CertificateWizard::exportText(const Input &in, const core::probe::ProbeReport &report)
{
    QStringList out;
    out << tr("SSO Doctor certificate check, %1").arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    out << tr("Certificate: %1").arg(in.file ? in.path : in.endpoint);
    out << tr("Name users type: %1").arg(in.name);
    out << tr("Trusted CAs: %1").arg(in.caFile.isEmpty() ? tr("the system's") : tr("the system's and %1").arg(in.caFile));
    if (!report.error.isEmpty())
        out << tr("The check could not run: %1").arg(report.error);
    out << QString();
    QList<core::Finding> findings = report.findings;
    std::stable_sort(findings.begin(), findings.end(),
        [](const core::Finding &a, const core::Finding &b) { return a.severity > b.severity; });
    for (const core::Finding &f : findings) {
        out << QStringLiteral("[%1] %2").arg(severityWord(f.severity), f.title);
        if (!f.explanation.isEmpty())
            out << QStringLiteral("    ") + f.explanation;
        for (const core::Evidence &e : f.evidence)
            out << QStringLiteral("    %1: %2").arg(e.label, e.value);
        if (f.fix)
            out << tr("    Fix: %1").arg(f.fix->text);
        out << QString();
    }
    return out.join(QLatin1Char('\n'));
}

} // namespace ssod::ui
