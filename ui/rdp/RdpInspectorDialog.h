#pragma once

#include "core/rdp/RdpFile.h"
#include "core/rdp/RdpLinter.h"

#include <QDialog>

#include <optional>

class QLabel;
class QPushButton;
class QTableWidget;
class QTextBrowser;

namespace ssod::ui {

/**
 * The .rdp file inspector: opens a Remote Desktop connection file, lists its authentication-
 * relevant settings in plain words, shows what defeats single sign-on or weakens security, and
 * writes a corrected copy. The knowledge (meanings, rules, fixes) is the core's RdpLinter data.
 */
class RdpInspectorDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RdpInspectorDialog)

public:
    explicit RdpInspectorDialog(QWidget *parent = nullptr);

    /// Reads and checks \a path; on failure the dialog shows why and \a error (if given) says it.
    bool loadFile(const QString &path, QString *error = nullptr);
    /// Writes the corrected copy to \a path (atomically; never over the file being inspected).
    bool saveFixedTo(const QString &path, QString *error = nullptr);

private:
    void openWithDialog();
    void saveWithDialog();
    void showFinding(int row);
    void showMessage(const QString &text, bool problem);

    std::optional<core::rdp::RdpLinter> m_linter;
    std::optional<core::rdp::RdpFile> m_file;
    QList<core::Finding> m_findings;
    QString m_path;

    QLabel *m_fileLabel;
    QLabel *m_status;
    QTableWidget *m_settings;
    QTableWidget *m_findingsTable;
    QTextBrowser *m_details;
    QPushButton *m_open;
    QPushButton *m_saveFixed;
};

} // namespace ssod::ui
