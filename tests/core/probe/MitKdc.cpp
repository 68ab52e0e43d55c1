#include "MitKdc.h"

#include <QFile>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

namespace ssod::testtools {

namespace {

bool writeFile(const QString &path, const QString &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text.toUtf8()) == text.toUtf8().size();
}

quint16 freePort()
{
    QTcpServer s;
    return s.listen(QHostAddress::LocalHost, 0) ? s.serverPort() : 0;
}

} // namespace

MitKdc::~MitKdc()
{
    if (m_kdc.state() != QProcess::NotRunning) {
        m_kdc.terminate(); // SIGTERM to the KDC's own PID
        if (!m_kdc.waitForFinished(5000)) {
            m_kdc.kill();
            m_kdc.waitForFinished(5000);
        }
    }
}

QString MitKdc::run(const QString &program, const QStringList &args, QString *error) const
{
    QProcess p;
    p.start(program, args);
    p.closeWriteChannel();
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        if (error)
            *error = QStringLiteral("%1 %2 failed: %3").arg(program, args.join(QLatin1Char(' ')),
                QString::fromLocal8Bit(p.readAllStandardError() + p.readAllStandardOutput()));
        if (p.state() != QProcess::NotRunning) {
            p.kill();
            p.waitForFinished(5000);
        }
        return {};
    }
    if (error)
        error->clear();
    return QString::fromLocal8Bit(p.readAllStandardOutput());
}

QString MitKdc::start()
{
    for (const char *tool : { "krb5kdc", "kdb5_util", "kadmin.local", "kinit", "klist" }) {
        const QString name = QLatin1String(tool);
        if (QStandardPaths::findExecutable(name).isEmpty()
            && QStandardPaths::findExecutable(name, { QStringLiteral("/usr/sbin"), QStringLiteral("/sbin") }).isEmpty())
            return QStringLiteral("%1 is missing (Debian: krb5-kdc, krb5-admin-server, krb5-user)").arg(name);
    }
    if (!m_dir.isValid())
        return QStringLiteral("no temporary directory");
    const quint16 port = freePort();
    if (port == 0)
        return QStringLiteral("no free loopback port");
    const QString d = m_dir.path();
    const QString krb5conf = QStringLiteral(
        "[libdefaults]\n  default_realm = %1\n  dns_lookup_kdc = false\n  dns_lookup_realm = false\n"
        "  rdns = false\n  dns_canonicalize_hostname = false\n  udp_preference_limit = 1\n"
        "[realms]\n  %1 = {\n    kdc = 127.0.0.1:%2\n  }\n[domain_realm]\n  .lab.test = %1\n")
                                 .arg(m_realm)
                                 .arg(port);
    const QString kdcconf = QStringLiteral(
        "[kdcdefaults]\n  kdc_ports = %2\n  kdc_tcp_ports = %2\n[realms]\n  %1 = {\n"
        "    database_name = %3/principal\n    key_stash_file = %3/stash\n    acl_file = %3/kadm5.acl\n"
        "    supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal\n  }\n"
        "[logging]\n  kdc = FILE:%3/kdc.log\n")
                                .arg(m_realm)
                                .arg(port)
                                .arg(d);
    if (!writeFile(path(QStringLiteral("krb5.conf")), krb5conf) || !writeFile(path(QStringLiteral("kdc.conf")), kdcconf)
        || !writeFile(path(QStringLiteral("kadm5.acl")), QString()))
        return QStringLiteral("cannot write the KDC configuration");
    qputenv("KRB5_CONFIG", path(QStringLiteral("krb5.conf")).toLocal8Bit());
    qputenv("KRB5_KDC_PROFILE", path(QStringLiteral("kdc.conf")).toLocal8Bit());
    qputenv("KRB5CCNAME", (QStringLiteral("FILE:") + path(QStringLiteral("ccache"))).toLocal8Bit());
    // No replay cache file outside the temporary directory.
    qputenv("KRB5RCACHETYPE", "none");
    QString error;
    run(QStringLiteral("kdb5_util"), { QStringLiteral("-r"), m_realm, QStringLiteral("create"), QStringLiteral("-s"),
                                           QStringLiteral("-P"), QStringLiteral("ssod-test-master") },
        &error);
    if (!error.isEmpty())
        return error;
    m_kdc.setProcessChannelMode(QProcess::MergedChannels);
    m_kdc.start(QStringLiteral("krb5kdc"), { QStringLiteral("-n"), QStringLiteral("-r"), m_realm });
    if (!m_kdc.waitForStarted(5000))
        return QStringLiteral("krb5kdc did not start: %1").arg(m_kdc.errorString());
    for (int i = 0; i < 100; ++i) {
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, port);
        if (s.waitForConnected(200))
            return {};
        if (m_kdc.state() == QProcess::NotRunning)
            break;
        QThread::msleep(100);
    }
    return QStringLiteral("krb5kdc is not listening on port %1: %2").arg(port).arg(QString::fromLocal8Bit(m_kdc.readAll()));
}

QString MitKdc::addPrincipal(const QString &principal, const QString &keytab, const QString &enctypes)
{
    QString error;
    const QString e = enctypes.isEmpty() ? QString() : QStringLiteral("-e %1 ").arg(enctypes);
    run(QStringLiteral("kadmin.local"), { QStringLiteral("-r"), m_realm, QStringLiteral("-q"),
                                              QStringLiteral("addprinc -randkey %1%2").arg(e, principal) },
        &error);
    if (!error.isEmpty())
        return error;
    run(QStringLiteral("kadmin.local"), { QStringLiteral("-r"), m_realm, QStringLiteral("-q"),
                                              QStringLiteral("ktadd -k %1 %2%3").arg(keytab, e, principal) },
        &error);
    return error;
}

QString MitKdc::kinit(const QString &principal, const QString &keytab)
{
    QString error;
    run(QStringLiteral("kinit"), { QStringLiteral("-k"), QStringLiteral("-t"), keytab, principal }, &error);
    return error;
}

} // namespace ssod::testtools
