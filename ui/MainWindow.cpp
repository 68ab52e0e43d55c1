#include "ui/MainWindow.h"

#include "ui/ComingSoonPage.h"
#include "ui/diagnose/DiagnosePage.h"
#include "ui/directory/DirectoryPage.h"
#include "ui/directory/DirectorySession.h"
#include "ui/settings/SettingsReferencePage.h"
#include "ui/wizards/SettingsWizard.h"
#include "ui/rdp/RdpInspectorDialog.h"
#include "ui/wizards/WizardsPage.h"
#include "ui/wizards/cert/CertificateWizard.h"
#include "ui/wizards/spn/SpnWizard.h"

#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>

namespace ssod::ui {

MainWindow::MainWindow(core::catalog::Catalog catalog, QWidget *parent)
    : QMainWindow(parent), m_catalog(std::move(catalog)), m_navigation(new QListWidget(this)),
      m_pages(new QStackedWidget(this)), m_directorySession(new DirectorySession(this))
{
    setWindowTitle(tr("SSO Doctor"));
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setAccessibleName(tr("Areas"));
    m_navigation->setSpacing(2);
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_pages->setObjectName(QStringLiteral("pages"));

    m_settingsPage = new SettingsReferencePage(m_catalog, m_pages);
    addPage(tr("Settings reference"), m_settingsPage, true);
    m_diagnosePage = new DiagnosePage(m_pages);
    addPage(tr("Diagnose"), m_diagnosePage, true);
    connect(m_diagnosePage, &DiagnosePage::fixRequested, this, [this](const core::Finding &f) {
        if (!openFix(f))
            statusBar()->showMessage(tr("No tool here fixes this yet: %1").arg(f.fix ? f.fix->text : f.title), 8000);
    });
    auto definitions = core::wizard::loadBuiltinWizards(m_catalog);
    if (definitions)
        m_wizards = *definitions;
    auto *wizardsPage
        = new WizardsPage(m_wizards, definitions ? QString() : definitions.error().toString(), m_pages);
    connect(wizardsPage, &WizardsPage::startRequested, this, [this](const QString &id) { startWizard(id); });
    connect(wizardsPage, &WizardsPage::rdpInspectorRequested, this, [this] {
        auto *dialog = new RdpInspectorDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    addPage(tr("Wizards"), wizardsPage, true);
    m_diagnosePage->setDirectorySession(m_directorySession);
    m_directoryPage = new DirectoryPage(*m_directorySession, m_pages);
    addPage(tr("Directory"), m_directoryPage, true);
    addPage(tr("Bundles"),
        new ComingSoonPage(tr("Bundles"),
            tr("Diagnostic bundles: findings, the settings involved and their evidence in one "
               "file to attach to a support ticket; arrives in a later release."),
            m_pages),
        false);

    // As wide as the longest entry, so the pages get the rest.
    m_navigation->setFixedWidth(m_navigation->sizeHintForColumn(0) + 2 * m_navigation->frameWidth() + 8);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    connect(m_settingsPage, &SettingsReferencePage::statusMessage, this,
        [this](const QString &message) { statusBar()->showMessage(message, 8000); });

    createMenus();
    auto *loaded = new QLabel(tr("%1 settings loaded").arg(m_catalog.settings().size()), this);
    loaded->setObjectName(QStringLiteral("catalogStatus"));
    statusBar()->addPermanentWidget(loaded);

    showPage(SettingsReference);
    m_settingsPage->setFocus(Qt::OtherFocusReason);
    // A 1366×768 laptop keeps a title bar and a taskbar of its 768 rows: stay below 700.
    resize(1240, 680);
}

void MainWindow::addPage(const QString &name, QWidget *page, bool available)
{
    m_pages->addWidget(page);
    auto *item = new QListWidgetItem(name, m_navigation);
    item->setSizeHint(QSize(
        m_navigation->fontMetrics().horizontalAdvance(name) + 24, m_navigation->fontMetrics().height() * 2));
    if (!available) {
        // Still selectable, so the page can say what is coming; muted so nobody expects it to work.
        item->setForeground(m_navigation->palette().brush(QPalette::PlaceholderText));
        item->setToolTip(tr("Arrives in a later release"));
    }
}

SettingsWizard *MainWindow::startWizard(const QString &id)
{
    for (const auto &w : std::as_const(m_wizards)) {
        if (w.id != id)
            continue;
        if (w.kind == core::wizard::WizardDefinition::Kind::SpnRegistration) {
            // The SPN wizard works on the Directory page's connection.
            auto *wizard = new SpnWizard(w, m_directorySession, this);
            wizard->setAttribute(Qt::WA_DeleteOnClose);
            wizard->setWindowModality(Qt::WindowModal);
            wizard->show();
            return nullptr;
        }
        if (w.kind == core::wizard::WizardDefinition::Kind::CertificateCheck) {
            auto *wizard = new CertificateWizard(w, this);
            wizard->setAttribute(Qt::WA_DeleteOnClose);
            wizard->setWindowModality(Qt::WindowModal);
            // Fix… on a finding (a slow CRL → the root-update wizard) opens it over this one.
            connect(wizard, &CertificateWizard::fixRequested, this, [this](const core::Finding &f) { openFix(f); });
            wizard->show();
            return nullptr;
        }
        auto *wizard = new SettingsWizard(w, m_catalog, this);
        wizard->setAttribute(Qt::WA_DeleteOnClose);
        wizard->setWindowModality(Qt::WindowModal);
        wizard->show();
        return wizard;
    }
    return nullptr;
}

bool MainWindow::openFix(const core::Finding &finding)
{
    if (!finding.fix)
        return false;
    const core::FindingFix &fix = *finding.fix;
    switch (fix.kind) {
    case core::FindingFix::Kind::Wizard:
        for (const auto &w : std::as_const(m_wizards))
            if (w.id == fix.id) {
                startWizard(fix.id);
                return true;
            }
        return false;
    case core::FindingFix::Kind::Setting:
        showPage(SettingsReference);
        return m_settingsPage->selectSetting(fix.id, fix.inputs.value(QStringLiteral("value")).toString());
    case core::FindingFix::Kind::Spn: {
        for (const auto &w : std::as_const(m_wizards)) {
            if (w.kind != core::wizard::WizardDefinition::Kind::SpnRegistration)
                continue;
            // "HTTP/web.contoso.com:8080" → class HTTP, name web.contoso.com, port 8080.
            const QString spn = fix.inputs.value(QStringLiteral("spn")).toString();
            core::directory::FarmPlanInput in;
            in.classes << spn.section(QLatin1Char('/'), 0, 0);
            QString host = spn.section(QLatin1Char('/'), 1, 1);
            if (const qsizetype colon = host.indexOf(QLatin1Char(':')); colon > 0) {
                in.ports << quint16(host.mid(colon + 1).toUInt());
                host = host.left(colon);
            }
            in.names << host.section(QLatin1Char('.'), 0, 0);
            in.domain = host.section(QLatin1Char('.'), 1);
            in.account = fix.inputs.value(QStringLiteral("account")).toString();
            auto *wizard = new SpnWizard(w, m_directorySession, this);
            wizard->setAttribute(Qt::WA_DeleteOnClose);
            wizard->setWindowModality(Qt::WindowModal);
            if (!spn.isEmpty())
                wizard->prefill(in);
            wizard->show();
            return true;
        }
        return false;
    }
    case core::FindingFix::Kind::RdpFile:
        return false;
    }
    return false;
}

void MainWindow::showPage(Page page)
{
    m_navigation->setCurrentRow(int(page));
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *exportAction = file->addAction(tr("&Export Selected\u2026"));
    exportAction->setObjectName(QStringLiteral("exportAction"));
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(exportAction, &QAction::triggered, this, [this] {
        showPage(SettingsReference);
        m_settingsPage->exportWithDialog();
    });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &QMainWindow::close);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *aboutAction = help->addAction(tr("&About SSO Doctor"));
    aboutAction->setMenuRole(QAction::AboutRole);
    connect(aboutAction, &QAction::triggered, this, &MainWindow::about);
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About SSO Doctor"),
        tr("<h3>SSO Doctor %1</h3>"
           "<p>Finds out why Windows single sign-on (Kerberos, CredSSP, Remote Desktop) does not work, and "
           "exports the registry and Group Policy settings that fix it.</p>"
           "<p>The settings reference describes %2 settings: what each one does, why, its risk, registry "
           "location and Group Policy path.</p>")
            .arg(QCoreApplication::applicationVersion().toHtmlEscaped())
            .arg(m_catalog.settings().size()));
}

} // namespace ssod::ui
