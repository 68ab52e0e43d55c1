#pragma once

#include "core/probe/Probe.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace ssod::core::probe {
class ProbeRunner;
}

namespace ssod::ui {

class FindingsView;
class KerberosFlowView;
class DirectorySession;
class PortalGateDialog;
class ServiceChecksDialog;
class TokenDecoderDialog;

/**
 * Diagnose: choose a scenario (resources/scenarios), enter the names, run. Every check of the
 * scenario runs at once off the UI thread (core ProbeRunner), results stream into the tree and the
 * Kerberos flow picture as they arrive; Cancel stops everything at once. Fix… on a finding asks
 * the main window for the wizard, setting or SPN tool (fixRequested).
 */
class DiagnosePage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiagnosePage)

public:
    explicit DiagnosePage(QWidget *parent = nullptr);
    ~DiagnosePage() override;

    /// Fills the form (command line, tests, screenshots); false for an unknown scenario.
    bool setScenario(const QString &id);
    void setTargets(const QStringList &targets);
    void setDomainController(const QString &dc);
    void setTimeoutSeconds(double seconds);
    /// The CA file that HTTPS, RDP and TLS checks trust besides the system store.
    void setCaFile(const QString &path);
    /// A file of the client's settings (.reg, Registry.pol, hive, browser JSON) for the checks of
    /// browser policy, credential delegation and WinRM TrustedHosts.
    void setPolicyFile(const QString &path);
    /// Opens "Decode a token" (non-modal) with \a text pasted, when given; returns the dialog.
    TokenDecoderDialog *openDecoder(const QString &text = {});
    /// Opens "Web Portal Gate" (non-modal); returns the dialog.
    PortalGateDialog *openPortalGate();
    /// Opens "Service Checks" (IIS, WinRM, host readiness from the service's files); returns it.
    ServiceChecksDialog *openServiceChecks();
    /// The Directory page's connection, for the Service Checks' SPN lookups.
    void setDirectorySession(DirectorySession *session);

    /// Starts the scenario with the form's inputs; false (and says why on the page) when they are
    /// not usable.
    bool run();
    void cancel();
    bool isRunning() const;

    FindingsView *findingsView() const { return m_findings; }
    KerberosFlowView *flowView() const { return m_flow; }
    QString statusText() const;

signals:
    void fixRequested(const core::Finding &finding);
    /// The run ended (finished, timed out or cancelled).
    void runFinished();

private:
    void scenarioChanged();
    void reportArrived(const core::probe::ProbeReport &report);
    void runEnded(qint64 ms);
    void setRunning(bool running);

    QComboBox *m_scenario;
    QLabel *m_description;
    QLineEdit *m_targets;
    QLineEdit *m_dc;
    QComboBox *m_client;
    QDoubleSpinBox *m_timeout;
    QLineEdit *m_caFile;
    QPushButton *m_browseCa;
    QLineEdit *m_policy;
    QPushButton *m_browsePolicy;
    QPushButton *m_decode;
    TokenDecoderDialog *m_decoder = nullptr;
    QPushButton *m_portalGate;
    PortalGateDialog *m_portalDialog = nullptr;
    QPushButton *m_serviceChecks;
    ServiceChecksDialog *m_serviceDialog = nullptr;
    QPointer<DirectorySession> m_session;
    QPushButton *m_run;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_status;
    KerberosFlowView *m_flow;
    FindingsView *m_findings;
    core::probe::ProbeRunner *m_runner;
    QStringList m_order;
};

} // namespace ssod::ui
