#include "tests/ui/common/KeyboardWalk.h"

#include <QAbstractButton>
#include <QApplication>
#include <QGroupBox>
#include <QLabel>
#include <QScrollArea>
#include <QStringList>
#include <QTest>
#include <QWidget>

#include <algorithm>

namespace ssod::test::keyboard {

QChar mnemonic(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != QLatin1Char('&'))
            continue;
        if (text.at(i + 1) == QLatin1Char('&')) {
            ++i;
            continue;
        }
        return text.at(i + 1).toLower();
    }
    return {};
}

QMultiMap<QChar, QString> mnemonics(QWidget *root)
{
    QMultiMap<QChar, QString> out;
    auto add = [&](const QString &text, const QString &who) {
        if (const QChar c = mnemonic(text); !c.isNull())
            out.insert(c, who + QStringLiteral(" \"") + text + QLatin1Char('"'));
    };
    for (QWidget *c : root->findChildren<QWidget *>()) {
        if (!c->isVisibleTo(root))
            continue;
        if (auto *b = qobject_cast<QAbstractButton *>(c))
            add(b->text(), b->objectName());
        else if (auto *l = qobject_cast<QLabel *>(c); l && l->buddy())
            add(l->text(), l->buddy()->objectName());
        else if (auto *g = qobject_cast<QGroupBox *>(c))
            add(g->title(), g->objectName());
    }
    return out;
}

QStringList clashes(const QMultiMap<QChar, QString> &found)
{
    QStringList out;
    for (const QChar c : found.uniqueKeys())
        if (found.count(c) > 1)
            out << QStringLiteral("&%1 used by %2").arg(c, QStringList(found.values(c)).join(QStringLiteral(", ")));
    return out;
}

QList<QWidget *> tabChain(QWidget *window, int n)
{
    QList<QWidget *> out;
    for (int i = 0; i < n; ++i) {
        QWidget *focus = QApplication::focusWidget();
        QTest::keyClick(focus ? focus : window, Qt::Key_Tab);
        out << QApplication::focusWidget();
    }
    return out;
}

QString checkTabStops(QWidget *window, int presses)
{
    for (QWidget *f : tabChain(window, presses)) {
        if (!f)
            return QStringLiteral("focus went nowhere");
        if (qobject_cast<QScrollArea *>(f) || !f->isVisible())
            return QStringLiteral("invisible tab stop: %1 (%2)").arg(f->objectName(), QLatin1String(f->metaObject()->className()));
        const auto *b = qobject_cast<QAbstractButton *>(f);
        const QList<QLabel *> labels = window->findChildren<QLabel *>();
        const bool hasBuddy = std::any_of(labels.cbegin(), labels.cend(), [f](const QLabel *l) { return l->buddy() == f; });
        if (f->accessibleName().isEmpty() && !(b && !b->text().isEmpty()) && !qobject_cast<QLabel *>(f) && !hasBuddy)
            return QStringLiteral("unnamed tab stop: %1 (%2)").arg(f->objectName(), QLatin1String(f->metaObject()->className()));
    }
    return {};
}

} // namespace ssod::test::keyboard
