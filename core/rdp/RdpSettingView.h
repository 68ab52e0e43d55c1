#pragma once

#include <QChar>
#include <QString>

namespace ssod::core::rdp {

/// An authentication-relevant setting in plain words, as the file has it or as the default applies.
struct RdpSettingView {
    QString name;
    QChar type;
    QString title;
    QString value; ///< the file's value, or the default when !present
    QString meaning; ///< plain words for value; empty when not known
    bool present = false;
    int line = 0;
};

} // namespace ssod::core::rdp
