#include "ui/settings/SettingDetailsView.h"

#include "core/catalog/Setting.h"
#include "ui/settings/SettingsModel.h"

#include <QFontDatabase>
#include <QScrollBar>

namespace ssod::ui {

using core::catalog::Parameter;
using core::catalog::Setting;

namespace {

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

QString row(const QString &label, const QString &html)
{
    return QStringLiteral(
        "<tr><th align=\"left\" valign=\"top\" style=\"padding-right:12px\">%1</th><td>%2</td></tr>")
        .arg(esc(label), html);
}

/// A value to show in the command-line example: the one being edited, else a sensible sample.
QString exampleValue(const Setting &s, const QString &value)
{
    const Parameter &p = s.parameter;
    if (p.kind == Parameter::Kind::None)
        return {};
    if (!value.trimmed().isEmpty())
        return value.trimmed();
    if (!p.example.isEmpty())
        return p.example;
    if (!p.defaultValue.isEmpty())
        return p.defaultValue;
    if (!p.choices.isEmpty())
        return p.choices.constFirst().value;
    return QString::number(p.min);
}

} // namespace

SettingDetailsView::SettingDetailsView(QWidget *parent) : QTextBrowser(parent)
{
    setOpenExternalLinks(true);
    const QString mono = QFontDatabase::systemFont(QFontDatabase::FixedFont).family();
    // Registry paths are long and have no spaces: wrap them anywhere rather than scroll sideways.
    document()->setDefaultStyleSheet(
        QStringLiteral("code { font-family: '%1'; } "
                       ".code { font-family: '%1'; white-space: pre-wrap; } "
                       "h2 { margin-bottom: 4px; } h3 { margin-top: 14px; margin-bottom: 4px; }")
            .arg(mono));
    setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    showSetting(nullptr);
}

void SettingDetailsView::showSetting(const Setting *setting, const QString &value)
{
    const int scroll = verticalScrollBar()->value();
    if (!setting) {
        setHtml(
            QStringLiteral("<h2>%1</h2><p>%2</p><ul><li>%3</li><li>%4</li><li>%5</li></ul>")
                .arg(esc(tr("Settings reference")),
                    esc(tr("Every registry and Group Policy setting SSO Doctor knows: what it does, why you "
                           "would change it, what it risks and where it lives.")),
                    esc(tr("Search by title, id, registry key or Group Policy path (Ctrl+F).")),
                    esc(tr("Select a setting to read about it and choose its value.")),
                    esc(tr("Tick several settings to export them together as .reg, Registry.pol, PowerShell "
                           "or GPP Registry.xml."))));
        m_settingId.clear();
        return;
    }
    setHtml(html(*setting, value));
    // Editing the value re-renders the page; keep the reader's place.
    if (m_settingId == setting->id)
        verticalScrollBar()->setValue(scroll);
    m_settingId = setting->id;
}

QString SettingDetailsView::html(const Setting &s, const QString &value) const
{
    QString h;
    h += QStringLiteral("<h2>%1</h2>").arg(esc(s.title));
    h += QStringLiteral("<p>%1</p>").arg(esc(s.summary));

    h += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\">");
    h += row(tr("Id"), QStringLiteral("<code>%1</code>").arg(esc(s.id)));
    h += row(tr("Category"), esc(s.category));
    h += row(tr("Applies to"), esc(SettingsModel::sideText(s.side)));
    // The level is spelled out; the colour only repeats it.
    h += row(tr("Risk"),
        QStringLiteral("<b style=\"color:%1\">\u25CF %2</b> \u2014 %3")
            .arg(SettingsModel::riskColor(s.riskLevel).name(), esc(SettingsModel::riskLevelText(s.riskLevel)),
                esc(s.riskText)));
    h += row(tr("Reference"), esc(s.reference));
    h += row(tr("Group Policy"),
        s.gpoPath.isEmpty()
            ? QStringLiteral("<i>%1</i>").arg(esc(tr("No Group Policy setting; registry only")))
            : esc(s.gpoPath));
    if (s.restart)
        h += row(tr("Restart"), esc(tr("Takes effect after a restart.")));
    h += QStringLiteral("</table>");

    h += QStringLiteral("<h3>%1</h3><p>%2</p>").arg(esc(tr("Why")), esc(s.explanation));
    h += QStringLiteral("<h3>%1</h3><p class=\"code\">%2</p>")
             .arg(esc(tr("Registry")), esc(s.locations().join(QLatin1Char('\n'))));
    h += parameterHtml(s);

    const QString v = exampleValue(s, value);
    QString spec = s.id;
    if (!v.isEmpty())
        spec += QLatin1Char('=')
            + (v.contains(QLatin1Char(' ')) ? QLatin1Char('"') + v + QLatin1Char('"') : v);
    h += QStringLiteral("<h3>%1</h3><p class=\"code\">ssodoctor-cli export %2 --format reg -o %3.reg</p>")
             .arg(esc(tr("Command line")), esc(spec), esc(s.id));
    return h;
}

QString SettingDetailsView::parameterHtml(const Setting &s) const
{
    const Parameter &p = s.parameter;
    QString body;
    switch (p.kind) {
    case Parameter::Kind::None:
        return {};
    case Parameter::Kind::Enum:
        body = QStringLiteral("<ul style=\"margin-top:0\">");
        for (const auto &c : p.choices) {
            QString item = QStringLiteral("<code>%1</code> \u2014 %2").arg(esc(c.value), esc(c.label));
            if (c.value == p.defaultValue)
                item += QLatin1Char(' ') + esc(tr("(default)"));
            if (!c.warning.isEmpty())
                item += QStringLiteral("<br/><i>%1</i>").arg(esc(c.warning));
            body += QStringLiteral("<li>%1</li>").arg(item);
        }
        body += QStringLiteral("</ul>");
        break;
    case Parameter::Kind::List:
        body = QStringLiteral("<p>%1</p>")
                   .arg(esc(tr("A comma-separated list; each item: %1.")
                                .arg(p.itemHint.isEmpty() ? p.example : p.itemHint)));
        break;
    case Parameter::Kind::Int:
        body
            = QStringLiteral("<p>%1</p>").arg(esc(tr("A whole number from %1 to %2.").arg(p.min).arg(p.max)));
        if (!p.defaultValue.isEmpty())
            body += QStringLiteral("<p>%1</p>").arg(esc(tr("Default: %1").arg(p.defaultValue)));
        break;
    }
    const QString label = p.label.isEmpty() ? tr("Value") : p.label;
    return QStringLiteral("<h3>%1</h3>").arg(esc(label)) + body;
}

} // namespace ssod::ui
