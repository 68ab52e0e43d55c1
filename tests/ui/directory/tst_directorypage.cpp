#include "core/catalog/Catalog.h"
#include "ui/MainWindow.h"
#include "ui/Translations.h"
#include "ui/directory/AccountsView.h"
#include "ui/directory/ConnectDialog.h"
#include "ui/directory/DirectoryPage.h"
#include "ui/directory/DirectorySession.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QTabWidget>
#include <QTest>
#include <QTextBrowser>
#include <QThread>
#include <QTimer>
#include <QTreeWidget>

using namespace ssod;
using ssod::ui::DirectoryFact;
using ssod::ui::DirectoryPage;
using ssod::ui::DirectorySession;

/**
 * The Directory page against the real Samba AD DC of scripts/lab.sh, run inside the lab's network
 * namespace by tests/integration/directory/run_in_lab.py --silent (SSOD_LAB_JSON: the manifest; a Kerberos ticket in the
 * lab's cache). Every expectation comes from the manifest. With SSOD_DIRECTORY_SCREENSHOTS=DIR the
 * main window is saved there at the interesting moments (docs/screenshots/directory).
 */
class TestDirectoryPage final : public QObject {
    Q_OBJECT

private:
    QJsonObject m;
    std::unique_ptr<ui::MainWindow> window;
    DirectoryPage *page = nullptr;
    DirectorySession *session = nullptr;
    QString shots;

    template<typename T>
    T *child(const char *name, QObject *in = nullptr)
    {
        T *w = (in ? in : page)->findChild<T *>(QLatin1String(name));
        if (!w)
            qFatal("no %s named %s", T::staticMetaObject.className(), name);
        return w;
    }
    QJsonObject account(const QString &sam) const
    {
        for (const auto v : m.value(QLatin1String("accounts")).toArray())
            if (v.toObject().value(QLatin1String("sAMAccountName")).toString() == sam)
                return v.toObject();
        qFatal("account %s is not in the manifest", qPrintable(sam));
    }
    static QStringList lowerSorted(QStringList l)
    {
        for (QString &s : l)
            s = s.toLower();
        l.sort();
        return l;
    }
    static QStringList strings(const QJsonValue &v)
    {
        QStringList out;
        for (const auto x : v.toArray())
            out << x.toString();
        return out;
    }
    const DirectoryFact *fact(const QString &topic) const
    {
        for (const DirectoryFact &f : page->accounts()->delegationFacts())
            if (f.topic == topic)
                return &f;
        return nullptr;
    }
    void shot(const QString &name, QWidget *widget = nullptr)
    {
        if (shots.isEmpty())
            return;
        QCoreApplication::processEvents();
        QVERIFY((widget ? widget : window.get())->grab().save(QDir(shots).filePath(name + QStringLiteral(".png"))));
    }
    /// The Connect dialog filled for a simple bind as Administrator over LDAPS with \a password.
    ui::ConnectDialog *ldapsAdminDialog(const QString &password)
    {
        auto *dialog = openDialog();
        child<QRadioButton>("byHost", dialog)->setChecked(true);
        child<QLineEdit>("host", dialog)->setText(dcHost());
        child<QRadioButton>("bindSimple", dialog)->setChecked(true);
        child<QLineEdit>("bindDn", dialog)->setText(
            QStringLiteral("CN=Administrator,CN=Users,") + m.value(QLatin1String("base_dn")).toString());
        child<QLineEdit>("password", dialog)->setText(password);
        auto *tls = child<QComboBox>("tls", dialog);
        tls->setCurrentIndex(tls->findData(int(core::directory::ConnectionOptions::Tls::Ldaps)));
        child<QLineEdit>("caFile", dialog)->setText(m.value(QLatin1String("ca_file")).toString());
        return dialog;
    }
    /// Opens the Connect dialog from the bar and returns it.
    ui::ConnectDialog *openDialog()
    {
        QTest::mouseClick(child<QPushButton>("connectButton", child<QWidget>("connectionBar")), Qt::LeftButton);
        auto *dialog = page->findChild<ui::ConnectDialog *>();
        if (!dialog)
            qFatal("the Connect dialog did not open");
        return dialog;
    }
    void connectKerberos()
    {
        auto *dialog = openDialog();
        child<QRadioButton>("byHost", dialog)->setChecked(true);
        child<QLineEdit>("host", dialog)->setText(dcHost());
        child<QRadioButton>("bindKerberos", dialog)->setChecked(true);
        child<QComboBox>("tls", dialog)->setCurrentIndex(0);
        QTest::mouseClick(child<QPushButton>("connectButton", dialog), Qt::LeftButton);
    }
    QString dcHost() const
    {
        return m.value(QLatin1String("dc")).toObject().value(QLatin1String("hostname")).toString();
    }
    QStringList column(QTreeWidget *t, int c) const
    {
        QStringList out;
        for (int i = 0; i < t->topLevelItemCount(); ++i)
            out << t->topLevelItem(i)->text(c);
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString path = qEnvironmentVariable("SSOD_LAB_JSON");
        if (path.isEmpty())
            QSKIP("needs the lab: run through tests/integration/directory/run_in_lab.py --silent");
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        m = QJsonDocument::fromJson(f.readAll()).object();
        QVERIFY(!m.isEmpty());
        ui::installTranslators(*qApp); // the English plural forms, as the application has them
        shots = qEnvironmentVariable("SSOD_DIRECTORY_SCREENSHOTS");
        if (!shots.isEmpty())
            QVERIFY(QDir().mkpath(shots));
        auto catalog = core::catalog::Catalog::loadBuiltin();
        QVERIFY(catalog.ok());
        window = std::make_unique<ui::MainWindow>(std::move(*catalog));
        window->showPage(ui::MainWindow::Directory);
        window->show();
        page = window->directoryPage();
        session = window->directorySession();
        QVERIFY(page && session);
        shot(QStringLiteral("directory-not-connected"));
    }

    void connectsWithTheKerberosTicket()
    {
        connectKerberos();
        QTRY_VERIFY_WITH_TIMEOUT(session->isConnected(), 20000);
        QVERIFY2(page->message().isEmpty(), qPrintable(page->message()));
        const QString state = child<QLabel>("connectionState")->text();
        QVERIFY2(state.contains(dcHost(), Qt::CaseInsensitive), qPrintable(state));
        // The bound identity: the ticket's principal, the administrator the wrapper ran kinit for.
        QVERIFY2(state.contains(m.value(QLatin1String("admin")).toObject().value(QLatin1String("sAMAccountName")).toString()),
            qPrintable(state));
        const QString facts = child<QLabel>("rootDseFacts")->text();
        QVERIFY2(facts.contains(m.value(QLatin1String("base_dn")).toString(), Qt::CaseInsensitive), qPrintable(facts));
        QVERIFY(facts.contains(QLatin1String("GSSAPI")));
    }

    void searchListsTheSeededServiceAccounts()
    {
        page->showTab(DirectoryPage::Accounts);
        child<QLineEdit>("accountQuery")->setText(QStringLiteral("svc"));
        QTest::mouseClick(child<QPushButton>("accountSearch"), Qt::LeftButton);
        QStringList want;
        for (const auto v : m.value(QLatin1String("accounts")).toArray())
            if (v.toObject().value(QLatin1String("sAMAccountName")).toString().contains(QLatin1String("svc"), Qt::CaseInsensitive))
                want << v.toObject().value(QLatin1String("sAMAccountName")).toString();
        QVERIFY(want.size() >= 5);
        auto *results = child<QTreeWidget>("accountResults");
        QTRY_COMPARE_WITH_TIMEOUT(lowerSorted(column(results, 0)), lowerSorted(want), 10000);
    }

    void svcWebShowsItsSpnsAndConstrainedDelegation()
    {
        const QJsonObject a = account(QStringLiteral("svc_web"));
        QVERIFY(page->accounts()->select(QStringLiteral("svc_web")));
        auto *spns = child<QListWidget>("accountSpns");
        QStringList got;
        for (int i = 0; i < spns->count(); ++i)
            got << spns->item(i)->text();
        QCOMPARE(lowerSorted(got), lowerSorted(strings(a.value(QLatin1String("spns")))));

        QTRY_VERIFY_WITH_TIMEOUT(!page->accounts()->delegationFacts().isEmpty(), 10000);
        const QJsonObject d = a.value(QLatin1String("delegation")).toObject();
        const QStringList missing = strings(d.value(QLatin1String("constrained_to_missing")));
        for (const QString &target : strings(d.value(QLatin1String("constrained_to")))) {
            const DirectoryFact *f = fact(QStringLiteral("Target %1").arg(target));
            QVERIFY2(f, qPrintable(target));
            if (missing.contains(target)) {
                QCOMPARE(f->severity, DirectoryFact::Severity::Problem);
                QVERIFY2(f->text.contains(QLatin1String("No account holds this SPN")), qPrintable(f->text));
            } else {
                QCOMPARE(f->severity, DirectoryFact::Severity::Ok);
                QVERIFY2(f->text.startsWith(QLatin1String("Exists")), qPrintable(f->text));
            }
        }
        QVERIFY(missing.contains(QStringLiteral("HTTP/gone.lab.test")));
        const DirectoryFact *pt = fact(QStringLiteral("Protocol transition"));
        QVERIFY(pt && d.value(QLatin1String("protocol_transition")).toBool());
        QVERIFY2(pt->text.startsWith(QLatin1String("Yes")), qPrintable(pt->text));
        QVERIFY(fact(QStringLiteral("Unconstrained delegation"))->text == QLatin1String("No."));
        // Words, not colour alone: the pane's text names every finding and its severity.
        const QString text = child<QTextBrowser>("accountDelegation")->toPlainText();
        QVERIFY2(text.contains(QLatin1String("HTTP/gone.lab.test")) && text.contains(QLatin1String("Problem")),
            qPrintable(text));
        shot(QStringLiteral("directory-account-svc_web"));
    }

    void svcLegacyIsUnconstrained()
    {
        QVERIFY(account(QStringLiteral("svc_legacy")).value(QLatin1String("delegation")).toObject()
                    .value(QLatin1String("unconstrained")).toBool());
        QVERIFY(page->accounts()->select(QStringLiteral("svc_legacy")));
        QTRY_VERIFY_WITH_TIMEOUT(fact(QStringLiteral("Unconstrained delegation")), 10000);
        const DirectoryFact *f = fact(QStringLiteral("Unconstrained delegation"));
        QCOMPARE(f->severity, DirectoryFact::Severity::Warning);
        QVERIFY2(f->text.startsWith(QLatin1String("Yes")), qPrintable(f->text));
    }

    void adminAliceIsSensitiveAndProtected()
    {
        const QJsonObject a = account(QStringLiteral("admin_alice"));
        page->accounts()->search(QStringLiteral("admin_*"));
        QTRY_VERIFY_WITH_TIMEOUT(page->accounts()->select(QStringLiteral("admin_alice")), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(fact(QStringLiteral("Sensitive account")), 10000);
        QCOMPARE(fact(QStringLiteral("Sensitive account"))->text.startsWith(QLatin1String("Yes")),
            a.value(QLatin1String("sensitive")).toBool());
        QCOMPARE(fact(QStringLiteral("Protected Users"))->text.startsWith(QLatin1String("Member")),
            a.value(QLatin1String("protected_users")).toBool());
    }

    void duplicatesAreExactlyTheSeededOnes()
    {
        page->showTab(DirectoryPage::Duplicates);
        QTest::mouseClick(child<QPushButton>("findDuplicates"), Qt::LeftButton);
        QMap<QString, QStringList> want;
        for (const auto v : m.value(QLatin1String("duplicate_spns")).toArray())
            want.insert(v.toObject().value(QLatin1String("spn")).toString().toLower(),
                lowerSorted(strings(v.toObject().value(QLatin1String("holders")))));
        auto *table = child<QTreeWidget>("duplicateTable");
        const auto got = [&] {
            QMap<QString, QStringList> g;
            for (int i = 0; i < table->topLevelItemCount(); ++i)
                g.insert(table->topLevelItem(i)->text(0).toLower(),
                    lowerSorted(table->topLevelItem(i)->text(1).split(QStringLiteral(", "))));
            return g;
        };
        QTRY_COMPARE_WITH_TIMEOUT(got(), want, 10000);
        QVERIFY(child<QLabel>("duplicateCount")->text().contains(QStringLiteral("%1 SPN").arg(want.size())));
        shot(QStringLiteral("directory-duplicates"));
    }

    void lookupListsThePortalHolders()
    {
        page->showTab(DirectoryPage::Lookup);
        child<QLineEdit>("spnQuery")->setText(QStringLiteral("HTTP/portal*"));
        QTest::mouseClick(child<QPushButton>("spnLookUp"), Qt::LeftButton);
        QStringList want;
        for (const auto v : m.value(QLatin1String("accounts")).toArray())
            for (const QString &spn : strings(v.toObject().value(QLatin1String("spns"))))
                if (spn.startsWith(QLatin1String("HTTP/portal"), Qt::CaseInsensitive))
                    want << spn.toLower() + QLatin1Char(' ') + v.toObject().value(QLatin1String("sAMAccountName")).toString().toLower();
        QVERIFY(want.size() >= 2);
        auto *table = child<QTreeWidget>("spnHolders");
        const auto got = [&] {
            QStringList g;
            for (int i = 0; i < table->topLevelItemCount(); ++i)
                g << table->topLevelItem(i)->text(0).toLower() + QLatin1Char(' ') + table->topLevelItem(i)->text(1).toLower();
            g.sort();
            return g;
        };
        want.sort();
        QTRY_COMPARE_WITH_TIMEOUT(got(), want, 10000);
        // A duplicate among the matches is called out.
        for (const auto v : m.value(QLatin1String("duplicate_spns")).toArray()) {
            const QString spn = v.toObject().value(QLatin1String("spn")).toString();
            if (spn.startsWith(QLatin1String("HTTP/portal"), Qt::CaseInsensitive))
                QVERIFY2(child<QLabel>("spnVerdict")->text().contains(spn, Qt::CaseInsensitive),
                    qPrintable(child<QLabel>("spnVerdict")->text()));
        }
        shot(QStringLiteral("directory-lookup-portal"));
    }

    void predictionFollowsTheCnameLikeTheClient()
    {
        // The manifest's CNAME whose SPN is on the wrong account: Edge asks for the canonical name's SPN.
        const QJsonObject c = m.value(QLatin1String("cname_spn_mismatch")).toArray().at(0).toObject();
        const QString alias = c.value(QLatin1String("alias_spn")).toString();
        child<QLineEdit>("spnQuery")->setText(alias);
        QTest::mouseClick(child<QPushButton>("spnLookUp"), Qt::LeftButton);
        QVERIFY(child<QWidget>("spnPrediction")->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(child<QLineEdit>("predictTarget")->text(),
            QStringLiteral("http://%1/").arg(c.value(QLatin1String("alias")).toString()), 10000);
        auto *client = child<QComboBox>("clientProfile");
        client->setCurrentIndex(client->findData(QStringLiteral("edge")));
        QTest::mouseClick(child<QPushButton>("predictButton"), Qt::LeftButton);
        auto *result = child<QLabel>("predictionResult");
        const QString wanted = c.value(QLatin1String("client_requests_spn")).toString();
        QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(wanted, Qt::CaseInsensitive), 15000);
        QVERIFY2(result->text().contains(c.value(QLatin1String("target")).toString(), Qt::CaseInsensitive),
            qPrintable(result->text())); // the CNAME step names the canonical host
        shot(QStringLiteral("directory-lookup-prediction"));
        // mstsc takes the name as typed: TERMSRV/<alias>.
        client->setCurrentIndex(client->findData(QStringLiteral("mstsc")));
        child<QLineEdit>("predictTarget")->setText(c.value(QLatin1String("alias")).toString());
        QTest::mouseClick(child<QPushButton>("predictButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(QStringLiteral("TERMSRV/") + c.value(QLatin1String("alias")).toString(),
                                     Qt::CaseInsensitive), 15000);
    }

    void lookupSaysAMissingSpnIsNotRegistered()
    {
        const QString missing = m.value(QLatin1String("missing_spns")).toArray().at(0).toObject().value(QLatin1String("spn")).toString();
        child<QLineEdit>("spnQuery")->setText(missing);
        QTest::mouseClick(child<QPushButton>("spnLookUp"), Qt::LeftButton);
        auto *verdict = child<QLabel>("spnVerdict");
        QTRY_VERIFY_WITH_TIMEOUT(verdict->text().contains(QLatin1String("not registered")), 10000);
        QVERIFY(verdict->text().contains(missing));
        QCOMPARE(child<QTreeWidget>("spnHolders")->topLevelItemCount(), 0);
        shot(QStringLiteral("directory-lookup-missing"));
    }

    void cancelAbandonsARunningRead()
    {
        // A read that ignores its flag for 1.5 s (like a slow round trip): Cancel answers at once.
        std::optional<core::Result<int>> got;
        session->run<int>(
            QStringLiteral("Slow read"),
            [](core::directory::LdapConnection &, const std::atomic<bool> &) -> core::Result<int> {
                QThread::msleep(1500);
                return 1;
            },
            this, [&](core::Result<int> r) { got.emplace(std::move(r)); }, DirectorySession::JobKind::ReadOnly);
        QTRY_VERIFY_WITH_TIMEOUT(child<QPushButton>("cancelButton")->isVisible(), 2000);
        QTest::qWait(300);
        QElapsedTimer t;
        t.start();
        QTest::mouseClick(child<QPushButton>("cancelButton"), Qt::LeftButton);
        QVERIFY(got.has_value());
        QVERIFY(!got->ok() && DirectorySession::isCancelled(got->error()));
        QVERIFY(t.elapsed() < 500);
        QVERIFY(!session->isBusy());
        QVERIFY(!child<QPushButton>("cancelButton")->isVisible());
        QVERIFY(session->isConnected()); // cancelling a read keeps the connection
        QTest::qWait(1500); // let the abandoned job leave the worker before the timing tests
    }

    void silentDcTimesOutWithAMessageAndTheUiResponds()
    {
        const QString silent = qEnvironmentVariable("SSOD_TEST_SILENT_DC");
        if (silent.isEmpty())
            QSKIP("no silent address set up");
        QElapsedTimer clock;
        qint64 last = 0, worstGap = 0;
        QTimer tick;
        tick.setInterval(20);
        connect(&tick, &QTimer::timeout, this, [&] {
            worstGap = std::max(worstGap, clock.elapsed() - last);
            last = clock.elapsed();
        });
        core::directory::ConnectionOptions o;
        o.dc = silent;
        o.timeoutMs = 3000;
        clock.start();
        tick.start();
        page->connectWith(o);
        QTRY_VERIFY_WITH_TIMEOUT(!page->message().isEmpty(), 8000);
        const qint64 took = clock.elapsed();
        tick.stop();
        QVERIFY2(page->message().contains(QLatin1String("did not answer within 3 s")), qPrintable(page->message()));
        QVERIFY2(took < 5500, qPrintable(QString::number(took)));
        QVERIFY2(worstGap < 300, qPrintable(QStringLiteral("the UI thread stalled %1 ms").arg(worstGap)));
        QVERIFY(!session->isConnected());
        QVERIFY(child<QLabel>("connectionState")->text().contains(QLatin1String("Not connected")));
        qInfo("silent DC: message after %lld ms, longest UI stall %lld ms", took, worstGap);
        shot(QStringLiteral("directory-silent-dc"));
    }

    void cancelEndsAConnectToASilentDc()
    {
        const QString silent = qEnvironmentVariable("SSOD_TEST_SILENT_DC");
        if (silent.isEmpty())
            QSKIP("no silent address set up");
        core::directory::ConnectionOptions o;
        o.dc = silent;
        o.timeoutMs = 10000;
        page->connectWith(o);
        QTRY_VERIFY_WITH_TIMEOUT(child<QPushButton>("cancelButton")->isVisible(), 2000);
        QVERIFY(child<QLabel>("busyText")->text().contains(silent));
        QTest::qWait(500);
        shot(QStringLiteral("directory-connecting"));
        QElapsedTimer t;
        t.start();
        QTest::mouseClick(child<QPushButton>("cancelButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(page->message().contains(QLatin1String("Cancelled")), 1000);
        QVERIFY(t.elapsed() < 1000);
        QVERIFY(!session->isBusy());
        QVERIFY(!session->isConnected());
        // The abandoned connect still holds the worker until its timeout; the next connect waits
        // for it, then works.
        connectKerberos();
        QTRY_VERIFY_WITH_TIMEOUT(session->isConnected(), 25000);
    }

    void wrongPasswordOverLdapsSaysSoAndNeverShowsIt()
    {
        const QString password = QStringLiteral("wrong-")
            + m.value(QLatin1String("admin")).toObject().value(QLatin1String("password")).toString();
        auto *dialog = ldapsAdminDialog(password);
        QCOMPARE(child<QLineEdit>("password", dialog)->echoMode(), QLineEdit::Password);
        QVERIFY(child<QCheckBox>("rememberPassword", dialog)->isEnabled()); // a simple bind may keep its password
        child<QCheckBox>("rememberPassword", dialog)->setChecked(true);
        shot(QStringLiteral("directory-connect-dialog"), dialog);
        QTest::mouseClick(child<QPushButton>("connectButton", dialog), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!page->message().isEmpty(), 15000);
        QVERIFY2(page->message().contains(QLatin1String("refused the credentials")), qPrintable(page->message()));
        QVERIFY(!session->isConnected());
        QVERIFY(session->options().password.isEmpty());
        for (const QLabel *l : window->findChildren<QLabel *>())
            QVERIFY2(!l->text().contains(password), qPrintable(l->objectName()));
        for (const QLineEdit *e : window->findChildren<QLineEdit *>())
            QVERIFY2(!e->text().contains(password), qPrintable(e->objectName()));
        // The next dialog is prefilled, without the password.
        auto *again = openDialog();
        QCOMPARE(child<QLineEdit>("host", again)->text(), dcHost());
        QVERIFY(child<QLineEdit>("password", again)->text().isEmpty());
        again->reject();
    }

    void rememberWithoutAKeychainStillConnectsAndSaysSo()
    {
        // The lab test runs without a session bus: the bind works, the password is not kept, and the
        // page says why. (Storing into a real keyring: test_keychain_session / test_keychain_lab.)
        const QString password = m.value(QLatin1String("admin")).toObject().value(QLatin1String("password")).toString();
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/ssod-no-bus");
        auto *dialog = ldapsAdminDialog(password);
        child<QCheckBox>("rememberPassword", dialog)->setChecked(true);
        QTest::mouseClick(child<QPushButton>("connectButton", dialog), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(session->isConnected(), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(page->message().contains(QLatin1String("not saved")), 15000);
        QVERIFY2(page->message().contains(QLatin1String("keychain")), qPrintable(page->message()));
        QVERIFY(!page->message().contains(password));
        QVERIFY(session->options().password.isEmpty());
        // Next time, an empty password with Remember asks the keychain, which has nothing: a clear message.
        page->connectWith([&] {
            auto o = session->options();
            o.password.clear();
            return o;
        }(), true);
        QTRY_VERIFY_WITH_TIMEOUT(page->message().contains(QLatin1String("keychain")), 15000);
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    }

    void cleanupTestCase()
    {
        window.reset(); // the session waits for its worker; nothing dangles
    }
};

QTEST_MAIN(TestDirectoryPage)
#include "tst_directorypage.moc"
