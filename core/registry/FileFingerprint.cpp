#include "core/registry/FileFingerprint.h"

#include <QCryptographicHash>
#include <QFile>
#include <QObject>
#include <cerrno>
#include <cstring>
#include <sys/stat.h>

namespace ssod::core::registry {

namespace {

/// Hashes what \a f holds from its current position; \a size gets the byte count.
QByteArray hashOf(QFile &f, qint64 *size)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    *size = 0;
    for (;;) {
        const QByteArray chunk = f.read(1 << 20);
        if (chunk.isEmpty())
            break;
        *size += chunk.size();
        h.addData(chunk);
    }
    return h.result();
}

Error changed(const QString &file, const QString &how)
{
    return Error::invalid(
        QObject::tr("%1 since SSO Doctor read it (another program or another apply changed it); "
                    "nothing was written. Plan again against its current content and retry")
            .arg(how),
        file);
}

} // namespace

FileFingerprint FileFingerprint::ofBytes(const QByteArray &bytes)
{
    FileFingerprint fp;
    fp.m_exists = true;
    fp.m_size = bytes.size();
    fp.m_sha256 = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
    return fp;
}

Result<FileFingerprint> FileFingerprint::ofPath(const QString &file)
{
    QFile f(file);
    if (!f.exists())
        return missing();
    if (!f.open(QIODevice::ReadOnly))
        return Error::io(QObject::tr("cannot read: %1").arg(f.errorString()), file);
    FileFingerprint fp;
    fp.m_exists = true;
    fp.m_sha256 = hashOf(f, &fp.m_size);
    if (f.error() != QFileDevice::NoError)
        return Error::io(QObject::tr("cannot read: %1").arg(f.errorString()), file);
    return fp;
}

Result<void> FileFingerprint::checkUnchanged(const QString &file) const
{
    struct stat st { };
    if (::stat(QFile::encodeName(file).constData(), &st) != 0) {
        if (errno == ENOENT)
            return m_exists ? Result<void>(changed(file, QObject::tr("the file was deleted")))
                            : Result<void>();
        return Error::io(
            QObject::tr("cannot read its status: %1").arg(QString::fromLocal8Bit(std::strerror(errno))),
            file);
    }
    if (!m_exists)
        return changed(file, QObject::tr("the file was created"));
    if (st.st_size != m_size)
        return changed(file, QObject::tr("the file's size changed"));
    auto now = ofPath(file);
    if (!now)
        return now.error();
    if (now->m_size != m_size || now->m_sha256 != m_sha256)
        return changed(file, QObject::tr("the file's content changed"));
    return {};
}

} // namespace ssod::core::registry
