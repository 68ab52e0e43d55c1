#pragma once

#include "core/registry/ReadOptions.h"

#include <QWidget>
#include <atomic>
#include <memory>

class QProgressBar;
class QPushButton;
class QTimer;

namespace ssod::ui {

/**
 * A progress bar with a Cancel button for reading a target on a worker thread (a registry export
 * can be 300 MB). start() hands out ReadOptions for the read; the worker only touches atomics,
 * which a timer on the UI thread shows, so a read that outlives the widget is harmless. The bar
 * appears only when a read takes long enough to notice.
 */
class ReadProgress final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReadProgress)

public:
    explicit ReadProgress(QWidget *parent = nullptr);

    /// Begins a read (cancelling one still running) and returns the options to read with.
    core::registry::ReadOptions start();
    /// The read ended, however it ended: hides the bar.
    void finish();
    /// Asks the running read to stop; it then fails with ReadOptions::cancelledError().
    void cancel();

private:
    struct Shared {
        std::atomic<bool> cancel = false;
        std::atomic<qint64> done = 0;
        std::atomic<qint64> total = 0;
    };

    void refresh();

    std::shared_ptr<Shared> m_shared;
    QProgressBar *m_bar;
    QPushButton *m_cancel;
    QTimer *m_timer;
};

} // namespace ssod::ui
