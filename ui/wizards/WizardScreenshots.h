#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

namespace ssod::ui {

class MainWindow;
class SettingsWizard;

/**
 * Walks every wizard page against a seeded demo .reg and saves each page as
 * DIR/<wizard>-<n>-<page>.png, plus the main window's Wizards page (`ssodoctor --screenshots DIR`,
 * run by scripts/screenshots.sh). Asynchronous reads are waited for by polling with a timer, never
 * a nested event loop.
 */
class WizardScreenshots final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WizardScreenshots)

public:
    WizardScreenshots(MainWindow &window, const QString &dir, QObject *parent = nullptr);
    void start();

Q_SIGNALS:
    /// \a error empty on success.
    void finished(const QString &error);

private:
    using Step = std::function<bool()>; ///< returns false while it must be retried later
    void schedule();
    void queueWizard(const QString &id);
    bool save(QWidget *widget, const QString &name);

    MainWindow &m_window;
    QString m_dir;
    QString m_demoDir;
    QList<Step> m_steps;
    SettingsWizard *m_wizard = nullptr;
    int m_retries = 0;
    QString m_error;
};

} // namespace ssod::ui
