#include "core/registry/AtomicFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QObject>
#include <QRandomGenerator>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ssod::core::registry {

namespace {

/// The umask, read without changing it: umask(0) + umask(old) would briefly give files made by
/// other threads (the GUI reads and writes on worker threads) the wrong mode.
mode_t processUmask()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("Umask:")) {
                bool ok = false;
                const uint mask = line.mid(6).trimmed().toUInt(&ok, 8);
                if (ok)
                    return mode_t(mask);
            }
        }
    }
    return 022; // Linux before 4.7 has no Umask line: the common default
}

QByteArray procPath(int fd)
{
    return QByteArrayLiteral("/proc/self/fd/") + QByteArray::number(fd);
}

/// ".NAME.ssod-tmp-" beside \a target: hidden, and recognisable for TargetLock's clean-up.
QByteArray tempPrefix(const QString &target)
{
    const QFileInfo info(target);
    return QFile::encodeName(
        info.absolutePath() + QLatin1String("/.") + info.fileName() + QLatin1String(".ssod-tmp-"));
}

QString octal(mode_t m)
{
    return QStringLiteral("%1").arg(uint(m & 07777), 4, 8, QLatin1Char('0'));
}

/// The folder that would receive a new file: the target's, or its nearest existing ancestor when
/// the folders are still to be created (browser policy folders).
QString existingFolder(const QString &target)
{
    QString dir = QFileInfo(target).absolutePath();
    while (!QFileInfo(dir).isDir() && !QDir(dir).isRoot())
        dir = QFileInfo(dir).absolutePath();
    return dir;
}

} // namespace

QString AtomicFile::describeErrno(int err)
{
    const QString sys = QString::fromLocal8Bit(std::strerror(err));
    switch (err) {
    case ENOSPC:
        return QObject::tr("the disk is full (%1); free some space and try again").arg(sys);
    case EDQUOT:
        return QObject::tr("the disk quota is used up (%1)").arg(sys);
    case EROFS:
        return QObject::tr("the file system is read-only (%1)").arg(sys);
    case EACCES:
    case EPERM:
        return QObject::tr("permission denied (%1)").arg(sys);
    default:
        return sys;
    }
}

Error AtomicFile::readOnlyFileSystem(const QString &file)
{
    return Error::io(
        QObject::tr("the file is on a read-only file system; nothing was written. Copy it somewhere "
                    "writable or remount the file system read-write"),
        file);
}

QString AtomicFile::resolvedTarget(const QString &file)
{
    const QFileInfo info(file);
    if (info.isSymLink() && info.exists())
        return info.canonicalFilePath();
    return info.absoluteFilePath();
}

Result<void> AtomicFile::checkWritable(const QString &file)
{
    const QString target = resolvedTarget(file);
    const QByteArray name = QFile::encodeName(target);
    struct stat st { };
    if (::stat(name.constData(), &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return Error::invalid(QObject::tr("this is a folder, not a file"), file);
        if ((st.st_mode & 0222) == 0)
            return Error::io(
                QObject::tr("the file is read-only (mode %1), so SSO Doctor leaves it alone; nothing "
                            "was written. If it should be changed, make it writable first "
                            "(chmod u+w \"%2\") and try again")
                    .arg(octal(st.st_mode), file),
                file);
        if (::access(name.constData(), W_OK) != 0) {
            const int err = errno;
            if (err == EROFS)
                return readOnlyFileSystem(file);
            return Error::io(
                QObject::tr("you may not change this file (owner %1:%2, mode %3): %4; nothing was "
                            "written. Run as a user who may change it")
                    .arg(st.st_uid)
                    .arg(st.st_gid)
                    .arg(octal(st.st_mode), describeErrno(err)),
                file);
        }
    }
    const QString dir = existingFolder(target);
    if (::access(QFile::encodeName(dir).constData(), W_OK | X_OK) != 0) {
        const int err = errno;
        if (err == EROFS)
            return readOnlyFileSystem(file);
        return Error::io(
            QObject::tr("cannot create files in the folder %1 (%2), which replacing the file safely "
                        "needs; nothing was written")
                .arg(dir, describeErrno(err)),
            file);
    }
    return {};
}

Result<std::unique_ptr<AtomicFile>> AtomicFile::begin(const QString &file, Mode mode, int newFileMode)
{
    std::unique_ptr<AtomicFile> f(new AtomicFile(resolvedTarget(file), mode));
    f->m_newFileMode = newFileMode;
    if (mode == Mode::CreateNew && QFileInfo::exists(f->m_target))
        return Error::invalid(QObject::tr("the file already exists; choose another name"), file);
    if (auto r = checkWritable(file); !r)
        return r.error();
    const QByteArray dir = QFile::encodeName(QFileInfo(f->m_target).absolutePath());
    // An unnamed file disappears with the process, so a kill leaves nothing behind. Linking it
    // into place goes through /proc (linkat AT_EMPTY_PATH needs a capability).
    if (::access("/proc/self/fd", X_OK) == 0)
        f->m_fd = ::open(dir.constData(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0666);
    if (f->m_fd < 0) {
        const int err = errno;
        if (err != EOPNOTSUPP && err != EISDIR && err != EINVAL && err != ENOENT && err != 0)
            return f->failure(
                QObject::tr("cannot create the new file in %1").arg(QString::fromLocal8Bit(dir)), err);
        QByteArray name = tempPrefix(f->m_target) + "XXXXXX";
        f->m_fd = ::mkostemp(name.data(), O_CLOEXEC);
        if (f->m_fd < 0)
            return f->failure(
                QObject::tr("cannot create a temporary file in %1").arg(QString::fromLocal8Bit(dir)), errno);
        f->m_tempName = name;
        // mkstemp makes 0600; a new file gets what open() would give.
        ::fchmod(f->m_fd, 0666 & ~processUmask());
    }
    return f;
}

AtomicFile::~AtomicFile()
{
    if (m_fd >= 0)
        ::close(m_fd);
    if (!m_tempName.isEmpty())
        ::unlink(m_tempName.constData());
}

Error AtomicFile::failure(const QString &what, int err) const
{
    const QString outcome = m_mode == Mode::CreateNew ? QObject::tr("the file was not created")
                                                      : QObject::tr("the file was not changed");
    return Error::io(QObject::tr("%1: %2; %3").arg(what, describeErrno(err), outcome), m_target);
}

Result<void> AtomicFile::write(const QByteArray &bytes)
{
    const char *p = bytes.constData();
    qsizetype left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(m_fd, p, size_t(left));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return failure(QObject::tr("could not write the new content"), n < 0 ? errno : EIO);
        p += n;
        left -= n;
    }
    return {};
}

QByteArray AtomicFile::contentPath() const
{
    return m_tempName.isEmpty() ? procPath(m_fd) : m_tempName;
}

Result<void> AtomicFile::commit(const std::function<Result<void>()> &beforeRename)
{
    const QByteArray target = QFile::encodeName(m_target);
    struct stat old { };
    if (::stat(target.constData(), &old) == 0) {
        if (m_mode == Mode::CreateNew)
            return Error::invalid(QObject::tr("the file already exists; choose another name"), m_target);
        // Keep who may read and write the file: a policy file readable only by root stays so,
        // and one the browser (another user) reads stays readable.
        struct stat mine { };
        if (::fstat(m_fd, &mine) != 0)
            return failure(QObject::tr("cannot read the new file's status"), errno);
        if ((mine.st_uid != old.st_uid || mine.st_gid != old.st_gid)
            && ::fchown(m_fd, old.st_uid, old.st_gid) != 0)
            return failure(
                QObject::tr("cannot keep the file's owner %1:%2").arg(old.st_uid).arg(old.st_gid), errno);
        if (::fchmod(m_fd, old.st_mode & 07777) != 0)
            return failure(QObject::tr("cannot keep the file's mode %1").arg(octal(old.st_mode)), errno);
    } else if (m_newFileMode >= 0 && ::fchmod(m_fd, mode_t(m_newFileMode)) != 0) {
        return failure(
            QObject::tr("cannot set the new file's mode %1").arg(octal(mode_t(m_newFileMode))), errno);
    }
    if (::fsync(m_fd) != 0)
        return failure(QObject::tr("could not flush the new content to disk"), errno);
    if (beforeRename) {
        if (auto r = beforeRename(); !r)
            return r;
    }

    const bool unnamed = m_tempName.isEmpty();
    if (m_mode == Mode::CreateNew) {
        // link() never replaces: a file that appeared meanwhile is kept.
        const int rc = unnamed
            ? ::linkat(AT_FDCWD, procPath(m_fd).constData(), AT_FDCWD, target.constData(), AT_SYMLINK_FOLLOW)
            : ::link(m_tempName.constData(), target.constData());
        if (rc != 0)
            return errno == EEXIST
                ? Error::invalid(QObject::tr("the file already exists; choose another name"), m_target)
                : failure(QObject::tr("cannot create the file"), errno);
    } else {
        if (unnamed) {
            // rename() cannot take an unnamed file: give it a name for the moment of the rename.
            for (int attempt = 0; m_tempName.isEmpty(); ++attempt) {
                QByteArray name
                    = tempPrefix(m_target) + QByteArray::number(QRandomGenerator::global()->generate64(), 36);
                if (::linkat(
                        AT_FDCWD, procPath(m_fd).constData(), AT_FDCWD, name.constData(), AT_SYMLINK_FOLLOW)
                    == 0)
                    m_tempName = name;
                else if (errno != EEXIST || attempt > 8)
                    return failure(QObject::tr("cannot name the new file"), errno);
            }
        }
        if (::rename(m_tempName.constData(), target.constData()) != 0)
            return failure(QObject::tr("cannot replace the file"), errno);
    }
    if (!m_tempName.isEmpty() && m_mode == Mode::CreateNew)
        ::unlink(m_tempName.constData());
    m_tempName.clear();
    ::close(m_fd);
    m_fd = -1;
    // Make the new name durable. Some file systems cannot fsync a folder; the content is already
    // on disk and the rename is atomic either way, so a failure here is not worth undoing the write.
    const QByteArray dir = QFile::encodeName(QFileInfo(m_target).absolutePath());
    if (const int d = ::open(dir.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); d >= 0) {
        ::fsync(d);
        ::close(d);
    }
    return {};
}

} // namespace ssod::core::registry
