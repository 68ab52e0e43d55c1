#include "ui/wizards/SpnListEditor.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace ssod::ui {

SpnListEditor::SpnListEditor(QWidget *parent)
    : QWidget(parent), m_list(new QListWidget(this)), m_edit(new QLineEdit(this)),
      m_add(new QPushButton(tr("&Add"), this)), m_remove(new QPushButton(tr("&Remove"), this)),
      m_up(new QPushButton(tr("&Up"), this)), m_down(new QPushButton(tr("Do&wn"), this)),
      m_templates(new QWidget(this)), m_error(new QLabel(this))
{
    m_list->setObjectName(QStringLiteral("spnList"));
    m_list->setAccessibleName(tr("Entries"));
    m_edit->setObjectName(QStringLiteral("spnEdit"));
    m_edit->setAccessibleName(tr("Selected entry"));
    m_edit->setPlaceholderText(tr("Select a row to edit it here"));
    m_add->setObjectName(QStringLiteral("addButton"));
    m_add->setAccessibleName(tr("Add an entry"));
    m_remove->setObjectName(QStringLiteral("removeButton"));
    m_remove->setAccessibleName(tr("Remove the selected entry"));
    m_up->setObjectName(QStringLiteral("upButton"));
    m_up->setAccessibleName(tr("Move the selected entry up"));
    m_down->setObjectName(QStringLiteral("downButton"));
    m_down->setAccessibleName(tr("Move the selected entry down"));
    m_error->setObjectName(QStringLiteral("spnErrorLabel"));
    m_error->setWordWrap(true);
    QPalette pal = m_error->palette();
    pal.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_error->setPalette(pal);
    m_list->setMinimumHeight(m_list->fontMetrics().height() * 5);
    // Focus must be seen in the list, not only a dotted rectangle some styles omit: a focused
    // list always has a current row, drawn selected, and a frame in the highlight colour.
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setStyleSheet(QStringLiteral("QListWidget:focus { border: 2px solid palette(highlight); }"));
    m_list->installEventFilter(this);
    m_error->setTextFormat(Qt::PlainText);

    auto *editLabel = new QLabel(tr("&Entry:"), this);
    editLabel->setBuddy(m_edit);
    auto *editRow = new QHBoxLayout;
    editRow->addWidget(editLabel);
    editRow->addWidget(m_edit, 1);

    auto *buttons = new QVBoxLayout;
    for (QPushButton *b : {m_add, m_remove, m_up, m_down})
        buttons->addWidget(b);
    buttons->addStretch(1);
    auto *listRow = new QHBoxLayout;
    listRow->addWidget(m_list, 1);
    listRow->addLayout(buttons);

    auto *templates = new QHBoxLayout(m_templates);
    templates->setContentsMargins(0, 0, 0, 0);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(listRow, 1);
    layout->addLayout(editRow);
    layout->addWidget(m_templates);
    layout->addWidget(m_error);

    connect(m_add, &QPushButton::clicked, this, [this] { addItem(QString()); });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        delete m_list->takeItem(m_list->currentRow());
        revalidate();
    });
    connect(m_up, &QPushButton::clicked, this, [this] { move(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { move(+1); });
    connect(m_list, &QListWidget::currentRowChanged, this, [this] { syncEditor(); });
    connect(m_edit, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (QListWidgetItem *item = m_list->currentItem()) {
            item->setText(text);
            revalidate();
        }
    });
    connect(m_list, &QListWidget::itemChanged, this, [this] {
        if (!m_syncing) {
            syncEditor();
            revalidate();
        }
    });
    syncEditor();
}

void SpnListEditor::setDescription(const QString &description)
{
    m_description = description;
    m_list->setAccessibleDescription(m_problem.isEmpty() ? m_description : m_problem);
}

bool SpnListEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_list && event->type() == QEvent::FocusIn && m_list->count() > 0
        && m_list->currentRow() < 0)
        m_list->setCurrentRow(0);
    return QWidget::eventFilter(watched, event);
}

void SpnListEditor::setValidator(Validator validator)
{
    m_validator = std::move(validator);
    revalidate();
}

void SpnListEditor::setTemplates(const QList<std::pair<QString, QString>> &templates)
{
    auto *layout = static_cast<QHBoxLayout *>(m_templates->layout());
    layout->addWidget(new QLabel(tr("Quick add:"), m_templates));
    int n = 0;
    for (const auto &[label, item] : templates) {
        auto *button = new QPushButton(label, m_templates);
        button->setObjectName(QStringLiteral("template-%1").arg(n++));
        button->setAccessibleName(tr("Add %1").arg(label));
        button->setToolTip(tr("Adds a row \"%1\"; replace the placeholder part with your names.").arg(item));
        connect(button, &QPushButton::clicked, this, [this, item = item] { addItem(item); });
        layout->addWidget(button);
    }
    layout->addStretch(1);
}

void SpnListEditor::setItems(const QStringList &items)
{
    m_syncing = true;
    m_list->clear();
    for (const QString &text : items) {
        auto *item = new QListWidgetItem(text, m_list);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
    }
    m_syncing = false;
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
    syncEditor();
    revalidate();
}

QStringList SpnListEditor::items() const
{
    QStringList out;
    for (int i = 0; i < m_list->count(); ++i)
        out << m_list->item(i)->text().trimmed();
    return out;
}

void SpnListEditor::addItem(const QString &text)
{
    m_syncing = true;
    auto *item = new QListWidgetItem(text, m_list);
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    m_syncing = false;
    m_list->setCurrentItem(item);
    revalidate();
    // The placeholder part of a template ("host", "domain") is selected so typing replaces it.
    m_edit->setFocus(Qt::OtherFocusReason);
    for (const QString &placeholder : {QStringLiteral("host"), QStringLiteral("domain")}) {
        const qsizetype at = text.lastIndexOf(placeholder);
        if (at >= 0) {
            m_edit->setSelection(int(at), int(placeholder.size()));
            return;
        }
    }
}

void SpnListEditor::move(int delta)
{
    const int row = m_list->currentRow();
    const int to = row + delta;
    if (row < 0 || to < 0 || to >= m_list->count())
        return;
    QListWidgetItem *item = m_list->takeItem(row);
    m_list->insertItem(to, item);
    m_list->setCurrentRow(to);
    revalidate();
}

void SpnListEditor::syncEditor()
{
    const int row = m_list->currentRow();
    const QListWidgetItem *item = m_list->currentItem();
    m_edit->setEnabled(item != nullptr);
    if (item && m_edit->text() != item->text())
        m_edit->setText(item->text());
    else if (!item)
        m_edit->clear();
    m_remove->setEnabled(item != nullptr);
    m_up->setEnabled(row > 0);
    m_down->setEnabled(item && row + 1 < m_list->count());
}

void SpnListEditor::revalidate()
{
    m_syncing = true;
    m_problem.clear();
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        const QString text = item->text().trimmed();
        QString reason = text.isEmpty() ? tr("the row is empty; type an entry or remove the row") : QString();
        if (reason.isEmpty() && m_validator)
            reason = m_validator(text);
        item->setIcon(reason.isEmpty() ? QIcon() : warning);
        item->setForeground(reason.isEmpty() ? palette().brush(QPalette::Text) : QBrush(QColor(0xc6, 0x28, 0x28)));
        item->setToolTip(reason);
        if (!reason.isEmpty() && m_problem.isEmpty())
            m_problem = tr("Row %1: %2").arg(i + 1).arg(reason);
    }
    m_syncing = false;
    m_error->setText(m_problem.isEmpty() ? QString() : QStringLiteral("\u26A0 ") + m_problem);
    m_error->setVisible(!m_problem.isEmpty());
    // The error belongs to the list and the line that edits it: a screen reader reads it there.
    m_list->setAccessibleDescription(m_problem.isEmpty() ? m_description : m_problem);
    m_edit->setAccessibleDescription(m_problem);
    syncEditor();
    Q_EMIT itemsChanged();
}

} // namespace ssod::ui
