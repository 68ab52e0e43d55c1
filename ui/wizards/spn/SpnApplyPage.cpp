#include "ui/wizards/spn/SpnApplyPage.h"

#include "core/registry/FileStore.h"
#include "ui/directory/DirectorySession.h"
#include "ui/wizards/pages/PageUtil.h"
#include "ui/wizards/spn/SpnWizard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace ssod::ui {

using core::directory::SpnChange;
using core::directory::SpnScriptFormat;

SpnApplyPage::SpnApplyPage(SpnWizard &wizard) : m_wizard(wizard)
{
    setObjectName(QStringLiteral("applyPage"));
    setTitle(tr("Apply or export"));
    setSubTitle(tr("Step 5 of 6 \u2014 Register the SPNs, or hand a script to an administrator"));
    m_summary = pageutil::text({}, this, QStringLiteral("applySummary"));
    m_accept = new QCheckBox(tr("I have read what else this affects (Review page) and want to go ahead"), this);
    m_accept->setObjectName(QStringLiteral("acceptCollateral"));
    m_apply = new QPushButton(tr("&Register in the Directory"), this);
    m_apply->setObjectName(QStringLiteral("applyButton"));
    m_outcome = pageutil::problemLabel(this, QStringLiteral("applyOutcome"));
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("exportFormat"));
    m_format->setAccessibleName(tr("Export format"));
    m_format->addItem(tr("setspn batch (.cmd)"), int(SpnScriptFormat::Setspn));
    m_format->addItem(tr("PowerShell (.ps1)"), int(SpnScriptFormat::PowerShell));
    m_format->addItem(tr("LDIF for ldapmodify / ldifde (.ldif)"), int(SpnScriptFormat::Ldif));
    m_format->addItem(tr("ktpass lines for a keytab (.cmd)"), int(SpnScriptFormat::Ktpass));
    m_preview = new QPlainTextEdit(this);
    m_preview->setObjectName(QStringLiteral("exportPreview"));
    m_preview->setAccessibleName(tr("Export preview"));
    m_preview->setReadOnly(true);
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_save = new QPushButton(tr("&Save As\u2026"), this);
    m_save->setObjectName(QStringLiteral("saveExport"));

    auto *applyRow = new QHBoxLayout;
    applyRow->addWidget(m_apply);
    applyRow->addStretch(1);
    auto *exportRow = new QHBoxLayout;
    auto *formatLabel = new QLabel(tr("&Format:"), this);
    formatLabel->setBuddy(m_format);
    exportRow->addWidget(formatLabel);
    exportRow->addWidget(m_format, 1);
    exportRow->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_accept);
    layout->addLayout(applyRow);
    layout->addWidget(m_outcome);
    layout->addWidget(pageutil::heading(tr("Export"), this));
    layout->addLayout(exportRow);
    layout->addWidget(m_preview, 1);
    connect(m_accept, &QCheckBox::toggled, this, [this] { refresh(); });
    connect(m_apply, &QPushButton::clicked, this, [this] { apply(); });
    connect(m_format, &QComboBox::currentIndexChanged, this, [this] { renderExport(); });
    connect(m_save, &QPushButton::clicked, this, [this] { saveExport(); });
}

void SpnApplyPage::initializePage()
{
    m_accept->setChecked(false);
    m_outcome->setVisible(false);
    refresh();
    renderExport();
}

void SpnApplyPage::refresh()
{
    const auto &reg = m_wizard.registration();
    const auto &plan = reg.plan();
    const int toAdd = plan ? int(plan->changes().size()) : 0;
    const bool collateral = plan && !plan->collateral.isEmpty();
    const bool writes = m_wizard.writesToDirectory();
    m_accept->setVisible(writes && collateral && !reg.hasApplied());
    m_apply->setVisible(writes);
    m_apply->setEnabled(writes && !m_applying && !reg.hasApplied() && toAdd > 0 && (!collateral || m_accept->isChecked()));
    if (!writes)
        m_summary->setText(tr("Export only: nothing is written to a directory. Save the script below and give it to "
                              "an administrator."));
    else if (reg.hasApplied())
        m_summary->setText(tr("Registered %n SPNs on <b>%1</b>. The Verify page reads them back; Undo there "
                              "removes exactly these.", nullptr, int(reg.applied().size()))
                               .arg(plan->account.samAccountName.toHtmlEscaped()));
    else if (toAdd == 0)
        m_summary->setText(tr("Nothing to register: every SPN is already correct or held by another account "
                              "(see Review)."));
    else
        m_summary->setText(tr("Register %n SPNs on <b>%1</b> in %2 with one LDAP modification each. If one fails, "
                              "those before it are taken back.", nullptr, toAdd)
                               .arg(plan->account.samAccountName.toHtmlEscaped(),
                                   m_wizard.session()->description().toHtmlEscaped()));
    Q_EMIT completeChanged();
}

bool SpnApplyPage::isComplete() const
{
    return !m_applying;
}

void SpnApplyPage::apply()
{
    DirectorySession *session = m_wizard.session();
    if (!session || m_applying)
        return;
    m_applying = true;
    m_outcome->setVisible(false);
    refresh();
    const core::wizard::SpnRegistration copy = m_wizard.registration();
    session->run<QList<SpnChange>>(
        tr("Registering the SPNs\u2026"),
        [copy](core::directory::LdapConnection &c, const std::atomic<bool> &) { return copy.apply(c); }, this,
        [this](core::Result<QList<SpnChange>> r) {
            m_applying = false;
            if (r) {
                m_wizard.registration().setApplied(*r);
                pageutil::setOutcome(m_outcome, true,
                    tr("Registered: %1").arg([&] {
                        QStringList spns;
                        for (const SpnChange &c : *r)
                            spns << c.spn;
                        return spns.join(QStringLiteral(", "));
                    }()));
            } else {
                pageutil::setOutcome(m_outcome, false, r.error().message);
            }
            refresh();
        });
}

void SpnApplyPage::renderExport()
{
    const auto format = SpnScriptFormat(m_format->currentData().toInt());
    const auto &reg = m_wizard.registration();
    auto script = reg.plan() && reg.plan()->account.dn.isEmpty() && format == SpnScriptFormat::Ldif
        ? core::Result<QString>(core::Error::invalid(tr("LDIF needs the account's DN: connect to the directory first")))
        : reg.script(format);
    m_rendered = script ? *script : QString();
    m_preview->setPlainText(script ? *script : tr("Cannot export: %1").arg(script.error().message));
    m_save->setEnabled(bool(script));
}

bool SpnApplyPage::exportTo(const QString &path, QString *error)
{
    renderExport();
    if (m_rendered.isEmpty()) {
        if (error)
            *error = m_preview->toPlainText();
        return false;
    }
    if (auto written = core::registry::writeFileAtomically(path, m_rendered.toUtf8()); !written) {
        if (error)
            *error = written.error().toString();
        return false;
    }
    return true;
}

void SpnApplyPage::saveExport()
{
    const auto format = SpnScriptFormat(m_format->currentData().toInt());
    const QString suffix = core::directory::spnScriptExtension(format);
    const auto &plan = m_wizard.registration().plan();
    const QString name = (plan ? plan->account.samAccountName : QStringLiteral("spns")) + QStringLiteral("-spns") + suffix;
    QString path = QFileDialog::getSaveFileName(this, tr("Save the SPN Script"), QDir::home().filePath(name),
        tr("%1 (*%2)").arg(m_format->currentText(), suffix));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += suffix;
    QString error;
    if (!exportTo(path, &error))
        QMessageBox::warning(this, tr("Export Failed"), tr("Could not save %1:\n%2").arg(path, error));
    else
        pageutil::setOutcome(m_outcome, true, tr("Saved to %1").arg(QDir::toNativeSeparators(path)));
}

} // namespace ssod::ui
