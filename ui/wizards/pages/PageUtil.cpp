#include "ui/wizards/pages/PageUtil.h"

#include "ui/wizards/SettingsWizard.h"

#include <QLabel>

namespace ssod::ui::pageutil {

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    return label;
}

QLabel *text(const QString &html, QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(html, parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::RichText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

QLabel *problemLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText); // messages quote file names and SPNs, never markup
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setVisible(false);
    return label;
}

void setProblem(QLabel *label, const QString &message)
{
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, wizardcolors::bad());
    label->setPalette(pal);
    label->setText(message.isEmpty() ? QString() : QStringLiteral("\u26A0 ") + message);
    label->setVisible(!message.isEmpty());
}

void setOutcome(QLabel *label, bool ok, const QString &message)
{
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, ok ? wizardcolors::good() : wizardcolors::bad());
    label->setPalette(pal);
    label->setText((ok ? QStringLiteral("\u2714 ") : QStringLiteral("\u26A0 ")) + message);
    label->setVisible(true);
}

} // namespace ssod::ui::pageutil
