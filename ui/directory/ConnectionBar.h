#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace ssod::ui {

class DirectorySession;

/**
 * The top of the Directory page, always visible: to which DC and how the session is connected
 * (or "Not connected"), what the rootDSE says (naming context, DC, its clock against ours, SASL
 * mechanisms), Connect…/Disconnect.
 */
class ConnectionBar final : public QFrame {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionBar)

public:
    explicit ConnectionBar(DirectorySession &session, QWidget *parent = nullptr);

    /// The clock difference that breaks Kerberos (the default maximum skew, FACTS.md §7.2).
    static constexpr qint64 kMaxSkewSeconds = 300;

Q_SIGNALS:
    void connectRequested();

private:
    void refresh();

    DirectorySession &m_session;
    QLabel *m_state;
    QLabel *m_facts;
    QPushButton *m_connect;
    QPushButton *m_disconnect;
    qint64 m_skewSeconds = 0;
};

} // namespace ssod::ui
