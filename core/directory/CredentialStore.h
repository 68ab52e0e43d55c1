#pragma once

#include "core/util/Result.h"

#include <QCoreApplication>
#include <QString>
#include <optional>

namespace ssod::core::directory {

struct ConnectionOptions;

/**
 * The directory bind password in the system keychain through QtKeychain (the Secret Service on
 * Linux, Keychain on macOS, Credential Manager on Windows): the only place SSO Doctor keeps it
 * beyond memory. QtKeychain's plaintext QSettings fallback stays off, so when no keychain answers
 * the password is simply not stored.
 *
 * Synchronous, and callable from any thread: the CLI's main thread or a QtConcurrent worker of the
 * GUI. QtKeychain jobs need an event loop, and QtKeychain queues every job through one singleton
 * that lives in the thread which used it first; so the jobs all run on one private thread with its
 * own event loop, and the caller waits for the answer at most timeoutMs, because a locked keyring
 * waiting for its unlock prompt must not hang anyone. Do not call it on the GUI thread: it blocks
 * for as long as the keychain takes (first call ~70 ms, then a few ms; up to timeoutMs). E.g.
 *
 *     QtConcurrent::run([key] { return CredentialStore().loadPassword(key); })
 *         .then(this, [this](Result<std::optional<QString>> password) { … });
 *
 * Needs a QCoreApplication; the private thread stops when it is destroyed.
 */
class CredentialStore final {
    Q_DECLARE_TR_FUNCTIONS(CredentialStore)

public:
    static constexpr int kDefaultTimeoutMs = 10000;
    static QString defaultService() { return QStringLiteral("SSO Doctor directory"); }

    /// \a service names SSO Doctor's entries in the keychain (tests use their own).
    explicit CredentialStore(QString service = defaultService(), int timeoutMs = kDefaultTimeoutMs);

    /// The entry name of a simple-bind connection: its bind DN, lower-cased, "@" and the DC as
    /// given (HOST or HOST:PORT), or else the domain, lower-cased; e.g.
    /// "cn=administrator,cn=users,dc=lab,dc=test@dc1.lab.test". Not secret (the keychain shows it),
    /// and stable: it names no port or TLS mode that was not typed. Empty without a bind DN or a
    /// DC/domain (a Kerberos bind has no password to keep).
    static QString keychainKey(const ConnectionOptions &options);

    Result<void> storePassword(const QString &key, const QString &password) const;
    /// std::nullopt when nothing is stored under \a key: that is an answer, not an error.
    Result<std::optional<QString>> loadPassword(const QString &key) const;
    /// True when an entry was removed, false when none was stored.
    Result<bool> forgetPassword(const QString &key) const;

private:
    QString m_service;
    int m_timeoutMs;
};

} // namespace ssod::core::directory
