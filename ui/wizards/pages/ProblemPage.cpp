#include "ui/wizards/pages/ProblemPage.h"

#include "ui/wizards/pages/PageUtil.h"

#include <QLabel>
#include <QVBoxLayout>

namespace ssod::ui {

ProblemPage::ProblemPage(const core::wizard::WizardDefinition &def, QWidget *parent) : QWizardPage(parent)
{
    setObjectName(QStringLiteral("problemPage"));
    setTitle(def.title);
    setSubTitle(tr("Step 1 of 6 \u2014 Is this your problem?"));

    QString symptoms = QStringLiteral("<ul style=\"margin-left:-20px\">");
    for (const QString &s : def.symptoms)
        symptoms += QStringLiteral("<li>%1</li>").arg(s.toHtmlEscaped());
    symptoms += QStringLiteral("</ul>");

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(pageutil::heading(tr("What you see"), this));
    layout->addWidget(pageutil::text(symptoms, this, QStringLiteral("symptomsLabel")));
    layout->addWidget(pageutil::heading(tr("Why it happens"), this));
    layout->addWidget(pageutil::text(def.cause.toHtmlEscaped(), this, QStringLiteral("causeLabel")));
    layout->addWidget(pageutil::heading(tr("When this is the wrong wizard"), this));
    layout->addWidget(pageutil::text(def.wrongWizardWhen.toHtmlEscaped(), this, QStringLiteral("wrongWizardLabel")));
    layout->addStretch(1);
    // The page is all text: it must still be reachable with Tab, so a keyboard and screen reader
    // user lands on "What you see" rather than on the Next button.
    for (auto *label : findChildren<QLabel *>())
        if (!label->objectName().isEmpty())
            label->setFocusPolicy(Qt::StrongFocus);
}

} // namespace ssod::ui
