#include "ui/wizards/pages/OptionsPage.h"

#include "core/rdp/RdpFile.h"
#include "core/rdp/RdpLinter.h"
#include "ui/wizards/SpnListEditor.h"
#include "ui/wizards/pages/PageUtil.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace ssod::ui {

using core::catalog::Parameter;
using core::wizard::WizardOption;
using core::wizard::WizardState;

OptionsPage::OptionsPage(WizardState &state, QWidget *parent)
    : QWizardPage(parent), m_state(state), m_problem(pageutil::problemLabel(this, QStringLiteral("optionsProblemLabel")))
{
    setObjectName(QStringLiteral("optionsPage"));
    setTitle(state.definition().title);
    setSubTitle(tr("Step 3 of 6 \u2014 Choose what to change"));

    // The page can outgrow small screens (farm-sso has four options and a list): it scrolls.
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    buildProfiles(layout);
    buildOptions(layout);
    buildRdpCheck(layout);
    layout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setFocusPolicy(Qt::NoFocus); // an invisible tab stop otherwise; its controls take focus
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll, 1);
    outer->addWidget(m_problem);
    refresh();
}

void OptionsPage::buildProfiles(QVBoxLayout *layout)
{
    const auto &profiles = m_state.definition().profiles;
    if (profiles.size() < 2)
        return; // nothing to choose: the one profile is what the wizard does
    m_profiles = new QButtonGroup(this);
    int n = 0;
    for (const auto &p : profiles) {
        auto *radio = new QRadioButton(p.label, this);
        radio->setObjectName(QStringLiteral("profile-%1").arg(p.id));
        radio->setAccessibleName(p.label);
        radio->setAccessibleDescription(p.tradeOff);
        radio->setChecked(p.id == m_state.profile());
        QFont f = radio->font();
        f.setBold(true);
        radio->setFont(f);
        m_profiles->addButton(radio, n++);
        layout->addWidget(radio);
        auto *tradeOff = pageutil::text(p.tradeOff.toHtmlEscaped(), this, QStringLiteral("tradeOff-%1").arg(p.id));
        tradeOff->setContentsMargins(24, 0, 0, 8);
        layout->addWidget(tradeOff);
    }
    connect(m_profiles, &QButtonGroup::idClicked, this, [this](int id) {
        m_state.setProfile(m_state.definition().profiles.at(id).id);
        refresh();
    });
}

void OptionsPage::buildOptions(QVBoxLayout *layout)
{
    const auto &def = m_state.definition();
    if (const auto &profiles = def.profiles; profiles.size() == 1)
        layout->addWidget(pageutil::text(
            QStringLiteral("<b>%1</b><br>%2").arg(profiles[0].label.toHtmlEscaped(), profiles[0].tradeOff.toHtmlEscaped()),
            this, QStringLiteral("tradeOff-%1").arg(profiles[0].id)));
    for (const WizardOption &o : def.options) {
        auto *row = new QWidget(this);
        auto *rowLayout = new QVBoxLayout(row);
        rowLayout->setContentsMargins(0, 4, 0, 4);
        const core::catalog::Setting *enumSetting = nullptr;
        for (const QString &id : o.settings)
            if (const auto *s = m_state.catalog().find(id); s && s->parameter.kind == Parameter::Kind::Enum)
                enumSetting = s;
        if (o.optional) {
            auto *check = new QCheckBox(o.label, row);
            check->setObjectName(QStringLiteral("option-%1").arg(o.id));
            check->setAccessibleName(o.label);
            check->setAccessibleDescription(o.explanation);
            check->setChecked(m_state.isEnabled(o));
            connect(check, &QCheckBox::toggled, this, [this, id = o.id](bool on) {
                m_state.setEnabled(id, on);
                refresh();
            });
            rowLayout->addWidget(check);
        } else if (!enumSetting) {
            rowLayout->addWidget(pageutil::heading(o.label, row));
        }
        if (enumSetting) {
            auto *combo = new QComboBox(row);
            combo->setObjectName(QStringLiteral("choice-%1").arg(o.id));
            combo->setAccessibleName(o.label);
            combo->setAccessibleDescription(o.explanation);
            for (const auto &c : enumSetting->parameter.choices)
                combo->addItem(c.label, c.value);
            combo->setCurrentIndex(combo->findData(enumSetting->parameter.defaultValue));
            m_state.setChoice(o.id, combo->currentData().toString());
            connect(combo, &QComboBox::currentIndexChanged, this, [this, combo, id = o.id] {
                m_state.setChoice(id, combo->currentData().toString());
                refresh();
            });
            auto *label = new QLabel(o.label + QLatin1Char(':'), row);
            label->setBuddy(combo);
            auto *comboRow = new QHBoxLayout;
            comboRow->addWidget(label);
            comboRow->addWidget(combo);
            comboRow->addStretch(1);
            rowLayout->addLayout(comboRow);
        }
        if (!o.explanation.isEmpty()) {
            auto *explanation = pageutil::text(o.explanation.toHtmlEscaped(), row);
            explanation->setContentsMargins(o.optional ? 24 : 0, 0, 0, 0);
            rowLayout->addWidget(explanation);
        }
        layout->addWidget(row);
        m_optionWidgets << std::pair<QString, QWidget *>(o.id, row);
    }
    if (!def.usesList(m_state.catalog()))
        return;
    m_listBox = new QWidget(this);
    auto *box = new QVBoxLayout(m_listBox);
    box->setContentsMargins(0, 8, 0, 0);
    box->addWidget(pageutil::heading(def.list.label, m_listBox));
    if (!def.list.explanation.isEmpty())
        box->addWidget(pageutil::text(def.list.explanation.toHtmlEscaped(), m_listBox));
    m_list = new SpnListEditor(m_listBox);
    m_list->setObjectName(QStringLiteral("spnEditor"));
    m_list->setAccessibleName(def.list.label);
    m_list->setDescription(def.list.explanation);
    QList<std::pair<QString, QString>> templates;
    for (const auto &t : def.list.templates)
        templates << std::pair(t.label, t.item);
    m_list->setTemplates(templates);
    m_list->setValidator([this](const QString &item) { return m_state.listItemProblem(item); });
    m_list->setItems(m_state.listItems());
    m_list->setMinimumHeight(140);
    connect(m_list, &SpnListEditor::itemsChanged, this, [this] {
        m_state.setListItems(m_list->items());
        refresh();
    });
    box->addWidget(m_list, 1);
    layout->addWidget(m_listBox, 1);
}

void OptionsPage::buildRdpCheck(QVBoxLayout *layout)
{
    if (!m_state.definition().rdpCheck)
        return;
    m_rdpFile = new QLineEdit(this);
    m_rdpFile->setObjectName(QStringLiteral("rdpFileEdit"));
    m_rdpFile->setAccessibleName(tr("Check an .rdp file"));
    m_rdpFile->setPlaceholderText(
        tr("optional: the .rdp file users open, to check it would not still prompt"));
    auto *browse = new QPushButton(tr("C&heck an .rdp File\u2026"), this);
    browse->setObjectName(QStringLiteral("rdpBrowseButton"));
    browse->setAccessibleName(tr("Choose an .rdp file to check"));
    m_rdpFindings = new QLabel(this);
    m_rdpFindings->setObjectName(QStringLiteral("rdpFindingsLabel"));
    m_rdpFindings->setWordWrap(true);
    m_rdpFindings->setTextFormat(Qt::RichText);
    auto *label = new QLabel(tr("Connection f&ile:"), this);
    label->setBuddy(m_rdpFile);
    auto *row = new QHBoxLayout;
    row->addWidget(label);
    row->addWidget(m_rdpFile, 1);
    row->addWidget(browse);
    layout->addSpacing(8);
    layout->addLayout(row);
    layout->addWidget(m_rdpFindings);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Check .rdp File"), m_rdpFile->text(),
                                                          tr("Remote Desktop files (*.rdp);;All files (*)"));
        if (!path.isEmpty())
            m_rdpFile->setText(path);
    });
    connect(m_rdpFile, &QLineEdit::editingFinished, this, [this] { checkRdpFile(); });
    connect(m_rdpFile, &QLineEdit::textChanged, this, [this] { checkRdpFile(); });
}

void OptionsPage::checkRdpFile()
{
    const QString path = m_rdpFile->text().trimmed();
    const int generation = ++m_rdpGeneration;
    if (path.isEmpty()) {
        m_rdpFindings->clear();
        return;
    }
    QtConcurrent::run([path] {
        QStringList lines;
        auto file = core::rdp::RdpFile::load(path);
        if (!file)
            return QStringList{QStringLiteral("!") + file.error().toString()};
        auto linter = core::rdp::RdpLinter::builtin();
        if (!linter)
            return QStringList{QStringLiteral("!") + linter.error().toString()};
        for (const auto &f : linter->lint(*file))
            if (f.severity >= core::Severity::Warning)
                lines << QStringLiteral("%1 (%2): %3").arg(f.title, f.subject, f.explanation);
        return lines;
    }).then(this, [this, generation](const QStringList &lines) {
        if (generation != m_rdpGeneration)
            return;
        if (!lines.isEmpty() && lines.constFirst().startsWith(QLatin1Char('!'))) {
            m_rdpFindings->setText(tr("\u26A0 Cannot check the file: %1").arg(lines.constFirst().mid(1).toHtmlEscaped()));
            return;
        }
        if (lines.isEmpty()) {
            m_rdpFindings->setText(tr("\u2714 Nothing in this file would prompt for credentials or block single sign-on."));
            return;
        }
        QString html = tr("\u26A0 Even with the policy, this file would still get in the way:") + QStringLiteral("<ul>");
        for (const QString &l : lines)
            html += QStringLiteral("<li>%1</li>").arg(l.toHtmlEscaped());
        m_rdpFindings->setText(html + QStringLiteral("</ul>"));
    });
}

void OptionsPage::refresh()
{
    for (const auto &[id, row] : std::as_const(m_optionWidgets))
        for (const WizardOption &o : m_state.definition().options)
            if (o.id == id)
                row->setVisible(m_state.isVisible(o));
    if (m_listBox)
        m_listBox->setEnabled(m_state.listInUse());
    // A bad row is explained once, under the list it belongs to; this label says the rest.
    m_listProblem = m_list && m_state.listInUse() && !m_list->firstProblem().isEmpty();
    QString problem;
    if (!m_listProblem)
        if (auto r = m_state.requests(); !r)
            problem = r.error().message;
    pageutil::setProblem(m_problem, problem);
    Q_EMIT completeChanged();
}

bool OptionsPage::isComplete() const
{
    return !m_listProblem && m_problem->text().isEmpty();
}

} // namespace ssod::ui
