#pragma once

#include <QString>

class QLabel;
class QWidget;

/// Small builders the wizard pages share, so every page looks the same.
namespace ssod::ui::pageutil {

QLabel *heading(const QString &text, QWidget *parent);
/// A selectable, word-wrapped rich-text label; \a html must already be escaped.
QLabel *text(const QString &html, QWidget *parent, const QString &objectName = {});
/// A label for problems: red, with a warning sign in front, hidden while empty.
QLabel *problemLabel(QWidget *parent, const QString &objectName);
void setProblem(QLabel *label, const QString &message);
/// A label for outcomes: green tick for success, red sign for failure.
void setOutcome(QLabel *label, bool ok, const QString &message);

} // namespace ssod::ui::pageutil
