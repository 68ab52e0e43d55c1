// Keyboard and screen-reader checks of the Diagnose page, its three tools (Decode a Token, Web
// Portal Gate, Service Checks in each of its kinds) and the certificate-check wizard, offscreen:
// no letter is the mnemonic of two controls in one window, a Tab walk reaches every input, and
// every tab stop is visible and has a name a screen reader can say.
#include "core/catalog/Catalog.h"
#include "core/probe/ProbeRunner.h"
#include "core/wizard/WizardDefinition.h"
#include "tests/ui/common/KeyboardWalk.h"
#include "ui/diagnose/DiagnosePage.h"
#include "ui/diagnose/ServiceChecksDialog.h"
#include "ui/wizards/cert/CertificateWizard.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSet>
#include <QTest>

using namespace ssod;
using namespace ssod::ui;
namespace keyboard = ssod::test::keyboard;

namespace {

/// The visible text inputs of \a window the Tab walk must reach.
QList<QWidget *> inputs(QWidget *window)
{
    QList<QWidget *> out;
    for (QWidget *w : window->findChildren<QWidget *>())
        if (w->isVisible() && w->isEnabled()
            && (qobject_cast<QLineEdit *>(w) || qobject_cast<QPlainTextEdit *>(w) || qobject_cast<QComboBox *>(w))
            && !qobject_cast<QComboBox *>(w->parentWidget()) && !qobject_cast<QAbstractSpinBox *>(w->parentWidget()))
            out << w;
    return out;
}

/// Clashing mnemonics, a Tab walk of \a presses that misses an input, or a bad tab stop; empty if
/// none. \a extra is what the window adds outside \a root (a wizard's own buttons).
QString keyboardProblems(QWidget *window, QWidget *root, int presses, const QMultiMap<QChar, QString> &extra = {})
{
    QMultiMap<QChar, QString> found = keyboard::mnemonics(root);
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        found.insert(it.key(), it.value());
    QStringList problems = keyboard::clashes(found);
    window->activateWindow();
    QApplication::setActiveWindow(window);
    if (!QTest::qWaitForWindowActive(window))
        return QStringLiteral("the window does not become active");
    const QList<QWidget *> walk = keyboard::tabChain(window, presses);
    const QSet<QWidget *> reached(walk.cbegin(), walk.cend());
    for (QWidget *input : inputs(root))
        if (!reached.contains(input))
            problems << QStringLiteral("Tab never reaches %1 (%2)").arg(input->objectName(),
                QLatin1String(input->metaObject()->className()));
    if (const QString stops = keyboard::checkTabStops(window, presses); !stops.isEmpty())
        problems << stops;
    return problems.join(QLatin1Char('\n'));
}

} // namespace

class TestDiagnoseAccess final : public QObject {
    Q_OBJECT

    DiagnosePage *m_page = nullptr;

    template <typename T> T *openTool(const char *button, const char *dialog)
    {
        QTest::mouseClick(m_page->findChild<QPushButton *>(QLatin1String(button)), Qt::LeftButton);
        auto *d = m_page->findChild<T *>(QLatin1String(dialog));
        return d && d->isVisible() ? d : nullptr;
    }

private slots:
    void initTestCase()
    {
        m_page = new DiagnosePage;
        m_page->resize(1200, 800);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page));
    }

    void diagnosePage()
    {
        const QString problems = keyboardProblems(m_page, m_page, 30);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }

    void tokenDecoderAndPortalGate()
    {
        const struct {
            const char *button, *dialog;
            int presses;
        } tools[] = { { "decodeButton", "tokenDecoderDialog", 12 }, { "portalGateButton", "portalGateDialog", 16 } };
        for (const auto &t : tools) {
            auto *d = openTool<QDialog>(t.button, t.dialog);
            QVERIFY2(d, t.dialog);
            const QString problems = keyboardProblems(d, d, t.presses);
            QVERIFY2(problems.isEmpty(), qPrintable(QLatin1String(t.dialog) + QLatin1String(":\n") + problems));
            d->close();
        }
    }

    void serviceChecksEachKind()
    {
        auto *d = openTool<ServiceChecksDialog>("serviceChecksButton", "serviceChecksDialog");
        QVERIFY(d);
        for (auto kind : { ServiceChecksDialog::Kind::Iis, ServiceChecksDialog::Kind::Winrm, ServiceChecksDialog::Kind::Host }) {
            d->setKind(kind);
            const QString problems = keyboardProblems(d, d, 20);
            QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("kind %1:\n%2").arg(int(kind)).arg(problems)));
        }
        d->close();
    }

    void certificateWizardPages()
    {
        auto catalog = core::catalog::Catalog::loadBuiltin();
        QVERIFY(catalog);
        auto defs = core::wizard::loadBuiltinWizards(*catalog);
        QVERIFY(defs);
        core::wizard::WizardDefinition definition;
        for (const auto &x : *defs)
            if (x.kind == core::wizard::WizardDefinition::Kind::CertificateCheck)
                definition = x;
        CertificateWizard w(definition);
        w.show();
        // Every page, with the wizard's buttons shown on it: Problem, Target (a certificate file
        // and the name users type), Options, Review (after the check), Result, Verify.
        const QString certificate = qEnvironmentVariable("SSOD_TEST_DATA") + QStringLiteral("/probe/server-urls.pem");
        for (int step = 0; step < 6; ++step) {
            if (step == 1) {
                w.findChild<QRadioButton *>(QStringLiteral("certFileRadio"))->setChecked(true);
                w.findChild<QLineEdit *>(QStringLiteral("certFileEdit"))->setText(certificate);
                w.findChild<QLineEdit *>(QStringLiteral("certNameEdit"))->setText(QStringLiteral("rds.farm.test"));
            }
            if (step == 2) // no revocation fetches: the check stays on this machine
                w.findChild<QCheckBox *>(QStringLiteral("certRevocationCheck"))->setChecked(false);
            if (w.currentId() == int(CertificateWizard::ReviewPageId))
                QTRY_VERIFY_WITH_TIMEOUT(w.button(QWizard::NextButton)->isEnabled(), 20000);
            QMultiMap<QChar, QString> buttons;
            for (auto b : { QWizard::BackButton, QWizard::NextButton, QWizard::FinishButton, QWizard::CancelButton })
                if (w.button(b)->isVisible())
                    if (const QChar c = keyboard::mnemonic(w.button(b)->text()); !c.isNull())
                        buttons.insert(c, QStringLiteral("wizard button \"") + w.button(b)->text() + QLatin1Char('"'));
            const QString problems = keyboardProblems(&w, w.currentPage(), 16, buttons);
            QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("page %1:\n%2").arg(w.currentId()).arg(problems)));
            if (step < 5) {
                QVERIFY2(w.button(QWizard::NextButton)->isEnabled(), qPrintable(QString::number(w.currentId())));
                QTest::mouseClick(w.button(QWizard::NextButton), Qt::LeftButton);
            }
        }
        QCOMPARE(w.currentId(), int(CertificateWizard::VerifyPageId));
    }

    void cleanupTestCase()
    {
        delete m_page;
        QTRY_COMPARE_WITH_TIMEOUT(core::probe::ProbeRunner::liveThreads(), 0, 5000); // the review's check
    }
};

QTEST_MAIN(TestDiagnoseAccess)
#include "tst_diagnose_access.moc"
