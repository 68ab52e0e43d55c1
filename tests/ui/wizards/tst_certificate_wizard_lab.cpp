// The certificate-check wizard offscreen against the lab's real servers (run_in_lab.py --services):
// the openssl s_server TLS endpoints made from the lab CA — valid, wrong name, expired, self-signed,
// a CRL on an address that drops every packet — and the xrdp host with TLS, each through the
// wizard's endpoint path, with the finding each must show.
#include "core/catalog/Catalog.h"
#include "core/probe/ProbeRunner.h"
#include "core/wizard/WizardDefinition.h"
#include "ui/Translations.h"
#include "ui/wizards/cert/CertificateWizard.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QRadioButton>
#include <QTest>

using namespace ssod;
using namespace ssod::ui;

class TestCertificateWizardLab final : public QObject {
    Q_OBJECT

    QJsonObject m_services;
    core::wizard::WizardDefinition m_definition;

private slots:
    void initTestCase()
    {
        QFile f(qEnvironmentVariable("SSOD_LAB_JSON"));
        if (!f.open(QIODevice::ReadOnly))
            QSKIP("needs the lab with its services (run through run_in_lab.py --services)");
        m_services = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("services")).toObject();
        QVERIFY(!m_services.isEmpty());
        ui::installTranslators(*qApp);
        auto catalog = core::catalog::Catalog::loadBuiltin();
        QVERIFY(catalog);
        const auto defs = core::wizard::loadBuiltinWizards(*catalog); // kept: the loop reads into it
        QVERIFY(defs);
        for (const auto &d : *defs)
            if (d.kind == core::wizard::WizardDefinition::Kind::CertificateCheck)
                m_definition = d;
        QCOMPARE(m_definition.id, QStringLiteral("certificate-check"));
    }

    void endpoints_data()
    {
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("purpose");
        QTest::addColumn<QString>("expected");
        const QHash<QString, QString> expected { { QStringLiteral("valid"), QStringLiteral("tls.name-ok") },
            { QStringLiteral("name_mismatch"), QStringLiteral("tls.name-mismatch") },
            { QStringLiteral("expired"), QStringLiteral("tls.expired") },
            { QStringLiteral("self_signed"), QStringLiteral("tls.self-signed") },
            { QStringLiteral("expiring_soon"), QStringLiteral("tls.expiring-soon") },
            { QStringLiteral("revocation_unreachable"), QStringLiteral("tls.revocation-unreachable") } };
        for (const QJsonValue &v : m_services.value(QStringLiteral("tls")).toArray()) {
            const QJsonObject o = v.toObject();
            const QString c = o.value(QStringLiteral("case")).toString();
            if (expected.contains(c))
                QTest::newRow(qPrintable(c)) << o.value(QStringLiteral("name")).toString()
                                             << o.value(QStringLiteral("name")).toString() << 0 << expected.value(c);
        }
        for (const QJsonValue &v : m_services.value(QStringLiteral("rdp")).toArray()) {
            const QJsonObject o = v.toObject();
            if (o.value(QStringLiteral("security")).toString() == QLatin1String("tls"))
                // Users type the farm name; the host's certificate carries only its own.
                QTest::newRow("rdp farm name") << o.value(QStringLiteral("name")).toString()
                                               << QStringLiteral("farm.lab.test") << 1 << QStringLiteral("tls.name-mismatch");
        }
    }

    void endpoints()
    {
        QFETCH(QString, endpoint);
        QFETCH(QString, name);
        QFETCH(int, purpose);
        QFETCH(QString, expected);
        CertificateWizard w(m_definition);
        w.show();
        QTest::mouseClick(w.button(QWizard::NextButton), Qt::LeftButton);
        w.findChild<QRadioButton *>(QStringLiteral("certEndpointRadio"))->setChecked(true);
        w.findChild<QLineEdit *>(QStringLiteral("certEndpointEdit"))->setText(endpoint);
        w.findChild<QComboBox *>(QStringLiteral("certPurposeCombo"))->setCurrentIndex(purpose);
        w.findChild<QLineEdit *>(QStringLiteral("certNameEdit"))->setText(name);
        QTest::mouseClick(w.button(QWizard::NextButton), Qt::LeftButton);
        w.findChild<QLineEdit *>(QStringLiteral("certCaEdit"))
            ->setText(m_services.value(QStringLiteral("ca")).toObject().value(QStringLiteral("file")).toString());
        QTest::mouseClick(w.button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(w.currentId(), int(CertificateWizard::ReviewPageId));
        QTRY_VERIFY_WITH_TIMEOUT(w.button(QWizard::NextButton)->isEnabled(), 30000);
        QStringList ids;
        for (const core::Finding &f : w.lastReport()->findings)
            ids << f.id;
        QVERIFY2(ids.contains(expected), qPrintable(ids.join(QLatin1Char(' '))));
        if (expected == QLatin1String("tls.revocation-unreachable")) {
            for (const core::Finding &f : w.lastReport()->findings)
                if (f.id == expected)
                    QVERIFY(f.fix && f.fix->id == QLatin1String("root-update"));
        }
        if (purpose == 1)
            QVERIFY(ids.contains(QLatin1String("tls.rdp-install")) && ids.contains(QLatin1String("rdp.negotiated")));
        w.reject();
    }

    void cleanupTestCase()
    {
        // A cancelled check's probe threads end on their own within a slice: the process must not
        // exit (and destroy the statics they use) under them.
        QTRY_COMPARE_WITH_TIMEOUT(core::probe::ProbeRunner::liveThreads(), 0, 5000);
    }
};

QTEST_MAIN(TestCertificateWizardLab)
#include "tst_certificate_wizard_lab.moc"
