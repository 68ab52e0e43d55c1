// NegotiateClient against a real MIT KDC started by the test (non-root, 127.0.0.1, its own port):
// a SPNEGO token for a registered SPN, KDC_ERR_S_PRINCIPAL_UNKNOWN for a missing one, no ticket
// cache, and mutual authentication verified with an acceptor holding the service's keytab.
#include "core/probe/HttpAuthHeader.h"
#include "core/probe/NegotiateClient.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <gssapi/gssapi.h>

#include <signal.h>

using namespace ssod::core::probe;
using namespace Qt::StringLiterals;

class TestNegotiateClient : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcess m_kdc;
    bool m_ready = false;

    QString path(const char *name) const { return m_dir.filePath(QLatin1String(name)); }
    static QStringList list(std::initializer_list<const char *> items)
    {
        QStringList out;
        for (const char *i : items)
            out << QString::fromLatin1(i);
        return out;
    }
    bool run(const char *program, const QStringList &args, const QByteArray &input = {})
    {
        QProcess p;
        p.start(QString::fromLatin1(program), args);
        if (!p.waitForStarted(5000))
            return false;
        p.write(input);
        p.closeWriteChannel();
        if (!p.waitForFinished(20000)) {
            p.kill();
            p.waitForFinished(2000);
            return false;
        }
        if (p.exitCode() != 0)
            qWarning() << program << args << p.readAllStandardError();
        return p.exitCode() == 0;
    }

private slots:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(u"krb5kdc"_s, list({ "/usr/sbin", "/usr/bin" })).isEmpty())
            QSKIP("krb5kdc (krb5-kdc) is not installed");
        QVERIFY(m_dir.isValid());
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        QFile conf(path("krb5.conf"));
        QVERIFY(conf.open(QIODevice::WriteOnly));
        conf.write(QStringLiteral("[libdefaults]\n default_realm = PROBE.TEST\n dns_lookup_kdc = false\n"
                                  " rdns = false\n dns_canonicalize_hostname = false\n udp_preference_limit = 1\n"
                                  "[realms]\n PROBE.TEST = {\n  kdc = 127.0.0.1:%1\n  database_name = %2\n"
                                  "  key_stash_file = %3\n }\n[kdcdefaults]\n kdc_ports = %1\n kdc_tcp_ports = %1\n"
                                  "[logging]\n kdc = FILE:%4\n")
                       .arg(port)
                       .arg(path("principal"), path("stash"), path("kdc.log"))
                       .toUtf8());
        conf.close();
        qputenv("KRB5_CONFIG", path("krb5.conf").toUtf8());
        qputenv("KRB5_KDC_PROFILE", path("krb5.conf").toUtf8());
        qputenv("KRB5CCNAME", (u"FILE:"_s + path("cc")).toUtf8());
        qputenv("KRB5_KTNAME", (u"FILE:"_s + path("kt")).toUtf8());
        QVERIFY(run("kdb5_util", list({ "create", "-s", "-r", "PROBE.TEST", "-P", "master-pw" })));
        for (const char *q : { "addprinc -pw user-pw alice", "addprinc -randkey HTTP/web.probe.test",
                 "ktadd -k KT HTTP/web.probe.test" })
            QVERIFY(run("kadmin.local", list({ "-r", "PROBE.TEST", "-q" }) << QString::fromLatin1(q).replace(u"KT"_s, path("kt"))));
        m_kdc.start(u"krb5kdc"_s, list({ "-n", "-r", "PROBE.TEST" }));
        QVERIFY(m_kdc.waitForStarted(5000));
        // Ready when kinit works (bounded: 50 × 100 ms).
        for (int i = 0; i < 50 && !m_ready; ++i) {
            m_ready = run("kinit", list({ "alice" }), "user-pw\n");
            if (!m_ready)
                QTest::qWait(100);
        }
        QVERIFY2(m_ready, "kinit against the test KDC");
    }
    void cleanupTestCase()
    {
        if (m_kdc.state() != QProcess::NotRunning) {
            ::kill(pid_t(m_kdc.processId()), SIGTERM);
            if (!m_kdc.waitForFinished(3000))
                m_kdc.kill();
            m_kdc.waitForFinished(2000);
        }
    }

    void tokenAndMutual()
    {
        NegotiateClient client;
        const GssStatus s = client.init(QStringLiteral("HTTP/web.probe.test"));
        QVERIFY2(s.ok, qPrintable(s.text));
        QVERIFY(!s.complete); // mutual authentication asked: the server's answer is still due
        QCOMPARE(classifyNegotiateToken(client.token()), NegotiateTokenKind::SpnegoInitKerberos);

        // The acceptor side, as mod_auth_gssapi does it, with the service's keytab.
        OM_uint32 minor = 0;
        gss_ctx_id_t acceptor = GSS_C_NO_CONTEXT;
        QByteArray in = client.token();
        gss_buffer_desc inBuf { size_t(in.size()), in.data() };
        gss_buffer_desc out = GSS_C_EMPTY_BUFFER;
        const OM_uint32 major = gss_accept_sec_context(&minor, &acceptor, GSS_C_NO_CREDENTIAL, &inBuf,
            GSS_C_NO_CHANNEL_BINDINGS, nullptr, nullptr, &out, nullptr, nullptr, nullptr);
        QCOMPARE(major, OM_uint32(GSS_S_COMPLETE));
        const QByteArray reply(static_cast<const char *>(out.value), qsizetype(out.length));
        gss_release_buffer(&minor, &out);
        gss_delete_sec_context(&minor, &acceptor, GSS_C_NO_BUFFER);
        QCOMPARE(classifyNegotiateToken(reply), NegotiateTokenKind::SpnegoResponse);

        const GssStatus verified = client.step(reply);
        QVERIFY2(verified.complete, qPrintable(verified.text));
        QVERIFY(client.complete());
        QCOMPARE(client.mechanism(), QStringLiteral("kerberos"));
        QCOMPARE(client.clientPrincipal(), QStringLiteral("alice@PROBE.TEST"));
    }
    void tamperedMutualFails()
    {
        NegotiateClient client;
        QVERIFY(client.init(QStringLiteral("HTTP/web.probe.test")).ok);
        const GssStatus s = client.step(QByteArray::fromHex("a1 07 30 05 a0 03 0a 01 00") + QByteArray(40, '\x42'));
        QVERIFY(!s.complete);
        const GssStatus garbage = client.step(QByteArray("not a token"));
        QVERIFY(!garbage.ok);
        QVERIFY(!garbage.text.isEmpty());
    }
    void missingSpn()
    {
        NegotiateClient client;
        const GssStatus s = client.init(QStringLiteral("HTTP/intranet.probe.test"));
        QVERIFY(!s.ok);
        QCOMPARE(s.kerberosProtocolCode, 7); // KDC_ERR_S_PRINCIPAL_UNKNOWN
        QCOMPARE(s.krb5Code, -1765328377);
        QVERIFY2(s.text.contains(QStringLiteral("not found in Kerberos database")), qPrintable(s.text));
        QVERIFY(!s.noCredentials());
        QVERIFY(client.token().isEmpty());
    }
    void hostBasedName()
    {
        NegotiateClient client;
        const GssStatus s = client.init(QStringLiteral("HTTP@web.probe.test"), NegotiateClient::NameType::HostBased);
        QVERIFY2(s.ok, qPrintable(s.text));
    }
    void noTicketCache()
    {
        const QByteArray saved = qgetenv("KRB5CCNAME");
        qputenv("KRB5CCNAME", (u"FILE:"_s + path("no-such-cache")).toUtf8());
        NegotiateClient client;
        const GssStatus s = client.init(QStringLiteral("HTTP/web.probe.test"));
        qputenv("KRB5CCNAME", saved);
        QVERIFY(!s.ok);
        QVERIFY2(s.noCredentials(), qPrintable(s.text + QStringLiteral(" minor ") + QString::number(s.krb5Code)));
    }
    void stepWithoutInit()
    {
        NegotiateClient client;
        const GssStatus s = client.step(QByteArray("x"));
        QVERIFY(!s.ok);
        QVERIFY(client.mechanism().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestNegotiateClient)
#include "tst_negotiate_client.moc"
