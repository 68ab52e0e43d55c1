#pragma once

#include "core/util/Result.h"

#include <QByteArray>
#include <QString>

namespace ssod::core::registry {

/**
 * What a target file held when a store read it: whether it existed, its size and a SHA-256 of the
 * bytes read. A commit compares it with the file on disk just before replacing it, so a file
 * another program changed since the plan is never overwritten with a plan made for its old
 * content. Content, not timestamps: times move in ticks of several milliseconds (a change within
 * one tick would go unseen), and a chmod or a rewrite with the same bytes does not make the plan
 * wrong.
 */
class FileFingerprint final {
public:
    /// The fingerprint of a file that did not exist when it was read.
    static FileFingerprint missing() { return {}; }
    /// Of a file whose whole content is \a bytes.
    static FileFingerprint ofBytes(const QByteArray &bytes);
    /// Reads \a file (or notes that it is missing).
    static Result<FileFingerprint> ofPath(const QString &file);

    bool exists() const { return m_exists; }
    const QByteArray &sha256() const { return m_sha256; }

    /// Fails (naming \a file and saying what to do) unless \a file on disk is still what was read.
    Result<void> checkUnchanged(const QString &file) const;

private:
    bool m_exists = false;
    qint64 m_size = 0;
    QByteArray m_sha256;
};

} // namespace ssod::core::registry
