#pragma once

class QCoreApplication;

namespace ssod::ui {

/**
 * Installs the translators: English plural forms first (so "%n changes" reads "1 change"; Qt
 * picks plural forms only from a translation, English included), then the user's language, then
 * Qt's own dialogs. The application and the GUI tests call this same function.
 */
void installTranslators(QCoreApplication &app);

} // namespace ssod::ui
