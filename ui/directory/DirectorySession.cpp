#include "ui/directory/DirectorySession.h"

#include <QPointer>
#include <QThreadPool>

namespace ssod::ui {

using core::Error;
using core::Result;
using core::directory::ConnectionOptions;
using core::directory::LdapConnection;
using core::directory::RootDse;

namespace {
enum JobState { Queued, Running, Skipped };
} // namespace

struct DirectorySession::Shared {
    std::unique_ptr<LdapConnection> connection;
};

DirectorySession::DirectorySession(QObject *parent)
    : QObject(parent), m_shared(std::make_shared<Shared>()), m_pool(new QThreadPool(this))
{
    // One thread: jobs on the libldap handle run strictly one after the other (FIFO).
    m_pool->setMaxThreadCount(1);
}

DirectorySession::~DirectorySession()
{
    cancelJobs(false);
    // Unbind on the worker too, after whatever is running; then nothing is left to wait for.
    m_pool->start([shared = m_shared] { shared->connection.reset(); });
    m_pool->waitForDone();
}

Error DirectorySession::notConnectedError()
{
    return Error::invalid(tr("not connected to a directory; connect first"));
}

Error DirectorySession::cancelledError()
{
    return Error::io(tr("cancelled"));
}

bool DirectorySession::isCancelled(const Error &error)
{
    return error.code == Error::Code::Io && error.message == cancelledError().message && error.location.isEmpty();
}

void DirectorySession::connectTo(ConnectionOptions options)
{
    const QString target = !options.dc.isEmpty() ? options.dc : options.domain;
    m_options = options;
    m_options.password.clear();
    m_description.clear();
    m_boundIdentity.clear();
    m_rootDse = {};
    setConnected(false);
    const quint64 generation = ++m_connectGeneration;

    struct Outcome {
        std::optional<Error> error;
        QString description;
        QString boundIdentity;
        RootDse rootDse;
    };
    auto outcome = std::make_shared<Outcome>();
    auto opts = std::make_shared<ConnectionOptions>(std::move(options));
    enqueue(
        tr("Connecting to %1…").arg(target),
        [shared = m_shared, opts, outcome](LdapConnection *, const std::atomic<bool> &cancel) {
            shared->connection.reset();
            Result<std::unique_ptr<LdapConnection>> c = LdapConnection::connect(*opts);
            opts->password.clear(); // the bind is done: the password is not kept
            if (!c) {
                outcome->error = c.error();
            } else if (cancel.load()) {
                outcome->error = cancelledError(); // abandoned meanwhile: drop the connection
            } else {
                outcome->description = (*c)->describe();
                outcome->boundIdentity = (*c)->boundIdentity();
                outcome->rootDse = (*c)->rootDse();
                shared->connection = std::move(c.value());
            }
        },
        nullptr,
        [this, generation, outcome] {
            if (generation != m_connectGeneration)
                return; // a newer connect or a disconnect came after this one
            if (outcome->error) {
                Q_EMIT connectFailed(outcome->error->toString());
                return;
            }
            m_description = outcome->description;
            m_boundIdentity = outcome->boundIdentity;
            m_rootDse = outcome->rootDse;
            setConnected(true);
        },
        [this, generation] {
            // The worker may have connected just before the flag was set: drop that connection
            // after it (the pool is FIFO), without showing as busy.
            m_pool->start([shared = m_shared] { shared->connection.reset(); });
            if (generation == m_connectGeneration)
                Q_EMIT connectFailed(cancelledError().toString());
        },
        true);
}

void DirectorySession::disconnectFromDirectory()
{
    ++m_connectGeneration;
    m_description.clear();
    m_boundIdentity.clear();
    m_rootDse = {};
    setConnected(false);
    // Not a job: it cannot be cancelled, and is quick once its turn comes.
    m_pool->start([shared = m_shared] { shared->connection.reset(); });
}

void DirectorySession::cancel()
{
    cancelJobs(true);
}

void DirectorySession::cancelJobs(bool deliver)
{
    const QString before = busyWhat();
    QList<Pending> dropped;
    for (qsizetype i = 0; i < m_jobs.size();) {
        Pending &job = m_jobs[i];
        job.cancel->store(true);
        int queued = Queued;
        const bool skipped = job.state->compare_exchange_strong(queued, Skipped);
        if (skipped || job.abandonWhileRunning) {
            dropped.append(job);
            m_jobs.removeAt(i);
        } else {
            ++i;
        }
    }
    if (!deliver)
        return;
    if (m_jobs.isEmpty())
        Q_EMIT busyChanged(false, QString());
    else if (busyWhat() != before)
        Q_EMIT busyChanged(true, busyWhat());
    for (const Pending &job : std::as_const(dropped))
        job.deliverCancelled();
}

QString DirectorySession::busyWhat() const
{
    return m_jobs.isEmpty() ? QString() : m_jobs.constFirst().what;
}

void DirectorySession::enqueue(const QString &what, Work work, QObject *context, std::function<void()> deliver,
    std::function<void()> deliverCancelled, bool abandonWhileRunning)
{
    const bool hasContext = context != nullptr;
    QPointer<QObject> guard(context); // read only on the UI thread
    auto guarded = [hasContext, guard](std::function<void()> f) {
        return [hasContext, guard, f = std::move(f)] {
            if (f && (!hasContext || guard))
                f();
        };
    };
    const Pending job{++m_nextId, what, std::make_shared<std::atomic<bool>>(false),
        std::make_shared<std::atomic<int>>(Queued), guarded(std::move(deliverCancelled)), abandonWhileRunning};
    m_jobs.append(job);
    if (m_jobs.size() == 1)
        Q_EMIT busyChanged(true, what);

    m_pool->start([this, shared = m_shared, id = job.id, cancel = job.cancel, state = job.state,
                      work = std::move(work), deliver = guarded(std::move(deliver))]() {
        int queued = Queued;
        if (!state->compare_exchange_strong(queued, Running))
            return; // cancelled before it started; the UI thread has already answered
        work(shared->connection.get(), *cancel);
        // The destructor waits for this thread, so the session is alive here; the queued call is
        // dropped if the session is destroyed before the UI thread gets to it.
        QMetaObject::invokeMethod(
            this,
            [this, id, deliver] {
                if (finished(id))
                    deliver();
            },
            Qt::QueuedConnection);
    });
}

bool DirectorySession::finished(quint64 id)
{
    const auto it = std::find_if(m_jobs.cbegin(), m_jobs.cend(), [id](const Pending &p) { return p.id == id; });
    if (it == m_jobs.cend())
        return false;
    const bool first = it == m_jobs.cbegin();
    m_jobs.erase(it);
    if (m_jobs.isEmpty())
        Q_EMIT busyChanged(false, QString());
    else if (first)
        Q_EMIT busyChanged(true, m_jobs.constFirst().what);
    return true;
}

void DirectorySession::setConnected(bool connected)
{
    if (m_connected == connected)
        return;
    m_connected = connected;
    Q_EMIT connectedChanged(connected);
}

} // namespace ssod::ui
