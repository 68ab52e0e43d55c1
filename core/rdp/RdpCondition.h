#pragma once

#include <QChar>
#include <QString>
#include <QStringList>
#include <optional>

namespace ssod::core::rdp {

/// One test of a setting's effective value (the file's value, or the documented default).
struct RdpCondition {
    enum class Test { Equals, NotEquals, In, Missing, Present, IsIpAddress };
    QString setting;
    QChar type; ///< the setting's type: 'i' values compare as numbers, 's' values without case
    Test test = Test::Present;
    QStringList operands; ///< Equals/NotEquals: one value; In: several

    /// Whether the condition holds for a setting whose value in the file is \a fileValue (nullopt:
    /// not in the file) and whose documented default is \a defaultValue (empty: none).
    bool holds(const std::optional<QString> &fileValue, const QString &defaultValue) const;
};

/// The host part of a "full address" value ("host", "host:3390", "[fe80::1]:3389", "fe80::1").
QString rdpHostOf(const QString &address);
/// Whether \a address (a "full address" value, port allowed) names its computer by IP address.
bool rdpIsIpAddress(const QString &address);

} // namespace ssod::core::rdp
