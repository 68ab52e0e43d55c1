#include "core/catalog/Catalog.h"
#include "core/directory/DnsWait.h"
#include "core/probe/ProbeRunner.h"
#include "ui/MainWindow.h"
#include "ui/diagnose/DiagnosePage.h"
#include "ui/diagnose/FindingsView.h"
#include "ui/Translations.h"
#include "ui/directory/DirectoryPage.h"
#include "ui/settings/SettingsReferencePage.h"
#include "ui/wizards/WizardScreenshots.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QTimer>
#include <cstdio>
#include <cstdlib>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("SSO Doctor"));
    QApplication::setOrganizationName(QStringLiteral("SSO Doctor"));
    QApplication::setApplicationVersion(QStringLiteral(SSOD_VERSION));
    ssod::ui::installTranslators(app);

    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addVersionOption();
    // For screenshots and support instructions: open with one setting selected.
    QCommandLineOption select(QStringLiteral("select"),
        QStringLiteral("Select setting ID (ID=VALUE sets its value)."), QStringLiteral("ID[=VALUE]"));
    select.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(select);
    // For docs/screenshots: walk every wizard page against a demo target, save PNGs, quit.
    QCommandLineOption screenshots(QStringLiteral("screenshots"),
        QStringLiteral("Save a PNG of every wizard page into DIR, then quit."), QStringLiteral("DIR"));
    screenshots.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(screenshots);
    // Connect the Directory page at start with the user's Kerberos ticket (also SSOD_DIRECTORY_DC).
    QCommandLineOption connectDc(QStringLiteral("connect-dc"),
        QStringLiteral("Connect the Directory page to domain controller HOST[:PORT] with your Kerberos ticket."),
        QStringLiteral("HOST[:PORT]"));
    parser.addOption(connectDc);
    QCommandLineOption page(QStringLiteral("page"),
        QStringLiteral("Open PAGE (diagnose, directory, wizards, settings)."), QStringLiteral("PAGE"));
    parser.addOption(page);
    // Diagnose at start: a scenario, its names (repeat --diagnose-target) and a DC; runs at once.
    QCommandLineOption diagnose(QStringLiteral("diagnose"),
        QStringLiteral("Open Diagnose and run SCENARIO (rds-farm, web, winrm, web-farm, session-connector)."),
        QStringLiteral("SCENARIO"));
    parser.addOption(diagnose);
    QCommandLineOption diagnoseTarget(QStringLiteral("diagnose-target"),
        QStringLiteral("A name or URL for --diagnose (repeat for several)."), QStringLiteral("TARGET"));
    parser.addOption(diagnoseTarget);
    QCommandLineOption diagnoseDc(QStringLiteral("diagnose-dc"),
        QStringLiteral("The domain controller --diagnose checks."), QStringLiteral("HOST"));
    parser.addOption(diagnoseDc);
    QCommandLineOption diagnoseCa(QStringLiteral("diagnose-ca-file"),
        QStringLiteral("A PEM file of CA certificates --diagnose trusts besides the system's."), QStringLiteral("FILE"));
    parser.addOption(diagnoseCa);
    QCommandLineOption diagnosePolicy(QStringLiteral("diagnose-policy"),
        QStringLiteral("A file of the client's settings (.reg, Registry.pol, hive, browser JSON) for --diagnose."),
        QStringLiteral("FILE"));
    parser.addOption(diagnosePolicy);
    // For docs/screenshots: when the --diagnose run ends, select its worst finding, save the window.
    QCommandLineOption diagnoseShot(QStringLiteral("diagnose-screenshot"),
        QStringLiteral("With --diagnose: save a PNG of the window to FILE when the run ends, then quit."),
        QStringLiteral("FILE"));
    parser.addOption(diagnoseShot);
    parser.process(app);

    auto catalog = ssod::core::catalog::Catalog::loadBuiltin();
    if (!catalog) {
        QMessageBox::critical(nullptr, QCoreApplication::translate("main", "SSO Doctor"),
            QCoreApplication::translate("main", "The settings catalog could not be loaded:\n\n%1")
                .arg(catalog.error().toString()));
        return 2;
    }

    ssod::ui::MainWindow window(std::move(*catalog));
    if (parser.isSet(select)) {
        const QString spec = parser.value(select);
        const qsizetype eq = spec.indexOf(QLatin1Char('='));
        window.settingsPage()->selectSetting(
            eq < 0 ? spec : spec.left(eq), eq < 0 ? QString() : spec.mid(eq + 1));
    }
    const QString dc = parser.isSet(connectDc) ? parser.value(connectDc) : qEnvironmentVariable("SSOD_DIRECTORY_DC");
    if (!dc.isEmpty()) {
        ssod::core::directory::ConnectionOptions options;
        options.dc = dc;
        window.directoryPage()->connectWith(options);
    }
    if (parser.isSet(page)) {
        const QString p = parser.value(page).toLower();
        if (p == QLatin1String("diagnose"))
            window.showPage(ssod::ui::MainWindow::Diagnose);
        else if (p == QLatin1String("directory"))
            window.showPage(ssod::ui::MainWindow::Directory);
        else if (p == QLatin1String("wizards"))
            window.showPage(ssod::ui::MainWindow::Wizards);
        else if (p == QLatin1String("settings"))
            window.showPage(ssod::ui::MainWindow::SettingsReference);
        else
            qWarning("--page: unknown page %s (diagnose, directory, wizards, settings)", qPrintable(p));
    }
    if (parser.isSet(diagnose)) {
        ssod::ui::DiagnosePage *d = window.diagnosePage();
        if (!d->setScenario(parser.value(diagnose)))
            qWarning("--diagnose: unknown scenario %s", qPrintable(parser.value(diagnose)));
        d->setTargets(parser.values(diagnoseTarget));
        d->setDomainController(parser.value(diagnoseDc));
        d->setCaFile(parser.value(diagnoseCa));
        d->setPolicyFile(parser.value(diagnosePolicy));
        window.showPage(ssod::ui::MainWindow::Diagnose);
        QTimer::singleShot(0, d, [d] { d->run(); });
        if (parser.isSet(diagnoseShot)) {
            const QString file = parser.value(diagnoseShot);
            QObject::connect(d, &ssod::ui::DiagnosePage::runFinished, &window, [&window, d, file] {
                d->findingsView()->selectWorst();
                QTimer::singleShot(300, &window, [&window, file] {
                    const bool saved = window.grab().save(file);
                    if (!saved)
                        qCritical("--diagnose-screenshot: cannot write %s", qPrintable(file));
                    QCoreApplication::exit(saved ? 0 : 1);
                });
            });
        }
    }
    window.show();
    if (parser.isSet(screenshots)) {
        auto *tour = new ssod::ui::WizardScreenshots(window, parser.value(screenshots), &window);
        QObject::connect(tour, &ssod::ui::WizardScreenshots::finished, &app, [](const QString &error) {
            if (!error.isEmpty())
                qCritical("screenshots: %s", qPrintable(error));
            QCoreApplication::exit(error.isEmpty() ? 0 : 1);
        });
        tour->start();
    }
    const int code = QApplication::exec();
    // A probe thread still blocked in a library call past its deadline would outlive the static
    // objects it uses: leave without destroying them.
    // Likewise Qt waits at exit for a resolver thread still retrying a silent DNS server.
    if (ssod::core::probe::ProbeRunner::liveThreads() > 0 || ssod::core::directory::abandonedDnsLookups() > 0) {
        std::fflush(nullptr);
        std::_Exit(code);
    }
    return code;
}
