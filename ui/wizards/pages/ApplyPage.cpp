#include "ui/wizards/pages/ApplyPage.h"

#include "core/registry/FileStore.h"
#include "ui/wizards/pages/PageUtil.h"

#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace ssod::ui {

using core::registry::ApplyOutcome;
using core::registry::ExportFormat;
using core::wizard::TargetKind;
using core::wizard::WizardState;
using Applied = std::pair<std::optional<ApplyOutcome>, std::optional<core::Error>>;

ApplyPage::ApplyPage(WizardState &state, QWidget *parent)
    : QWizardPage(parent), m_state(state), m_applyBox(new QGroupBox(tr("Apply to the target"), this)),
      m_applyIntro(new QLabel(m_applyBox)), m_backup(new QLineEdit(m_applyBox)),
      m_apply(new QPushButton(tr("&Apply"), m_applyBox)),
      m_applyResult(pageutil::problemLabel(m_applyBox, QStringLiteral("applyResultLabel"))),
      m_format(new QComboBox(this)), m_export(new QPushButton(tr("&Export\u2026"), this)),
      m_copy(new QPushButton(tr("Co&py to Clipboard"), this)), m_preview(new QPlainTextEdit(this)),
      m_exportStatus(pageutil::problemLabel(this, QStringLiteral("exportStatusLabel")))
{
    setObjectName(QStringLiteral("applyPage"));
    setTitle(state.definition().title);
    setSubTitle(tr("Step 5 of 6 \u2014 Apply the changes or export them"));

    m_applyIntro->setObjectName(QStringLiteral("applyIntroLabel"));
    m_applyIntro->setWordWrap(true);
    m_backup->setObjectName(QStringLiteral("backupPathEdit"));
    m_backup->setAccessibleName(tr("Backup file"));
    m_backup->setToolTip(tr("A .reg file that restores every value exactly as it was; Undo on the next page uses it."));
    m_apply->setObjectName(QStringLiteral("applyButton"));
    m_apply->setAccessibleName(tr("Apply the changes"));
    auto *backupLabel = new QLabel(tr("Bac&kup:"), m_applyBox);
    backupLabel->setBuddy(m_backup);
    auto *backupRow = new QHBoxLayout;
    backupRow->addWidget(backupLabel);
    backupRow->addWidget(m_backup, 1);
    backupRow->addWidget(m_apply);
    auto *applyLayout = new QVBoxLayout(m_applyBox);
    applyLayout->addWidget(m_applyIntro);
    applyLayout->addLayout(backupRow);
    applyLayout->addWidget(m_applyResult);

    const struct {
        ExportFormat format;
        QString label;
    } formats[] = {
        {ExportFormat::Reg, tr(".reg")},
        {ExportFormat::RegUndo, tr(".reg (undo)")},
        {ExportFormat::Pol, tr("Registry.pol")},
        {ExportFormat::Ps1, tr("PowerShell (this computer)")},
        {ExportFormat::GpoPs1, tr("PowerShell (domain GPO)")},
        {ExportFormat::GppXml, tr("Group Policy Preferences Registry.xml")},
    };
    for (const auto &f : formats)
        m_format->addItem(f.label, core::registry::exportFormatName(f.format));
    m_format->setObjectName(QStringLiteral("formatCombo"));
    m_format->setAccessibleName(tr("Export format"));
    m_export->setObjectName(QStringLiteral("exportButton"));
    m_export->setAccessibleName(tr("Export to a file"));
    m_copy->setObjectName(QStringLiteral("copyButton"));
    m_copy->setAccessibleName(tr("Copy the export to the clipboard"));
    m_preview->setObjectName(QStringLiteral("exportPreview"));
    m_preview->setAccessibleName(tr("Export preview"));
    m_preview->setReadOnly(true);
    m_preview->setTabChangesFocus(true);
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *exportBox = new QGroupBox(tr("Export (for Group Policy, scripts or another computer)"), this);
    auto *formatLabel = new QLabel(tr("For&mat:"), exportBox);
    formatLabel->setBuddy(m_format);
    auto *exportRow = new QHBoxLayout;
    exportRow->addWidget(formatLabel);
    exportRow->addWidget(m_format);
    exportRow->addStretch(1);
    exportRow->addWidget(m_copy);
    exportRow->addWidget(m_export);
    auto *exportLayout = new QVBoxLayout(exportBox);
    exportLayout->addLayout(exportRow);
    exportLayout->addWidget(m_preview, 1);
    exportLayout->addWidget(m_exportStatus);
    m_preview->setParent(exportBox);
    m_exportStatus->setParent(exportBox);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_applyBox);
    layout->addWidget(exportBox, 1);

    connect(m_apply, &QPushButton::clicked, this, [this] { apply(); });
    connect(m_format, &QComboBox::currentIndexChanged, this, [this] { renderExport(); });
    connect(m_export, &QPushButton::clicked, this, [this] { exportToFile(); });
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_preview->toPlainText());
        pageutil::setOutcome(m_exportStatus, true, tr("Copied the %1 export to the clipboard.").arg(m_format->currentText()));
    });
}

ExportFormat ApplyPage::format() const
{
    return core::registry::exportFormatFromName(m_format->currentData().toString()).value_or(ExportFormat::Reg);
}

void ApplyPage::initializePage()
{
    m_exported = false;
    pageutil::setProblem(m_exportStatus, {});
    refresh();
    renderExport();
}

void ApplyPage::refresh()
{
    const bool hasTarget = m_state.targetKind() != TargetKind::ExportOnly && m_state.store();
    m_applyBox->setVisible(hasTarget);
    if (!hasTarget)
        return;
    const QString target = m_state.store()->description();
    const int n = int(m_state.plan().changes.changes.size());
    const bool applied = m_state.planApplied();
    const QString problem = WizardState::writeProblem(m_state.targetKind(), m_state.targetPath());
    showApplyProblem({});
    if (m_state.plan().changes.isCompliant() && m_state.hasApplied())
        m_applyIntro->setText(
            tr("%1 already holds every value of this plan; the earlier apply wrote them.").arg(target));
    else if (m_state.plan().changes.isCompliant())
        m_applyIntro->setText(tr("%1 already has every value; there is nothing to apply.").arg(target));
    else if (applied)
        m_applyIntro->setText(tr("Written to %1. Undo on the next page restores the backup.").arg(target));
    else if (m_state.hasApplied())
        // Back after Apply and other choices: the difference is a plan of its own, with its own backup.
        m_applyIntro->setText(
            tr("Writes %n more changes to %1, on top of what was applied before. This apply gets "
               "its own backup; Undo on the next page restores both.",
                nullptr, n)
                .arg(target));
    else
        m_applyIntro->setText(
            tr("Writes %n changes to %1. The backup is written first; Undo on the next page "
               "restores it.",
                nullptr, n)
                .arg(target));
    const bool canApply = !applied && problem.isEmpty();
    if (!applied) {
        m_backup->setText(QDir::toNativeSeparators(m_state.suggestedBackupPath()));
        m_applyResult->setVisible(false);
    }
    if (!applied && !problem.isEmpty())
        showApplyProblem(
            tr("%1 can't be written: %2").arg(QDir::toNativeSeparators(m_state.targetPath()), problem));
    m_apply->setEnabled(canApply);
    m_backup->setEnabled(canApply);
    Q_EMIT completeChanged();
}

void ApplyPage::showApplyProblem(const QString &message)
{
    if (message.isEmpty()) {
        m_applyResult->setVisible(false);
    } else {
        pageutil::setOutcome(m_applyResult, false, message);
    }
    m_apply->setAccessibleDescription(message);
}

void ApplyPage::apply()
{
    if (m_busy)
        return;
    m_busy = true;
    m_apply->setEnabled(false);
    m_backup->setEnabled(false);
    pageutil::setOutcome(m_applyResult, true, tr("Applying\u2026"));
    auto store = m_state.store();
    const auto changes = m_state.plan().changes;
    const QString backup = QDir::fromNativeSeparators(m_backup->text().trimmed());
    const auto options = m_state.exportOptions();
    Q_EMIT completeChanged();
    // Writing a hive or rewriting a file, then reading it back: a worker thread does it.
    QtConcurrent::run([store, changes, backup, options] {
        auto r = WizardState::apply(*store, changes, backup, options);
        return r ? Applied(*r, std::nullopt) : Applied(std::nullopt, r.error());
    }).then(this, [this](const Applied &result) {
        m_busy = false;
        if (!result.first) {
            // The core refused (read-only, no space, backup exists…): its words, each path once.
            const core::Error &e = *result.second;
            const QString target = m_state.targetPath();
            const bool aboutTarget = e.location.isEmpty() || e.location == target
                || e.location.startsWith(target + QLatin1Char(':'))
                || e.location.startsWith(target + QLatin1Char('@'));
            const QString detail = aboutTarget
                ? pageutil::withoutPath(e, target)
                : tr("%1 (%2)").arg(e.message, QDir::toNativeSeparators(e.location));
            showApplyProblem(
                tr("Nothing was changed in %1: %2").arg(QDir::toNativeSeparators(target), detail));
            m_apply->setEnabled(true);
            m_backup->setEnabled(true);
        } else {
            m_state.addOutcome(*result.first);
            m_applyIntro->setText(tr("Written to %1. Undo on the next page restores the backup.")
                                      .arg(m_state.store()->description()));
            pageutil::setOutcome(m_applyResult, true,
                tr("Applied %n changes and read them back. Backup: %1", nullptr,
                    int(result.first->changes.changes.size()))
                    .arg(QDir::toNativeSeparators(result.first->backupFile)));
            m_apply->setAccessibleDescription(m_applyResult->text());
        }
        Q_EMIT completeChanged();
    });
}

void ApplyPage::renderExport()
{
    const auto bytes = m_state.exportAs(format());
    m_export->setEnabled(bytes.ok());
    m_copy->setEnabled(bytes.ok() && format() != ExportFormat::Pol);
    if (!bytes) {
        m_preview->clear();
        pageutil::setProblem(m_exportStatus, tr("This format cannot express the changes: %1").arg(bytes.error().message));
        return;
    }
    pageutil::setProblem(m_exportStatus, {});
    if (format() == ExportFormat::Pol) {
        // Registry.pol is binary; say what it holds instead of showing bytes.
        m_preview->setPlainText(
            tr("Registry.pol is a binary file (%n bytes). Save it as Machine\\Registry.pol of the GPO.",
                nullptr, int(bytes->size())));
        return;
    }
    // The text exports are UTF-16LE (.reg) or UTF-8; QString::fromUtf16 copes with the BOM.
    const QByteArray &b = *bytes;
    if (b.startsWith("\xff\xfe"))
        m_preview->setPlainText(QString::fromUtf16(reinterpret_cast<const char16_t *>(b.constData() + 2), (b.size() - 2) / 2));
    else
        m_preview->setPlainText(QString::fromUtf8(b));
}

void ApplyPage::exportToFile()
{
    const QString suffix = core::registry::exportFileSuffix(format());
    const QString suggested = format() == ExportFormat::Pol ? QStringLiteral("Registry.pol")
        : format() == ExportFormat::GppXml                  ? QStringLiteral("Registry.xml")
                                                            : m_state.definition().id + suffix;
    QString path = QFileDialog::getSaveFileName(this, tr("Export"), QDir::home().filePath(suggested),
                                                tr("%1 files (*%2)").arg(m_format->currentText(), suffix));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += suffix;
    const auto bytes = m_state.exportAs(format());
    const auto written = bytes ? core::registry::writeFileAtomically(path, *bytes) : core::Result<void>(bytes.error());
    if (!written) {
        pageutil::setOutcome(m_exportStatus, false, tr("Could not export to %1: %2").arg(path, written.error().toString()));
        return;
    }
    m_exported = true;
    pageutil::setOutcome(m_exportStatus, true, tr("Exported to %1.").arg(QDir::toNativeSeparators(path)));
    Q_EMIT completeChanged();
}

bool ApplyPage::isComplete() const
{
    if (m_busy)
        return false;
    if (m_state.targetKind() == TargetKind::ExportOnly || !m_state.store())
        return true;
    return m_state.planApplied() || m_exported;
}

} // namespace ssod::ui
