#pragma once

// Real Negotiate tokens from MIT GSSAPI (no Python binding is installed, so the generator is this
// small helper): an initiator for "HTTP@host" with SPNEGO or plain Kerberos, and an acceptor with
// a given keytab, exactly as a browser and mod_auth_gssapi would produce them.

#include <QByteArray>
#include <QString>

namespace ssod::testtools {

class GssExchange final
{
public:
    enum class Mech { Spnego, Kerberos };
    GssExchange() = default;
    ~GssExchange();
    GssExchange(const GssExchange &) = delete;
    GssExchange &operator=(const GssExchange &) = delete;

    /// The client's first token for \a service ("HTTP@web.lab.test") with mutual authentication.
    QByteArray initiate(const QString &service, Mech mech);
    /// The server's answer to \a token using the keys in \a keytab; minorStatus() tells why it failed.
    QByteArray accept(const QByteArray &token, const QString &keytab);

    bool acceptComplete() const { return m_acceptComplete; }
    quint32 minorStatus() const { return m_minor; }
    const QString &error() const { return m_error; }

private:
    void *m_initCtx = nullptr;
    void *m_acceptCtx = nullptr;
    bool m_acceptComplete = false;
    quint32 m_minor = 0;
    QString m_error;
};

} // namespace ssod::testtools
