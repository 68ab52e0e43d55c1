#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;

namespace ssod::core::catalog {
struct Setting;
} // namespace ssod::core::catalog

namespace ssod::ui {

/**
 * Edits the value of one setting's parameter: a combo box of the choices for an enum, a line
 * edit for a list or a number. Every change is validated with the core's makeRequest, so the
 * message under the field is the one the CLI would print.
 */
class SettingValueEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingValueEditor)

public:
    explicit SettingValueEditor(QWidget *parent = nullptr);

    /// Edits \a setting (null: nothing), starting from \a value (empty: the default).
    void setSetting(const core::catalog::Setting *setting, const QString &value);
    /// The value as typed or chosen ("" for settings without a parameter).
    QString value() const;
    bool isValid() const { return m_valid; }

Q_SIGNALS:
    void valueEdited(const QString &value);

private:
    void validate();

    const core::catalog::Setting *m_setting = nullptr;
    QLabel *m_label;
    QComboBox *m_combo;
    QLineEdit *m_line;
    QLabel *m_noValue;
    QLabel *m_hint;
    QLabel *m_error;
    QLabel *m_warnings;
    bool m_valid = false;
};

} // namespace ssod::ui
