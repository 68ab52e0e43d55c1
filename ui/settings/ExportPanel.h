#pragma once

#include "core/catalog/SettingRequest.h"
#include "core/registry/ChangeSet.h"
#include "core/registry/RegistryStore.h"
#include "core/registry/export/Exporter.h"

#include "ui/widgets/ReadProgress.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace ssod::ui {

class FileWarningsNote;

/**
 * Renders a set of setting requests in one export format, previews the result and writes it.
 * The changes are computed against a baseline — the target's current registry as a hive, .reg or
 * Registry.pol ("Compare with") — or against an empty registry, as `ssodoctor-cli export` does
 * with and without --against.
 */
class ExportPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportPanel)

public:
    explicit ExportPanel(QWidget *parent = nullptr);

    /// What to export. \a problem (non-empty) explains why nothing can be exported right now;
    /// \a fromChecked tells whether the requests are the ticked settings or the selected one.
    void setRequests(
        const QList<core::catalog::SettingRequest> &requests, bool fromChecked, const QString &problem);

    core::registry::ExportFormat format() const;
    bool canExport() const { return m_problem.isEmpty() && !m_requests.isEmpty(); }
    QString problem() const { return m_problem; }

    /// Compares with the registry in \a path (hive, .reg or Registry.pol); empty = empty registry.
    bool setBaseline(const QString &path, QString *error);
    /// Renders afresh and writes atomically to \a path; on failure \a error says why.
    bool exportTo(const QString &path, QString *error);
    /// Asks for a file name, then exports; reports the outcome.
    void exportWithDialog();

Q_SIGNALS:
    void statusMessage(const QString &message);

private:
    void render();
    void updateSummary();
    QString suggestedFileName() const;
    core::Result<QByteArray> renderBytes(core::registry::ChangeSet *changes) const;

    void chooseBaseline();
    void adoptBaseline(const QString &path, std::shared_ptr<core::registry::RegistryStore> store);

    QComboBox *m_format;
    QLineEdit *m_baselinePath;
    QPushButton *m_baselineChoose;
    QPushButton *m_baselineClear;
    std::shared_ptr<core::registry::RegistryStore> m_baseline;
    ReadProgress *m_readProgress = new ReadProgress(this); ///< "Compare with" a large export
    FileWarningsNote *m_baselineWarnings;
    QLineEdit *m_gpoName;
    QLabel *m_summary;
    QPlainTextEdit *m_preview;
    QPushButton *m_copy;
    QPushButton *m_export;

    QList<core::catalog::SettingRequest> m_requests;
    bool m_fromChecked = false;
    QString m_inputProblem; ///< from setRequests
    QString m_problem; ///< m_inputProblem or a failure to render
    QByteArray m_rendered; ///< the export as last rendered (what the preview shows)
    QString m_lastDir;
};

} // namespace ssod::ui
