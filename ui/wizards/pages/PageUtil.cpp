#include "ui/wizards/pages/PageUtil.h"

#include "core/catalog/Catalog.h"
#include "ui/wizards/SettingsWizard.h"

#include <QAbstractButton>
#include <QCoreApplication>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QWizard>
#include <QPlainTextEdit>
#include <QTableWidget>

namespace ssod::ui::pageutil {

void frameWizard(QWizard *wizard, const core::wizard::WizardDefinition &definition)
{
    wizard->setObjectName(QStringLiteral("wizard-%1").arg(definition.id));
    wizard->setWindowTitle(definition.title);
    wizard->setAccessibleName(definition.title);
    wizard->setWizardStyle(QWizard::ClassicStyle);
    wizard->setOption(QWizard::HaveHelpButton, false);
}

void nameButtonsAndPages(QWizard *wizard, const core::wizard::WizardDefinition &definition)
{
    for (QWizard::WizardButton b : { QWizard::BackButton, QWizard::NextButton, QWizard::FinishButton, QWizard::CancelButton })
        if (QAbstractButton *button = wizard->button(b))
            button->setObjectName(QStringLiteral("wizardButton%1").arg(int(b)));
    for (int id : wizard->pageIds()) {
        QWizardPage *p = wizard->page(id);
        p->setAccessibleName(p->subTitle());
        p->setAccessibleDescription(QStringLiteral("%1: %2").arg(definition.title, p->subTitle()));
    }
}

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    return label;
}

QLabel *text(const QString &html, QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(html, parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::RichText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

QLabel *problemLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText); // messages quote file names and SPNs, never markup
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setVisible(false);
    return label;
}

void setProblem(QLabel *label, const QString &message)
{
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, wizardcolors::bad());
    label->setPalette(pal);
    label->setText(message.isEmpty() ? QString() : QStringLiteral("\u26A0 ") + message);
    label->setVisible(!message.isEmpty());
}

void setOutcome(QLabel *label, bool ok, const QString &message)
{
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, ok ? wizardcolors::good() : wizardcolors::bad());
    label->setPalette(pal);
    label->setText((ok ? QStringLiteral("\u2714 ") : QStringLiteral("\u26A0 ")) + message);
    label->setVisible(true);
}

QString withoutPath(const core::Error &error, const QString &path)
{
    const QString &where = error.location;
    if (where.isEmpty() || where == path || !where.startsWith(path))
        return error.message;
    const QString rest = where.mid(path.size());
    if (rest.startsWith(QLatin1Char(':')))
        return QCoreApplication::translate("ssod::ui::pageutil", "line %1: %2")
            .arg(rest.mid(1), error.message);
    if (rest.startsWith(QLatin1Char('@')))
        return QCoreApplication::translate("ssod::ui::pageutil", "at offset %1: %2")
            .arg(rest.mid(1), error.message);
    return error.message;
}

QString settingTitle(const core::catalog::Catalog &catalog, const QString &id)
{
    const auto *s = catalog.find(id);
    return s && !s->title.isEmpty() ? s->title : id;
}

QPlainTextEdit *detailsPane(QTableWidget *table, QWidget *parent, const QString &objectName)
{
    auto *pane = new QPlainTextEdit(parent);
    pane->setObjectName(objectName);
    pane->setReadOnly(true);
    pane->setTabChangesFocus(true);
    pane->setAccessibleName(QCoreApplication::translate("ssod::ui::pageutil", "Details of the selected row"));
    pane->setPlaceholderText(
        QCoreApplication::translate("ssod::ui::pageutil", "Select a row to see its full key and values."));
    // Tall enough for every line of a row (action, setting, key, value, before/after or now).
    pane->setMaximumHeight(pane->fontMetrics().lineSpacing() * 7 + 4 * pane->frameWidth() + 8);
    QObject::connect(table, &QTableWidget::currentCellChanged, pane, [table, pane](int row) {
        const QTableWidgetItem *first = row >= 0 ? table->item(row, 0) : nullptr;
        pane->setPlainText(first ? first->data(Qt::UserRole).toString() : QString());
    });
    return pane;
}

void askKeepOrUndo(QWizard *wizard, const KeepOrUndo &words, std::function<void()> onKeep, std::function<void()> onUndo)
{
    auto *box = new QMessageBox(QMessageBox::Question, words.title, words.text, QMessageBox::NoButton, wizard);
    box->setObjectName(QStringLiteral("cancelAfterApplyBox"));
    if (!words.informative.isEmpty())
        box->setInformativeText(words.informative);
    auto *keep = box->addButton(words.keepLabel, QMessageBox::AcceptRole);
    keep->setObjectName(QStringLiteral("keepChangesButton"));
    auto *undo = box->addButton(words.undoLabel, QMessageBox::DestructiveRole);
    undo->setObjectName(QStringLiteral("undoChangesButton"));
    auto *stay = box->addButton(QCoreApplication::translate("ssod::ui::pageutil", "&Stay in the Wizard"), QMessageBox::RejectRole);
    stay->setObjectName(QStringLiteral("stayButton"));
    box->setDefaultButton(keep);
    box->setEscapeButton(stay);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(box, &QMessageBox::buttonClicked, wizard,
        [keep, undo, onKeep = std::move(onKeep), onUndo = std::move(onUndo)](QAbstractButton *clicked) {
            if (clicked == keep)
                onKeep();
            else if (clicked == undo)
                onUndo();
        });
    box->open();
}

} // namespace ssod::ui::pageutil
