// Every wizard driven end to end through its pages by objectName, against an offline hive, a .reg
// and a Registry.pol: the test checks the values in the target after Apply and after Undo. The
// expected registry values come from docs/FACTS (KB951608, CredSsp.admx, Win32_TSGeneralSetting,
// wincrypt constants), not from the program's output.
#include "WizardDriver.h"

#include "core/catalog/Catalog.h"
#include "core/registry/StoreFactory.h"
#include "ui/MainWindow.h"
#include "ui/wizards/SettingsWizard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace ssod;
using core::registry::RegOp;
using core::registry::RegValue;
using driver::dword;
using driver::sz;

namespace {

const QString kDelegation = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation");
const QString kRdpTcp = QStringLiteral("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp");
const QString kTsPolicy = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services");
const QString kLsa = QStringLiteral("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Lsa");
const QString kProviders = QStringLiteral("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders");
const QString kOracle = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters");
const QString kAuthRoot = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\AuthRoot");
const QString kKerberos = QStringLiteral("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\Kerberos\\Parameters");
const QString kZoneMapKey = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\ZoneMapKey");

template<typename T>
T *child(ui::SettingsWizard *w, const QString &name)
{
    return w->findChild<T *>(name);
}

void clickProfile(ui::SettingsWizard *w, const QString &id)
{
    child<QRadioButton>(w, QStringLiteral("profile-%1").arg(id))->click();
}

void choose(ui::SettingsWizard *w, const QString &option, const QString &value)
{
    auto *combo = child<QComboBox>(w, QStringLiteral("choice-%1").arg(option));
    combo->setCurrentIndex(combo->findData(value));
}

/// The original values of a target, for the flows that start from an empty one.
QList<Expect> absent(const QList<Expect> &after)
{
    QList<Expect> out;
    for (Expect e : after) {
        e.value.reset();
        out << e;
    }
    return out;
}

} // namespace

class TestWizards final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void farmSso_data();
    void farmSso();
    void rdpHost_data();
    void rdpHost();
    void credssp_data();
    void credssp();
    void rootUpdate_data();
    void rootUpdate();
    void browserSso_data();
    void browserSso();
    void kerberosLogging_data();
    void kerberosLogging();
    void invalidSpnBlocksNext();
    void compliantTargetSaysSo();
    void settingsOutsideTheHiveAreNamed();
    void everyWizardIsReachable();
    void farmSsoChecksTheRdpFile();

private:
    void addTargets();
    Flow flowFor(const QString &wizard);

    std::unique_ptr<ui::MainWindow> m_window;
};

void TestWizards::initTestCase()
{
    auto catalog = core::catalog::Catalog::loadBuiltin();
    QVERIFY2(catalog, qPrintable(catalog ? QString() : catalog.error().toString()));
    m_window = std::make_unique<ui::MainWindow>(std::move(*catalog));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QCOMPARE(m_window->wizards().size(), 8); // six settings wizards, SPN registration, the certificate check
}

void TestWizards::addTargets()
{
    QTest::addColumn<QString>("target");
    QTest::newRow("hive") << QStringLiteral("hive");
    QTest::newRow("reg") << QStringLiteral("reg");
    QTest::newRow("pol") << QStringLiteral("pol");
}

Flow TestWizards::flowFor(const QString &wizard)
{
    QFETCH(QString, target);
    Flow f;
    f.wizard = wizard;
    f.target = target;
    f.fileName = target == QLatin1String("reg") ? QStringLiteral("target.reg")
        : target == QLatin1String("pol")        ? QStringLiteral("Registry.pol")
                                                : QStringLiteral("SOFTWARE");
    return f;
}

void TestWizards::farmSso_data() { addTargets(); }
void TestWizards::farmSso()
{
    Flow f = flowFor(QStringLiteral("farm-sso"));
    // Seeded: the policy present but disabled, so Apply changes a value and Undo must restore 0.
    f.seed = {RegOp::set(kDelegation, QStringLiteral("AllowDefaultCredentials"), dword(0))};
    f.choose = [](ui::SettingsWizard *w) {
        QCOMPARE(child<QListWidget>(w, QStringLiteral("spnList"))->item(0)->text(), QStringLiteral("TERMSRV/*"));
        QVERIFY(child<QCheckBox>(w, QStringLiteral("option-ntlm"))->isChecked()); // on by default: brokers redirect by IP
        driver::typeListItems(w, {QStringLiteral("TERMSRV/*.contoso.com"), QStringLiteral("TERMSRV/rdsh01.contoso.com")});
    };
    f.reviewActions = {QStringLiteral("Change"), QStringLiteral("Add"), QStringLiteral("Create key")};
    f.after = {
        {kDelegation, QStringLiteral("AllowDefaultCredentials"), dword(1)},
        {kDelegation, QStringLiteral("ConcatenateDefaults_AllowDefault"), dword(1)},
        {kDelegation + QStringLiteral("\\AllowDefaultCredentials"), QStringLiteral("1"), sz(QStringLiteral("TERMSRV/*.contoso.com"))},
        {kDelegation + QStringLiteral("\\AllowDefaultCredentials"), QStringLiteral("2"), sz(QStringLiteral("TERMSRV/rdsh01.contoso.com"))},
        {kDelegation, QStringLiteral("AllowDefCredentialsWhenNTLMOnly"), dword(1)},
        {kDelegation, QStringLiteral("ConcatenateDefaults_AllowDefNTLMOnly"), dword(1)},
        {kDelegation + QStringLiteral("\\AllowDefCredentialsWhenNTLMOnly"), QStringLiteral("1"), sz(QStringLiteral("TERMSRV/*.contoso.com"))},
        // Saved/fresh variants are off by default.
        {kDelegation, QStringLiteral("AllowSavedCredentials"), std::nullopt},
    };
    f.before = absent(f.after);
    f.before[0].value = dword(0);
    driver::run(*m_window, f);
}

void TestWizards::rdpHost_data() { addTargets(); }
void TestWizards::rdpHost()
{
    Flow f = flowFor(QStringLiteral("rdp-host"));
    if (f.target == QLatin1String("hive")) {
        // Standard host on a SYSTEM hive whose listener had NLA off and the RDP security layer.
        f.fileName = QStringLiteral("SYSTEM");
        f.seed = {RegOp::set(kRdpTcp, QStringLiteral("UserAuthentication"), dword(0)),
                  RegOp::set(kRdpTcp, QStringLiteral("SecurityLayer"), dword(0))};
        f.choose = [](ui::SettingsWizard *w) { clickProfile(w, QStringLiteral("standard")); };
        f.reviewActions = {QStringLiteral("Change")};
        f.after = {{kRdpTcp, QStringLiteral("UserAuthentication"), dword(1)}, {kRdpTcp, QStringLiteral("SecurityLayer"), dword(1)}};
        f.before = {{kRdpTcp, QStringLiteral("UserAuthentication"), dword(0)}, {kRdpTcp, QStringLiteral("SecurityLayer"), dword(0)}};
    } else {
        // Session-connector host: NLA off, Negotiate (1), RemoteApp logoff immediately (0 ms).
        f.choose = [](ui::SettingsWizard *w) {
            clickProfile(w, QStringLiteral("connector"));
            QVERIFY(child<QLabel>(w, QStringLiteral("tradeOff-connector"))->text().contains(QStringLiteral("temporary local users")));
        };
        f.reviewActions = {QStringLiteral("Add")};
        f.after = {{kRdpTcp, QStringLiteral("UserAuthentication"), dword(0)},
                   {kRdpTcp, QStringLiteral("SecurityLayer"), dword(1)},
                   {kTsPolicy, QStringLiteral("RemoteAppLogoffTimeLimit"), dword(0)}};
        f.before = absent(f.after);
    }
    driver::run(*m_window, f);
}

void TestWizards::credssp_data() { addTargets(); }
void TestWizards::credssp()
{
    Flow f = flowFor(QStringLiteral("credssp"));
    if (f.target == QLatin1String("hive")) {
        // XP SP3 (KB951608): append tspkg and credssp.dll, keeping what is there.
        f.fileName = QStringLiteral("SYSTEM");
        f.choose = [](ui::SettingsWizard *w) {
            clickProfile(w, QStringLiteral("xp"));
            QVERIFY(!child<QComboBox>(w, QStringLiteral("choice-oracle-level"))->isVisibleTo(w));
        };
        f.reviewActions = {QStringLiteral("Change")};
        f.after = {{kLsa, QStringLiteral("Security Packages"),
                    RegValue::fromMultiString({QStringLiteral("kerberos"), QStringLiteral("msv1_0"), QStringLiteral("tspkg")})},
                   {kProviders, QStringLiteral("SecurityProviders"), sz(QStringLiteral("msapsspc.dll, schannel.dll, credssp.dll"))}};
        f.before = {{kLsa, QStringLiteral("Security Packages"),
                     RegValue::fromMultiString({QStringLiteral("kerberos"), QStringLiteral("msv1_0")})},
                    {kProviders, QStringLiteral("SecurityProviders"), sz(QStringLiteral("msapsspc.dll, schannel.dll"))}};
    } else {
        // Encryption oracle remediation: 2 = Vulnerable (reg), 0 = Force Updated Clients (pol).
        const bool reg = f.target == QLatin1String("reg");
        f.choose = [reg](ui::SettingsWizard *w) {
            clickProfile(w, QStringLiteral("oracle"));
            choose(w, QStringLiteral("oracle-level"), reg ? QStringLiteral("2") : QStringLiteral("0"));
        };
        f.reviewActions = {QStringLiteral("Add")};
        f.after = {{kOracle, QStringLiteral("AllowEncryptionOracle"), dword(reg ? 2 : 0)}};
        f.before = absent(f.after);
    }
    driver::run(*m_window, f);
}

void TestWizards::rootUpdate_data() { addTargets(); }
void TestWizards::rootUpdate()
{
    Flow f = flowFor(QStringLiteral("root-update"));
    f.reviewActions = {QStringLiteral("Add")};
    f.after = {{kAuthRoot, QStringLiteral("DisableRootAutoUpdate"), dword(1)}};
    f.before = absent(f.after);
    driver::run(*m_window, f);
}

void TestWizards::browserSso_data()
{
    addTargets();
    QTest::newRow("chromium-json") << QStringLiteral("json");
}
void TestWizards::browserSso()
{
    Flow f = flowFor(QStringLiteral("browser-sso"));
    f.choose = [](ui::SettingsWizard *w) {
        driver::typeListItems(w, {QStringLiteral("*.contoso.com"), QStringLiteral("https://portal.fabrikam.com")});
    };
    f.reviewActions = {QStringLiteral("Add")};
    if (f.target == QLatin1String("json")) {
        // Chromium's managed policy on Linux: AuthServerAllowlist is one comma-separated string
        // (chromium.org policy list); the Windows zone list cannot live in this file.
        f.fileName = QStringLiteral("etc/chromium/policies/managed/sso.json");
        const QString chromium = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Chromium");
        f.checkAfter = [chromium](const QString &path) {
            const auto v = driver::read(path, chromium, QStringLiteral("AuthServerAllowlist"));
            QVERIFY(v);
            QStringList sites;
            for (const QString &s : v->toString().split(QLatin1Char(',')))
                sites << s.trimmed();
            QCOMPARE(sites, (QStringList{QStringLiteral("*.contoso.com"), QStringLiteral("https://portal.fabrikam.com")}));
        };
        f.before = {{chromium, QStringLiteral("AuthServerAllowlist"), std::nullopt}};
        driver::run(*m_window, f);
        return;
    }
    // Site to Zone Assignment List: value name = site, REG_SZ data = zone number, 1 = Local Intranet.
    f.after = {{kZoneMapKey, QStringLiteral("*.contoso.com"), sz(QStringLiteral("1"))},
               {kZoneMapKey, QStringLiteral("https://portal.fabrikam.com"), sz(QStringLiteral("1"))}};
    f.before = absent(f.after);
    driver::run(*m_window, f);
}

void TestWizards::kerberosLogging_data() { addTargets(); }
void TestWizards::kerberosLogging()
{
    Flow f = flowFor(QStringLiteral("kerberos-logging"));
    if (f.target == QLatin1String("hive"))
        f.fileName = QStringLiteral("SYSTEM");
    f.choose = [](ui::SettingsWizard *w) { choose(w, QStringLiteral("level"), QStringLiteral("on")); };
    f.reviewActions = {QStringLiteral("Add")};
    f.after = {{kKerberos, QStringLiteral("LogLevel"), dword(1)}};
    f.before = absent(f.after);
    driver::run(*m_window, f);
}

void TestWizards::invalidSpnBlocksNext()
{
    QTemporaryDir dir;
    ui::SettingsWizard *w = driver::start(*m_window, QStringLiteral("farm-sso"));
    QVERIFY(w);
    QVERIFY(driver::clickNext(w));
    QVERIFY(driver::chooseTarget(w, QStringLiteral("reg"), dir.filePath(QStringLiteral("new.reg"))));
    QVERIFY(driver::clickNext(w));
    driver::typeListItems(w, {QStringLiteral("TERMSRV/*.contoso.com"), QStringLiteral("TERMSRV/rdsh 01")});
    QVERIFY(!w->button(QWizard::NextButton)->isEnabled());
    // Said once, under the list, with what is wrong in the row.
    const QString reason = child<QLabel>(w, QStringLiteral("spnErrorLabel"))->text();
    QVERIFY2(reason.contains(QStringLiteral("Row 2")) && reason.contains(QStringLiteral("TERMSRV/rdsh 01"))
                 && reason.contains(QStringLiteral("space")),
             qPrintable(reason));
    QVERIFY(child<QLabel>(w, QStringLiteral("optionsProblemLabel"))->text().isEmpty());
    QVERIFY(!child<QListWidget>(w, QStringLiteral("spnList"))->item(1)->icon().isNull());
    // Fixing the row unblocks the page.
    auto *edit = child<QLineEdit>(w, QStringLiteral("spnEdit"));
    edit->selectAll();
    QTest::keyClicks(edit, QStringLiteral("TERMSRV/rdsh01"));
    QVERIFY(w->button(QWizard::NextButton)->isEnabled());
    QVERIFY(child<QLabel>(w, QStringLiteral("optionsProblemLabel"))->text().isEmpty());
    // The file was never written: nothing is applied before Review and Apply.
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("new.reg"))));
    delete w;
}

void TestWizards::compliantTargetSaysSo()
{
    QTemporaryDir dir;
    Flow f;
    f.target = QStringLiteral("reg");
    f.fileName = QStringLiteral("done.reg");
    f.seed = {RegOp::set(kAuthRoot, QStringLiteral("DisableRootAutoUpdate"), dword(1))};
    const QString path = driver::makeTarget(dir.path(), f);
    ui::SettingsWizard *w = driver::start(*m_window, QStringLiteral("root-update"));
    QVERIFY(w);
    QVERIFY(driver::clickNext(w));
    QVERIFY(driver::chooseTarget(w, QStringLiteral("reg"), path));
    QVERIFY(driver::clickNext(w));
    QVERIFY(driver::clickNext(w));
    QCOMPARE(child<QTableWidget>(w, QStringLiteral("reviewTable"))->rowCount(), 0);
    QVERIFY(child<QLabel>(w, QStringLiteral("alreadyCompliantLabel"))->text().contains(QStringLiteral("Already compliant")));
    QVERIFY(driver::clickNext(w));
    QVERIFY(!child<QPushButton>(w, QStringLiteral("applyButton"))->isEnabled());
    delete w;
}

void TestWizards::settingsOutsideTheHiveAreNamed()
{
    // The session-connector profile writes SYSTEM (listener) and SOFTWARE (policy) values; a SYSTEM
    // hive gets its part and the page names the rest.
    QTemporaryDir dir;
    Flow f;
    f.target = QStringLiteral("hive");
    f.fileName = QStringLiteral("SYSTEM");
    const QString path = driver::makeTarget(dir.path(), f);
    ui::SettingsWizard *w = driver::start(*m_window, QStringLiteral("rdp-host"));
    QVERIFY(driver::clickNext(w));
    QVERIFY(driver::chooseTarget(w, QStringLiteral("hive"), path));
    QVERIFY(driver::clickNext(w));
    clickProfile(w, QStringLiteral("connector"));
    QVERIFY(driver::clickNext(w));
    const QString skipped = child<QLabel>(w, QStringLiteral("skippedLabel"))->text();
    QVERIFY2(skipped.contains(QStringLiteral("rds.remoteapp-logoff-time-limit")) && skipped.contains(QStringLiteral("SOFTWARE")),
             qPrintable(skipped + child<QLabel>(w, QStringLiteral("reviewProblemLabel"))->text()));
    QVERIFY(child<QLabel>(w, QStringLiteral("warningsLabel"))->text().contains(QStringLiteral("NLA")));
    QCOMPARE(child<QTableWidget>(w, QStringLiteral("reviewTable"))->rowCount() > 0, true);
    delete w;
}

void TestWizards::everyWizardIsReachable()
{
    const QStringList ids{QStringLiteral("credssp"), QStringLiteral("farm-sso"), QStringLiteral("rdp-host"),
                          QStringLiteral("root-update"), QStringLiteral("browser-sso"), QStringLiteral("kerberos-logging")};
    for (const QString &id : ids) {
        ui::SettingsWizard *w = driver::start(*m_window, id);
        QVERIFY2(w, qPrintable(id));
        QVERIFY(w->isVisible());
        // Every focusable control of every page has an accessible name.
        for (int pageId : w->pageIds())
            for (QWidget *c : w->page(pageId)->findChildren<QWidget *>())
                if (c->focusPolicy() != Qt::NoFocus && !qobject_cast<QLabel *>(c) && c->inherits("QAbstractButton"))
                    QVERIFY2(!c->accessibleName().isEmpty() || !static_cast<QAbstractButton *>(c)->text().isEmpty(),
                             qPrintable(id + QLatin1Char('/') + c->objectName()));
        delete w;
    }
}

void TestWizards::farmSsoChecksTheRdpFile()
{
    // The farm's connection file (FACTS §5): prompt for credentials on client:i:1 prompts even with
    // the delegation policy, and a broker farm without "use redirection server name" lands on NTLM.
    QTemporaryDir dir;
    Flow f;
    f.target = QStringLiteral("reg");
    f.fileName = QStringLiteral("client.reg");
    const QString path = driver::makeTarget(dir.path(), f);
    ui::SettingsWizard *w = driver::start(*m_window, QStringLiteral("farm-sso"));
    QVERIFY(w);
    QVERIFY(driver::clickNext(w));
    QVERIFY(driver::chooseTarget(w, QStringLiteral("reg"), path));
    QVERIFY(driver::clickNext(w));
    auto *rdp = child<QLineEdit>(w, QStringLiteral("rdpFileEdit"));
    auto *findings = child<QLabel>(w, QStringLiteral("rdpFindingsLabel"));
    QVERIFY(rdp && findings);
    rdp->setText(qEnvironmentVariable("SSOD_TEST_DATA") + QStringLiteral("/rdp/broker_farm_utf16.rdp"));
    QTRY_VERIFY(findings->text().contains(QStringLiteral("prompt for credentials on client")));
    QVERIFY(findings->text().contains(QStringLiteral("use redirection server name")));
    rdp->setText(qEnvironmentVariable("SSOD_TEST_DATA") + QStringLiteral("/rdp/clean_utf16.rdp"));
    QTRY_VERIFY(findings->text().contains(QStringLiteral("Nothing in this file")));
    rdp->setText(dir.filePath(QStringLiteral("missing.rdp")));
    QTRY_VERIFY(findings->text().contains(QStringLiteral("Cannot check the file")));
    delete w;
}

QTEST_MAIN(TestWizards)
#include "tst_wizards.moc"
