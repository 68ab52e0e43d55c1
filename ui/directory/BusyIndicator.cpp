#include "ui/directory/BusyIndicator.h"

#include "ui/directory/DirectorySession.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace ssod::ui {

BusyIndicator::BusyIndicator(DirectorySession &session, QWidget *parent)
    : QWidget(parent), m_text(new QLabel(this)), m_bar(new QProgressBar(this)), m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("busyIndicator"));
    m_text->setObjectName(QStringLiteral("busyText"));
    m_bar->setObjectName(QStringLiteral("busyBar"));
    m_bar->setAccessibleName(tr("Directory work in progress"));
    m_bar->setRange(0, 0); // a directory search does not know its size in advance
    m_bar->setTextVisible(false);
    m_bar->setFixedWidth(140);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setAccessibleName(tr("Cancel the directory work"));
    m_cancel->setShortcut(QKeySequence(Qt::Key_Escape)); // active only while the button shows
    m_cancel->setToolTip(tr("Stop the directory work (Esc)"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    for (QWidget *w : {static_cast<QWidget *>(m_text), static_cast<QWidget *>(m_bar), static_cast<QWidget *>(m_cancel)}) {
        QSizePolicy p = w->sizePolicy();
        p.setRetainSizeWhenHidden(true);
        w->setSizePolicy(p);
    }
    connect(m_cancel, &QPushButton::clicked, &session, [&session] { session.cancel(); });
    connect(&session, &DirectorySession::busyChanged, this, [this](bool busy, const QString &what) { setBusy(busy, what); });
    setBusy(session.isBusy(), session.busyWhat());
}

void BusyIndicator::setBusy(bool busy, const QString &what)
{
    m_text->setText(what);
    m_text->setVisible(busy);
    m_bar->setVisible(busy);
    m_cancel->setVisible(busy);
}

} // namespace ssod::ui
