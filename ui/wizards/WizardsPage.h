#pragma once

#include "core/wizard/WizardDefinition.h"

#include <QWidget>

namespace ssod::ui {

/// The "Wizards" area: one card per wizard (title, what it fixes, Start), or why none loaded.
class WizardsPage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WizardsPage)

public:
    /// \a loadError non-empty: the definitions could not be loaded; the page says so.
    WizardsPage(const QList<core::wizard::WizardDefinition> &wizards, const QString &loadError,
                QWidget *parent = nullptr);

Q_SIGNALS:
    void startRequested(const QString &wizardId);
    void rdpInspectorRequested();
};

} // namespace ssod::ui
