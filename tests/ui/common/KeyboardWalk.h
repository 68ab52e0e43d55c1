#pragma once

#include <QChar>
#include <QList>
#include <QMultiMap>
#include <QString>

class QWidget;

/// Keyboard checks the GUI tests share: a Tab walk, mnemonics, and what a tab stop must be.
namespace ssod::test::keyboard {

/// The mnemonic letter of "&Next >" (lower case), or a null QChar.
QChar mnemonic(const QString &text);

/// Every mnemonic visible in \a root: buttons, labels with a buddy and group boxes, with who
/// owns it ("objectName \"&Text\"").
QMultiMap<QChar, QString> mnemonics(QWidget *root);

/// The letters used more than once in \a found, one line each ("&b used by a, b"); empty if none.
QStringList clashes(const QMultiMap<QChar, QString> &found);

/// Presses Tab from the focus widget \a n times and returns who had focus after each press.
QList<QWidget *> tabChain(QWidget *window, int n);

/// Empty when every tab stop of a \a presses-long walk is visible, not a scroll area, and named
/// (an accessible name, a button's text, a label, or a label's buddy: screen readers read that
/// label); otherwise what is wrong with the first.
QString checkTabStops(QWidget *window, int presses);

} // namespace ssod::test::keyboard
