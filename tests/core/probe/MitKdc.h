#pragma once

// A throw-away MIT KDC for tests (TESTBED "MIT krb5kdc — light fixture"): its own database,
// krb5.conf and credential cache in a temporary directory, krb5kdc -n on a free loopback port,
// stopped by PID. The environment variables it sets (KRB5_CONFIG, KRB5_KDC_PROFILE, KRB5CCNAME)
// point both the test process's GSSAPI and the tools it starts at this KDC only.

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace ssod::testtools {

class MitKdc final
{
public:
    explicit MitKdc(QString realm) : m_realm(std::move(realm)) { }
    ~MitKdc();
    MitKdc(const MitKdc &) = delete;
    MitKdc &operator=(const MitKdc &) = delete;

    /// Empty when it runs, else why not (a missing tool: the caller skips).
    QString start();
    /// addprinc -randkey \a principal (with \a enctypes, "" = the realm's default), then ktadd to \a keytab.
    QString addPrincipal(const QString &principal, const QString &keytab, const QString &enctypes = {});
    /// kinit -k -t \a keytab \a principal into the fixture's credential cache.
    QString kinit(const QString &principal, const QString &keytab);
    /// Output of \a program \a args run in the fixture's environment ("" and \a error on failure).
    QString run(const QString &program, const QStringList &args, QString *error = nullptr) const;

    QString path(const QString &name) const { return m_dir.filePath(name); }
    const QString &realm() const { return m_realm; }

private:
    QString m_realm;
    QTemporaryDir m_dir;
    QProcess m_kdc;
};

} // namespace ssod::testtools
