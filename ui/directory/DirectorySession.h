#pragma once

#include "core/directory/LdapConnection.h"
#include "core/util/Result.h"

#include <QList>
#include <QObject>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QThreadPool;

namespace ssod::ui {

/**
 * The one directory connection of the GUI, shared by the Directory page and the wizards that need
 * a connected directory (MainWindow owns it).
 *
 * libldap handles must not be used from two threads at once, and every call may block for up to
 * the timeout, so all work on the connection (connecting, searches, modifications, dropping it)
 * runs on a private pool of exactly one thread, one job after the other, never on the UI thread.
 * The connection object itself is only ever touched on that thread; what the UI may ask at any
 * time (isConnected(), description(), rootDse(), options()) is a copy kept on the UI thread.
 *
 * run() queues a job; its `done` is called on the UI thread, exactly once, and only if `context`
 * (when given) still exists then. cancel() sets the cancel flag of the running and queued jobs
 * (directory calls check it between pages; every round trip is bounded by the options' timeout):
 *  - a job not started yet does not run; `done` gets cancelledError();
 *  - a running JobKind::Modifies job (the default) finishes its round trip and `done` gets what
 *    really happened: a modification that got through is reported, not hidden behind "cancelled";
 *  - a running JobKind::ReadOnly job, and a connect, are abandoned: `done` gets cancelledError()
 *    (connectFailed(cancelledError().message) for a connect) at once, the worker's late result is
 *    dropped, and the jobs queued after it simply start a little later.
 * A job that runs while not connected gets notConnectedError().
 *
 * The password is never kept: connectTo() uses it for the bind only, and options() returns the
 * options with the password cleared. Destroying the session cancels and waits for the running job
 * (bounded by the timeout), so no worker outlives it.
 */
class DirectorySession final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DirectorySession)

public:
    /// A job on the connection; check \a cancel in loops (directory calls take a pointer to it).
    /// Whether a running job may be abandoned on cancel (see the class comment).
    enum class JobKind { Modifies, ReadOnly };
    template<typename T>
    using Job = std::function<core::Result<T>(core::directory::LdapConnection &, const std::atomic<bool> &cancel)>;

    explicit DirectorySession(QObject *parent = nullptr);
    ~DirectorySession() override;

    /// Drops the current connection (if any) and connects with \a options in the background:
    /// connectedChanged(true) on success, connectFailed() otherwise.
    void connectTo(core::directory::ConnectionOptions options);
    /// Drops the connection (after the jobs already queued, which then still run on it);
    /// connectedChanged(false) at once.
    void disconnectFromDirectory();

    bool isConnected() const { return m_connected; }
    /// LdapConnection::describe() of the connection ("ldap://dc1.lab.test:389 (SASL GSSAPI)"), or empty.
    QString description() const { return m_description; }
    core::directory::RootDse rootDse() const { return m_rootDse; }
    /// Whom the DC bound us as (LdapConnection::boundIdentity()), or empty when it does not say.
    QString boundIdentity() const { return m_boundIdentity; }
    /// The options of the current (or last attempted) connection, password cleared.
    core::directory::ConnectionOptions options() const { return m_options; }

    /// Queues \a job, described for the user by \a what ("Searching accounts…"); \a done runs on
    /// the UI thread with its result unless \a context (if given) was destroyed meanwhile.
    /// The template argument cannot be deduced from a lambda: run<QList<Account>>(…).
    template<typename T>
    void run(const QString &what, Job<T> job, QObject *context, std::function<void(core::Result<T>)> done,
        JobKind kind = JobKind::Modifies)
    {
        auto result = std::make_shared<std::optional<core::Result<T>>>();
        enqueue(
            what,
            [job = std::move(job), result](core::directory::LdapConnection *c, const std::atomic<bool> &cancel) {
                if (cancel.load())
                    result->emplace(cancelledError());
                else if (c)
                    result->emplace(job(*c, cancel));
                else
                    result->emplace(notConnectedError());
            },
            context, [result, done] { done(std::move(**result)); }, [done] { done(cancelledError()); },
            kind == JobKind::ReadOnly);
    }

    /// Asks the running and queued jobs (including a connect) to stop.
    void cancel();
    /// A job (or a connect) is queued or running.
    bool isBusy() const { return !m_jobs.isEmpty(); }
    /// What the running job is doing, or empty.
    QString busyWhat() const;

    /// What a job queued while not connected receives.
    static core::Error notConnectedError();
    /// What a cancelled job (or connect) reports.
    static core::Error cancelledError();
    /// Whether \a error is cancelledError().
    static bool isCancelled(const core::Error &error);

Q_SIGNALS:
    void connectedChanged(bool connected);
    void connectFailed(const QString &message);
    /// Emitted when the session becomes busy or idle, and when the running job changes.
    void busyChanged(bool busy, const QString &what);

private:
    struct Shared;
    struct Pending {
        quint64 id;
        QString what;
        std::shared_ptr<std::atomic<bool>> cancel;
        std::shared_ptr<std::atomic<int>> state; ///< Queued, Running or Skipped
        std::function<void()> deliverCancelled; ///< when skipped or abandoned
        bool abandonWhileRunning = false;
    };
    using Work = std::function<void(core::directory::LdapConnection *, const std::atomic<bool> &)>;

    void enqueue(const QString &what, Work work, QObject *context, std::function<void()> deliver,
        std::function<void()> deliverCancelled, bool abandonWhileRunning);
    /// Removes job \a id; false if it was already abandoned.
    bool finished(quint64 id);
    void cancelJobs(bool deliver);
    void setConnected(bool connected);

    std::shared_ptr<Shared> m_shared; ///< the connection; touched only on the pool's thread
    QThreadPool *m_pool;
    QList<Pending> m_jobs; ///< queued and running, in order; the first is running
    quint64 m_nextId = 0;
    quint64 m_connectGeneration = 0;
    bool m_connected = false;
    QString m_description;
    QString m_boundIdentity;
    core::directory::RootDse m_rootDse;
    core::directory::ConnectionOptions m_options;
};

} // namespace ssod::ui
