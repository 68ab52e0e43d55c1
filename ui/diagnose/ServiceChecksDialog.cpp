#include "ui/diagnose/ServiceChecksDialog.h"

#include "core/catalog/Catalog.h"
#include "core/check/HostReadiness.h"
#include "core/check/IisConfig.h"
#include "core/check/WinrmCheck.h"
#include "core/directory/SpnDirectory.h"
#include "core/registry/StoreFactory.h"
#include "ui/diagnose/FindingsView.h"
#include "ui/directory/DirectorySession.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace ssod::ui {

namespace {

using core::probe::ProbeReport;

ProbeReport failed(const QString &probe, const QString &target, const QString &error)
{
    ProbeReport r;
    r.probe = probe;
    r.target = target;
    r.outcome = core::probe::Outcome::Failed;
    r.error = error;
    return r;
}

ProbeReport runIis(const QString &config, const QString &web, const QString &computer,
    std::shared_ptr<QList<core::check::IisAppReport>> appsOut)
{
    QFile f(config);
    if (!f.open(QIODevice::ReadOnly))
        return failed(QStringLiteral("iis"), config, ServiceChecksDialog::tr("%1 cannot be read: %2").arg(config, f.errorString()));
    const qsizetype cap = 64 << 20;
    const auto c = core::check::parseApplicationHost(f.read(cap + 1), config, cap);
    if (!c)
        return failed(QStringLiteral("iis"), config, c.error().toString());
    QMap<QString, core::check::WinAuthLayer> layers;
    if (!web.isEmpty()) {
        // "Site/app=FILE", or a bare file for the first site.
        const QString location = web.contains(QLatin1Char('=')) ? web.section(QLatin1Char('='), 0, 0)
                                                                  : c->sites.value(0).name;
        const QString path = web.contains(QLatin1Char('=')) ? web.section(QLatin1Char('='), 1) : web;
        QFile w(path);
        if (!w.open(QIODevice::ReadOnly))
            return failed(QStringLiteral("iis"), config, ServiceChecksDialog::tr("%1 cannot be read: %2").arg(path, w.errorString()));
        const auto layer = core::check::parseWebConfigWinAuth(w.read(16 << 20), path);
        if (!layer)
            return failed(QStringLiteral("iis"), config, layer.error().toString());
        if (*layer)
            layers.insert(location, **layer);
    }
    ProbeReport r;
    r.probe = QStringLiteral("iis");
    r.target = QFileInfo(config).fileName();
    *appsOut = core::check::IisCheck::applications(*c, layers, computer);
    r.findings = core::check::IisCheck::findings(*appsOut);
    return r;
}

ProbeReport runWinrm(const QString &file, const QString &host, std::shared_ptr<const std::atomic<bool>> cancel)
{
    core::registry::ReadOptions o;
    o.keys = core::check::WinrmCheck::keysRead();
    auto store = core::registry::openStore(file, {}, false, o);
    if (!store)
        return failed(QStringLiteral("winrm"), file, store.error().toString());
    const auto s = core::check::WinrmCheck::read(**store);
    if (!s)
        return failed(QStringLiteral("winrm"), file, s.error().toString());
    ProbeReport r;
    r.probe = QStringLiteral("winrm");
    r.target = QFileInfo(file).fileName();
    // With the server's name, the certificate its HTTPS listener presents (the TLS probe).
    QString presented;
    QList<core::Finding> tls;
    for (const auto &l : s->listeners) {
        if (!l.https || host.isEmpty())
            continue;
        const ProbeReport t = core::probe::runProbe({ QStringLiteral("tls"), QStringLiteral("%1:%2").arg(host).arg(l.port),
                                                        { { QStringLiteral("purpose"), QStringLiteral("winrm") },
                                                            { QStringLiteral("name"), host }, { QStringLiteral("noRevocation"), true } },
                                                        10000 },
            cancel);
        const QJsonArray chain = t.data.value(QStringLiteral("chain")).toArray();
        if (!chain.isEmpty())
            presented = chain.first().toObject().value(QStringLiteral("sha1")).toString();
        tls = t.findings;
        break;
    }
    const QString computer = host.section(QLatin1Char('.'), 0, 0);
    r.findings = core::check::WinrmCheck::findings(
        *s, host, computer.isEmpty() ? QString() : computer.toUpper() + QLatin1Char('$'), {}, presented);
    r.findings += tls;
    return r;
}

ProbeReport runHost(const QString &roleId, const QString &software, const QString &system, const QStringList &farms,
    const QString &certificate)
{
    const auto &roles = core::check::builtinHostRoles();
    if (!roles)
        return failed(QStringLiteral("host"), roleId, roles.error().toString());
    const core::check::HostRole *role = nullptr;
    for (const auto &r : *roles)
        if (r.id == roleId)
            role = &r;
    if (!role)
        return failed(QStringLiteral("host"), roleId, ServiceChecksDialog::tr("unknown role %1").arg(roleId));
    static const auto catalog = core::catalog::Catalog::loadBuiltin();
    if (!catalog)
        return failed(QStringLiteral("host"), roleId, catalog.error().toString());
    std::unique_ptr<core::registry::RegistryStore> sw, sy;
    core::registry::ReadOptions o;
    o.keys = core::check::HostReadiness::keysRead();
    for (const auto &[path, store] : { std::pair { software, &sw }, std::pair { system, &sy } }) {
        if (path.isEmpty())
            continue;
        auto opened = core::registry::openStore(path, {}, false, o);
        if (!opened)
            return failed(QStringLiteral("host"), roleId, opened.error().toString());
        *store = std::move(*opened);
    }
    core::check::HostReadiness::Input in;
    in.stores = { sw.get(), sy.get() };
    in.catalog = &*catalog;
    in.farms = farms;
    ProbeReport r;
    r.probe = QStringLiteral("host");
    r.target = role->title;
    r.findings = core::check::HostReadiness::check(*role, in);
    // The host's certificate, checked for the name users type (the first farm name).
    if (!certificate.isEmpty() && !farms.isEmpty())
        r.findings += core::probe::runProbe({ QStringLiteral("tls"), certificate,
                                                { { QStringLiteral("name"), farms.first() },
                                                    { QStringLiteral("purpose"), QStringLiteral("rdp") } },
                                                10000 })
                          .findings;
    return r;
}

} // namespace

/// A labelled line edit with a placeholder: the rows that are not files.
static QLineEdit *textRow(QWidget *page, QFormLayout *form, const QString &label, const QString &objectName,
    const QString &placeholder)
{
    auto *edit = new QLineEdit(page);
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    form->addRow(label, edit);
    return edit;
}

QLineEdit *ServiceChecksDialog::fileRow(QWidget *page, QFormLayout *form, const QString &label, const QString &objectName,
    const QString &filter)
{
    auto *edit = new QLineEdit(page);
    edit->setObjectName(objectName);
    auto *browse = new QPushButton(tr("Browse\u2026"), page);
    auto *row = new QHBoxLayout;
    row->addWidget(edit, 1);
    row->addWidget(browse);
    form->addRow(label, row);
    if (auto *l = qobject_cast<QLabel *>(form->labelForField(row)))
        l->setBuddy(edit);
    connect(browse, &QPushButton::clicked, this, [this, edit, filter] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Choose a File"),
            edit->text().isEmpty() ? QString() : QFileInfo(edit->text()).absolutePath(), filter);
        if (!path.isEmpty())
            edit->setText(path);
    });
    return edit;
}

ServiceChecksDialog::ServiceChecksDialog(QWidget *parent)
    : QDialog(parent), m_kind(new QComboBox(this)), m_pages(new QStackedWidget(this)),
      m_run(new QPushButton(tr("&Check"), this)), m_status(new QLabel(this)), m_findings(new FindingsView(this))
{
    setObjectName(QStringLiteral("serviceChecksDialog"));
    setWindowTitle(tr("Service Checks"));
    m_kind->setObjectName(QStringLiteral("checkKindCombo"));
    m_run->setObjectName(QStringLiteral("checkRunButton"));
    m_status->setObjectName(QStringLiteral("checkStatus"));
    m_status->setWordWrap(true);
    m_kind->addItem(tr("IIS Windows authentication (applicationHost.config)"));
    m_kind->addItem(tr("WinRM settings (a computer's registry file)"));
    m_kind->addItem(tr("Host readiness for its role (SOFTWARE and SYSTEM)"));
    const QString configs = tr("Configuration (*.config);;All files (*)");
    const QString registry = tr("Registry files (*.reg *.pol SOFTWARE SYSTEM);;All files (*)");

    auto *iis = new QWidget(m_pages);
    auto *iisForm = new QFormLayout(iis);
    m_iisConfig = fileRow(iis, iisForm, tr("&applicationHost.config:"), QStringLiteral("iisConfigEdit"), configs);
    m_iisWeb = fileRow(iis, iisForm, tr("A site's &web.config:"), QStringLiteral("iisWebEdit"), configs);
    m_iisWeb->setPlaceholderText(tr("optional; SITE/APP=FILE, or FILE for the first site"));
    m_iisComputer = textRow(iis, iisForm, tr("Ser&ver name:"), QStringLiteral("iisComputerEdit"),
        tr("optional; the server's name, for its computer account"));
    m_pages->addWidget(iis);

    auto *winrm = new QWidget(m_pages);
    auto *winrmForm = new QFormLayout(winrm);
    m_winrmFile = fileRow(winrm, winrmForm, tr("&Registry file:"), QStringLiteral("winrmFileEdit"), registry);
    m_winrmHost = textRow(winrm, winrmForm, tr("Ser&ver:"), QStringLiteral("winrmHostEdit"),
        tr("optional; the server the client connects to (TrustedHosts)"));
    m_pages->addWidget(winrm);

    auto *host = new QWidget(m_pages);
    auto *hostForm = new QFormLayout(host);
    m_role = new QComboBox(host);
    m_role->setObjectName(QStringLiteral("hostRoleCombo"));
    if (const auto &roles = core::check::builtinHostRoles())
        for (const auto &r : *roles)
            m_role->addItem(r.title, r.id);
    hostForm->addRow(tr("R&ole:"), m_role);
    m_software = fileRow(host, hostForm, tr("&SOFTWARE:"), QStringLiteral("hostSoftwareEdit"), registry);
    m_system = fileRow(host, hostForm, tr("S&YSTEM:"), QStringLiteral("hostSystemEdit"), registry);
    m_farms = textRow(host, hostForm, tr("Far&m names:"), QStringLiteral("hostFarmsEdit"),
        tr("the farm name users type and the host names (a session host: its own name first)"));
    m_certificate = fileRow(host, hostForm, tr("Host's cer&tificate:"), QStringLiteral("hostCertificateEdit"),
        tr("Certificates (*.cer *.crt *.pem *.p7b);;All files (*)"));
    m_certificate->setPlaceholderText(tr("optional; checked for the first farm name"));
    m_pages->addWidget(host);

    auto *kindRow = new QFormLayout;
    kindRow->addRow(tr("C&heck:"), m_kind);
    auto *runRow = new QHBoxLayout;
    runRow->addWidget(m_run);
    runRow->addWidget(m_status, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(kindRow);
    layout->addWidget(m_pages);
    layout->addLayout(runRow);
    layout->addWidget(m_findings, 1);
    layout->addWidget(buttons);
    connect(m_kind, &QComboBox::currentIndexChanged, m_pages, &QStackedWidget::setCurrentIndex);
    connect(m_run, &QPushButton::clicked, this, [this] { run(); });
    connect(m_findings, &FindingsView::fixRequested, this, &ServiceChecksDialog::fixRequested);
    connect(&m_watcher, &QFutureWatcher<ProbeReport>::finished, this, [this] {
        const ProbeReport r = m_watcher.result();
        showReport(r);
        if (!lookUpSpns(r)) {
            m_run->setEnabled(true);
            emit checkFinished();
        }
    });
    resize(1000, 640);
}

ServiceChecksDialog::~ServiceChecksDialog()
{
    // File reads end on their own and a listener's TLS check at once when cancelled; the result
    // needs this object.
    m_cancel->store(true);
    m_watcher.waitForFinished();
}

void ServiceChecksDialog::setKind(Kind kind)
{
    m_kind->setCurrentIndex(int(kind));
}

void ServiceChecksDialog::setIisFiles(const QString &applicationHost, const QString &webConfig)
{
    setKind(Kind::Iis);
    m_iisConfig->setText(applicationHost);
    m_iisWeb->setText(webConfig);
}

void ServiceChecksDialog::setWinrmFile(const QString &file, const QString &host)
{
    setKind(Kind::Winrm);
    m_winrmFile->setText(file);
    m_winrmHost->setText(host);
}

void ServiceChecksDialog::setHostCertificate(const QString &file)
{
    m_certificate->setText(file);
}

void ServiceChecksDialog::setHostFiles(const QString &role, const QString &software, const QString &system, const QString &farms)
{
    setKind(Kind::Host);
    m_role->setCurrentIndex(std::max(0, m_role->findData(role)));
    m_software->setText(software);
    m_system->setText(system);
    m_farms->setText(farms);
}

void ServiceChecksDialog::setDirectorySession(DirectorySession *session)
{
    m_session = session;
}

void ServiceChecksDialog::showReport(const ProbeReport &r)
{
    m_findings->clear();
    m_findings->addReport(r);
    m_findings->selectWorst();
    int errors = r.outcome == core::probe::Outcome::Failed ? 1 : 0;
    for (const core::Finding &f : r.findings)
        errors += f.severity == core::Severity::Error ? 1 : 0;
    m_status->setText(!r.error.isEmpty() ? tr("Not checked: %1").arg(r.error)
            : errors == 0               ? tr("Done: no error.")
                                        : tr("Done: %n errors.", nullptr, errors));
}

bool ServiceChecksDialog::lookUpSpns(const ProbeReport &report)
{
    if (!m_session || !m_session->isConnected() || !m_pending || !report.error.isEmpty())
        return false;
    const std::shared_ptr<Pending> pending = m_pending;
    QStringList spns;
    for (const auto &app : std::as_const(pending->iisApps))
        spns += app.spns;
    if (!pending->winrmHost.isEmpty())
        spns << QStringLiteral("HTTP/") + pending->winrmHost;
    for (const QString &n : std::as_const(pending->termsrvNames))
        spns << QStringLiteral("TERMSRV/") + n;
    spns.removeDuplicates();
    if (spns.isEmpty())
        return false;
    m_status->setText(m_status->text() + QLatin1Char(' ') + tr("Looking the SPNs up in %1\u2026").arg(m_session->description()));
    using Holders = QMap<QString, QStringList>;
    m_session->run<Holders>(
        tr("Looking up SPNs"),
        [spns](core::directory::LdapConnection &c, const std::atomic<bool> &cancel) -> core::Result<Holders> {
            core::directory::SpnDirectory directory(c);
            Holders out;
            for (const QString &spn : spns) {
                auto r = directory.resolve(spn, &cancel);
                if (!r)
                    return r.error();
                // The HOST/ alias of a computer answers WinRM's HTTP/host: that is no conflict.
                out.insert(spn, spn.startsWith(QLatin1String("HTTP/")) && r->viaHostAlias ? QStringList() : r->accounts());
            }
            return out;
        },
        this,
        [this, report, pending](core::Result<Holders> result) {
            ProbeReport r = report;
            if (!result) {
                showReport(r);
                m_status->setText(m_status->text() + QLatin1Char(' ')
                    + tr("The directory could not be asked: %1").arg(result.error().message));
            } else {
                const Holders held = *result;
                const core::check::SpnHolders holders = [held](const QString &spn) -> core::Result<QStringList> {
                    return held.value(spn);
                };
                if (!pending->iisApps.isEmpty()) {
                    r.findings = core::check::IisCheck::findings(pending->iisApps, holders);
                } else if (!pending->winrmHost.isEmpty()) {
                    // Only the SPN part is new: the settings' findings stay as the file gave them.
                    for (const core::Finding &f :
                        core::check::WinrmCheck::findings({}, pending->winrmHost, pending->computerAccount, holders, {}))
                        if (f.id.startsWith(QLatin1String("winrm.spn")) || f.id == QLatin1String("iis.spn-unchecked"))
                            r.findings << f;
                } else if (!pending->termsrvNames.isEmpty()) {
                    r.findings += core::check::HostReadiness::farmSpns(pending->termsrvNames, pending->computerAccount, holders);
                }
                showReport(r);
            }
            m_run->setEnabled(true);
            emit checkFinished();
        },
        DirectorySession::JobKind::ReadOnly);
    return true;
}

bool ServiceChecksDialog::isRunning() const
{
    return m_watcher.isRunning();
}

QString ServiceChecksDialog::statusText() const
{
    return m_status->text();
}

bool ServiceChecksDialog::run()
{
    if (isRunning())
        return false;
    QFuture<ProbeReport> future;
    switch (Kind(m_kind->currentIndex())) {
    case Kind::Iis: {
        const QString config = m_iisConfig->text().trimmed();
        if (config.isEmpty()) {
            m_status->setText(tr("Choose the server's applicationHost.config (%windir%\\System32\\inetsrv\\config)."));
            m_iisConfig->setFocus();
            return false;
        }
        auto apps = std::make_shared<QList<core::check::IisAppReport>>();
        m_pending = std::make_shared<Pending>();
        const auto pending = m_pending;
        future = QtConcurrent::run([config, web = m_iisWeb->text().trimmed(), computer = m_iisComputer->text().trimmed(),
                                       apps, pending] {
            ProbeReport r = runIis(config, web, computer, apps);
            pending->iisApps = *apps;
            return r;
        });
        break;
    }
    case Kind::Winrm: {
        const QString file = m_winrmFile->text().trimmed();
        if (file.isEmpty()) {
            m_status->setText(tr("Choose a registry file of the computer (.reg export, Registry.pol or SOFTWARE hive)."));
            m_winrmFile->setFocus();
            return false;
        }
        m_pending = std::make_shared<Pending>();
        m_pending->winrmHost = m_winrmHost->text().trimmed();
        const QString computer = m_pending->winrmHost.section(QLatin1Char('.'), 0, 0);
        m_pending->computerAccount = computer.isEmpty() ? QString() : computer.toUpper() + QLatin1Char('$');
        future = QtConcurrent::run(runWinrm, file, m_winrmHost->text().trimmed(),
            std::shared_ptr<const std::atomic<bool>>(m_cancel));
        break;
    }
    case Kind::Host: {
        const QString sw = m_software->text().trimmed(), sy = m_system->text().trimmed();
        if (sw.isEmpty() && sy.isEmpty()) {
            m_status->setText(tr("Choose the host's SOFTWARE and SYSTEM hives (or .reg exports of them)."));
            m_software->setFocus();
            return false;
        }
        static const QRegularExpression separators(QStringLiteral("[\\s,;]+"));
        const QStringList farms = m_farms->text().split(separators, Qt::SkipEmptyParts);
        m_pending = std::make_shared<Pending>();
        if (m_role->currentData().toString() == QLatin1String("rds-session-host") && !farms.isEmpty()) {
            // The first name is the host's own (its account answers TERMSRV/), the rest farm names.
            m_pending->termsrvNames = farms;
            m_pending->computerAccount = farms.first().section(QLatin1Char('.'), 0, 0).toUpper() + QLatin1Char('$');
        }
        if (!m_certificate->text().trimmed().isEmpty() && farms.isEmpty()) {
            m_status->setText(tr("Give the farm name users type: the certificate is checked for it."));
            m_farms->setFocus();
            return false;
        }
        future = QtConcurrent::run(runHost, m_role->currentData().toString(), sw, sy, farms, m_certificate->text().trimmed());
        break;
    }
    }
    m_status->setText(tr("Reading\u2026"));
    m_run->setEnabled(false);
    m_watcher.setFuture(future);
    return true;
}

} // namespace ssod::ui
