#include "ui/directory/DirectoryPage.h"

#include "ui/directory/AccountsView.h"
#include "ui/directory/BusyIndicator.h"
#include "core/directory/CredentialStore.h"
#include "ui/directory/ConnectDialog.h"
#include "ui/directory/ConnectionBar.h"
#include "ui/directory/DirectoryFacts.h"
#include "ui/directory/DirectorySession.h"
#include "ui/directory/DuplicatesView.h"
#include "ui/directory/SpnLookupView.h"

#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

#include <QCheckBox>
#include <QtConcurrent/QtConcurrentRun>

namespace ssod::ui {

DirectoryPage::DirectoryPage(DirectorySession &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_bar(new ConnectionBar(session, this)), m_message(new QLabel(this)),
      m_tabs(new QTabWidget(this)), m_accounts(new AccountsView(session, m_tabs)),
      m_duplicates(new DuplicatesView(session, m_tabs)), m_lookup(new SpnLookupView(session, m_tabs))
{
    setObjectName(QStringLiteral("directoryPage"));
    m_message->setObjectName(QStringLiteral("directoryMessage"));
    m_message->setTextFormat(Qt::PlainText); // messages quote names and servers, never markup
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setVisible(false);
    m_tabs->setObjectName(QStringLiteral("directoryTabs"));
    m_tabs->addTab(m_accounts, tr("&Accounts"));
    m_tabs->addTab(m_duplicates, tr("D&uplicates"));
    m_tabs->addTab(m_lookup, tr("SPN &Lookup"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_bar);
    layout->addWidget(m_message);
    layout->addWidget(m_tabs, 1);
    // Running work shows in the free space right of the tabs: nothing moves when it starts or ends.
    m_tabs->setCornerWidget(new BusyIndicator(session, m_tabs), Qt::TopRightCorner);

    connect(m_bar, &ConnectionBar::connectRequested, this, [this] { openConnectDialog(); });
    connect(&m_session, &DirectorySession::connectFailed, this, [this](const QString &message) { failed(message); });
    connect(&m_session, &DirectorySession::connectedChanged, this, [this](bool connected) {
        if (connected)
            showMessage({}, false);
    });
    // A new piece of work makes the last message stale.
    connect(&m_session, &DirectorySession::busyChanged, this, [this](bool busy) {
        if (busy)
            showMessage({}, false);
    });
    connect(m_accounts, &AccountsView::failed, this, &DirectoryPage::failed);
    connect(m_duplicates, &DuplicatesView::failed, this, &DirectoryPage::failed);
    connect(m_lookup, &SpnLookupView::failed, this, &DirectoryPage::failed);
}

void DirectoryPage::openConnectDialog()
{
    auto *dialog = new ConnectDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    if (!m_session.options().dc.isEmpty() || !m_session.options().domain.isEmpty())
        dialog->setOptions(m_session.options());
    connect(dialog, &QDialog::accepted, this,
        [this, dialog] { connectWith(dialog->options(), dialog->rememberPassword()->isChecked()); });
    dialog->open();
}

void DirectoryPage::connectWith(core::directory::ConnectionOptions options, bool remember)
{
    using core::directory::ConnectionOptions;
    using core::directory::CredentialStore;
    if (!remember || options.bind != ConnectionOptions::Bind::Simple) {
        m_session.connectTo(options);
        return;
    }
    const QString key = CredentialStore::keychainKey(options);
    if (options.password.isEmpty()) {
        // The keychain may block for seconds (a locked keyring): ask it on a worker.
        QtConcurrent::run([key] { return CredentialStore().loadPassword(key); })
            .then(this, [this, options, key](const core::Result<std::optional<QString>> &stored) mutable {
                if (!stored || !*stored) {
                    failed(stored ? tr("No password is stored in the system keychain for %1: type it once with "
                                              "\u201cRemember\u201d checked.")
                                               .arg(key)
                                         : stored.error().message);
                    return;
                }
                options.password = **stored;
                m_session.connectTo(options);
            });
        return;
    }
    // Store only a password the directory accepted: wait for this connect's outcome.
    auto once = std::make_shared<QList<QMetaObject::Connection>>();
    const auto done = [once] {
        for (const auto &c : *once)
            QObject::disconnect(c);
    };
    *once << connect(&m_session, &DirectorySession::connectedChanged, this,
        [this, done, key, password = options.password](bool connected) {
            done();
            if (!connected)
                return;
            QtConcurrent::run([key, password] { return CredentialStore().storePassword(key, password); })
                .then(this, [this, key](const core::Result<void> &r) {
                    showMessage(r ? tr("Password saved in the system keychain for %1.").arg(key)
                                  : tr("The password was not saved: %1").arg(r.error().message),
                        !r);
                });
        });
    *once << connect(&m_session, &DirectorySession::connectFailed, this, [done](const QString &) { done(); });
    m_session.connectTo(options);
}

void DirectoryPage::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(int(tab));
}

QString DirectoryPage::message() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

void DirectoryPage::failed(const QString &message)
{
    if (message == DirectorySession::cancelledError().toString())
        showMessage(tr("Cancelled."), false);
    else
        showMessage(message, true);
}

void DirectoryPage::showMessage(const QString &text, bool problem)
{
    const auto sev = problem ? DirectoryFact::Severity::Problem : DirectoryFact::Severity::Info;
    QPalette pal = palette();
    pal.setColor(QPalette::WindowText, DirectoryFact::severityColor(sev));
    m_message->setPalette(pal);
    m_message->setText(text.isEmpty() ? QString() : DirectoryFact::severityText(sev) + QStringLiteral(": ") + text);
    m_message->setVisible(!text.isEmpty());
}

} // namespace ssod::ui
