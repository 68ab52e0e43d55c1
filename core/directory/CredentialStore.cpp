#include "core/directory/CredentialStore.h"

#include "core/directory/LdapConnection.h"

#include <QMutex>
#include <QSemaphore>
#include <QThread>
#include <memory>
#include <qt6keychain/keychain.h>

#ifdef SSOD_KEYCHAIN_DBUS
#include <QDBusConnection>
#include <QDBusError>
#include <QDBusMessage>
#include <QDBusVariant>
#endif

namespace ssod::core::directory {

namespace {

// The one thread every QtKeychain job runs on. QtKeychain's job queue is a singleton QObject that
// lives in the thread that first started a job, and it learns that a job ended through a queued
// signal: a QtConcurrent worker has no running event loop, so after one job from a pool thread the
// queue would stall for good. One private thread with its own event loop keeps the singleton, the
// jobs and libsecret's GLib callbacks (delivered to the thread-default main context, which Qt's
// GLib event dispatcher sets up per thread) together.
QMutex g_threadMutex;
QThread *g_thread = nullptr;
QObject *g_anchor = nullptr; // lives in g_thread: work is posted to it
bool g_stopped = false;

// Called by ~QCoreApplication: destroying a running QThread at exit would abort the process.
void stopKeychainThread()
{
    QMutexLocker lock(&g_threadMutex);
    g_stopped = true;
    if (!g_thread)
        return;
    g_thread->quit();
    // A backend stuck in a call keeps the thread alive: leave it then, deleting it would abort.
    if (g_thread->wait(QDeadlineTimer(3000)))
        delete g_thread;
    g_thread = nullptr;
    g_anchor = nullptr;
}

QObject *keychainAnchor()
{
    QMutexLocker lock(&g_threadMutex);
    if (g_stopped || !QCoreApplication::instance())
        return nullptr;
    if (!g_thread) {
        g_thread = new QThread;
        g_thread->setObjectName(QStringLiteral("ssod-keychain"));
        g_anchor = new QObject;
        g_anchor->moveToThread(g_thread);
        QObject::connect(g_thread, &QThread::finished, g_anchor, &QObject::deleteLater);
        g_thread->start();
        qAddPostRoutine(stopKeychainThread);
    }
    return g_anchor;
}

enum class Op { Read, Write, Delete };

struct Answer {
    QKeychain::Error error = QKeychain::NoError;
    QString message;
    QByteArray data; // Read only
};

// Shared by the caller and the keychain thread, so that an answer arriving after the caller gave
// up still lands in memory that exists. The semaphore orders the write before the read.
struct Exchange {
    QSemaphore done;
    Answer answer;
};

QKeychain::Job *makeJob(Op op, const QString &service, const QString &password)
{
    switch (op) {
    case Op::Read:
        return new QKeychain::ReadPasswordJob(service);
    case Op::Write: {
        auto *job = new QKeychain::WritePasswordJob(service);
        job->setTextData(password);
        return job;
    }
    case Op::Delete:
        return new QKeychain::DeletePasswordJob(service);
    }
    return nullptr;
}

QString tr(const char *text)
{
    return CredentialStore::tr(text);
}

QString doing(Op op)
{
    switch (op) {
    case Op::Read:
        return tr("reading the password from the system keychain");
    case Op::Write:
        return tr("storing the password in the system keychain");
    case Op::Delete:
        break;
    }
    return tr("removing the password from the system keychain");
}

#ifdef SSOD_KEYCHAIN_DBUS
// Without a session bus every Secret Service / KWallet call fails; say so before starting a job.
Result<void> checkSessionBus()
{
    const QDBusConnection bus = QDBusConnection::sessionBus();
    if (bus.isConnected())
        return {};
    const QString why = bus.lastError().message();
    return Error::unsupported(tr("no system keychain is available: no D-Bus session bus%1")
                                  .arg(why.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(why)));
}

// Without a desktop no unlock prompt can be shown, and libsecret then answers "nothing found" for
// an item of a locked collection (measured with gnome-keyring 42): ask the Secret Service whether
// its default collection (where QtKeychain stores) is locked, so that is not taken for "nothing
// stored". No Secret Service (KWallet) or no answer: not known to be locked.
bool defaultCollectionLocked(int timeoutMs)
{
    QDBusMessage get = QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.secrets"),
        QStringLiteral("/org/freedesktop/secrets/aliases/default"),
        QStringLiteral("org.freedesktop.DBus.Properties"), QStringLiteral("Get"));
    get << QStringLiteral("org.freedesktop.Secret.Collection") << QStringLiteral("Locked");
    const QDBusMessage reply = QDBusConnection::sessionBus().call(get, QDBus::Block, timeoutMs);
    return reply.type() == QDBusMessage::ReplyMessage
        && reply.arguments().value(0).value<QDBusVariant>().variant().toBool();
}
#else
Result<void> checkSessionBus()
{
    return {};
}

bool defaultCollectionLocked(int)
{
    return false;
}
#endif

// Runs one job on the keychain thread and waits for its answer at most timeoutMs.
Result<Answer> runJob(
    Op op, const QString &service, const QString &key, const QString &password, int timeoutMs)
{
    if (auto bus = checkSessionBus(); !bus)
        return bus.error();
    QObject *anchor = keychainAnchor();
    if (!anchor)
        return Error { Error::Code::Internal, tr("%1: no application is running").arg(doing(op)), {} };
    auto exchange = std::make_shared<Exchange>();
    QMetaObject::invokeMethod(
        anchor,
        [exchange, op, service, key, password] {
            QKeychain::Job *job = makeJob(op, service, password);
            job->setKey(key);
            job->setInsecureFallback(false); // never the plaintext QSettings store
            job->setAutoDelete(true); // also when the caller gave up: libsecret still holds the job
            QObject::connect(job, &QKeychain::Job::finished, job, [exchange](QKeychain::Job *j) {
                exchange->answer.error = j->error();
                exchange->answer.message = j->errorString();
                if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(j))
                    exchange->answer.data = read->binaryData();
                exchange->done.release();
            });
            job->start();
        },
        Qt::QueuedConnection);
    if (!exchange->done.tryAcquire(1, timeoutMs))
        return Error::io(tr("%1: the keychain did not answer within %2 s (a locked keyring may be waiting "
                            "for its unlock prompt)")
                             .arg(doing(op))
                             .arg(timeoutMs / 1000.0));
    return exchange->answer;
}

Error keychainError(Op op, const Answer &a)
{
    switch (a.error) {
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return Error::unsupported(tr("no system keychain is available (%1)").arg(a.message));
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return Error::io(
            tr("%1: access was refused; the keyring may be locked (%2)").arg(doing(op), a.message));
    default:
        return Error::io(tr("%1: %2").arg(doing(op), a.message));
    }
}

} // namespace

CredentialStore::CredentialStore(QString service, int timeoutMs)
    : m_service(std::move(service)), m_timeoutMs(timeoutMs)
{
}

QString CredentialStore::keychainKey(const ConnectionOptions &options)
{
    const QString dn = options.bindDn.trimmed().toLower();
    const QString where = (options.dc.isEmpty() ? options.domain : options.dc).trimmed().toLower();
    if (dn.isEmpty() || where.isEmpty())
        return {};
    return dn + QLatin1Char('@') + where;
}

Result<void> CredentialStore::storePassword(const QString &key, const QString &password) const
{
    if (key.isEmpty() || password.isEmpty())
        return Error::invalid(tr("storing a password in the system keychain needs a bind DN, a DC or "
                                 "domain, and a password"));
    auto answer = runJob(Op::Write, m_service, key, password, m_timeoutMs);
    if (!answer)
        return answer.error();
    if (answer->error != QKeychain::NoError)
        return keychainError(Op::Write, *answer);
    return {};
}

Result<std::optional<QString>> CredentialStore::loadPassword(const QString &key) const
{
    if (key.isEmpty())
        return Error::invalid(
            tr("reading a password from the system keychain needs a bind DN and a DC or domain"));
    auto answer = runJob(Op::Read, m_service, key, {}, m_timeoutMs);
    if (!answer)
        return answer.error();
    if (answer->error == QKeychain::EntryNotFound) {
        if (defaultCollectionLocked(m_timeoutMs))
            return Error::io(
                tr("%1: the keyring is locked and no unlock prompt could be shown; unlock it (log "
                   "in to the desktop session) and try again")
                    .arg(doing(Op::Read)));
        return std::optional<QString>();
    }
    if (answer->error != QKeychain::NoError)
        return keychainError(Op::Read, *answer);
    std::optional<QString> password = QString::fromUtf8(answer->data);
    answer->data.fill('\0');
    return password;
}

Result<bool> CredentialStore::forgetPassword(const QString &key) const
{
    // The Secret Service removes nothing without saying so: look first, to tell the caller.
    auto stored = loadPassword(key);
    if (!stored)
        return stored.error();
    if (!stored->has_value())
        return false;
    auto answer = runJob(Op::Delete, m_service, key, {}, m_timeoutMs);
    if (!answer)
        return answer.error();
    if (answer->error != QKeychain::NoError && answer->error != QKeychain::EntryNotFound)
        return keychainError(Op::Delete, *answer);
    return true;
}

} // namespace ssod::core::directory
