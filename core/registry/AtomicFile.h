#pragma once

#include "core/util/Result.h"

#include <QByteArray>
#include <QString>
#include <functional>
#include <memory>

namespace ssod::core::registry {

class FileFingerprint;

/**
 * Replaces a file without ever exposing a partial one: the new content goes into an unnamed file
 * in the target's folder (O_TMPFILE; a named ".NAME.ssod-tmp-XXXXXX" where the file system has no
 * unnamed files), is fsynced, gets the target's mode and owner, and only then takes the target's
 * name by rename (or by link, which never replaces, for files that must not exist yet). Every
 * failed write, fsync, chmod, chown or rename is an error, and the target is then untouched: there
 * is no fallback that writes the target in place. A process killed at any point leaves the target
 * old or new; an unnamed file vanishes with it (a named one is removed by the next locked writer,
 * see TargetLock).
 */
class AtomicFile final {
public:
    enum class Mode {
        Replace, ///< create or replace the target
        CreateNew, ///< fail if the target exists (backups: an existing one may be the only way back)
    };

    /// Starts a write of \a file (symbolic links are written through). \a newFileMode is the mode
    /// of a file that does not exist yet (default 0666 less the umask); an existing file keeps its own.
    static Result<std::unique_ptr<AtomicFile>> begin(
        const QString &file, Mode mode = Mode::Replace, int newFileMode = -1);
    ~AtomicFile();
    Q_DISABLE_COPY_MOVE(AtomicFile)

    Result<void> write(const QByteArray &bytes);
    /// A path that reopens the new content (a library such as hivex can then write it by name).
    QByteArray contentPath() const;
    /// Publishes the new content. \a beforeRename runs last, just before the rename (e.g. to check
    /// that the target was not changed meanwhile); its error cancels the write.
    Result<void> commit(const std::function<Result<void>()> &beforeRename = {});

    /// Refuses what would fail or silently change protections: a read-only file (mode without any
    /// write bit, also for root, who ignores the bits), a file this user cannot write, a read-only
    /// file system, a folder where no file can be created. Nothing is written.
    static Result<void> checkWritable(const QString &file);
    /// The file a write of \a file really changes (symbolic links resolved).
    static QString resolvedTarget(const QString &file);
    /// The refusal for a target on a read-only file system.
    static Error readOnlyFileSystem(const QString &file);
    /// "the disk is full (No space left on device)" and the like, for messages.
    static QString describeErrno(int err);

private:
    AtomicFile(QString target, Mode mode) : m_target(std::move(target)), m_mode(mode) { }
    Error failure(const QString &what, int err) const;

    QString m_target;
    Mode m_mode;
    int m_fd = -1;
    QByteArray m_tempName; ///< named temporary file (fallback), removed unless committed
    int m_newFileMode = -1;
};

} // namespace ssod::core::registry
