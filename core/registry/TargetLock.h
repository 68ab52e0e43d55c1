#pragma once

#include "core/util/Result.h"

#include <QString>
#include <chrono>
#include <utility>

namespace ssod::core::registry {

/**
 * Keeps two SSO Doctor processes from changing one target at once: an exclusive flock() on
 * "<target>.ssod-lock" beside it. The kernel drops the lock when its holder dies, so a killed
 * apply never blocks the next one; the file itself is removed when the lock is released (a stale
 * one left by a kill is simply locked again). Locks are counted per process, so the CLI can hold
 * the target from planning to verifying while applyChanges() locks it again inside.
 *
 * While it holds the lock, acquire() also removes temporary files a killed writer left behind
 * (".NAME.ssod-tmp-*", see AtomicFile).
 */
class TargetLock final {
public:
    static constexpr std::chrono::milliseconds kDefaultWait { 5000 };

    /// Locks \a target, waiting up to \a wait for another holder; then fails with a message that
    /// says who holds it. A target whose folder does not exist yet needs no lock (it has nothing
    /// to corrupt; the commit's fingerprint check still refuses a file created meanwhile).
    static Result<TargetLock> acquire(const QString &target, std::chrono::milliseconds wait = kDefaultWait);
    static QString lockPathFor(const QString &target);

    TargetLock() = default;
    TargetLock(TargetLock &&other) noexcept : m_path(std::exchange(other.m_path, QString())) { }
    TargetLock &operator=(TargetLock &&other) noexcept;
    ~TargetLock();
    Q_DISABLE_COPY(TargetLock)

    bool isHeld() const { return !m_path.isEmpty(); }

private:
    explicit TargetLock(QString path) : m_path(std::move(path)) { }
    void release();

    QString m_path; ///< the lock file; empty when nothing is held
};

} // namespace ssod::core::registry
