#include "core/directory/CredentialStore.h"
#include "core/directory/LdapConnection.h"
#include "tests/common/TestTools.h"

#include <QElapsedTimer>
#include <QTest>

using ssod::core::Error;
using ssod::core::directory::ConnectionOptions;
using ssod::core::directory::CredentialStore;

// The keychain entry name of a connection, and what the store says when no keychain can answer:
// without a D-Bus session bus every call must fail at once with a message that says so, from the
// main thread and from worker threads alike. (With a real keyring: tests/integration/keychain.)
class TestCredentialStore final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // Before anything opens the session bus (QtDBus connects once per process): a socket
        // path that does not exist, so no bus of the machine or the developer's desktop is used.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/ssod-test-no-bus");
    }

    void keychainKey_data()
    {
        QTest::addColumn<QString>("bindDn");
        QTest::addColumn<QString>("dc");
        QTest::addColumn<QString>("domain");
        QTest::addColumn<QString>("key");
        QTest::newRow("dc") << "CN=Administrator,CN=Users,DC=LAB,DC=TEST"
                            << "dc1.lab.test" << QString()
                            << "cn=administrator,cn=users,dc=lab,dc=test@dc1.lab.test";
        QTest::newRow("dc wins over domain") << "CN=svc,DC=lab,DC=test"
                                             << "10.77.0.2"
                                             << "lab.test"
                                             << "cn=svc,dc=lab,dc=test@10.77.0.2";
        QTest::newRow("domain") << "CN=svc,DC=lab,DC=test" << QString() << "LAB.Test"
                                << "cn=svc,dc=lab,dc=test@lab.test";
        QTest::newRow("port kept, case and outer spaces not")
            << " CN=Svc,DC=Lab,DC=Test "
            << "DC1.LAB.TEST:636" << QString() << "cn=svc,dc=lab,dc=test@dc1.lab.test:636";
        QTest::newRow("no bind DN (Kerberos bind)") << QString() << "dc1.lab.test" << QString() << QString();
        QTest::newRow("no DC nor domain") << "CN=svc,DC=lab,DC=test" << QString() << QString() << QString();
    }
    void keychainKey()
    {
        QFETCH(QString, bindDn);
        QFETCH(QString, dc);
        QFETCH(QString, domain);
        QFETCH(QString, key);
        ConnectionOptions o;
        o.bindDn = bindDn;
        o.dc = dc;
        o.domain = domain;
        o.password = QStringLiteral("never-part-of-the-key");
        QCOMPARE(CredentialStore::keychainKey(o), key);
    }

    void refusesEmptyInput()
    {
        const CredentialStore store(QStringLiteral("SSO Doctor test"));
        const auto stored = store.storePassword(QString(), QStringLiteral("pw"));
        QVERIFY(!stored);
        QCOMPARE(stored.error().code, Error::Code::InvalidInput);
        QVERIFY(!store.storePassword(QStringLiteral("cn=a@b"), QString()));
        QVERIFY(!store.loadPassword(QString()));
    }

    void noSessionBus()
    {
        const QString secret = QStringLiteral("S3cret-no-bus");
        const CredentialStore store(QStringLiteral("SSO Doctor test"));
        QElapsedTimer t;
        t.start();
        const auto stored = store.storePassword(QStringLiteral("cn=a,dc=x@dc1.x"), secret);
        const auto loaded = store.loadPassword(QStringLiteral("cn=a,dc=x@dc1.x"));
        const auto forgotten = store.forgetPassword(QStringLiteral("cn=a,dc=x@dc1.x"));
        qInfo("store + load + forget without a bus: %lld ms; %s", qint64(t.elapsed()),
            qPrintable(stored.error().message));
        QVERIFY(t.elapsed() < 3000);
        for (const Error &e : { stored.error(), loaded.error(), forgotten.error() }) {
            QCOMPARE(e.code, Error::Code::Unsupported);
            QVERIFY2(e.message.contains(QLatin1String("no system keychain is available"))
                    && e.message.contains(QLatin1String("D-Bus session bus")),
                qPrintable(e.message));
            QVERIFY(!e.message.contains(secret));
        }
    }

    // The GUI calls the store from QtConcurrent workers; plain std::threads (no QThread event
    // dispatcher at all) must be fine too. Every call ends, each with the same clear error.
    void noSessionBusFromWorkerThreads()
    {
        const CredentialStore store(QStringLiteral("SSO Doctor test"));
        QAtomicInt clear = 0;
        auto call = [&store, &clear](int i) {
            const auto r = store.loadPassword(QStringLiteral("cn=w%1@dc").arg(i));
            if (!r && r.error().message.contains(QLatin1String("no system keychain")))
                clear.ref();
        };
        QElapsedTimer t;
        t.start();
        QVERIFY(ssod::testtools::runOnWorkerThreads(call, 0, 4, 99, 5000));
        QCOMPARE(clear.loadRelaxed(), 5);
        QVERIFY(t.elapsed() < 5000);
    }
};

QTEST_GUILESS_MAIN(TestCredentialStore)
#include "tst_credential_store.moc"
