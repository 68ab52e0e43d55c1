#pragma once

#include "core/probe/Probe.h"

#include "core/check/IisConfig.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QPointer>
#include <atomic>
#include <memory>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;

namespace ssod::ui {

class DirectorySession;
class FindingsView;

/**
 * "Service Checks": what a service's own files say, in the form of Diagnose's findings — IIS
 * (applicationHost.config and a site's web.config), WinRM (a computer's registry file) and a host's
 * readiness for its role (SOFTWARE and SYSTEM hives or .reg exports). The files are read off the UI
 * thread; Fix… on a finding asks for the wizard or setting (fixRequested). The same core as
 * `ssodoctor-cli check iis|winrm|host`; directory lookups and live endpoints are the CLI's.
 */
class ServiceChecksDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServiceChecksDialog)

public:
    enum class Kind { Iis, Winrm, Host };
    explicit ServiceChecksDialog(QWidget *parent = nullptr);
    ~ServiceChecksDialog() override;

    void setKind(Kind kind);
    /// Fills the inputs: IIS (config, web.config), WinRM (registry file, host), Host (role, SOFTWARE, SYSTEM, farms).
    void setIisFiles(const QString &applicationHost, const QString &webConfig = {});
    void setWinrmFile(const QString &file, const QString &host = {});
    void setHostFiles(const QString &role, const QString &software, const QString &system, const QString &farms = {});
    void setHostCertificate(const QString &file);
    /// Runs the chosen check; false (and says why) when an input is missing.
    bool run();
    bool isRunning() const;
    QString statusText() const;
    FindingsView *findingsView() const { return m_findings; }
    /// The Directory page's connection: when it is connected, the SPNs a check names (IIS HTTP/,
    /// WinRM's HTTP/host, a session host's TERMSRV/) are looked up in the directory after the files.
    void setDirectorySession(DirectorySession *session);

signals:
    void fixRequested(const core::Finding &finding);
    /// The check ended, directory lookups included.
    void checkFinished();

private:
    void showReport(const core::probe::ProbeReport &report);
    /// Looks the SPNs of the last check up in the directory, then shows the findings again.
    bool lookUpSpns(const core::probe::ProbeReport &report);
    QLineEdit *fileRow(QWidget *page, QFormLayout *form, const QString &label, const QString &objectName,
        const QString &filter);

    QComboBox *m_kind;
    QStackedWidget *m_pages;
    QLineEdit *m_iisConfig;
    QLineEdit *m_iisWeb;
    QLineEdit *m_iisComputer;
    QLineEdit *m_winrmFile;
    QLineEdit *m_winrmHost;
    QComboBox *m_role;
    QLineEdit *m_software;
    QLineEdit *m_system;
    QLineEdit *m_farms;
    QLineEdit *m_certificate;
    QPushButton *m_run;
    QLabel *m_status;
    FindingsView *m_findings;
    QFutureWatcher<core::probe::ProbeReport> m_watcher;
    QPointer<DirectorySession> m_session;
    /// What the last check needs for its directory lookups (filled on the worker).
    struct Pending {
        QList<core::check::IisAppReport> iisApps;
        QString winrmHost;
        QString computerAccount;
        QStringList termsrvNames;
    };
    std::shared_ptr<Pending> m_pending;
    /// Set when the dialog closes: a listener's TLS check to a silent server ends at once.
    std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
};

} // namespace ssod::ui
