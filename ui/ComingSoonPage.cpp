#include "ui/ComingSoonPage.h"

#include <QLabel>
#include <QVBoxLayout>

namespace ssod::ui {

ComingSoonPage::ComingSoonPage(const QString &title, const QString &description, QWidget *parent)
    : QWidget(parent)
{
    auto *heading = new QLabel(title, this);
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.6);
    font.setBold(true);
    heading->setFont(font);

    auto *text = new QLabel(description, this);
    text->setWordWrap(true);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *notYet
        = new QLabel(tr("Not available in this version. The Settings reference and ssodoctor-cli cover "
                        "the settings these tools will check."),
            this);
    notYet->setWordWrap(true);
    notYet->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 32, 32, 32);
    layout->addWidget(heading);
    layout->addSpacing(8);
    layout->addWidget(text);
    layout->addSpacing(8);
    layout->addWidget(notYet);
    layout->addStretch(1);
    text->setMaximumWidth(720);
    notYet->setMaximumWidth(720);
}

} // namespace ssod::ui
