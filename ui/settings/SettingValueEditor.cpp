#include "ui/settings/SettingValueEditor.h"

#include "core/catalog/SettingRequest.h"
#include "ui/settings/SettingsModel.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace ssod::ui {

using core::catalog::Parameter;

namespace {

QLabel *messageLabel(const QString &objectName, const QColor &colour, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, colour);
    label->setPalette(pal);
    label->hide();
    return label;
}

} // namespace

SettingValueEditor::SettingValueEditor(QWidget *parent)
    : QWidget(parent), m_label(new QLabel(this)), m_combo(new QComboBox(this)), m_line(new QLineEdit(this)),
      m_noValue(new QLabel(this)), m_hint(new QLabel(this)),
      m_error(
          messageLabel(QStringLiteral("valueError"), SettingsModel::riskColor(QStringLiteral("high")), this)),
      m_warnings(messageLabel(
          QStringLiteral("warningsLabel"), SettingsModel::riskColor(QStringLiteral("medium")), this))
{
    // Only one of the two editors is visible at a time; both answer to "valueEdit".
    m_combo->setObjectName(QStringLiteral("valueEdit"));
    m_line->setObjectName(QStringLiteral("valueEdit"));
    m_line->setClearButtonEnabled(true);
    m_noValue->setWordWrap(true);
    m_noValue->setText(tr(
        "This setting takes no value: exporting it writes the values listed under Registry in the details."));
    m_error->setAccessibleName(tr("Value error"));
    m_warnings->setAccessibleName(tr("Value warnings"));

    m_hint->setWordWrap(true);
    m_hint->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // Label above the field: the box is narrow and values such as SPN lists are long.
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_combo);
    layout->addWidget(m_line);
    layout->addWidget(m_noValue);
    layout->addWidget(m_error);
    layout->addWidget(m_warnings);
    layout->addWidget(m_hint);

    connect(m_combo, &QComboBox::currentIndexChanged, this, [this] {
        validate();
        Q_EMIT valueEdited(value());
    });
    connect(m_line, &QLineEdit::textChanged, this, [this] {
        validate();
        Q_EMIT valueEdited(value());
    });
    setSetting(nullptr, {});
}

void SettingValueEditor::setSetting(const core::catalog::Setting *setting, const QString &value)
{
    m_setting = setting;
    const QSignalBlocker blockCombo(m_combo);
    const QSignalBlocker blockLine(m_line);
    const Parameter::Kind kind = setting ? setting->parameter.kind : Parameter::Kind::None;
    m_combo->clear();
    m_line->clear();
    m_combo->setVisible(kind == Parameter::Kind::Enum);
    m_line->setVisible(kind == Parameter::Kind::List || kind == Parameter::Kind::Int);
    m_label->setVisible(kind != Parameter::Kind::None);
    m_noValue->setVisible(setting && kind == Parameter::Kind::None);
    m_hint->clear();
    m_hint->hide();
    if (!setting) {
        validate();
        return;
    }
    const Parameter &p = setting->parameter;
    m_label->setText(tr("%1:").arg(p.label.isEmpty() ? tr("Value") : p.label));
    switch (kind) {
    case Parameter::Kind::Enum: {
        for (const auto &c : p.choices)
            m_combo->addItem(c.label, c.value);
        int index = m_combo->findData(value, Qt::UserRole, Qt::MatchFixedString);
        if (index < 0)
            index = m_combo->findData(p.defaultValue);
        m_combo->setCurrentIndex(std::max(0, index));
        m_label->setBuddy(m_combo);
        m_combo->setAccessibleName(p.label.isEmpty() ? tr("Value") : p.label);
        break;
    }
    case Parameter::Kind::List:
    case Parameter::Kind::Int:
        m_line->setText(value.isEmpty() ? p.defaultValue : value);
        m_line->setPlaceholderText(kind == Parameter::Kind::List
                ? tr("Comma-separated, e.g. %1").arg(p.example)
                : tr("A whole number from %1 to %2").arg(p.min).arg(p.max));
        m_line->setToolTip(p.itemHint);
        m_hint->setText(kind == Parameter::Kind::List
                ? tr("Each item: %1. Separate items with commas.").arg(p.itemHint)
                : tr("From %1 to %2.").arg(p.min).arg(p.max)
                    + (p.defaultValue.isEmpty() ? QString()
                                                : QLatin1Char(' ') + tr("Default: %1.").arg(p.defaultValue)));
        m_label->setBuddy(m_line);
        m_line->setAccessibleName(p.label.isEmpty() ? tr("Value") : p.label);
        break;
    case Parameter::Kind::None:
        break;
    }
    m_hint->setVisible(!m_hint->text().isEmpty());
    validate();
}

QString SettingValueEditor::value() const
{
    if (!m_setting)
        return {};
    switch (m_setting->parameter.kind) {
    case Parameter::Kind::Enum:
        return m_combo->currentData().toString();
    case Parameter::Kind::List:
    case Parameter::Kind::Int:
        return m_line->text();
    case Parameter::Kind::None:
        break;
    }
    return {};
}

void SettingValueEditor::validate()
{
    if (!m_setting) {
        m_valid = false;
        m_error->hide();
        m_warnings->hide();
        return;
    }
    const auto request = core::catalog::makeRequest(*m_setting, value());
    m_valid = request.ok();
    m_error->setVisible(!m_valid);
    m_error->setText(m_valid ? QString() : QStringLiteral("\u26A0 ") + request.error().message);
    m_line->setAccessibleDescription(m_valid ? QString() : request.error().message);
    QStringList warnings = m_valid ? request->warnings() : QStringList();
    for (QString &w : warnings)
        w.prepend(QStringLiteral("\u26A0 "));
    m_warnings->setText(warnings.join(QLatin1Char('\n')));
    m_warnings->setVisible(!warnings.isEmpty());
}

} // namespace ssod::ui
