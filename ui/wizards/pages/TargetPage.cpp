#include "ui/wizards/pages/TargetPage.h"

#include "ui/widgets/FileWarningsNote.h"
#include "ui/wizards/pages/PageUtil.h"

#include <QButtonGroup>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace ssod::ui {

using core::wizard::TargetKind;
using core::wizard::WizardState;
using StorePtr = std::shared_ptr<core::registry::RegistryStore>;
using Opened = std::pair<StorePtr, std::optional<core::Error>>;

namespace {

QString kindLabel(TargetKind kind)
{
    switch (kind) {
    case TargetKind::LiveRegistry:
        return TargetPage::tr("This computer's registry");
    case TargetKind::Hive:
        return TargetPage::tr("An offline hive file (SOFTWARE or SYSTEM of another Windows installation)");
    case TargetKind::RegFile:
        return TargetPage::tr("A .reg file (to import later with regedit or \"reg import\")");
    case TargetKind::PolFile:
        return TargetPage::tr("A Registry.pol file (a GPO's Machine\\Registry.pol)");
    case TargetKind::PolicyJson:
        return TargetPage::tr("A browser policy file (JSON: Chrome/Chromium managed policy, Firefox policies.json)");
    case TargetKind::ExportOnly:
        return TargetPage::tr("Export only (choose a format at the end)");
    }
    return {};
}

QString pathHint(TargetKind kind)
{
    switch (kind) {
    case TargetKind::Hive:
        return TargetPage::tr("The hive must exist. It is typically Windows\\System32\\config\\SOFTWARE or SYSTEM of "
                              "a Windows installation that is not running.");
    case TargetKind::RegFile:
    case TargetKind::PolFile:
        return TargetPage::tr("A file that does not exist yet is created when you apply.");
    case TargetKind::PolicyJson:
        return TargetPage::tr("For example /etc/opt/chrome/policies/managed/sso.json, "
                              "/etc/chromium/policies/managed/sso.json or /etc/firefox/policies/policies.json. "
                              "A file that does not exist yet is created when you apply.");
    default:
        return {};
    }
}

} // namespace

TargetPage::TargetPage(WizardState &state, QWidget *parent)
    : QWizardPage(parent), m_state(state), m_kinds(new QButtonGroup(this)), m_path(new QLineEdit(this)),
      m_browse(new QPushButton(tr("Bro&wse\u2026"), this)), m_pathHint(new QLabel(this)),
      m_status(new QLabel(this)),
      m_problem(pageutil::problemLabel(this, QStringLiteral("targetProblemLabel"))),
      m_debounce(new QTimer(this))
{
    setObjectName(QStringLiteral("targetPage"));
    setTitle(state.definition().title);
    setSubTitle(tr("Step 2 of 6 \u2014 Where should the change go?"));

    // The file first, then what kind of target it is: the order a reader fills the page in, and
    // the order Tab follows (widgets are created in layout order, which is the tab order).
    m_path->setObjectName(QStringLiteral("targetPathEdit"));
    m_path->setAccessibleName(tr("Target file"));
    m_path->setClearButtonEnabled(true);
    m_browse->setObjectName(QStringLiteral("browseButton"));
    m_browse->setAccessibleName(tr("Choose the target file"));
    auto *fileLabel = new QLabel(tr("Fi&le:"), this);
    fileLabel->setBuddy(m_path);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(fileLabel);
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(m_browse);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(fileRow);
    layout->addSpacing(8);
    layout->addWidget(pageutil::heading(tr("What kind of target is it?"), this));
    for (TargetKind kind : state.definition().targets) {
#ifndef Q_OS_WIN
        if (kind == TargetKind::LiveRegistry)
            continue; // only a Windows build can write this computer's registry
#endif
        auto *radio = new QRadioButton(kindLabel(kind), this);
        radio->setObjectName(QStringLiteral("target-%1").arg(core::wizard::targetKindName(kind)));
        radio->setAccessibleName(kindLabel(kind));
        radio->setAccessibleDescription(pathHint(kind));
        m_kinds->addButton(radio, int(kind));
        layout->addWidget(radio);
    }
    m_pathHint->setObjectName(QStringLiteral("targetHintLabel"));
    m_pathHint->setWordWrap(true);
    m_status->setObjectName(QStringLiteral("targetStatusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    layout->addSpacing(8);
    layout->addWidget(m_pathHint);
    layout->addWidget(m_status);
    layout->addWidget(m_progress);
    layout->addWidget(m_fileWarnings = new FileWarningsNote(this));
    layout->addWidget(m_problem);
    layout->addStretch(1);

    // Reading starts when typing pauses, not on every keystroke.
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_debounce, &QTimer::timeout, this, [this] { startRead(); });
    connect(m_kinds, &QButtonGroup::idClicked, this, [this] { targetChanged(); });
    connect(m_path, &QLineEdit::textChanged, this, [this] { targetChanged(); });
    connect(m_browse, &QPushButton::clicked, this, [this] { browse(); });
}

void TargetPage::lockIfApplied()
{
    // Undo and Verify work on the target that was written: after Apply it cannot be swapped.
    const bool locked = m_state.hasApplied();
    for (QAbstractButton *b : m_kinds->buttons())
        b->setEnabled(!locked);
    const bool needsFile = currentKind() != TargetKind::ExportOnly && currentKind() != TargetKind::LiveRegistry;
    m_path->setEnabled(!locked && needsFile);
    m_browse->setEnabled(!locked && needsFile);
    if (locked)
        m_pathHint->setText(tr("Changes were applied to this target; to choose another one, undo them on the last "
                               "page or start the wizard again."));
    else
        m_pathHint->setText(pathHint(currentKind()));
}

void TargetPage::initializePage()
{
    if (!m_kinds->checkedButton() && !m_kinds->buttons().isEmpty()) {
        QAbstractButton *first = m_kinds->button(int(m_state.targetKind()));
        (first ? first : m_kinds->buttons().constFirst())->setChecked(true);
        targetChanged();
    }
}

TargetKind TargetPage::currentKind() const
{
    return TargetKind(m_kinds->checkedId() < 0 ? int(TargetKind::ExportOnly) : m_kinds->checkedId());
}

void TargetPage::targetChanged()
{
    const TargetKind kind = currentKind();
    const bool needsFile = kind != TargetKind::ExportOnly && kind != TargetKind::LiveRegistry;
    m_path->setEnabled(needsFile);
    m_browse->setEnabled(needsFile);
    m_pathHint->setText(pathHint(kind));
    m_pathHint->setVisible(needsFile);
    ++m_generation;
    m_read = false;
    m_state.setTarget(kind, needsFile ? m_path->text().trimmed() : QString());
    showProblem({});
    m_status->clear();
    m_fileWarnings->clear();
    Q_EMIT completeChanged();
    if (!needsFile) {
        m_debounce->stop();
        startRead();
    } else if (!m_path->text().trimmed().isEmpty()) {
        m_status->setText(tr("Reading\u2026"));
        m_debounce->start();
    }
}

void TargetPage::startRead()
{
    const TargetKind kind = currentKind();
    const QString path = m_state.targetPath();
    const int generation = ++m_generation;
    // Opening a hive goes through hivex and a .reg/.pol is parsed whole: a worker thread does it.
    QtConcurrent::run([kind, path, options = m_progress->start()] {
        auto r = WizardState::openTarget(kind, path, options);
        return r ? Opened(*r, std::nullopt) : Opened({}, r.error());
    }).then(this, [this, generation, kind, path](const Opened &result) {
        if (generation != m_generation)
            return; // the user chose another target meanwhile
        m_progress->finish();
        const QString shown = QDir::toNativeSeparators(path);
        if (result.second) {
            m_status->clear();
            showProblem(tr("Cannot use %1: %2").arg(shown, pageutil::withoutPath(*result.second, path)));
            return;
        }
        m_state.setStore(result.first);
        m_fileWarnings->setWarnings(result.first ? result.first->readWarnings() : core::FileWarnings {});
        m_read = true;
        if (kind == TargetKind::ExportOnly)
            m_status->setText(tr("Nothing is read or written; the changes are compared with an empty registry."));
        else if (!QFileInfo::exists(path) && kind != TargetKind::LiveRegistry)
            m_status->setText(
                tr("\u2714 %1 does not exist yet; it will be created when you apply.").arg(shown));
        else
            m_status->setText(tr("\u2714 Read %1.").arg(result.first->description()));
        // Said here, before the user has chosen anything else: Review and Export still work.
        if (const QString problem = WizardState::writeProblem(kind, path); !problem.isEmpty())
            showProblem(tr("%1 can't be written: %2").arg(shown, problem));
        Q_EMIT completeChanged();
    });
}

void TargetPage::showProblem(const QString &message)
{
    pageutil::setProblem(m_problem, message);
    // A screen reader reads the problem with the field it concerns.
    m_path->setAccessibleDescription(message);
}

bool TargetPage::isComplete() const
{
    return m_read;
}

void TargetPage::browse()
{
    const TargetKind kind = currentKind();
    const QString filter = kind == TargetKind::Hive ? tr("Registry hives (SOFTWARE SYSTEM NTUSER.DAT);;All files (*)")
        : kind == TargetKind::RegFile              ? tr("Registry files (*.reg);;All files (*)")
        : kind == TargetKind::PolFile              ? tr("Registry.pol (*.pol);;All files (*)")
                                                   : tr("Policy files (*.json);;All files (*)");
    const QString start = m_path->text().isEmpty() ? QDir::homePath() : m_path->text();
    // An Open dialog: the file is read now and changed only on Apply. A hive must exist; the
    // other kinds may be a new name, which the dialog accepts without asking to overwrite.
    auto *dialog = new QFileDialog(this,
        kind == TargetKind::Hive ? tr("Open Hive to Modify") : tr("Open File to Modify"), start, filter);
    dialog->setObjectName(QStringLiteral("targetFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptOpen);
    dialog->setFileMode(kind == TargetKind::Hive ? QFileDialog::ExistingFile : QFileDialog::AnyFile);
    dialog->setLabelText(QFileDialog::Accept, tr("Choose"));
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        if (!path.isEmpty())
            m_path->setText(QDir::toNativeSeparators(path));
    });
    dialog->open();
}

} // namespace ssod::ui
