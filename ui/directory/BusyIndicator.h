#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace ssod::ui {

class DirectorySession;

/// What the directory session is doing, a busy bar and Cancel; keeps its place while idle, so
/// nothing around it moves when work starts or ends.
class BusyIndicator final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BusyIndicator)

public:
    explicit BusyIndicator(DirectorySession &session, QWidget *parent = nullptr);

private:
    void setBusy(bool busy, const QString &what);

    QLabel *m_text;
    QProgressBar *m_bar;
    QPushButton *m_cancel;
};

} // namespace ssod::ui
