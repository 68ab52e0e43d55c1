#include "ui/diagnose/PortalGateDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ssod::ui {

namespace {

constexpr qsizetype kMaxConfigBytes = 16 << 20;

} // namespace

PortalGateDialog::PortalGateDialog(QWidget *parent)
    : QDialog(parent), m_file(new QLineEdit(this)), m_browse(new QPushButton(tr("&Browse\u2026"), this)),
      m_ip(new QLineEdit(this)), m_url(new QLineEdit(this)), m_agent(new QComboBox(this)), m_cookies(new QLineEdit(this)),
      m_verdict(new QLabel(this)), m_steps(new QTreeWidget(this)), m_notes(new QLabel(this))
{
    setObjectName(QStringLiteral("portalGateDialog"));
    setWindowTitle(tr("Web Portal Gate"));
    m_file->setObjectName(QStringLiteral("portalConfigEdit"));
    m_ip->setObjectName(QStringLiteral("portalIpEdit"));
    m_url->setObjectName(QStringLiteral("portalUrlEdit"));
    m_agent->setObjectName(QStringLiteral("portalAgentCombo"));
    m_cookies->setObjectName(QStringLiteral("portalCookiesEdit"));
    m_verdict->setObjectName(QStringLiteral("portalVerdict"));
    m_steps->setObjectName(QStringLiteral("portalSteps"));
    m_steps->setAccessibleName(tr("Steps evaluated"));
    m_notes->setObjectName(QStringLiteral("portalNotes"));

    m_file->setPlaceholderText(tr("the portal's web.config"));
    m_ip->setPlaceholderText(tr("e.g. 10.20.1.2"));
    m_url->setPlaceholderText(tr("e.g. https://sso.contoso.com/sso/default.aspx"));
    m_cookies->setPlaceholderText(tr("optional, e.g. PstarNoKerberos=1; lang=en"));
    m_agent->setEditable(true);
    m_agent->addItem(QStringLiteral("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                                    "Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0"));
    m_agent->addItem(QStringLiteral("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                                    "Chrome/120.0.0.0 Safari/537.36"));
    m_agent->addItem(QStringLiteral("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0"));
    m_agent->addItem(QStringLiteral("Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko"));
    m_agent->setToolTip(tr("The browser's User-Agent header; the presets are Edge, Chrome, Firefox and Internet Explorer 11"));
    m_agent->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_agent->setMinimumContentsLength(40);
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_verdict->font();
    bold.setBold(true);
    m_verdict->setFont(bold);
    m_notes->setWordWrap(true);
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_steps->setColumnCount(3);
    m_steps->setHeaderLabels({ tr("Step"), tr("Result"), tr("Why") });
    m_steps->setRootIsDecorated(false);
    m_steps->setWordWrap(true);
    m_steps->setAlternatingRowColors(true);
    m_steps->header()->setStretchLastSection(true);

    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(m_browse);
    auto *form = new QFormLayout;
    form->addRow(tr("&Configuration:"), fileRow);
    if (auto *l = qobject_cast<QLabel *>(form->labelForField(fileRow)))
        l->setBuddy(m_file);
    form->addRow(tr("Client &address:"), m_ip);
    form->addRow(tr("&URL:"), m_url);
    form->addRow(tr("User-A&gent:"), m_agent);
    form->addRow(tr("Coo&kies:"), m_cookies);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_verdict);
    layout->addWidget(m_notes);
    layout->addWidget(m_steps, 1);
    layout->addWidget(buttons);

    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString start = m_file->text().isEmpty() ? QString() : QFileInfo(m_file->text()).absolutePath();
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Portal Configuration"), start, tr("Configuration (*.config);;All files (*)"));
        if (!path.isEmpty())
            setConfigFile(path);
    });
    connect(m_file, &QLineEdit::editingFinished, this, &PortalGateDialog::loadConfig);
    for (QLineEdit *e : { m_ip, m_url, m_cookies })
        connect(e, &QLineEdit::textChanged, this, &PortalGateDialog::evaluate);
    connect(m_agent, &QComboBox::currentTextChanged, this, &PortalGateDialog::evaluate);
    resize(920, 560);
    evaluate();
}

PortalGateDialog::~PortalGateDialog()
{
    // QDialog's destructor hides the dialog; the file field then loses focus and would emit
    // editingFinished into this half-destroyed object (UBSan: vptr of QDialog).
    disconnect(m_file, nullptr, this, nullptr);
}

void PortalGateDialog::setConfigFile(const QString &path)
{
    m_file->setText(path);
    loadConfig();
}

void PortalGateDialog::setRequest(const QString &clientIp, const QString &url, const QString &userAgent, const QString &cookies)
{
    m_ip->setText(clientIp);
    m_url->setText(url);
    m_agent->setCurrentText(userAgent);
    m_cookies->setText(cookies);
    evaluate();
}

QString PortalGateDialog::verdictText() const
{
    return m_verdict->text();
}

void PortalGateDialog::loadConfig()
{
    m_config.reset();
    m_configError.clear();
    const QString path = m_file->text().trimmed();
    if (!path.isEmpty()) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            m_configError = tr("%1 cannot be read: %2").arg(path, f.errorString());
        } else {
            auto parsed = core::check::parsePortalConfig(f.read(kMaxConfigBytes + 1), path, kMaxConfigBytes);
            if (parsed)
                m_config = *parsed;
            else
                m_configError = parsed.error().toString();
        }
    }
    evaluate();
}

void PortalGateDialog::evaluate()
{
    m_steps->clear();
    m_decision.reset();
    QStringList notes;
    if (!m_config) {
        m_verdict->setText(m_configError.isEmpty() ? tr("Choose the portal's web.config.") : m_configError);
        m_notes->clear();
        return;
    }
    if (m_ip->text().trimmed().isEmpty() || m_url->text().trimmed().isEmpty()) {
        m_verdict->setText(tr("Enter the client's address and the URL it asks for."));
        m_notes->clear();
        return;
    }
    core::check::PortalRequest req { m_ip->text().trimmed(), m_url->text().trimmed(), m_agent->currentText(), {} };
    static const QRegularExpression separators(QStringLiteral("\\s*;\\s*"));
    for (const QString &c : m_cookies->text().split(separators, Qt::SkipEmptyParts))
        req.cookies << qMakePair(c.section(QLatin1Char('='), 0, 0).trimmed(), c.section(QLatin1Char('='), 1).trimmed());
    m_decision = core::check::PortalGate::evaluate(*m_config, req);
    const core::check::PortalDecision &d = *m_decision;
    QString where;
    if (!d.entry.isEmpty())
        where = tr(" (entry \u201c%1\u201d, line %2)").arg(d.entry).arg(d.line);
    m_verdict->setText(d.attempted ? tr("Kerberos is attempted: every step passed.")
                                   : tr("Kerberos is not attempted: the %1 step decides%2.").arg(d.rule, where));
    m_verdict->setStyleSheet(d.attempted ? QStringLiteral("color: #1b6e20;") : QStringLiteral("color: #b71c1c;"));
    for (const core::check::PortalStep &s : d.steps) {
        auto *item = new QTreeWidgetItem(m_steps);
        item->setText(0, s.rule);
        item->setText(1, s.passed ? tr("passed") : tr("DENIED"));
        item->setText(2, s.detail);
        item->setToolTip(2, s.detail);
        item->setForeground(1, s.passed ? QColor(0x1b, 0x6e, 0x20) : QColor(0xb7, 0x1c, 0x1c));
    }
    m_steps->resizeColumnToContents(0);
    m_steps->resizeColumnToContents(1);
    // The deciding step's words in full (the table's column is one line per step).
    if (!d.attempted && !d.steps.isEmpty())
        notes << d.steps.last().detail;
    notes << d.notes;
    for (const QString &u : m_config->unknownChildren)
        notes << tr("<SSOConditions> has an element this check does not know: %1.").arg(u);
    m_notes->setText(notes.join(QLatin1Char('\n')));
}

} // namespace ssod::ui
