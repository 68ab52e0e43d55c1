// The SPN registration wizard driven offscreen against a real Samba AD DC (run_in_lab.py starts one
// and sets SSOD_LAB_JSON): connect, plan, review the collateral, apply, verify in LDAP with
// OpenLDAP's ldapsearch (not through the code under test), undo, and Cancel after Apply.
#include "core/catalog/Catalog.h"
#include "core/wizard/WizardDefinition.h"
#include "ui/directory/DirectorySession.h"
#include "ui/wizards/spn/SpnApplyPage.h"
#include "ui/wizards/spn/SpnWizard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace ssod;
using ssod::ui::SpnWizard;

class TestSpnWizard final : public QObject {
    Q_OBJECT

    QJsonObject m_lab;
    std::unique_ptr<ui::DirectorySession> m_session;
    core::wizard::WizardDefinition m_definition;

    /// The account's SPNs as OpenLDAP's ldapsearch reads them (lower-cased).
    QStringList ldapSpns(const QString &account)
    {
        QProcess p;
        p.start(QStringLiteral("ldapsearch"),
            { QStringLiteral("-LLL"), QStringLiteral("-Q"), QStringLiteral("-Y"), QStringLiteral("GSSAPI"),
                QStringLiteral("-H"), QStringLiteral("ldap://") + qEnvironmentVariable("SSOD_TEST_DC"),
                QStringLiteral("-o"), QStringLiteral("ldif-wrap=no"), QStringLiteral("-b"),
                m_lab.value(QStringLiteral("base_dn")).toString(), QStringLiteral("(sAMAccountName=%1)").arg(account),
                QStringLiteral("servicePrincipalName") });
        p.waitForFinished(30000);
        QStringList out;
        for (const QString &line : QString::fromUtf8(p.readAllStandardOutput()).split(QLatin1Char('\n')))
            if (line.startsWith(QLatin1String("servicePrincipalName: ")))
                out << line.mid(22).toLower();
        return out;
    }

    QString dnsDomain() const { return m_lab.value(QStringLiteral("dns_domain")).toString(); }

    std::unique_ptr<SpnWizard> openOptions(const QString &names, const QString &nodes, const QString &account)
    {
        auto w = std::make_unique<SpnWizard>(m_definition, m_session.get());
        w->show();
        shoot(w.get(), QStringLiteral("spn-registration-1-problem.png"));
        w->next();
        auto *directory = w->findChild<QRadioButton *>(QStringLiteral("directoryTarget"));
        if (!directory || !directory->isEnabled() || !directory->isChecked())
            return nullptr;
        shoot(w.get(), QStringLiteral("spn-registration-2-target.png"));
        w->next();
        w->findChild<QLineEdit *>(QStringLiteral("namesEdit"))->setText(names);
        w->findChild<QLineEdit *>(QStringLiteral("nodesEdit"))->setText(nodes);
        w->findChild<QLineEdit *>(QStringLiteral("accountEdit"))->setText(account);
        shoot(w.get(), QStringLiteral("spn-registration-3-options.png"));
        return w;
    }

    static QStringList column(QTableWidget *t, int c)
    {
        QStringList out;
        for (int r = 0; r < t->rowCount(); ++r)
            out << (t->item(r, c) ? t->item(r, c)->text() : QString());
        return out;
    }

    /// Options → Review (waits for the check) → Apply page.
    static bool toApplyPage(SpnWizard *w)
    {
        w->next();
        auto *table = w->findChild<QTableWidget *>(QStringLiteral("planTable"));
        if (!QTest::qWaitFor([&] { return w->currentPage()->isComplete() && table->rowCount() > 0; }, 20000))
            return false;
        w->next();
        return w->currentId() == SpnWizard::ApplyPageId;
    }

    void shoot(QWidget *w, const QString &name)
    {
        const QString dir = qEnvironmentVariable("SSOD_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QDir().mkpath(dir);
        QVERIFY(w->grab().save(QDir(dir).filePath(name)));
    }

private slots:
    void initTestCase()
    {
        QFile f(qEnvironmentVariable("SSOD_LAB_JSON"));
        if (!f.open(QIODevice::ReadOnly))
            QSKIP("needs the lab (run through tests/integration/directory/run_in_lab.py)");
        m_lab = QJsonDocument::fromJson(f.readAll()).object();
        auto catalog = core::catalog::Catalog::loadBuiltin();
        QVERIFY(catalog);
        auto defs = core::wizard::loadBuiltinWizards(*catalog);
        QVERIFY(defs);
        for (const auto &d : *defs)
            if (d.kind == core::wizard::WizardDefinition::Kind::SpnRegistration)
                m_definition = d;
        QCOMPARE(m_definition.id, QStringLiteral("spn-registration"));
        m_session = std::make_unique<ui::DirectorySession>();
        core::directory::ConnectionOptions o;
        o.dc = qEnvironmentVariable("SSOD_TEST_DC");
        m_session->connectTo(o);
        QTRY_VERIFY_WITH_TIMEOUT(m_session->isConnected(), 20000);
    }

    void registersVerifiesAndUndoes()
    {
        const QString farm = QStringLiteral("farm7");
        const QStringList want { farm + QLatin1Char('.') + dnsDomain(), farm };
        auto w = openOptions(farm, {}, QStringLiteral("svc_portal"));
        QVERIFY(w);
        QCOMPARE(w->findChild<QLineEdit *>(QStringLiteral("domainEdit"))->text(), dnsDomain());
        QCOMPARE(w->findChild<QListWidget *>(QStringLiteral("previewList"))->count(), 2);
        QVERIFY(toApplyPage(w.get()));
        const QStringList before = ldapSpns(QStringLiteral("svc_portal"));
        auto *apply = w->findChild<QPushButton *>(QStringLiteral("applyButton"));
        QVERIFY(apply->isVisible() && apply->isEnabled());
        QVERIFY(!w->findChild<QCheckBox *>(QStringLiteral("acceptCollateral"))->isVisible());
        // The export is there too, and is what ldapmodify would take.
        auto *format = w->findChild<QComboBox *>(QStringLiteral("exportFormat"));
        format->setCurrentIndex(2);
        QTemporaryDir tmp;
        QString error;
        auto *applyPage = qobject_cast<ui::SpnApplyPage *>(w->currentPage());
        QVERIFY(applyPage->exportTo(tmp.filePath(QStringLiteral("x.ldif")), &error));
        QFile ldif(tmp.filePath(QStringLiteral("x.ldif")));
        QVERIFY(ldif.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromUtf8(ldif.readAll()).contains(QStringLiteral("servicePrincipalName: HTTP/") + want[0]));
        QCOMPARE(ldapSpns(QStringLiteral("svc_portal")), before); // exporting wrote nothing

        QTest::mouseClick(apply, Qt::LeftButton);
        auto *outcome = w->findChild<QLabel *>(QStringLiteral("applyOutcome"));
        QTRY_VERIFY_WITH_TIMEOUT(outcome->isVisible() && outcome->text().contains(QStringLiteral("Registered")), 20000);
        const QStringList after = ldapSpns(QStringLiteral("svc_portal"));
        for (const QString &h : want)
            QVERIFY2(after.contains(QStringLiteral("http/") + h), qPrintable(after.join(u' ')));
        QVERIFY(!apply->isEnabled()); // once only

        // Back after Apply: the inputs are locked until Undo.
        w->back();
        w->back();
        QCOMPARE(w->currentId(), int(SpnWizard::OptionsPageId));
        QVERIFY(w->findChild<QLineEdit *>(QStringLiteral("accountEdit"))->isReadOnly());
        w->next();
        QTRY_VERIFY(w->currentPage()->isComplete());
        w->next();
        w->next();
        QCOMPARE(w->currentId(), int(SpnWizard::VerifyPageId));
        auto *table = w->findChild<QTableWidget *>(QStringLiteral("verifyTable"));
        QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 2, 20000);
        for (const QString &state : column(table, 1))
            QVERIFY2(state.contains(QStringLiteral("nobody else")), qPrintable(state));
        shoot(w.get(), QStringLiteral("spn-registration-6-verify.png"));

        QTest::mouseClick(w->findChild<QPushButton *>(QStringLiteral("undoButton")), Qt::LeftButton);
        auto *verified = w->findChild<QLabel *>(QStringLiteral("verifyOutcome"));
        QTRY_VERIFY_WITH_TIMEOUT(verified->text().contains(QStringLiteral("Removed")), 20000);
        QCOMPARE(ldapSpns(QStringLiteral("svc_portal")), before);
        QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 0, 20000);
        QVERIFY(!w->registration().hasApplied());
    }

    void collateralMustBeAcknowledged()
    {
        // The manifest's HTTP duplicate gives the load-balanced name; its first web computer a node.
        QString dup, other;
        for (const auto &d : m_lab.value(QStringLiteral("duplicate_spns")).toArray()) {
            const QString spn = d.toObject().value(QStringLiteral("spn")).toString();
            if (spn.startsWith(QLatin1String("HTTP/"), Qt::CaseInsensitive)) {
                dup = spn;
                for (const auto &h : d.toObject().value(QStringLiteral("holders")).toArray())
                    if (h.toString() != QLatin1String("svc_portal"))
                        other = h.toString();
            }
        }
        QVERIFY(!dup.isEmpty() && !other.isEmpty());
        const QString lb = dup.section(QLatin1Char('/'), 1).section(QLatin1Char('.'), 0, 0);
        auto w = openOptions(lb, QStringLiteral("web01"), QStringLiteral("svc_portal"));
        QVERIFY(w);
        w->next();
        auto *plan = w->findChild<QTableWidget *>(QStringLiteral("planTable"));
        QTRY_VERIFY_WITH_TIMEOUT(w->currentPage()->isComplete() && plan->rowCount() == 4, 20000);
        const QStringList spns = column(plan, 0), states = column(plan, 1);
        QVERIFY2(states.at(spns.indexOf(dup)).contains(QStringLiteral("duplicate")), qPrintable(states.join(u'|')));
        QVERIFY(states.at(spns.indexOf(QStringLiteral("HTTP/web01.") + dnsDomain())).startsWith(QStringLiteral("free")));
        auto *collateral = w->findChild<QListWidget *>(QStringLiteral("collateralList"));
        QVERIFY(collateral->isVisible());
        QStringList texts;
        for (int i = 0; i < collateral->count(); ++i)
            texts << collateral->item(i)->text();
        const QString all = texts.join(u'\n');
        QVERIFY2(all.contains(other) && all.contains(QStringLiteral("WEB01$")) && all.contains(QStringLiteral("WinRM")),
            qPrintable(all));
        shoot(w.get(), QStringLiteral("spn-registration-4-review.png"));
        w->next();
        auto *apply = w->findChild<QPushButton *>(QStringLiteral("applyButton"));
        auto *accept = w->findChild<QCheckBox *>(QStringLiteral("acceptCollateral"));
        QVERIFY(accept->isVisible());
        QVERIFY(!apply->isEnabled());
        accept->setChecked(true);
        QVERIFY(apply->isEnabled());
        shoot(w.get(), QStringLiteral("spn-registration-5-apply.png"));
        accept->setChecked(false);
        QVERIFY(!apply->isEnabled());
    }

    void cancelAfterApplyOffersUndo()
    {
        const QStringList before = ldapSpns(QStringLiteral("svc_sql"));
        auto w = openOptions(QStringLiteral("farm8"), {}, QStringLiteral("svc_sql"));
        QVERIFY(w);
        QVERIFY(toApplyPage(w.get()));
        QTest::mouseClick(w->findChild<QPushButton *>(QStringLiteral("applyButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(w->registration().hasApplied(), 20000);
        QVERIFY(ldapSpns(QStringLiteral("svc_sql")).contains(QStringLiteral("http/farm8")));
        w->reject();
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = w->findChild<QMessageBox *>(QStringLiteral("cancelAfterApplyBox"))));
        QVERIFY(w->isVisible());
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("undoChangesButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!w->isVisible(), 20000);
        QCOMPARE(ldapSpns(QStringLiteral("svc_sql")), before);
    }

    void exportOnlyWithoutConnection()
    {
        ui::DirectorySession offline;
        SpnWizard w(m_definition, &offline);
        w.show();
        w.next();
        QVERIFY(!w.findChild<QRadioButton *>(QStringLiteral("directoryTarget"))->isEnabled());
        QVERIFY(w.findChild<QRadioButton *>(QStringLiteral("exportTarget"))->isChecked());
        w.next();
        w.findChild<QLineEdit *>(QStringLiteral("namesEdit"))->setText(QStringLiteral("portal.contoso.com"));
        w.findChild<QLineEdit *>(QStringLiteral("accountEdit"))->setText(QStringLiteral("svc_portal"));
        w.next();
        QTRY_VERIFY(w.currentPage()->isComplete());
        w.next();
        QVERIFY(!w.findChild<QPushButton *>(QStringLiteral("applyButton"))->isVisible());
        const QString ps = w.findChild<QPlainTextEdit *>(QStringLiteral("exportPreview"))->toPlainText();
        QVERIFY2(ps.contains(QStringLiteral("setspn -S HTTP/portal.contoso.com svc_portal")), qPrintable(ps));
    }
};

QTEST_MAIN(TestSpnWizard)
#include "tst_spn_wizard.moc"
