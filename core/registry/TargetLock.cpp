#include "core/registry/TargetLock.h"

#include "core/registry/AtomicFile.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QThread>
#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ssod::core::registry {

namespace {

struct Held {
    int fd = -1;
    int count = 0;
};

QMutex &heldMutex()
{
    static QMutex m;
    return m;
}

/// Lock files this process holds, by path: flock() conflicts between two descriptors of one
/// process, so a nested acquire must reuse the first.
QHash<QString, Held> &held()
{
    static QHash<QString, Held> h;
    return h;
}

bool sameFile(int fd, const QByteArray &path)
{
    struct stat a { };
    struct stat b { };
    return ::fstat(fd, &a) == 0 && ::stat(path.constData(), &b) == 0 && a.st_dev == b.st_dev
        && a.st_ino == b.st_ino;
}

/// Temporary files of a writer killed between naming its new file and renaming it.
void removeStaleTemporaries(const QString &target)
{
    const QFileInfo info(target);
    const QString prefix = QLatin1Char('.') + info.fileName() + QLatin1String(".ssod-tmp-");
    const QDir dir = info.absoluteDir();
    const QStringList stale
        = dir.entryList({ prefix + QLatin1Char('*') }, QDir::Files | QDir::Hidden | QDir::System);
    for (const QString &name : stale)
        QFile::remove(dir.filePath(name));
}

} // namespace

QString TargetLock::lockPathFor(const QString &target)
{
    return AtomicFile::resolvedTarget(target) + QLatin1String(".ssod-lock");
}

Result<TargetLock> TargetLock::acquire(const QString &target, std::chrono::milliseconds wait)
{
    const QString path = lockPathFor(target);
    if (!QFileInfo(QFileInfo(path).absolutePath()).isDir())
        return TargetLock();
    {
        QMutexLocker guard(&heldMutex());
        auto it = held().find(path);
        if (it != held().end()) {
            ++it->count;
            return TargetLock(path);
        }
    }
    const QByteArray name = QFile::encodeName(path);
    QDeadlineTimer deadline(wait);
    for (;;) {
        const int fd = ::open(name.constData(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
        if (fd < 0) {
            const int err = errno;
            if (err == EROFS)
                return AtomicFile::readOnlyFileSystem(target);
            return Error::io(
                QObject::tr("cannot create the lock file %1 that keeps two applies apart: %2; nothing "
                            "was written")
                    .arg(path, AtomicFile::describeErrno(err)),
                target);
        }
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
            // The holder before us may have removed the file after we opened it: then our lock
            // is on a file nobody else sees, so start again on the current one.
            if (!sameFile(fd, name)) {
                ::close(fd);
                continue;
            }
            const QByteArray pid = QByteArray::number(qint64(::getpid())) + '\n';
            if (::ftruncate(fd, 0) == 0)
                (void)!::write(fd, pid.constData(), size_t(pid.size()));
            {
                QMutexLocker guard(&heldMutex());
                held().insert(path, Held { fd, 1 });
            }
            removeStaleTemporaries(AtomicFile::resolvedTarget(target));
            return TargetLock(path);
        }
        const int err = errno;
        QByteArray holder(32, '\0');
        const ssize_t n = ::pread(fd, holder.data(), size_t(holder.size()), 0);
        ::close(fd);
        if (err != EWOULDBLOCK && err != EINTR)
            return Error::io(
                QObject::tr("cannot lock %1: %2").arg(path, AtomicFile::describeErrno(err)), target);
        if (deadline.hasExpired()) {
            const QString pid = n > 0 ? QString::fromLatin1(holder.left(n)).trimmed() : QString();
            return Error::io(
                QObject::tr("another SSO Doctor process%1 is changing this file right now (it holds %2); "
                            "nothing was written. Wait until it has finished, then plan and apply again")
                    .arg(pid.isEmpty() ? QString() : QObject::tr(" (process %1)").arg(pid), path),
                target);
        }
        QThread::msleep(20);
    }
}

TargetLock &TargetLock::operator=(TargetLock &&other) noexcept
{
    if (this != &other) {
        release();
        m_path = std::exchange(other.m_path, QString());
    }
    return *this;
}

TargetLock::~TargetLock()
{
    release();
}

void TargetLock::release()
{
    if (m_path.isEmpty())
        return;
    QMutexLocker guard(&heldMutex());
    auto it = held().find(m_path);
    if (it != held().end() && --it->count == 0) {
        // Remove the file while still holding the lock: a waiter that opened it notices (sameFile)
        // and locks the next one, so two holders can never coexist.
        ::unlink(QFile::encodeName(m_path).constData());
        ::close(it->fd);
        held().erase(it);
    }
    m_path.clear();
}

} // namespace ssod::core::registry
