#pragma once

#include <QList>
#include <QString>
#include <algorithm>
#include <utility>

namespace ssod::core {

/**
 * Something a file reader or writer did not carry over exactly as written, while the operation as a
 * whole still succeeded: a line regedit itself would skip, data read one of two plausible ways, or
 * an instruction the output format cannot hold. Callers show every warning (the CLI on stderr and
 * in its JSON, the GUI next to the file); the CLI's --strict turns them into errors.
 */
struct FileWarning {
    enum class Kind {
        Skipped, ///< a value or key line that cannot be read; left out, as regedit leaves it out
        Reinterpreted, ///< data the file states ambiguously; the message says which reading was chosen
        Lost, ///< an instruction the output cannot express; left out or written as a comment
    };

    Kind kind = Kind::Skipped;
    QString message; ///< one line naming the key and value, what happened and what to do
    QString location; ///< "file:line", "file@0x1a" or the file name
    QString key; ///< full key path when known
    QString valueName; ///< value name when the warning is about one value ("" = the default value)
    bool aboutValue = false;

    static FileWarning make(Kind kind, QString message, QString location, QString key = {})
    {
        return { kind, std::move(message), std::move(location), std::move(key), {}, false };
    }
    static FileWarning forValue(Kind kind, QString message, QString location, QString key, QString valueName)
    {
        return { kind, std::move(message), std::move(location), std::move(key), std::move(valueName), true };
    }

    /// "location: message", or the message alone.
    QString toString() const
    {
        return location.isEmpty() ? message : location + QStringLiteral(": ") + message;
    }

    /// Stable name for scripts (JSON "kind").
    QString kindName() const
    {
        switch (kind) {
        case Kind::Skipped:
            return QStringLiteral("skipped");
        case Kind::Reinterpreted:
            return QStringLiteral("reinterpreted");
        case Kind::Lost:
            return QStringLiteral("lost");
        }
        return {};
    }
};

using FileWarnings = QList<FileWarning>;

inline qsizetype countWarnings(const FileWarnings &warnings, FileWarning::Kind kind)
{
    return std::count_if(
        warnings.begin(), warnings.end(), [kind](const FileWarning &w) { return w.kind == kind; });
}

} // namespace ssod::core
