#pragma once

#include "core/probe/Probe.h"
#include "core/wizard/WizardDefinition.h"

#include <QWizard>

namespace ssod::core::probe {
class ProbeRunner;
}

namespace ssod::ui {

/**
 * The certificate-check wizard, in the six steps of every wizard: Problem (the symptoms), Target
 * (a live endpoint — HTTPS, LDAPS, Remote Desktop, WinRM HTTPS — or a certificate file, and the
 * name users type), Options (a CA file, the revocation fetches, the time allowed), Review (the TLS
 * probe runs off the UI thread and its findings show with Fix…), Result (the findings and the
 * commands they give — the WinRM listener, the RDS installation — exported; nothing is written to a
 * registry here, the root-update wizard is linked for a slow CRL), Verify (the same check again).
 */
class CertificateWizard final : public QWizard {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CertificateWizard)

public:
    enum PageId { ProblemPageId, TargetPageId, OptionsPageId, ReviewPageId, ResultPageId, VerifyPageId };

    /// What the Target and Options pages gathered.
    struct Input {
        bool file = false;
        QString endpoint; ///< host[:port]
        QString path; ///< the certificate file
        QString purpose = QStringLiteral("https");
        QString name; ///< the name users type
        QString caFile;
        bool revocation = true;
        int timeoutMs = 10000;
    };

    explicit CertificateWizard(const core::wizard::WizardDefinition &definition, QWidget *parent = nullptr);
    ~CertificateWizard() override;

    Input input() const;
    /// The request the check runs: the TLS probe with the inputs.
    core::probe::ProbeRequest request() const;
    /// Runs the check; \a done gets the report (on the UI thread). Cancels a running one first.
    void runCheck(QObject *context, std::function<void(const core::probe::ProbeReport &)> done);
    void cancelCheck();
    bool isChecking() const;
    /// The last report (Review's), or null before the first check ended.
    const core::probe::ProbeReport *lastReport() const { return m_hasReport ? &m_report : nullptr; }

    /// The findings and the commands they carry, as text for a ticket or a change request.
    static QString exportText(const Input &in, const core::probe::ProbeReport &report);
    /// Writes exportText() of the last check to \a path (atomically); an empty string or the error.
    QString exportResult(const QString &path) const;

signals:
    /// Fix… on a finding (the root-update wizard for a slow CRL): the main window opens it.
    void fixRequested(const core::Finding &finding);

private:
    core::probe::ProbeRunner *m_runner;
    core::probe::ProbeReport m_report;
    bool m_hasReport = false;
    QMetaObject::Connection m_pending;
};

} // namespace ssod::ui
