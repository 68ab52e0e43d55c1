#pragma once

#include "core/directory/SpnDirectory.h"
#include "ui/directory/DirectoryFacts.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTextBrowser;
class QTreeWidget;

namespace ssod::ui {

class DirectorySession;

/**
 * The Accounts tab: search users, computers and managed service accounts by name or `*` pattern;
 * the selected account's SPNs and its delegation in plain words (core::directory::readDelegation).
 */
class AccountsView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountsView)

public:
    /// Most accounts listed for one search.
    static constexpr int kLimit = 500;

    explicit AccountsView(DirectorySession &session, QWidget *parent = nullptr);

    void search(const QString &text);
    /// Selects \a samAccountName in the result list (and so shows its details); false if not listed.
    bool select(const QString &samAccountName);
    /// What the delegation pane shows for the selected account (empty until read).
    const QList<DirectoryFact> &delegationFacts() const { return m_facts; }

Q_SIGNALS:
    /// A search or a read failed (cancelled included); the page shows it.
    void failed(const QString &message);

private:
    void showResults(const QList<core::directory::Account> &accounts);
    void showAccount(int row);
    void updateEnabled();

    DirectorySession &m_session;
    QLineEdit *m_query;
    QPushButton *m_search;
    QLabel *m_count;
    QTreeWidget *m_results;
    QLabel *m_title;
    QListWidget *m_spns;
    QTextBrowser *m_delegation;
    QList<core::directory::Account> m_accounts;
    QList<DirectoryFact> m_facts;
    quint64 m_generation = 0; ///< the latest account shown; older answers are dropped
};

} // namespace ssod::ui
