#pragma once

#include "core/directory/LdapConnection.h"

#include <QWidget>

class QLabel;
class QTabWidget;

namespace ssod::ui {

class AccountsView;
class ConnectionBar;
class DirectorySession;
class DuplicatesView;
class SpnLookupView;

/**
 * The Directory area: the connection bar on top (always visible), a message line for what went
 * wrong, and tabs for Accounts, Duplicates and SPN lookup. All directory work goes through the
 * shared DirectorySession, so it runs off the UI thread, shows progress and can be cancelled.
 */
class DirectoryPage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DirectoryPage)

public:
    enum Tab { Accounts, Duplicates, Lookup };

    explicit DirectoryPage(DirectorySession &session, QWidget *parent = nullptr);

    /// Opens the connection dialog (window-modal, prefilled with the last options).
    void openConnectDialog();
    /// Connects with \a options without asking (start-up option, tests); with \a remember a simple bind's password comes from the system keychain when none is
    /// given, and a typed one is stored there once the bind worked (never anywhere else).
    void connectWith(core::directory::ConnectionOptions options, bool remember = false);
    void showTab(Tab tab);

    AccountsView *accounts() const { return m_accounts; }
    DuplicatesView *duplicates() const { return m_duplicates; }
    SpnLookupView *lookup() const { return m_lookup; }
    /// The message line's text (empty when it is hidden).
    QString message() const;

private:
    void showMessage(const QString &text, bool problem);
    void failed(const QString &message);

    DirectorySession &m_session;
    ConnectionBar *m_bar;
    QLabel *m_message;
    QTabWidget *m_tabs;
    AccountsView *m_accounts;
    DuplicatesView *m_duplicates;
    SpnLookupView *m_lookup;
};

} // namespace ssod::ui
