#pragma once

#include "core/check/PortalGate.h"

#include <QDialog>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace ssod::ui {

/**
 * "Web Portal Gate": will a web SSO portal offer Kerberos to this client? Reads <SSOConditions>
 * from the portal's web.config and walks the vendor's order (cookie, switch, client IP, server
 * name, URL, browser) for the client address, URL, User-Agent and cookies typed in, showing every
 * step and the one that decided. The same core as `ssodoctor-cli evaluate portal`.
 */
class PortalGateDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PortalGateDialog)

public:
    explicit PortalGateDialog(QWidget *parent = nullptr);
    ~PortalGateDialog() override;

    void setConfigFile(const QString &path);
    void setRequest(const QString &clientIp, const QString &url, const QString &userAgent, const QString &cookies = {});
    QString verdictText() const;
    QTreeWidget *stepsTree() const { return m_steps; }
    /// The last decision; empty while the inputs are incomplete or the file is unreadable.
    const std::optional<core::check::PortalDecision> &decision() const { return m_decision; }

private:
    void loadConfig();
    void evaluate();

    QLineEdit *m_file;
    QPushButton *m_browse;
    QLineEdit *m_ip;
    QLineEdit *m_url;
    QComboBox *m_agent;
    QLineEdit *m_cookies;
    QLabel *m_verdict;
    QTreeWidget *m_steps;
    QLabel *m_notes;
    std::optional<core::check::PortalConfig> m_config;
    QString m_configError;
    std::optional<core::check::PortalDecision> m_decision;
};

} // namespace ssod::ui
