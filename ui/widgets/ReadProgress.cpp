#include "ui/widgets/ReadProgress.h"

#include <QHBoxLayout>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>

namespace ssod::ui {

namespace {
/// Reads shorter than this never show the bar (no flicker for everyday files).
constexpr int kShowAfterMs = 300;
constexpr int kRefreshMs = 100;
} // namespace

ReadProgress::ReadProgress(QWidget *parent)
    : QWidget(parent), m_bar(new QProgressBar(this)), m_cancel(new QPushButton(tr("Stop Reading"), this)),
      m_timer(new QTimer(this))
{
    m_bar->setObjectName(QStringLiteral("readProgressBar"));
    m_bar->setAccessibleName(tr("Reading the target"));
    m_bar->setRange(0, 1000);
    m_bar->setFormat(tr("Reading\u2026 %p%"));
    m_cancel->setObjectName(QStringLiteral("readCancelButton"));
    m_cancel->setAccessibleDescription(tr("Stops reading the file; choose another target or read it again."));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_bar, 1);
    layout->addWidget(m_cancel);
    connect(m_cancel, &QPushButton::clicked, this, [this] { cancel(); });
    connect(m_timer, &QTimer::timeout, this, [this] { refresh(); });
    hide();
}

core::registry::ReadOptions ReadProgress::start()
{
    cancel(); // a read still running is no longer wanted
    m_shared = std::make_shared<Shared>();
    m_cancel->setEnabled(true);
    m_bar->setValue(0);
    m_timer->start(kShowAfterMs);
    core::registry::ReadOptions options;
    options.cancel = &m_shared->cancel;
    // The callback owns the state, so the pointer above stays valid for the whole read.
    options.progress = [shared = m_shared](qint64 done, qint64 total) {
        shared->done.store(done, std::memory_order_relaxed);
        shared->total.store(total, std::memory_order_relaxed);
    };
    return options;
}

void ReadProgress::finish()
{
    m_timer->stop();
    m_shared.reset();
    hide();
}

void ReadProgress::cancel()
{
    if (!m_shared)
        return;
    m_shared->cancel = true;
    m_cancel->setEnabled(false);
}

void ReadProgress::refresh()
{
    if (!m_shared)
        return;
    m_timer->setInterval(kRefreshMs);
    const qint64 total = m_shared->total.load(std::memory_order_relaxed);
    const qint64 done = m_shared->done.load(std::memory_order_relaxed);
    m_bar->setValue(total > 0 ? int(done * 1000 / total) : 0);
    show();
}

} // namespace ssod::ui
