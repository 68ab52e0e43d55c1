// Evaluating rule conditions, and the plain-words meaning of a value: shared by the rules loader
// (which checks that every fix clears its own rule) and the linter.

#include "core/rdp/RdpCondition.h"

#include "core/rdp/RdpRules.h"

#include <QHostAddress>
#include <algorithm>

namespace ssod::core::rdp {

namespace {

/// Numbers compare as numbers ("01" is 1), text without case or surrounding spaces.
bool sameValue(QChar type, const QString &a, const QString &b)
{
    if (type == QLatin1Char('i')) {
        bool okA = false;
        bool okB = false;
        const qint64 na = a.trimmed().toLongLong(&okA);
        const qint64 nb = b.trimmed().toLongLong(&okB);
        return okA && okB && na == nb;
    }
    return a.trimmed().compare(b.trimmed(), Qt::CaseInsensitive) == 0;
}

} // namespace

bool RdpCondition::holds(const std::optional<QString> &fileValue, const QString &defaultValue) const
{
    const bool present = fileValue && !fileValue->trimmed().isEmpty();
    const std::optional<QString> effective
        = present ? fileValue : (defaultValue.isEmpty() ? std::nullopt : std::optional(defaultValue));
    switch (test) {
    case Test::Missing:
        return !present;
    case Test::Present:
        return present;
    case Test::IsIpAddress:
        return present && rdpIsIpAddress(*fileValue);
    case Test::Equals:
    case Test::In:
        return effective && std::any_of(operands.begin(), operands.end(), [&](const QString &op) {
            return sameValue(type, *effective, op);
        });
    case Test::NotEquals:
        // "not 1" includes "not set": an absent setting without a default is not 1 either.
        return !effective || !sameValue(type, *effective, operands.value(0));
    }
    return false;
}

QString rdpHostOf(const QString &address)
{
    const QString a = address.trimmed();
    if (a.startsWith(QLatin1Char('['))) {
        const qsizetype close = a.indexOf(QLatin1Char(']'));
        return close < 0 ? a.mid(1) : a.mid(1, close - 1);
    }
    // One colon separates a port; more than one is a bare IPv6 address.
    if (a.count(QLatin1Char(':')) == 1)
        return a.left(a.indexOf(QLatin1Char(':')));
    return a;
}

bool rdpIsIpAddress(const QString &address)
{
    const QString host = rdpHostOf(address);
    if (host.isEmpty())
        return false;
    // QHostAddress also takes inet_aton's short forms ("10.1"), which Windows resolves as addresses too.
    return !QHostAddress(host).isNull();
}

QString RdpSettingInfo::meaning(const QString &value) const
{
    if (!values.isEmpty()) {
        for (auto it = values.begin(); it != values.end(); ++it)
            if (sameValue(type, it.key(), value))
                return it.value();
        return {};
    }
    if (describe.isEmpty())
        return {};
    QString d = describe;
    return d.replace(QStringLiteral("{value}"), value);
}

} // namespace ssod::core::rdp
