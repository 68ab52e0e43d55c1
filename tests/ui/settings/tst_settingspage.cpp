#include "core/catalog/Catalog.h"
#include "ui/MainWindow.h"
#include "ui/settings/ExportPanel.h"
#include "ui/settings/SettingsModel.h"
#include "ui/settings/SettingsReferencePage.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QStringDecoder>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>

using namespace ssod;

namespace {

/// Setting ids visible in the view, in order.
QStringList visibleIds(const QAbstractItemModel *model, const QModelIndex &parent = {})
{
    QStringList out;
    for (int r = 0; r < model->rowCount(parent); ++r) {
        const QModelIndex index = model->index(r, 0, parent);
        const QString id = index.data(ui::SettingsModel::SettingIdRole).toString();
        if (!id.isEmpty())
            out << id;
        out += visibleIds(model, index);
    }
    return out;
}

QModelIndex findId(const QAbstractItemModel *model, const QString &id, const QModelIndex &parent = {})
{
    for (int r = 0; r < model->rowCount(parent); ++r) {
        const QModelIndex index = model->index(r, 0, parent);
        if (index.data(ui::SettingsModel::SettingIdRole).toString() == id)
            return index;
        if (const QModelIndex child = findId(model, id, index); child.isValid())
            return child;
    }
    return {};
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

QString decode(const QByteArray &bytes)
{
    QStringDecoder d(QStringConverter::encodingForData(bytes).value_or(QStringConverter::Utf8));
    return d(bytes);
}

} // namespace

class TestSettingsPage final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void searchSelectAndExportReg();
    void validatesValuesAndExportsCheckedAsGpoScript();
    void exportsRegistryPol();
    void searchMatchesCatalogSemantics();
    void listSettingNeedsBaselineForStaticFormats();
    void keyboardAndAccessibility();
    void mainWindowNavigation();

private:
    template <typename T> T *child(const char *name)
    {
        auto *w = m_page->findChild<T *>(QLatin1String(name));
        if (!w)
            qFatal("no child %s", name);
        return w;
    }
    void select(const QString &id)
    {
        auto *view = child<QTreeView>("settingsView");
        const QModelIndex index = findId(view->model(), id);
        QVERIFY2(index.isValid(), qPrintable(id));
        view->setCurrentIndex(index);
        QCOMPARE(m_page->currentSettingId(), id);
    }
    void setFormat(const char *name)
    {
        auto *combo = child<QComboBox>("formatCombo");
        const int i = combo->findData(QLatin1String(name));
        QVERIFY(i >= 0);
        combo->setCurrentIndex(i);
    }

    core::catalog::Catalog m_catalog;
    std::unique_ptr<ui::SettingsReferencePage> m_page;
    QTemporaryDir m_tmp;
};

void TestSettingsPage::initTestCase()
{
    auto catalog = core::catalog::Catalog::loadBuiltin();
    QVERIFY2(catalog.ok(), catalog.ok() ? "" : qPrintable(catalog.error().toString()));
    m_catalog = *catalog;
    QVERIFY(m_tmp.isValid());
    m_page = std::make_unique<ui::SettingsReferencePage>(m_catalog);
    m_page->resize(1100, 750);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QCOMPARE(visibleIds(child<QTreeView>("settingsView")->model()).size(), m_catalog.settings().size());
}

void TestSettingsPage::searchSelectAndExportReg()
{
    auto *search = child<QLineEdit>("searchEdit");
    QVERIFY(search->hasFocus() || m_page->focusProxy() == search);
    QTest::keyClicks(search, QStringLiteral("AuthRoot"));
    QCOMPARE(visibleIds(child<QTreeView>("settingsView")->model()),
        QStringList { QStringLiteral("certs.disable-root-auto-update") });

    select(QStringLiteral("certs.disable-root-auto-update"));
    const core::catalog::Setting *s = m_catalog.find(QStringLiteral("certs.disable-root-auto-update"));
    const QString details = child<QTextBrowser>("detailsView")->toPlainText();
    QVERIFY(details.contains(QLatin1String("DisableRootAutoUpdate")));
    QVERIFY(details.contains(s->gpoPath));
    QVERIFY(details.contains(s->riskText));
    QVERIFY(details.contains(QLatin1String("Medium"))); // the level in words, not only a colour

    setFormat("reg");
    QVERIFY(child<QPushButton>("exportButton")->isEnabled());
    QVERIFY(child<QPlainTextEdit>("exportPreview")
                ->toPlainText()
                .contains(QLatin1String("DisableRootAutoUpdate")));
    const QString path = m_tmp.filePath(QStringLiteral("x.reg"));
    QString error;
    QVERIFY2(m_page->exportTo(path, &error), qPrintable(error));
    const QByteArray bytes = readAll(path);
    QVERIFY(bytes.startsWith("\xFF\xFE"));
    QVERIFY(decode(bytes).contains(QLatin1String("\"DisableRootAutoUpdate\"=dword:00000001")));
}

void TestSettingsPage::validatesValuesAndExportsCheckedAsGpoScript()
{
    auto *search = child<QLineEdit>("searchEdit");
    search->clear();
    QTest::keyClicks(search, QStringLiteral("delegat"));
    const QStringList shown = visibleIds(child<QTreeView>("settingsView")->model());
    QVERIFY(shown.contains(QLatin1String("delegation.default-credentials")));
    QVERIFY(!shown.contains(QLatin1String("certs.disable-root-auto-update")));
    select(QStringLiteral("delegation.default-credentials"));

    auto *value = child<QLineEdit>("valueEdit");
    auto *valueError = child<QLabel>("valueError");
    auto *exportButton = child<QPushButton>("exportButton");
    QVERIFY(value->isVisible());
    value->clear();
    QTest::keyClicks(value, QStringLiteral("TERMSRV"));
    QVERIFY(valueError->isVisible());
    QVERIFY(valueError->text().contains(QLatin1String("TERMSRV")));
    QVERIFY(!exportButton->isEnabled());
    QVERIFY(child<QLabel>("exportSummary")->text().contains(QLatin1String("not valid")));
    QString error;
    QVERIFY(!m_page->exportTo(m_tmp.filePath(QStringLiteral("invalid.reg")), &error));
    QVERIFY(!error.isEmpty());

    QTest::keyClicks(value, QStringLiteral("/*.contoso.com"));
    QCOMPARE(value->text(), QStringLiteral("TERMSRV/*.contoso.com"));
    QVERIFY(!valueError->isVisible());
    QVERIFY(exportButton->isEnabled());

    // Tick two settings; the value typed above belongs to the delegation setting.
    auto *view = child<QTreeView>("settingsView");
    view->model()->setData(findId(view->model(), QStringLiteral("delegation.default-credentials")),
        Qt::Checked, Qt::CheckStateRole);
    search->clear();
    view->model()->setData(findId(view->model(), QStringLiteral("certs.disable-root-auto-update")),
        Qt::Checked, Qt::CheckStateRole);

    auto *gpoName = child<QLineEdit>("gpoNameEdit");
    setFormat("reg");
    QVERIFY(!gpoName->isEnabled());
    setFormat("gpo-ps1");
    QVERIFY(gpoName->isEnabled());
    gpoName->setText(QStringLiteral("RDS SSO"));
    const QString path = m_tmp.filePath(QStringLiteral("gpo.ps1"));
    QVERIFY2(m_page->exportTo(path, &error), qPrintable(error));
    const QString script = decode(readAll(path));
    QVERIFY(script.contains(QLatin1String("Set-GPRegistryValue")));
    QVERIFY(script.contains(QLatin1String("-Name")));
    QVERIFY(script.contains(QLatin1String("'RDS SSO'")));
    QVERIFY(script.contains(QLatin1String("TERMSRV/*.contoso.com")));
    QVERIFY(script.contains(QLatin1String("DisableRootAutoUpdate")));
    QVERIFY(script.contains(QLatin1String("AllowDefaultCredentials")));

    // An empty GPO name cannot be exported.
    gpoName->clear();
    QVERIFY(!exportButton->isEnabled());
    gpoName->setText(QStringLiteral("RDS SSO"));
    QVERIFY(exportButton->isEnabled());
}

void TestSettingsPage::exportsRegistryPol()
{
    setFormat("pol");
    QVERIFY(child<QPlainTextEdit>("exportPreview")->toPlainText().contains(QLatin1String("50 52 65 67")));
    const QString path = m_tmp.filePath(QStringLiteral("Registry.pol"));
    QString error;
    QVERIFY2(m_page->exportTo(path, &error), qPrintable(error));
    QVERIFY(readAll(path).startsWith("PReg"));

    child<QPushButton>("clearCheckedButton")->click();
    QVERIFY(!child<QPushButton>("clearCheckedButton")->isEnabled());
}

void TestSettingsPage::listSettingNeedsBaselineForStaticFormats()
{
    child<QLineEdit>("searchEdit")->clear();
    select(QStringLiteral("credssp.xp-enable"));
    setFormat("reg");
    // Against an empty registry the client's existing security packages are unknown.
    QVERIFY(!child<QPushButton>("exportButton")->isEnabled());
    QVERIFY(child<QLabel>("exportSummary")->text().contains(QLatin1String("current registry")));

    // A .reg export of the client's Lsa key as the baseline: the export keeps its entries.
    const QString baseline = m_tmp.filePath(QStringLiteral("client-lsa.reg"));
    QFile f(baseline);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("REGEDIT4\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Lsa]\r\n"
            "\"Security Packages\"=hex(7):6b,65,72,62,65,72,6f,73,00,00\r\n");
    f.close();
    auto *panel = m_page->findChild<ui::ExportPanel *>();
    QVERIFY(panel);
    QString error;
    QVERIFY(!panel->setBaseline(m_tmp.filePath(QStringLiteral("missing.reg")), &error));
    QVERIFY(error.contains(QLatin1String("does not exist")));
    QVERIFY2(panel->setBaseline(baseline, &error), qPrintable(error));
    QCOMPARE(child<QLineEdit>("baselineEdit")->text(), QDir::toNativeSeparators(baseline));
    QVERIFY(child<QPushButton>("exportButton")->isEnabled());
    const QString path = m_tmp.filePath(QStringLiteral("xp.reg"));
    QVERIFY2(m_page->exportTo(path, &error), qPrintable(error));
    // kerberos then tspkg, as REG_MULTI_SZ in UTF-16LE.
    QVERIFY(decode(readAll(path)).remove(QLatin1String("\\\r\n  ")).contains(
        QLatin1String("hex(7):6b,00,65,00,72,00,62,00,65,00,72,00,6f,00,73,00,00,00,74,00,73,00,70,00,6b,00,67,00")));

    // A value regedit would skip is skipped in a baseline too, and the note next to it says so,
    // naming file, line and value in a box the keyboard reaches.
    auto *note = m_page->findChild<QWidget *>(QStringLiteral("fileWarningsNote"));
    QVERIFY(note);
    QVERIFY(!note->isVisibleTo(m_page.get()));
    const QString broken = m_tmp.filePath(QStringLiteral("broken-lsa.reg"));
    QFile b(broken);
    QVERIFY(b.open(QIODevice::WriteOnly));
    b.write("REGEDIT4\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Lsa]\r\n"
            "\"Bad\"=dword:0ffffffff\r\n\"Security Packages\"=hex(7):6b,65,72,62,65,72,6f,73,00,00\r\n");
    b.close();
    QVERIFY2(panel->setBaseline(broken, &error), qPrintable(error));
    QVERIFY(note->isVisibleTo(m_page.get()));
    auto *details = note->findChild<QPlainTextEdit *>(QStringLiteral("fileWarningsDetails"));
    QVERIFY(details);
    QVERIFY2(details->toPlainText().contains(QLatin1String("broken-lsa.reg:4:"))
            && details->toPlainText().contains(QLatin1String("\"Bad\"")),
        qPrintable(details->toPlainText()));
    QVERIFY(details->focusPolicy() & Qt::TabFocus);
    QVERIFY(!details->accessibleName().isEmpty());
    QVERIFY(child<QPushButton>("exportButton")->isEnabled()); // the rest of the file was read

    child<QPushButton>("baselineClearButton")->click();
    QVERIFY(!note->isVisibleTo(m_page.get()));
    QVERIFY(child<QLineEdit>("baselineEdit")->text().isEmpty());
    QVERIFY(!child<QPushButton>("exportButton")->isEnabled());
}

void TestSettingsPage::searchMatchesCatalogSemantics()
{
    auto *search = child<QLineEdit>("searchEdit");
    auto *model = child<QTreeView>("settingsView")->model();
    for (const QString &text : { QStringLiteral("credentials delegation > allow"), QStringLiteral("KERBEROS"),
             QStringLiteral("hklm\\software\\policies"), QStringLiteral("no such thing") }) {
        search->setText(text);
        QStringList expected;
        for (const auto *s : m_catalog.search(text))
            expected << s->id;
        QStringList got = visibleIds(model);
        // The view groups by category; compare as sets.
        std::sort(expected.begin(), expected.end());
        std::sort(got.begin(), got.end());
        QCOMPARE(got, expected);
    }
    search->clear();
}

void TestSettingsPage::keyboardAndAccessibility()
{
    select(QStringLiteral("credssp.encryption-oracle")); // an enum: the combo box is the editor
    auto *choice = m_page->findChild<QComboBox *>(QStringLiteral("valueEdit"));
    QVERIFY(choice->isVisible());
    QVERIFY(!child<QLineEdit>("valueEdit")->isVisible());
    auto *warnings = child<QLabel>("warningsLabel");
    QVERIFY(!warnings->isVisible());
    choice->setCurrentIndex(choice->findData(QStringLiteral("2")));
    QVERIFY(warnings->isVisible());
    QVERIFY(warnings->text().contains(QLatin1String("CVE-2018-0886")));
    QVERIFY(child<QLabel>("exportSummary")->text().contains(QLatin1String("credssp.encryption-oracle=2")));
    // The value is remembered per setting.
    select(QStringLiteral("credssp.xp-enable"));
    QVERIFY(!choice->isVisible());
    select(QStringLiteral("credssp.encryption-oracle"));
    QCOMPARE(choice->currentData().toString(), QStringLiteral("2"));
    const auto widgets = m_page->findChildren<QWidget *>();
    int focusable = 0;
    for (QWidget *w : widgets) {
        if (!w->isVisible() || !(w->focusPolicy() & Qt::TabFocus) || w->focusProxy())
            continue;
        ++focusable;
        QVERIFY2(!w->accessibleName().isEmpty(),
            qPrintable(QStringLiteral("%1 (%2) has no accessible name")
                           .arg(w->objectName(), QString::fromLatin1(w->metaObject()->className()))));
    }
    QVERIFY(focusable >= 9); // search, list, untick, details, value, format, GPO name, copy, export, preview
    // Tab walks from the search box into the list.
    auto *search = child<QLineEdit>("searchEdit");
    search->setFocus();
    QTest::keyClick(search, Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), child<QTreeView>("settingsView"));
    // Space ticks the current setting.
    QTest::keyClick(child<QTreeView>("settingsView"), Qt::Key_Space);
    auto *model = child<QTreeView>("settingsView")->model();
    QCOMPARE(findId(model, QStringLiteral("credssp.encryption-oracle"))
                 .data(Qt::CheckStateRole)
                 .value<Qt::CheckState>(),
        Qt::Checked);
    child<QPushButton>("clearCheckedButton")->click();
}

void TestSettingsPage::mainWindowNavigation()
{
    ui::MainWindow window(m_catalog);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.windowTitle(), QStringLiteral("SSO Doctor"));
    QVERIFY(QFile::exists(QStringLiteral(":/i18n/ssodoctor_de.qm"))); // lrelease ran and the .qm is embedded
    auto *nav = window.findChild<QListWidget *>(QStringLiteral("navigation"));
    auto *pages = window.findChild<QStackedWidget *>(QStringLiteral("pages"));
    QVERIFY(nav && pages);
    QCOMPARE(nav->count(), 5);
    QCOMPARE(pages->count(), 5);
    QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("settingsReferencePage"));
    QCOMPARE(QApplication::focusWidget(), window.findChild<QLineEdit *>(QStringLiteral("searchEdit")));
    nav->setCurrentRow(1);
    QCOMPARE(pages->currentIndex(), 1);
    QVERIFY(pages->currentWidget()->findChild<QLabel *>() != nullptr);
    nav->setCurrentRow(0);
    QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("settingsReferencePage"));

    auto *status = window.findChild<QLabel *>(QStringLiteral("catalogStatus"));
    QVERIFY(status);
    QCOMPARE(status->text(), QStringLiteral("%1 settings loaded").arg(m_catalog.settings().size()));

    // Ctrl+F returns to the search box from anywhere on the page.
    window.findChild<QTreeView *>(QStringLiteral("settingsView"))->setFocus();
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    QCOMPARE(QApplication::focusWidget(), window.findChild<QLineEdit *>(QStringLiteral("searchEdit")));
}

QTEST_MAIN(TestSettingsPage)
#include "tst_settingspage.moc"
