#include "core/registry/RegValue.h"

#include <QtEndian>

namespace ssod::core::registry {

namespace {

struct TypeName
{
    quint32 type;
    const char *name;
};

constexpr TypeName kTypeNames[] = {
    {0, "REG_NONE"},
    {1, "REG_SZ"},
    {2, "REG_EXPAND_SZ"},
    {3, "REG_BINARY"},
    {4, "REG_DWORD"},
    {5, "REG_DWORD_BIG_ENDIAN"},
    {6, "REG_LINK"},
    {7, "REG_MULTI_SZ"},
    {8, "REG_RESOURCE_LIST"},
    {11, "REG_QWORD"},
};

QString decodeUtf16(const QByteArray &bytes, qsizetype from, qsizetype *end)
{
    QString out;
    qsizetype i = from;
    for (; i + 1 < bytes.size(); i += 2) {
        const char16_t c = char16_t(quint8(bytes[i]) | (quint8(bytes[i + 1]) << 8));
        if (c == 0) {
            if (end)
                *end = i + 2;
            return out;
        }
        out.append(QChar(c));
    }
    if (end)
        *end = bytes.size();
    return out;
}

} // namespace

QString regTypeName(quint32 type)
{
    for (const auto &t : kTypeNames)
        if (t.type == type)
            return QString::fromLatin1(t.name);
    return QStringLiteral("REG_0x%1").arg(type, 0, 16);
}

std::optional<quint32> regTypeFromName(const QString &name)
{
    QString n = name.trimmed().toUpper();
    if (!n.startsWith(QLatin1String("REG_")))
        n.prepend(QLatin1String("REG_"));
    for (const auto &t : kTypeNames)
        if (n == QLatin1String(t.name))
            return t.type;
    return std::nullopt;
}

QByteArray utf16leWithNul(const QString &s)
{
    QByteArray out((s.size() + 1) * 2, Qt::Uninitialized);
    qToLittleEndian<char16_t>(s.utf16(), s.size(), out.data()); // a copy on little-endian machines
    out[out.size() - 2] = '\0';
    out[out.size() - 1] = '\0';
    return out;
}

RegValue RegValue::fromString(const QString &s, RegType type)
{
    return {quint32(type), utf16leWithNul(s)};
}

RegValue RegValue::fromMultiString(const QStringList &items)
{
    QByteArray data;
    for (const QString &item : items)
        data += utf16leWithNul(item);
    data.append('\0');
    data.append('\0');
    return {quint32(RegType::MultiSz), data};
}

RegValue RegValue::fromDword(quint32 v)
{
    QByteArray data(4, '\0');
    qToLittleEndian(v, data.data());
    return {quint32(RegType::Dword), data};
}

RegValue RegValue::fromQword(quint64 v)
{
    QByteArray data(8, '\0');
    qToLittleEndian(v, data.data());
    return {quint32(RegType::Qword), data};
}

bool RegValue::isString() const
{
    return m_type == quint32(RegType::Sz) || m_type == quint32(RegType::ExpandSz)
           || m_type == quint32(RegType::Link);
}

QString RegValue::toString() const
{
    return decodeUtf16(m_data, 0, nullptr);
}

QStringList RegValue::toMultiString() const
{
    QStringList items;
    qsizetype pos = 0;
    while (pos + 1 < m_data.size()) {
        qsizetype end = 0;
        QString s = decodeUtf16(m_data, pos, &end);
        if (s.isEmpty())
            break; // the list terminator (or an empty item, which Windows also treats as the end)
        items.append(s);
        pos = end;
    }
    return items;
}

std::optional<quint32> RegValue::toDword() const
{
    if (m_data.size() != 4)
        return std::nullopt;
    if (m_type == quint32(RegType::Dword))
        return qFromLittleEndian<quint32>(m_data.constData());
    if (m_type == quint32(RegType::DwordBigEndian))
        return qFromBigEndian<quint32>(m_data.constData());
    return std::nullopt;
}

std::optional<quint64> RegValue::toQword() const
{
    if (m_type != quint32(RegType::Qword) || m_data.size() != 8)
        return std::nullopt;
    return qFromLittleEndian<quint64>(m_data.constData());
}

QString RegValue::display() const
{
    if (isString())
        return QLatin1Char('"') + toString() + QLatin1Char('"');
    if (m_type == quint32(RegType::MultiSz)) {
        QStringList quoted;
        for (const QString &s : toMultiString())
            quoted << QLatin1Char('"') + s + QLatin1Char('"');
        return QLatin1Char('[') + quoted.join(QLatin1String(", ")) + QLatin1Char(']');
    }
    if (auto d = toDword())
        return QStringLiteral("%1 (0x%2)").arg(*d).arg(*d, 8, 16, QLatin1Char('0'));
    if (auto q = toQword())
        return QStringLiteral("%1 (0x%2)").arg(*q).arg(*q, 16, 16, QLatin1Char('0'));
    if (m_data.isEmpty())
        return QStringLiteral("(empty %1)").arg(regTypeName(m_type));
    const QByteArray head = m_data.left(32).toHex(' ');
    return QString::fromLatin1(head) + (m_data.size() > 32 ? QStringLiteral(" … (%1 bytes)").arg(m_data.size()) : QString());
}

} // namespace ssod::core::registry
