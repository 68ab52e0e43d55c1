#pragma once

#include <QGroupBox>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace ssod::ui {

class DirectorySession;

/**
 * "Which SPN would a client ask for?": a URL, host or rdp:// target and a client profile in, the
 * SPN that client requests (CNAMEs followed or not, port kept or dropped, an IP address meaning
 * NTLM) and who holds it out, with every step — core::directory::predictSpn on the session's
 * worker (it resolves names and searches the directory), never on the UI thread.
 */
class SpnPredictionBox final : public QGroupBox {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpnPredictionBox)

public:
    explicit SpnPredictionBox(DirectorySession &session, QWidget *parent = nullptr);
    /// Fills the target from a looked-up SPN ("HTTP/app.contoso.com" → "http://app.contoso.com/").
    void suggestTargetFor(const QString &spn);
    void predict();

private:
    DirectorySession &m_session;
    QLineEdit *m_target;
    QComboBox *m_client;
    QLineEdit *m_serviceAccount;
    QPushButton *m_predict;
    QLabel *m_result;
};

} // namespace ssod::ui
