#include "ui/rdp/RdpInspectorDialog.h"

#include "core/registry/FileStore.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace ssod::ui {

using core::Finding;
using core::Severity;
using core::rdp::RdpFix;

namespace {

QString severityText(Severity s)
{
    switch (s) {
    case Severity::Error:
        return RdpInspectorDialog::tr("\u2716 Error");
    case Severity::Warning:
        return RdpInspectorDialog::tr("\u26A0 Warning");
    case Severity::Ok: // the linter reports problems and choices, never "ok"
    case Severity::Info:
        break;
    }
    return RdpInspectorDialog::tr("\u2139 Info");
}

QColor severityColor(Severity s)
{
    switch (s) {
    case Severity::Error:
        return QColor(0xfd, 0xe0, 0xdc);
    case Severity::Warning:
        return QColor(0xff, 0xf1, 0xcc);
    case Severity::Ok:
    case Severity::Info:
        break;
    }
    return QColor(0xe3, 0xee, 0xfa);
}

QTableWidget *makeTable(const QStringList &headers, const QString &name, const QString &accessible, QWidget *parent)
{
    auto *t = new QTableWidget(0, int(headers.size()), parent);
    t->setObjectName(name);
    t->setAccessibleName(accessible);
    t->setHorizontalHeaderLabels(headers);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->verticalHeader()->hide();
    t->setWordWrap(true);
    t->horizontalHeader()->setStretchLastSection(true);
    t->setTabKeyNavigation(false);
    return t;
}

QTableWidgetItem *item(const QString &text)
{
    auto *i = new QTableWidgetItem(text);
    i->setToolTip(text);
    return i;
}

} // namespace

RdpInspectorDialog::RdpInspectorDialog(QWidget *parent)
    : QDialog(parent), m_fileLabel(new QLabel(this)), m_status(new QLabel(this)),
      m_settings(makeTable({tr("Setting"), tr("Value"), tr("What it means")}, QStringLiteral("rdpSettingsTable"),
                           tr("Authentication settings in the file"), this)),
      m_findingsTable(makeTable({tr("Severity"), tr("Setting"), tr("Problem"), tr("Fix")}, QStringLiteral("rdpFindingsTable"),
                                tr("Findings"), this)),
      m_details(new QTextBrowser(this)), m_open(new QPushButton(tr("&Open\u2026"), this)),
      m_saveFixed(new QPushButton(tr("&Save Corrected Copy\u2026"), this))
{
    setObjectName(QStringLiteral("rdpInspector"));
    setWindowTitle(tr("Remote Desktop File Inspector"));
    resize(1100, 720);

    auto linter = core::rdp::RdpLinter::builtin();
    if (linter)
        m_linter = std::move(*linter);

    m_fileLabel->setObjectName(QStringLiteral("rdpFileLabel"));
    m_fileLabel->setTextFormat(Qt::PlainText);
    m_fileLabel->setText(tr("Open the .rdp file users start (from the desktop, RD Web or an e-mail) to see what it "
                            "asks the Remote Desktop client to do."));
    m_fileLabel->setWordWrap(true);
    m_status->setObjectName(QStringLiteral("rdpStatusLabel"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_details->setObjectName(QStringLiteral("rdpFindingDetails"));
    m_details->setAccessibleName(tr("Finding details"));
    m_details->setPlaceholderText(tr("Select a finding to read why it matters and how it is fixed."));
    m_open->setObjectName(QStringLiteral("rdpOpenButton"));
    m_open->setAccessibleName(tr("Open an .rdp file"));
    m_saveFixed->setObjectName(QStringLiteral("rdpSaveFixedButton"));
    m_saveFixed->setAccessibleName(tr("Save a corrected copy"));
    m_saveFixed->setToolTip(tr("Writes a copy with every automatic fix applied; the original file is not changed."));
    m_saveFixed->setEnabled(false);
    m_settings->setColumnWidth(0, 280);
    m_settings->setColumnWidth(1, 260);
    // Severity and setting fit their text; the problem takes the rest; the fix is in the details too.
    m_findingsTable->horizontalHeader()->setStretchLastSection(false);
    m_findingsTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_findingsTable->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_findingsTable->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_findingsTable->setColumnHidden(3, true);

    auto *top = new QHBoxLayout;
    top->addWidget(m_fileLabel, 1);
    top->addWidget(m_open);

    auto *settingsBox = new QWidget(this);
    auto *settingsLayout = new QVBoxLayout(settingsBox);
    settingsLayout->setContentsMargins(0, 0, 0, 0);
    settingsLayout->addWidget(new QLabel(tr("<b>Authentication settings</b> (grey: not in the file, the default applies)"), this));
    settingsLayout->addWidget(m_settings, 1);
    auto *findingsBox = new QWidget(this);
    auto *findingsLayout = new QVBoxLayout(findingsBox);
    findingsLayout->setContentsMargins(0, 0, 0, 0);
    findingsLayout->addWidget(new QLabel(tr("<b>Findings</b>"), this));
    auto *findingsSplit = new QSplitter(Qt::Horizontal, this);
    findingsSplit->addWidget(m_findingsTable);
    findingsSplit->addWidget(m_details);
    findingsSplit->setSizes({640, 420});
    findingsLayout->addWidget(findingsSplit, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(settingsBox);
    split->addWidget(findingsBox);
    split->setSizes({360, 300});

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_saveFixed, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);

    connect(m_open, &QPushButton::clicked, this, [this] { openWithDialog(); });
    connect(m_saveFixed, &QPushButton::clicked, this, [this] { saveWithDialog(); });
    connect(m_findingsTable, &QTableWidget::currentCellChanged, this, [this](int row) { showFinding(row); });
    if (!m_linter)
        showMessage(tr("The .rdp rules could not be loaded: %1").arg(linter.error().toString()), true);
}

void RdpInspectorDialog::showMessage(const QString &text, bool problem)
{
    QPalette pal = palette();
    if (problem)
        pal.setColor(QPalette::WindowText, QColor(0xb0, 0x1c, 0x1c));
    m_status->setPalette(pal);
    m_status->setText(text);
}

bool RdpInspectorDialog::loadFile(const QString &path, QString *error)
{
    const auto fail = [&](const QString &message) {
        showMessage(tr("\u26A0 %1").arg(message), true);
        if (error)
            *error = message;
        return false;
    };
    if (!m_linter)
        return fail(tr("the .rdp rules are not available"));
    // .rdp files are at most 1 MiB (the parser refuses more): reading on the UI thread is instant.
    auto file = core::rdp::RdpFile::load(path);
    if (!file) {
        m_file.reset();
        m_saveFixed->setEnabled(false);
        m_settings->setRowCount(0);
        m_findingsTable->setRowCount(0);
        m_details->clear();
        m_fileLabel->setText(QDir::toNativeSeparators(path));
        return fail(file.error().toString());
    }
    m_file = std::move(*file);
    m_path = path;
    m_fileLabel->setText(tr("%1 (%2)").arg(QDir::toNativeSeparators(path), core::rdp::encodingName(m_file->encoding())));

    const auto views = m_linter->describe(*m_file);
    m_settings->setRowCount(int(views.size()));
    for (int r = 0; r < views.size(); ++r) {
        const auto &v = views[r];
        const QString value = v.present ? QStringLiteral("%1:%2:%3").arg(v.name, QString(v.type), v.value)
                                        : tr("%1 (default)").arg(v.value.isEmpty() ? tr("empty") : v.value);
        m_settings->setItem(r, 0, item(v.title.isEmpty() ? v.name : tr("%1 (%2)").arg(v.title, v.name)));
        m_settings->setItem(r, 1, item(value));
        m_settings->setItem(r, 2, item(v.meaning));
        if (!v.present)
            for (int c = 0; c < 3; ++c)
                m_settings->item(r, c)->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
    }
    m_settings->resizeRowsToContents();

    m_findings = m_linter->lint(*m_file);
    m_findingsTable->setRowCount(int(m_findings.size()));
    int fixable = 0;
    for (int r = 0; r < m_findings.size(); ++r) {
        const Finding &f = m_findings[r];
        const std::optional<RdpFix> rdpFix = core::rdp::rdpFixOf(f);
        QString fix = tr("no automatic fix");
        if (rdpFix && rdpFix->action == RdpFix::Action::Set)
            fix = tr("set %1 to %2 %3").arg(rdpFix->setting, rdpFix->value, rdpFix->automatic ? tr("(corrected copy)") : tr("(suggested)"));
        else if (rdpFix)
            fix = tr("remove %1 %2").arg(rdpFix->setting, rdpFix->automatic ? tr("(corrected copy)") : tr("(suggested)"));
        fixable += rdpFix && rdpFix->automatic ? 1 : 0;
        const QList<QTableWidgetItem *> row{item(severityText(f.severity)), item(f.subject), item(f.title), item(fix)};
        for (int c = 0; c < row.size(); ++c) {
            row[c]->setBackground(severityColor(f.severity));
            m_findingsTable->setItem(r, c, row[c]);
        }
    }
    m_findingsTable->resizeRowsToContents();
    m_saveFixed->setEnabled(fixable > 0);
    const bool flagged = core::rdp::RdpLinter::flagged(m_findings);
    if (m_findings.isEmpty())
        showMessage(tr("\u2714 Nothing in this file defeats single sign-on or weakens security."), false);
    else if (!flagged)
        showMessage(tr("\u2714 Nothing to fix; %n notes explain choices the file makes.", nullptr, int(m_findings.size())), false);
    else
        showMessage(tr("\u26A0 %n findings; the corrected copy fixes %1 of them.", nullptr, int(m_findings.size())).arg(fixable), true);
    if (!m_findings.isEmpty())
        m_findingsTable->setCurrentCell(0, 0);
    else
        m_details->clear();
    return true;
}

void RdpInspectorDialog::showFinding(int row)
{
    if (row < 0 || row >= m_findings.size())
        return;
    const Finding &f = m_findings[row];
    QString html = QStringLiteral("<h3>%1</h3><p>%2</p>").arg(f.title.toHtmlEscaped(), f.explanation.toHtmlEscaped());
    const std::optional<QString> current = core::rdp::rdpCurrentValueOf(f);
    html += tr("<p><b>In the file:</b> %1</p>")
                .arg(current ? QStringLiteral("%1 = %2 (line %3)").arg(f.subject, *current).arg(core::rdp::rdpLineOf(f)).toHtmlEscaped()
                             : tr("%1 is not set (the default applies)").arg(f.subject).toHtmlEscaped());
    const std::optional<RdpFix> fix = core::rdp::rdpFixOf(f);
    if (fix && fix->action == RdpFix::Action::Set)
        html += tr("<p><b>Fix:</b> set %1 to %2 %3</p>")
                    .arg(fix->setting.toHtmlEscaped(), fix->value.toHtmlEscaped(),
                         fix->automatic ? tr("(the corrected copy writes it)") : tr("(suggested; check it fits your estate)"));
    else if (fix)
        html += tr("<p><b>Fix:</b> remove %1 %2</p>")
                    .arg(fix->setting.toHtmlEscaped(), fix->automatic ? tr("(the corrected copy removes it)") : tr("(suggested)"));
    if (!f.reference.isEmpty())
        html += tr("<p><b>Source:</b> %1</p>").arg(f.reference.toHtmlEscaped());
    m_details->setHtml(html);
}

bool RdpInspectorDialog::saveFixedTo(const QString &path, QString *error)
{
    const auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (!m_file || !m_linter)
        return fail(tr("open an .rdp file first"));
    if (QFileInfo(path).absoluteFilePath() == QFileInfo(m_path).absoluteFilePath())
        return fail(tr("choose another file name: the original stays as it is so you can compare"));
    const QByteArray bytes = m_linter->fixed(*m_file).serialize();
    if (auto r = core::registry::writeFileAtomically(path, bytes); !r)
        return fail(r.error().toString());
    return true;
}

void RdpInspectorDialog::openWithDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Remote Desktop File"),
                                                      m_path.isEmpty() ? QDir::homePath() : QFileInfo(m_path).absolutePath(),
                                                      tr("Remote Desktop files (*.rdp);;All files (*)"));
    if (!path.isEmpty())
        loadFile(path);
}

void RdpInspectorDialog::saveWithDialog()
{
    const QFileInfo info(m_path);
    const QString suggested = info.absoluteDir().filePath(info.completeBaseName() + tr("-corrected") + QStringLiteral(".rdp"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Corrected Copy"), suggested,
                                                      tr("Remote Desktop files (*.rdp)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!saveFixedTo(path, &error))
        QMessageBox::warning(this, tr("Could Not Save"), tr("Could not write %1:\n%2").arg(path, error));
    else
        showMessage(tr("\u2714 Wrote the corrected copy to %1.").arg(QDir::toNativeSeparators(path)), false);
}

} // namespace ssod::ui
