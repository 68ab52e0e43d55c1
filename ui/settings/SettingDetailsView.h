#pragma once

#include <QTextBrowser>

namespace ssod::core::catalog {
struct Setting;
} // namespace ssod::core::catalog

namespace ssod::ui {

/// Everything the catalog knows about one setting, as a read-only rich-text page.
class SettingDetailsView final : public QTextBrowser {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingDetailsView)

public:
    explicit SettingDetailsView(QWidget *parent = nullptr);

    /// Shows \a setting, or a hint when it is null. \a value is used in the command-line example.
    void showSetting(const core::catalog::Setting *setting, const QString &value = {});

private:
    QString html(const core::catalog::Setting &s, const QString &value) const;
    QString parameterHtml(const core::catalog::Setting &s) const;

    QString m_settingId;
};

} // namespace ssod::ui
