#include "ui/directory/DirectorySession.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace ssod;
using ssod::ui::DirectorySession;

/// DirectorySession without a directory: jobs off the UI thread, one at a time, done on the UI
/// thread, cancel, and a destructor that waits for the worker. (The lab test drives it against a DC.)
class TestDirectorySession final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void jobWithoutConnectionGetsNotConnected()
    {
        DirectorySession session;
        QSignalSpy busy(&session, &DirectorySession::busyChanged);
        std::optional<core::Result<int>> got;
        session.run<int>(
            QStringLiteral("job"),
            [](core::directory::LdapConnection &, const std::atomic<bool> &) -> core::Result<int> { return 1; },
            this, [&](core::Result<int> r) { got.emplace(std::move(r)); });
        QVERIFY(session.isBusy());
        QCOMPARE(session.busyWhat(), QStringLiteral("job"));
        QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 5000);
        QVERIFY(!got->ok());
        QCOMPARE(got->error().message, DirectorySession::notConnectedError().message);
        QVERIFY(!session.isBusy());
        QCOMPARE(busy.size(), 2);
        QCOMPARE(busy.at(0).at(0).toBool(), true);
        QCOMPARE(busy.at(1).at(0).toBool(), false);
    }

    void unreachableDcFailsWithinTheTimeout()
    {
        DirectorySession session;
        QSignalSpy failed(&session, &DirectorySession::connectFailed);
        QSignalSpy connected(&session, &DirectorySession::connectedChanged);
        core::directory::ConnectionOptions o;
        o.dc = QStringLiteral("127.0.0.1:1"); // nothing listens: refused at once
        o.bind = core::directory::ConnectionOptions::Bind::Simple;
        o.bindDn = QStringLiteral("cn=x");
        o.password = QStringLiteral("secret");
        o.timeoutMs = 2000;
        session.connectTo(o);
        QVERIFY(session.isBusy());
        QVERIFY(session.options().password.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 5000);
        QVERIFY(!failed.at(0).at(0).toString().contains(QStringLiteral("secret")));
        QVERIFY(connected.isEmpty());
        QVERIFY(!session.isConnected());
    }

    void contextDestroyedMeansNoDelivery()
    {
        DirectorySession session;
        auto *context = new QObject;
        bool delivered = false;
        bool otherDelivered = false;
        session.run<int>(
            QStringLiteral("slow"),
            [](core::directory::LdapConnection &, const std::atomic<bool> &) -> core::Result<int> { return 1; },
            context, [&](core::Result<int>) { delivered = true; });
        session.run<int>(
            QStringLiteral("other"),
            [](core::directory::LdapConnection &, const std::atomic<bool> &) -> core::Result<int> { return 1; },
            this, [&](core::Result<int>) { otherDelivered = true; });
        delete context;
        QTRY_VERIFY_WITH_TIMEOUT(otherDelivered, 5000);
        QVERIFY(!delivered);
    }

    void destructorCancelsAndWaits()
    {
        auto *session = new DirectorySession;
        QSignalSpy failed(session, &DirectorySession::connectFailed);
        core::directory::ConnectionOptions o;
        o.dc = QStringLiteral("127.0.0.1:1");
        o.timeoutMs = 1000;
        session->connectTo(o);
        session->cancel(); // a connect is abandoned at once, running or not
        QCOMPARE(failed.size(), 1);
        QVERIFY(!session->isBusy());
        session->connectTo(o); // and a connect still queued when the session goes
        QElapsedTimer t;
        t.start();
        delete session; // must not crash or leave a worker behind
        QVERIFY(t.elapsed() < 5000);
    }
};

QTEST_GUILESS_MAIN(TestDirectorySession)
#include "tst_directorysession.moc"
