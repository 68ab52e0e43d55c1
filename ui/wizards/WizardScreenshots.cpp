#include "ui/wizards/WizardScreenshots.h"

#include "core/registry/FileStore.h"
#include "ui/rdp/RdpInspectorDialog.h"

#include "core/registry/RegOp.h"
#include "core/registry/StoreFactory.h"
#include "ui/MainWindow.h"
#include "ui/wizards/SettingsWizard.h"
#include "ui/wizards/pages/VerifyPage.h"

#include <QCoreApplication>
#include <QDir>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QTimer>

namespace ssod::ui {

using core::registry::RegOp;
using core::registry::RegValue;

namespace {

/// What the demo target already holds, so Review shows changed values next to added ones.
core::registry::RegOps demoSeed(const QString &id)
{
    const QString hklm = QStringLiteral("HKEY_LOCAL_MACHINE\\");
    if (id == QLatin1String("farm-sso"))
        return {RegOp::set(hklm + QStringLiteral("SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation"),
                           QStringLiteral("AllowDefaultCredentials"), RegValue::fromDword(0))};
    if (id == QLatin1String("rdp-host"))
        return {RegOp::set(hklm + QStringLiteral("SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp"),
                           QStringLiteral("SecurityLayer"), RegValue::fromDword(0))};
    if (id == QLatin1String("credssp"))
        return {RegOp::set(hklm + QStringLiteral("SYSTEM\\CurrentControlSet\\Control\\Lsa"), QStringLiteral("Security Packages"),
                           RegValue::fromMultiString({QStringLiteral("kerberos"), QStringLiteral("msv1_0")})),
                RegOp::set(hklm + QStringLiteral("SYSTEM\\CurrentControlSet\\Control\\SecurityProviders"),
                           QStringLiteral("SecurityProviders"), RegValue::fromString(QStringLiteral("msapsspc.dll, schannel.dll")))};
    return {};
}

} // namespace

WizardScreenshots::WizardScreenshots(MainWindow &window, const QString &dir, QObject *parent)
    : QObject(parent), m_window(window), m_dir(dir)
{
}

void WizardScreenshots::start()
{
    if (!QDir().mkpath(m_dir)) {
        Q_EMIT finished(tr("cannot create %1").arg(m_dir));
        return;
    }
    m_demoDir = QDir::temp().filePath(QStringLiteral("ssod-screenshots-%1").arg(QCoreApplication::applicationPid()));
    QDir(m_demoDir).removeRecursively();
    QDir().mkpath(m_demoDir);
    m_steps << [this] {
        m_window.showPage(MainWindow::Wizards);
        return save(&m_window, QStringLiteral("main-window-wizards"));
    };
    for (const auto &w : m_window.wizards())
        if (w.kind == core::wizard::WizardDefinition::Kind::Settings) // the SPN wizard needs a DC: its test shoots it
            queueWizard(w.id);
    m_steps << [this] {
        // A broker-farm connection file as mstsc writes it (UTF-16LE, CRLF) with two SSO defeaters.
        const QString text = QStringLiteral("screen mode id:i:2\r\nfull address:s:rdcb01.contoso.com\r\n"
                                            "authentication level:i:2\r\nprompt for credentials on client:i:1\r\n"
                                            "use redirection server name:i:0\r\nenablecredsspsupport:i:1\r\n"
                                            "loadbalanceinfo:s:tsv://MS Terminal Services Plugin.1.Desktops\r\n");
        QByteArray bytes("\xff\xfe", 2);
        for (QChar c : text)
            bytes.append(char(c.unicode() & 0xff)).append(char(c.unicode() >> 8));
        const QString demo = QDir(m_demoDir).filePath(QStringLiteral("Desktops.rdp"));
        if (!core::registry::writeFileAtomically(demo, bytes)) {
            m_error = tr("cannot write the demo file %1").arg(demo);
            return true;
        }
        auto *dialog = new RdpInspectorDialog(&m_window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
        dialog->loadFile(demo);
        const bool saved = save(dialog, QStringLiteral("rdp-inspector"));
        dialog->close();
        return saved;
    };
    schedule();
}

void WizardScreenshots::schedule()
{
    QTimer::singleShot(m_retries ? 100 : 50, this, [this] {
        if (m_steps.isEmpty() || !m_error.isEmpty()) {
            QDir(m_demoDir).removeRecursively();
            Q_EMIT finished(m_error);
            return;
        }
        if (m_steps.constFirst()()) {
            m_steps.removeFirst();
            m_retries = 0;
        } else if (++m_retries > 100) { // 10 s for a step that waits on a worker thread
            m_error = tr("a wizard page did not finish its work in time");
        }
        schedule();
    });
}

void WizardScreenshots::queueWizard(const QString &id)
{
    const QString demo = QDir(m_demoDir).filePath(id + QStringLiteral(".reg"));
    auto next = [this] {
        m_wizard->next();
        return true;
    };
    auto shot = [this, id](int n, const char *page) {
        return [this, id, n, page] { return save(m_wizard, QStringLiteral("%1-%2-%3").arg(id).arg(n).arg(QLatin1String(page))); };
    };
    m_steps << [this, id, demo] {
        auto store = core::registry::openStore(demo, {}, true);
        if (!store || !(*store)->commit(demoSeed(id))) {
            m_error = tr("cannot write the demo target %1").arg(demo);
            return true;
        }
        m_wizard = m_window.startWizard(id);
        return m_wizard != nullptr;
    };
    m_steps << shot(1, "problem") << next;
    m_steps << [this, demo] {
        m_wizard->findChild<QRadioButton *>(QStringLiteral("target-reg"))->click();
        m_wizard->findChild<QLineEdit *>(QStringLiteral("targetPathEdit"))->setText(demo);
        return true;
    };
    m_steps << [this] { return m_wizard->currentPage()->isComplete(); } << shot(2, "target") << next;
    m_steps << [this, id] {
        auto *add = m_wizard->findChild<QPushButton *>(QStringLiteral("addButton"));
        if (id == QLatin1String("farm-sso") && add) {
            m_wizard->findChild<QListWidget *>(QStringLiteral("spnList"))->item(0)->setText(QStringLiteral("TERMSRV/*.contoso.com"));
        } else if (id == QLatin1String("browser-sso") && add) {
            // As a user does it: quick-add "*.domain", then type the domain over the placeholder.
            m_wizard->findChild<QPushButton *>(QStringLiteral("template-0"))->click();
            auto *edit = m_wizard->findChild<QLineEdit *>(QStringLiteral("spnEdit"));
            edit->setFocus();
            edit->insert(QStringLiteral("contoso.com"));
        }
        return true;
    };
    m_steps << shot(3, "options") << next << shot(4, "review") << next;
    m_steps << [this] {
        if (auto *apply = m_wizard->findChild<QPushButton *>(QStringLiteral("applyButton")); apply && apply->isEnabled())
            apply->click();
        return true;
    };
    m_steps << [this] { return m_wizard->currentPage()->isComplete(); } << shot(5, "apply") << next;
    m_steps << [this] { return !static_cast<VerifyPage *>(m_wizard->currentPage())->isBusy(); } << shot(6, "verify");
    m_steps << [this] {
        delete m_wizard;
        m_wizard = nullptr;
        return true;
    };
}

bool WizardScreenshots::save(QWidget *widget, const QString &name)
{
    const QString file = QDir(m_dir).filePath(name + QStringLiteral(".png"));
    if (!widget->grab().save(file))
        m_error = tr("cannot write %1").arg(file);
    return true;
}

} // namespace ssod::ui
