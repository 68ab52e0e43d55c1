#pragma once

#include "core/directory/LdapConnection.h"

#include <QDialog>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;

namespace ssod::ui {

/**
 * Where and how to connect to a domain controller: a domain (its DCs found through DNS SRV
 * records) or a DC host[:port]; the user's Kerberos ticket (the default, no password) or a simple
 * bind with a DN and password; TLS; a CA file; the timeout. A simple bind without TLS is refused
 * unless explicitly allowed, and the dialog says why.
 */
class ConnectDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectDialog)

public:
    explicit ConnectDialog(QWidget *parent = nullptr);

    /// Prefills the fields (the password field stays empty: it is never kept).
    void setOptions(const core::directory::ConnectionOptions &options);
    /// The options the fields describe, password included.
    core::directory::ConnectionOptions options() const;
    /// "Remember the password in the system keychain": disabled until keychain storage is wired.
    QCheckBox *rememberPassword() const { return m_remember; }

private:
    void updateState();
    void browseCaFile();

    QRadioButton *m_byDomain;
    QRadioButton *m_byHost;
    QLineEdit *m_domain;
    QLineEdit *m_host;
    QCheckBox *m_globalCatalog;
    QRadioButton *m_kerberos;
    QRadioButton *m_simple;
    QLineEdit *m_bindDn;
    QLineEdit *m_password;
    QCheckBox *m_remember;
    QComboBox *m_tls;
    QLineEdit *m_caFile;
    QCheckBox *m_insecure;
    QLabel *m_insecureWarning;
    QSpinBox *m_timeout;
    QDialogButtonBox *m_buttons;
};

} // namespace ssod::ui
