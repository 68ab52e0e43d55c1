#include "core/directory/CredentialStore.h"
#include "tests/common/TestTools.h"

#include <QElapsedTimer>
#include <QTest>
#include <QThreadPool>

using ssod::core::directory::CredentialStore;

namespace {

// QVERIFY2 evaluates its message even when the check passes: only ask a failed Result for it.
template <typename R> QByteArray why(const R &r)
{
    return r ? QByteArray() : r.error().message.toUtf8();
}

} // namespace

// CredentialStore against a real gnome-keyring (run_keyring_test.py starts it on a private bus and
// afterwards checks that no password is readable under HOME outside the keyring's store): round
// trips, "nothing stored" answers, calls from pool threads and plain threads, and a caller that
// gives up before the keyring answers. Prints the latency of each operation.
class TestCredentialStoreKeyring final : public QObject {
    Q_OBJECT

    QString m_prefix; // every password starts with it, so the runner can grep for all of them
    CredentialStore m_store { QStringLiteral("SSO Doctor test") };

    QString password(const QString &tag) const { return m_prefix + QLatin1Char('-') + tag; }

private slots:
    void initTestCase()
    {
        m_prefix = qEnvironmentVariable("SSOD_TEST_SECRET_PREFIX");
        if (m_prefix.isEmpty())
            QSKIP("needs a keyring session: run it through tests/integration/keychain/run_keyring_test.py");
    }

    void init()
    {
        // The runner calls lockedKeyring alone, after locking the keyring; nothing else runs then.
        const bool locked = qEnvironmentVariableIsSet("SSOD_TEST_KEYRING_LOCKED");
        if (locked != (QTest::currentTestFunction() == QByteArrayView("lockedKeyring")))
            QSKIP(locked ? "the keyring is locked" : "runs only once the keyring is locked");
    }

    void roundTrip()
    {
        const QString key = QStringLiteral("cn=administrator,cn=users,dc=lab,dc=test@dc1.lab.test");
        QElapsedTimer t;
        t.start();
        const auto stored = m_store.storePassword(key, password(QStringLiteral("first")));
        const qint64 storeMs = t.restart();
        QVERIFY2(stored, why(stored).constData());
        auto loaded = m_store.loadPassword(key);
        const qint64 loadMs = t.restart();
        QVERIFY2(loaded, why(loaded).constData());
        QCOMPARE(loaded->value_or(QString()), password(QStringLiteral("first")));

        QVERIFY(m_store.storePassword(key, password(QStringLiteral("second"))));
        loaded = m_store.loadPassword(key);
        QVERIFY(loaded);
        QCOMPARE(loaded->value_or(QString()), password(QStringLiteral("second")));

        t.restart();
        const auto forgotten = m_store.forgetPassword(key);
        const qint64 forgetMs = t.elapsed();
        QVERIFY2(forgotten, why(forgotten).constData());
        QVERIFY(*forgotten);
        loaded = m_store.loadPassword(key);
        QVERIFY(loaded);
        QVERIFY(!loaded->has_value());
        const auto again = m_store.forgetPassword(key);
        QVERIFY(again);
        QVERIFY(!*again);
        qInfo("keychain latency: store %lld ms, load %lld ms, forget (load + delete) %lld ms", storeMs,
            loadMs, forgetMs);
    }

    void keysAndServicesAreSeparate()
    {
        const QString a = QStringLiteral("cn=a,dc=lab,dc=test@dc1.lab.test");
        const QString b = QStringLiteral("cn=a,dc=lab,dc=test@lab.test");
        const QString unicode = password(QStringLiteral("ünï-€-") + QString(200, QLatin1Char('x')));
        QVERIFY(m_store.storePassword(a, password(QStringLiteral("a"))));
        QVERIFY(m_store.storePassword(b, unicode));
        QCOMPARE(m_store.loadPassword(a)->value_or(QString()), password(QStringLiteral("a")));
        QCOMPARE(m_store.loadPassword(b)->value_or(QString()), unicode);
        const CredentialStore other(QStringLiteral("SSO Doctor other test"));
        QVERIFY(!other.loadPassword(a)->has_value());
        QVERIFY(*m_store.forgetPassword(a));
        QVERIFY(*m_store.forgetPassword(b));
    }

    // The GUI's QtConcurrent workers, and threads without any Qt event dispatcher, one after the
    // other (a QtKeychain queue owned by a pool thread would stall after the first job) and at once.
    void fromWorkerThreads()
    {
        QAtomicInt good = 0;
        auto roundTrip = [this, &good](int i) {
            const QString key = QStringLiteral("cn=worker%1@dc1.lab.test").arg(i);
            const QString pw = password(QStringLiteral("worker%1").arg(i));
            const auto loaded = m_store.storePassword(key, pw)
                ? m_store.loadPassword(key)
                : ssod::core::Result<std::optional<QString>>(ssod::core::Error::io(QStringLiteral("store")));
            const auto forgotten = m_store.forgetPassword(key);
            if (loaded && loaded->value_or(QString()) == pw && forgotten && *forgotten)
                good.ref();
        };
        QElapsedTimer t;
        t.start();
        QThreadPool pool;
        pool.setMaxThreadCount(3);
        for (int i = 0; i < 3; ++i) { // one after the other, each on whichever pool thread is free
            pool.start([&roundTrip, i] { roundTrip(i); });
            QVERIFY(pool.waitForDone(30000));
        }
        QVERIFY(ssod::testtools::runOnWorkerThreads(roundTrip, 3, 6, 99, 60000)); // and all at once
        QCOMPARE(good.loadRelaxed(), 10);
        qInfo("10 store/load/forget round trips from pool and plain threads: %lld ms", qint64(t.elapsed()));
    }

    // A caller that stops waiting must get a clear error, and the late answer must neither crash
    // nor block the calls that follow.
    void callerGivesUp()
    {
        const QString key = QStringLiteral("cn=impatient@dc1.lab.test");
        const CredentialStore impatient(QStringLiteral("SSO Doctor test"), 0);
        const auto r = impatient.storePassword(key, password(QStringLiteral("late")));
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(QLatin1String("did not answer within 0 s")), why(r).constData());
        QVERIFY(!r.error().message.contains(m_prefix));
        QVERIFY(m_store.storePassword(key, password(QStringLiteral("now"))));
        QCOMPARE(m_store.loadPassword(key)->value_or(QString()), password(QStringLiteral("now")));
        QVERIFY(*m_store.forgetPassword(key));
    }

    // Locked, and no desktop to show an unlock prompt: libsecret would answer "nothing found";
    // the store must say "locked" instead, for reading, storing and forgetting alike, at once.
    void lockedKeyring()
    {
        const QString key = QStringLiteral("cn=locked@dc1.lab.test");
        QElapsedTimer t;
        t.start();
        const auto loaded = m_store.loadPassword(key);
        QVERIFY(!loaded);
        QVERIFY2(loaded.error().message.contains(QLatin1String("locked")), why(loaded).constData());
        const auto stored = m_store.storePassword(key, password(QStringLiteral("locked")));
        QVERIFY(!stored);
        QVERIFY2(stored.error().message.contains(QLatin1String("locked")), why(stored).constData());
        QVERIFY(!stored.error().message.contains(m_prefix));
        const auto forgotten = m_store.forgetPassword(key);
        QVERIFY(!forgotten);
        QVERIFY2(forgotten.error().message.contains(QLatin1String("locked")), why(forgotten).constData());
        qInfo("locked keyring: load, store and forget refused in %lld ms (%s | %s)", qint64(t.elapsed()),
            why(loaded).constData(), why(stored).constData());
        QVERIFY(t.elapsed() < CredentialStore::kDefaultTimeoutMs);
    }
};

QTEST_GUILESS_MAIN(TestCredentialStoreKeyring)
#include "tst_credential_store_keyring.moc"
