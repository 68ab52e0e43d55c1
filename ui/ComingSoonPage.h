#pragma once

#include <QWidget>

namespace ssod::ui {

/// Placeholder for an area that is planned but not built yet: says what it will do, and that
/// it is not there, instead of pretending.
class ComingSoonPage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComingSoonPage)

public:
    ComingSoonPage(const QString &title, const QString &description, QWidget *parent = nullptr);
};

} // namespace ssod::ui
