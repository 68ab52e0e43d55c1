#include "ui/settings/ExportPanel.h"

#include "core/registry/FileStore.h"
#include "core/registry/Planner.h"
#include "core/registry/StoreFactory.h"
#include "ui/settings/ExportPreview.h"
#include "ui/settings/SettingsModel.h"
#include "ui/widgets/FileWarningsNote.h"

#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace ssod::ui {

using core::registry::ChangeSet;
using core::registry::ExportFormat;

ExportPanel::ExportPanel(QWidget *parent)
    : QWidget(parent), m_format(new QComboBox(this)), m_baselinePath(new QLineEdit(this)),
      m_baselineChoose(new QPushButton(tr("C&hoose\u2026"), this)), m_baselineClear(new QPushButton(tr("C&lear"), this)),
      m_gpoName(new QLineEdit(this)),
      m_summary(new QLabel(this)), m_preview(new QPlainTextEdit(this)),
      m_copy(new QPushButton(tr("&Copy"), this)), m_export(new QPushButton(tr("&Export\u2026"), this)),
      m_lastDir(QDir::homePath())
{
    const struct {
        ExportFormat format;
        QString label;
        QString help;
    } formats[] = {
        { ExportFormat::Reg, tr(".reg"), tr("A registry file to import with regedit or \"reg import\".") },
        { ExportFormat::RegUndo, tr(".reg (undo)"),
            tr("A registry file that removes what the .reg export sets.") },
        { ExportFormat::Pol, tr("Registry.pol"),
            tr("The binary policy file of a GPO (Machine\\Registry.pol).") },
        { ExportFormat::Ps1, tr("PowerShell (local)"),
            tr("A script that sets the values on the machine it runs on.") },
        { ExportFormat::GpoPs1, tr("PowerShell (GPO)"),
            tr("A script that writes the values into a domain GPO with Set-GPRegistryValue.") },
        { ExportFormat::GppXml, tr("GPP Registry.xml"), tr("Group Policy Preferences registry items.") },
    };
    for (const auto &f : formats) {
        m_format->addItem(f.label, core::registry::exportFormatName(f.format));
        m_format->setItemData(m_format->count() - 1, f.help, Qt::ToolTipRole);
    }
    m_format->setObjectName(QStringLiteral("formatCombo"));
    m_format->setAccessibleName(tr("Export format"));
    m_gpoName->setObjectName(QStringLiteral("gpoNameEdit"));
    m_gpoName->setAccessibleName(tr("GPO name"));
    m_gpoName->setText(QStringLiteral("SSO Doctor"));
    m_gpoName->setToolTip(tr("The Group Policy Object the PowerShell (GPO) script writes to."));
    m_summary->setObjectName(QStringLiteral("exportSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preview->setObjectName(QStringLiteral("exportPreview"));
    m_preview->setAccessibleName(tr("Export preview"));
    m_preview->setReadOnly(true);
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // Tab should leave the preview, not be swallowed by it.
    m_preview->setTabChangesFocus(true);
    m_preview->setPlaceholderText(tr("The file to export appears here."));
    m_copy->setObjectName(QStringLiteral("copyButton"));
    m_copy->setAccessibleName(tr("Copy preview to clipboard"));
    m_copy->setToolTip(tr("Copy the preview text to the clipboard"));
    m_export->setObjectName(QStringLiteral("exportButton"));
    m_export->setAccessibleName(tr("Export to file"));
    m_export->setToolTip(tr("Save the export to a file"));

    auto *formatLabel = new QLabel(tr("&Format:"), this);
    formatLabel->setBuddy(m_format);
    auto *gpoLabel = new QLabel(tr("&GPO name:"), this);
    gpoLabel->setBuddy(m_gpoName);

    auto *options = new QHBoxLayout;
    options->addWidget(formatLabel);
    options->addWidget(m_format);
    options->addSpacing(12);
    options->addWidget(gpoLabel);
    options->addWidget(m_gpoName, 1);

    m_baselinePath->setObjectName(QStringLiteral("baselineEdit"));
    m_baselinePath->setAccessibleName(tr("Compare with"));
    m_baselinePath->setReadOnly(true);
    m_baselinePath->setPlaceholderText(tr("an empty registry (the export sets every value)"));
    m_baselinePath->setToolTip(tr("The target's current registry: an offline hive (SOFTWARE, SYSTEM, NTUSER.DAT), a "
                                  ".reg export or a GPO's Registry.pol. The export then changes only what differs, "
                                  "and list settings keep the entries already there."));
    m_baselineChoose->setObjectName(QStringLiteral("baselineChooseButton"));
    m_baselineChoose->setAccessibleName(tr("Choose the registry to compare with"));
    m_baselineClear->setObjectName(QStringLiteral("baselineClearButton"));
    m_baselineClear->setAccessibleName(tr("Compare with an empty registry"));
    m_baselineClear->setEnabled(false);
    auto *baselineLabel = new QLabel(tr("Compare &with:"), this);
    baselineLabel->setBuddy(m_baselineChoose);
    auto *baseline = new QHBoxLayout;
    baseline->addWidget(baselineLabel);
    baseline->addWidget(m_baselinePath, 1);
    baseline->addWidget(m_baselineChoose);
    baseline->addWidget(m_baselineClear);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_copy);
    buttons->addWidget(m_export);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(options);
    layout->addLayout(baseline);
    layout->addWidget(m_readProgress);
    layout->addWidget(m_baselineWarnings = new FileWarningsNote(this));
    layout->addWidget(m_summary);
    layout->addWidget(m_preview, 1);
    layout->addLayout(buttons);

    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        m_gpoName->setEnabled(format() == ExportFormat::GpoPs1);
        render();
    });
    connect(m_gpoName, &QLineEdit::textChanged, this, [this] { render(); });
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_preview->toPlainText());
        Q_EMIT statusMessage(tr("Copied the preview to the clipboard."));
    });
    connect(m_export, &QPushButton::clicked, this, [this] { exportWithDialog(); });
    connect(m_baselineChoose, &QPushButton::clicked, this, [this] { chooseBaseline(); });
    connect(m_baselineClear, &QPushButton::clicked, this, [this] { setBaseline({}, nullptr); });
    m_gpoName->setEnabled(false);
    setRequests({}, false, {});
}

ExportFormat ExportPanel::format() const
{
    return core::registry::exportFormatFromName(m_format->currentData().toString())
        .value_or(ExportFormat::Reg);
}

void ExportPanel::setRequests(
    const QList<core::catalog::SettingRequest> &requests, bool fromChecked, const QString &problem)
{
    m_requests = requests;
    m_fromChecked = fromChecked;
    m_inputProblem = problem;
    render();
}

core::Result<QByteArray> ExportPanel::renderBytes(ChangeSet *changes) const
{
    auto edits = core::catalog::resolveAll(m_requests);
    if (!edits)
        return edits.error();
    auto diffed = core::registry::diff(m_baseline.get(), *edits);
    if (!diffed)
        return diffed.error();
    *changes = *diffed;
    core::registry::ExportOptions options;
    options.sources = core::catalog::exportSources(m_requests);
    options.generatedAt = QDateTime::currentDateTime().toString(Qt::ISODate);
    if (format() == ExportFormat::GpoPs1)
        options.gpoName = m_gpoName->text().trimmed();
    return core::registry::exportChangeSet(*changes, format(), options);
}

void ExportPanel::render()
{
    m_problem = m_inputProblem;
    m_rendered.clear();
    if (m_problem.isEmpty() && m_requests.isEmpty()) {
        m_preview->clear();
        m_export->setEnabled(false);
        m_copy->setEnabled(false);
        updateSummary();
        return;
    }
    if (m_problem.isEmpty() && format() == ExportFormat::GpoPs1 && m_gpoName->text().trimmed().isEmpty())
        m_problem = tr("Enter the name of the GPO the script should write to.");
    QString text;
    if (m_problem.isEmpty()) {
        ChangeSet changes;
        const auto bytes = renderBytes(&changes);
        if (bytes) {
            text = preview::text(*bytes, format(), changes);
            m_rendered = *bytes;
        } else
            m_problem = bytes.error().toString();
    }
    m_preview->setPlainText(text);
    m_export->setEnabled(m_problem.isEmpty());
    m_copy->setEnabled(m_problem.isEmpty());
    updateSummary();
}

void ExportPanel::updateSummary()
{
    QPalette pal = palette();
    if (m_requests.isEmpty() && m_problem.isEmpty()) {
        // Nothing chosen yet: a hint, not an error.
        m_summary->setPalette(pal);
        m_summary->setText(tr("Select a setting, or tick several, to export them."));
        return;
    }
    if (!m_problem.isEmpty()) {
        pal.setColor(QPalette::WindowText, SettingsModel::riskColor(QStringLiteral("high")));
        m_summary->setPalette(pal);
        m_summary->setText(tr("\u26A0 Cannot export: %1").arg(m_problem));
        return;
    }
    m_summary->setPalette(pal);
    QStringList specs;
    for (const auto &r : m_requests)
        specs << r.spec();
    if (m_fromChecked)
        m_summary->setText(tr("Exports the ticked settings: %1").arg(specs.join(QStringLiteral(", "))));
    else
        m_summary->setText(
            tr("Exports the selected setting %1. Tick settings in the list to export several at once.")
                .arg(specs.join(QStringLiteral(", "))));
}

QString ExportPanel::suggestedFileName() const
{
    QString base
        = m_requests.size() == 1 ? m_requests.constFirst().setting->id : QStringLiteral("sso-doctor");
    switch (format()) {
    case ExportFormat::Reg:
        return base + QStringLiteral(".reg");
    case ExportFormat::RegUndo:
        return base + QStringLiteral("-undo.reg");
    case ExportFormat::Pol:
        return QStringLiteral("Registry.pol");
    case ExportFormat::Ps1:
        return base + QStringLiteral(".ps1");
    case ExportFormat::GpoPs1:
        return base + QStringLiteral("-gpo.ps1");
    case ExportFormat::GppXml:
        return QStringLiteral("Registry.xml");
    }
    return base;
}

bool ExportPanel::exportTo(const QString &path, QString *error)
{
    render();
    if (!canExport()) {
        if (error)
            *error
                = m_problem.isEmpty() ? tr("Select a setting, or tick several, to export them.") : m_problem;
        return false;
    }
    // render() just computed the bytes against the current baseline: write exactly those.
    if (const auto written = core::registry::writeFileAtomically(path, m_rendered); !written) {
        if (error)
            *error = written.error().toString();
        return false;
    }
    return true;
}

bool ExportPanel::setBaseline(const QString &path, QString *error)
{
    if (path.isEmpty()) {
        m_baseline.reset();
        m_baselineWarnings->clear();
        m_baselinePath->clear();
        m_baselineClear->setEnabled(false);
        render();
        return true;
    }
    // Opening reads a .reg/.pol whole or opens a hive through hivex: milliseconds for real files.
    auto store = core::registry::openStore(path);
    if (!store) {
        if (error)
            *error = store.error().toString();
        return false;
    }
    adoptBaseline(path, std::move(*store));
    return true;
}

void ExportPanel::adoptBaseline(const QString &path, std::shared_ptr<core::registry::RegistryStore> store)
{
    m_baseline = std::move(store);
    m_baselineWarnings->setWarnings(m_baseline->readWarnings());
    m_baselinePath->setText(QDir::toNativeSeparators(path));
    m_baselinePath->setToolTip(m_baseline->description());
    m_baselineClear->setEnabled(true);
    render();
}

void ExportPanel::chooseBaseline()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Compare with Registry"), m_lastDir,
                                                      tr("Registry files (*.reg *.pol SOFTWARE SYSTEM NTUSER.DAT);;All files (*)"));
    if (path.isEmpty())
        return;
    m_lastDir = QFileInfo(path).absolutePath();
    // A full registry export takes seconds: read it on a worker, with progress and Stop.
    using Opened = core::Result<std::shared_ptr<core::registry::RegistryStore>>;
    m_baselineChoose->setEnabled(false);
    QtConcurrent::run([path, options = m_readProgress->start()]() -> Opened {
        auto store = core::registry::openStore(path, {}, false, options);
        if (!store)
            return store.error();
        return std::shared_ptr<core::registry::RegistryStore>(std::move(*store));
    }).then(this, [this, path](const Opened &opened) {
        m_readProgress->finish();
        m_baselineChoose->setEnabled(true);
        if (opened)
            adoptBaseline(path, *opened);
        else if (core::registry::ReadOptions::isCancelled(opened.error()))
            Q_EMIT statusMessage(tr("Stopped reading %1").arg(QDir::toNativeSeparators(path)));
        else
            QMessageBox::warning(this, tr("Cannot Read Registry"),
                                 tr("Could not read %1:\n%2").arg(path, opened.error().toString()));
    });
}

void ExportPanel::exportWithDialog()
{
    if (!canExport()) {
        QMessageBox::information(this, tr("Nothing to Export"),
            m_problem.isEmpty() ? tr("Select a setting, or tick several, to export them.") : m_problem);
        return;
    }
    const QString suffix = core::registry::exportFileSuffix(format());
    const QString filter = tr("%1 files (*%2)").arg(m_format->currentText(), suffix);
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export Settings"), QDir(m_lastDir).filePath(suggestedFileName()), filter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += suffix;
    m_lastDir = QFileInfo(path).absolutePath();
    QString error;
    if (!exportTo(path, &error)) {
        QMessageBox::warning(this, tr("Export Failed"), tr("Could not export to %1:\n%2").arg(path, error));
        return;
    }
    Q_EMIT statusMessage(
        tr("Exported as %1 to %2").arg(m_format->currentText(), QDir::toNativeSeparators(path)));
}

} // namespace ssod::ui
