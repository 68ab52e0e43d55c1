#include "core/registry/export/PowerShellSyntax.h"

#include "core/registry/export/ExportCommon.h"

#include <limits>

namespace ssod::core::registry::ps {

namespace {

bool isSingleQuote(QChar c)
{
    const char16_t u = c.unicode();
    return u == u'\'' || (u >= 0x2018 && u <= 0x201B);
}

bool isDoubleQuote(QChar c)
{
    const char16_t u = c.unicode();
    return u == u'"' || (u >= 0x201C && u <= 0x201E);
}

bool isControl(QChar c)
{
    return c.unicode() < 0x20 || c.unicode() == 0x7F;
}

QString doubleQuoted(const QString &s)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : s) {
        switch (c.unicode()) {
        case 0:
            out += QStringLiteral("`0");
            continue;
        case 7:
            out += QStringLiteral("`a");
            continue;
        case 8:
            out += QStringLiteral("`b");
            continue;
        case 9:
            out += QStringLiteral("`t");
            continue;
        case 10:
            out += QStringLiteral("`n");
            continue;
        case 11:
            out += QStringLiteral("`v");
            continue;
        case 12:
            out += QStringLiteral("`f");
            continue;
        case 13:
            out += QStringLiteral("`r");
            continue;
        default:
            break;
        }
        if (isControl(c)) {
            // `e and `u{} exist only from PowerShell 6; a subexpression works in 5.1 too.
            out += QStringLiteral("$([char]0x%1)").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        } else if (c == QLatin1Char('`') || c == QLatin1Char('$') || isDoubleQuote(c)) {
            out += QLatin1Char('`');
            out += c;
        } else {
            out += c;
        }
    }
    out += QLatin1Char('"');
    return out;
}

/// True when \a v's bytes are exactly what writing its decoded form back would produce.
bool roundTrips(const RegValue &v, const RegValue &rebuilt)
{
    return v.data() == rebuilt.data();
}

} // namespace

QString quote(const QString &s)
{
    for (const QChar c : s)
        if (isControl(c))
            return doubleQuoted(s);
    QString out = QStringLiteral("'");
    for (const QChar c : s) {
        if (isSingleQuote(c))
            out += c; // doubling is the escape inside '…'
        out += c;
    }
    out += QLatin1Char('\'');
    return out;
}

bool hasWildcard(const QString &s)
{
    for (const QChar c : s)
        if (c == QLatin1Char('*') || c == QLatin1Char('?') || c == QLatin1Char('[') || c == QLatin1Char(']'))
            return true;
    return false;
}

QString dwordLiteral(quint32 v)
{
    if (v <= quint32(std::numeric_limits<qint32>::max()))
        return QString::number(v);
    return QStringLiteral("0x") + QStringLiteral("%1").arg(v, 8, 16, QLatin1Char('0')).toUpper();
}

QString qwordLiteral(quint64 v)
{
    if (v <= quint64(std::numeric_limits<qint64>::max()))
        return QString::number(v);
    return QStringLiteral("0x") + QStringLiteral("%1").arg(v, 16, 16, QLatin1Char('0')).toUpper();
}

QString byteArrayLiteral(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return QStringLiteral("([byte[]]@())");
    QStringList items;
    items.reserve(bytes.size());
    for (const char b : bytes)
        items << QStringLiteral("0x")
                + QStringLiteral("%1").arg(quint8(b), 2, 16, QLatin1Char('0')).toUpper();
    return QStringLiteral("([byte[]](%1))").arg(items.join(QLatin1Char(',')));
}

std::optional<TypedValue> typedValue(const RegValue &v)
{
    switch (v.type()) {
    case quint32(RegType::Sz):
    case quint32(RegType::ExpandSz): {
        // The cmdlets take text and add the terminator; data that is not exactly text + NUL
        // (missing terminator, bytes after it) cannot be reproduced.
        const auto type = RegType(v.type());
        if (!roundTrips(v, RegValue::fromString(v.toString(), type)))
            return std::nullopt;
        return TypedValue { type == RegType::Sz ? QStringLiteral("String") : QStringLiteral("ExpandString"),
            quote(v.toString()) };
    }
    case quint32(RegType::MultiSz): {
        const QStringList items = v.toMultiString();
        if (!roundTrips(v, RegValue::fromMultiString(items)))
            return std::nullopt;
        QStringList quoted;
        for (const QString &item : items)
            quoted << quote(item);
        return TypedValue { QStringLiteral("MultiString"),
            QStringLiteral("@(%1)").arg(quoted.join(QLatin1Char(','))) };
    }
    case quint32(RegType::Dword):
        if (const auto d = v.toDword())
            return TypedValue { QStringLiteral("DWord"), dwordLiteral(*d) };
        return std::nullopt;
    case quint32(RegType::Qword):
        if (const auto q = v.toQword())
            return TypedValue { QStringLiteral("QWord"), qwordLiteral(*q) };
        return std::nullopt;
    case quint32(RegType::Binary):
        return TypedValue { QStringLiteral("Binary"), byteArrayLiteral(v.data()) };
    case quint32(RegType::None):
        return TypedValue { QStringLiteral("None"), byteArrayLiteral(v.data()) };
    default:
        return std::nullopt;
    }
}

QStringList commentBlock(const QStringList &header)
{
    QStringList lines { QStringLiteral("<#") };
    for (QString line : header)
        lines << QStringLiteral("  ") + line.replace(QLatin1String("#>"), QLatin1String("# >"));
    lines << QStringLiteral("#>");
    return lines;
}

QByteArray scriptBytes(const QStringList &lines)
{
    // The BOM matters: Windows PowerShell 5.1 reads a BOM-less script in the ANSI code page, which
    // would garble non-ASCII names, data and the header's dashes.
    QByteArray script("\xEF\xBB\xBF");
    script += exporting::utf8Crlf(lines.join(QLatin1Char('\n')) + QLatin1Char('\n'));
    return script;
}

} // namespace ssod::core::registry::ps
