#pragma once

#include <QWidget>

#include <functional>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace ssod::ui {

/**
 * Edits an ordered list of entries (SPNs such as "TERMSRV/host", or web sites): a list with Add,
 * Remove, Up and Down, a line that edits the selected row, and quick-add buttons that insert
 * templates. Every row is checked as you type; a bad row is marked with an icon, a red colour and
 * the reason in words.
 */
class SpnListEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpnListEditor)

public:
    /// Returns why an entry is invalid, or an empty string when it is fine.
    using Validator = std::function<QString(const QString &)>;

    explicit SpnListEditor(QWidget *parent = nullptr);

    void setValidator(Validator validator);
    /// What the list is for; the list's accessible description while no row is wrong.
    void setDescription(const QString &description);
    /// Quick-add buttons: (button text, inserted entry).
    void setTemplates(const QList<std::pair<QString, QString>> &templates);
    void setItems(const QStringList &items);
    QStringList items() const;
    /// "Row 2: "TERMSRV/a b" contains a space …" for the first bad row; empty when all rows are valid.
    QString firstProblem() const { return m_problem; }

Q_SIGNALS:
    void itemsChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void addItem(const QString &text);
    void move(int delta);
    void syncEditor();
    void revalidate();

    Validator m_validator;
    QListWidget *m_list;
    QLineEdit *m_edit;
    QPushButton *m_add;
    QPushButton *m_remove;
    QPushButton *m_up;
    QPushButton *m_down;
    QWidget *m_templates;
    QLabel *m_error;
    QString m_problem;
    QString m_description;
    bool m_syncing = false;
};

} // namespace ssod::ui
