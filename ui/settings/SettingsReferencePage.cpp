#include "ui/settings/SettingsReferencePage.h"

#include "core/catalog/Catalog.h"
#include "core/catalog/SettingRequest.h"
#include "ui/settings/ExportPanel.h"
#include "ui/settings/SettingDetailsView.h"
#include "ui/settings/SettingValueEditor.h"
#include "ui/settings/SettingsFilterModel.h"
#include "ui/settings/SettingsModel.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

namespace ssod::ui {

using core::catalog::Setting;
using core::catalog::SettingRequest;

SettingsReferencePage::SettingsReferencePage(const core::catalog::Catalog &catalog, QWidget *parent)
    : QWidget(parent), m_catalog(catalog), m_model(new SettingsModel(catalog, this)),
      m_filter(new SettingsFilterModel(catalog, this))
{
    setObjectName(QStringLiteral("settingsReferencePage"));
    m_filter->setSourceModel(m_model);

    // Reading on top (list | details), acting below (value | export), so the export preview
    // gets the full width its long registry paths need.
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(createListPane());
    m_splitter->addWidget(createDetailsPane());
    m_splitter->setStretchFactor(0, 4);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setSizes({ 700, 410 });

    auto *vertical = new QSplitter(Qt::Vertical, this);
    vertical->setChildrenCollapsible(false);
    vertical->addWidget(m_splitter);
    vertical->addWidget(createActionPane());
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 2);
    vertical->setSizes({ 420, 330 });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(vertical);

    setFocusProxy(m_search);
    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });

    connect(m_search, &QLineEdit::textChanged, this, &SettingsReferencePage::onSearchChanged);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        // Enter in the search box jumps to the first match.
        const QModelIndex category = m_filter->index(0, 0);
        const QModelIndex first = m_filter->index(0, 0, category);
        if (first.isValid())
            m_view->setCurrentIndex(first);
        m_view->setFocus(Qt::OtherFocusReason);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &SettingsReferencePage::onCurrentChanged);
    connect(m_model, &SettingsModel::checkedChanged, this, [this] {
        updateChecked();
        updateExport();
    });
    connect(m_value, &SettingValueEditor::valueEdited, this, &SettingsReferencePage::onValueEdited);
    connect(m_export, &ExportPanel::statusMessage, this, &SettingsReferencePage::statusMessage);
    connect(m_clearChecked, &QPushButton::clicked, this, [this] { m_model->clearChecked(); });

    setupTabOrder();
    onSearchChanged({});
    onCurrentChanged();
    updateChecked();
}

QWidget *SettingsReferencePage::createListPane()
{
    auto *pane = new QWidget(this);
    m_search = new QLineEdit(pane);
    m_search->setObjectName(QStringLiteral("searchEdit"));
    m_search->setPlaceholderText(tr("Search settings, registry keys, GPO paths\u2026"));
    m_search->setAccessibleName(tr("Search settings"));
    m_search->setClearButtonEnabled(true);
    m_search->setToolTip(
        tr("Matches ids, titles, categories, summaries, registry locations and Group Policy paths "
           "(Ctrl+F)"));

    m_matches = new QLabel(pane);
    m_matches->setObjectName(QStringLiteral("matchesLabel"));
    m_matches->setWordWrap(true);

    m_view = new QTreeView(pane);
    m_view->setObjectName(QStringLiteral("settingsView"));
    m_view->setAccessibleName(tr("Settings"));
    m_view->setModel(m_filter);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(SettingsModel::TitleColumn, QHeaderView::Stretch);
    // Sized once to the whole catalog, so the columns stay put while a search filters rows.
    m_view->expandAll();
    for (int c : { SettingsModel::IdColumn, SettingsModel::SideColumn, SettingsModel::RiskColumn }) {
        header->setSectionResizeMode(c, QHeaderView::Interactive);
        m_view->resizeColumnToContents(c);
    }

    m_checkedLabel = new QLabel(pane);
    m_checkedLabel->setObjectName(QStringLiteral("checkedLabel"));
    m_clearChecked = new QPushButton(tr("&Untick All"), pane);
    m_clearChecked->setObjectName(QStringLiteral("clearCheckedButton"));
    m_clearChecked->setAccessibleName(tr("Untick all settings"));

    auto *checkedRow = new QHBoxLayout;
    checkedRow->addWidget(m_checkedLabel, 1);
    checkedRow->addWidget(m_clearChecked);

    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addWidget(m_matches);
    layout->addWidget(m_view, 1);
    layout->addLayout(checkedRow);
    return pane;
}

QWidget *SettingsReferencePage::createDetailsPane()
{
    m_details = new SettingDetailsView(this);
    m_details->setObjectName(QStringLiteral("detailsView"));
    m_details->setAccessibleName(tr("Setting details"));
    return m_details;
}

QWidget *SettingsReferencePage::createActionPane()
{
    auto *pane = new QWidget(this);
    m_valueBox = new QGroupBox(tr("Value"), pane);
    m_value = new SettingValueEditor(m_valueBox);
    auto *valueLayout = new QVBoxLayout(m_valueBox);
    valueLayout->addWidget(m_value);
    valueLayout->addStretch(1);

    auto *exportBox = new QGroupBox(tr("Export"), pane);
    m_export = new ExportPanel(exportBox);
    auto *exportLayout = new QVBoxLayout(exportBox);
    exportLayout->addWidget(m_export);

    auto *layout = new QHBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_valueBox, 1);
    layout->addWidget(exportBox, 3);
    return pane;
}

void SettingsReferencePage::setupTabOrder()
{
    QList<QWidget *> order { m_search, m_view, m_clearChecked, m_details };
    // The value editor is a combo box or a line edit depending on the setting; both take a turn.
    order += m_value->findChildren<QWidget *>(QStringLiteral("valueEdit"));
    for (const char *name : { "formatCombo", "gpoNameEdit", "copyButton", "exportButton", "exportPreview" })
        order << m_export->findChild<QWidget *>(QLatin1String(name));
    for (qsizetype i = 1; i < order.size(); ++i)
        if (order.at(i - 1) && order.at(i))
            setTabOrder(order.at(i - 1), order.at(i));
    m_details->setTabChangesFocus(true);
}

void SettingsReferencePage::onSearchChanged(const QString &text)
{
    m_filter->setSearchText(text);
    m_view->expandAll();
    const int total = int(m_catalog.settings().size());
    const int shown = m_filter->matchCount();
    if (text.trimmed().isEmpty())
        m_matches->setText(tr("%1 settings. Tick several to export them together.").arg(total));
    else if (shown == 0)
        m_matches->setText(tr("No setting matches \u201C%1\u201D.").arg(text.trimmed()));
    else
        m_matches->setText(tr("%1 of %2 settings match.").arg(shown).arg(total));
}

void SettingsReferencePage::onCurrentChanged()
{
    const QModelIndex index = m_filter->mapToSource(m_view->currentIndex());
    m_current = m_model->setting(index);
    const QString value = m_current ? m_values.value(m_current->id) : QString();
    m_details->showSetting(m_current, value);
    m_value->setSetting(m_current, value);
    // The editor may have fallen back to the default (e.g. an unknown enum value); export what it shows.
    if (m_current && m_current->parameter.kind == core::catalog::Parameter::Kind::Enum)
        m_values.insert(m_current->id, m_value->value());
    m_valueBox->setVisible(m_current != nullptr);
    updateExport();
}

void SettingsReferencePage::onValueEdited(const QString &value)
{
    if (!m_current)
        return;
    m_values.insert(m_current->id, value);
    m_details->showSetting(m_current, m_value->isValid() ? value : QString());
    updateExport();
}

void SettingsReferencePage::updateChecked()
{
    const qsizetype n = m_model->checkedIds().size();
    m_checkedLabel->setText(n == 0 ? tr("No settings ticked: the export covers the selected setting.")
                                   : tr("Ticked for export: %1").arg(n));
    m_clearChecked->setEnabled(n > 0);
}

void SettingsReferencePage::updateExport()
{
    QStringList ids = m_model->checkedIds();
    const bool fromChecked = !ids.isEmpty();
    if (ids.isEmpty() && m_current)
        ids << m_current->id;
    if (ids.isEmpty()) {
        m_export->setRequests({}, false, {});
        return;
    }
    QList<SettingRequest> requests;
    for (const QString &id : std::as_const(ids)) {
        const Setting *s = m_catalog.find(id);
        if (!s)
            continue;
        auto request = core::catalog::makeRequest(*s, m_values.value(id));
        if (!request) {
            m_export->setRequests({}, fromChecked, request.error().message);
            return;
        }
        requests << *request;
    }
    m_export->setRequests(requests, fromChecked, {});
}

bool SettingsReferencePage::selectSetting(const QString &id, const QString &value)
{
    if (!m_catalog.find(id))
        return false;
    if (!value.isEmpty())
        m_values.insert(id, value);
    QModelIndex index = m_filter->mapFromSource(m_model->indexOf(id));
    if (!index.isValid()) {
        m_search->clear();
        index = m_filter->mapFromSource(m_model->indexOf(id));
    }
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
    onCurrentChanged(); // also when it already was current but the value changed
    return true;
}

QString SettingsReferencePage::currentSettingId() const
{
    return m_current ? m_current->id : QString();
}

bool SettingsReferencePage::exportTo(const QString &path, QString *error)
{
    return m_export->exportTo(path, error);
}

void SettingsReferencePage::exportWithDialog()
{
    m_export->exportWithDialog();
}

} // namespace ssod::ui
