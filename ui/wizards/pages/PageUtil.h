#pragma once

#include "core/wizard/WizardDefinition.h"

#include "core/util/Result.h"

#include <QString>

#include <functional>

class QLabel;
class QPlainTextEdit;
class QTableWidget;
class QWizard;
class QWidget;

namespace ssod::core::catalog {
class Catalog;
}

/// Small builders the wizard pages share, so every page looks the same.
namespace ssod::ui::pageutil {

/// What every wizard window shares, before its pages are added: object name "wizard-<id>", title,
/// accessible name, classic style, no Help button.
void frameWizard(QWizard *wizard, const core::wizard::WizardDefinition &definition);
/// After its pages are added: stable object names for the buttons (tests) and each page's
/// accessible name and description from its subtitle.
void nameButtonsAndPages(QWizard *wizard, const core::wizard::WizardDefinition &definition);

QLabel *heading(const QString &text, QWidget *parent);
/// A selectable, word-wrapped rich-text label; \a html must already be escaped.
QLabel *text(const QString &html, QWidget *parent, const QString &objectName = {});
/// A label for problems: red, with a warning sign in front, hidden while empty.
QLabel *problemLabel(QWidget *parent, const QString &objectName);
void setProblem(QLabel *label, const QString &message);
/// A label for outcomes: green tick for success, red sign for failure.
void setOutcome(QLabel *label, bool ok, const QString &message);
/// \a error's message for a sentence that already names \a path: the path is not repeated,
/// a line or offset in it is kept ("line 12: …").
QString withoutPath(const core::Error &error, const QString &path);
/// The setting's title for a table cell ("Allow delegating default credentials"); the id when
/// the catalog does not know it.
QString settingTitle(const core::catalog::Catalog &catalog, const QString &id);
/// A read-only, focusable pane under a change table that shows the current row in full: the
/// table elides long keys and values, and a tooltip is no help on the keyboard. Each row's full
/// text is in its first cell's Qt::UserRole.
QPlainTextEdit *detailsPane(QTableWidget *table, QWidget *parent, const QString &objectName);

/// The question every wizard asks on Cancel after Apply: keep the change, undo it, or stay. The box
/// (window-modal, "cancelAfterApplyBox") calls \a onKeep or \a onUndo; Stay and Escape do nothing.
struct KeepOrUndo {
    QString title;
    QString text;
    QString informative; ///< may be empty
    QString keepLabel;
    QString undoLabel;
};
void askKeepOrUndo(QWizard *wizard, const KeepOrUndo &words, std::function<void()> onKeep, std::function<void()> onUndo);

} // namespace ssod::ui::pageutil
