#include "ui/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace ssod::ui {

void installTranslators(QCoreApplication &app)
{
    // Installed first, so searched last: any real translation wins over the English plurals.
    auto *plurals = new QTranslator(&app);
    if (plurals->load(QStringLiteral(":/i18n/ssodoctor_en.qm")))
        QCoreApplication::installTranslator(plurals);
    auto *own = new QTranslator(&app);
    if (QLocale().language() != QLocale::English
        && own->load(QLocale(), QStringLiteral("ssodoctor"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(own);
    auto *qt = new QTranslator(&app);
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
}

} // namespace ssod::ui
