#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace ssod::core::registry {

/// Windows registry value types (winnt.h numbers; stored as-is in .reg hex(N), PReg and regf).
enum class RegType : quint32 {
    None = 0,
    Sz = 1,
    ExpandSz = 2,
    Binary = 3,
    Dword = 4,
    DwordBigEndian = 5,
    Link = 6,
    MultiSz = 7,
    ResourceList = 8,
    Qword = 11,
};

/// "REG_SZ", "REG_DWORD", … ("REG_0x1f" for numbers without a name).
QString regTypeName(quint32 type);
/// Inverse of regTypeName; accepts the names with or without "REG_" and case-insensitively.
std::optional<quint32> regTypeFromName(const QString &name);

/**
 * A registry value exactly as Windows stores it: a type number and raw data bytes (strings are
 * UTF-16LE with terminating NUL). Keeping raw bytes makes every store lossless, including values of
 * unknown types and strings without terminators; the typed accessors interpret them.
 */
class RegValue final
{
public:
    RegValue() = default;
    RegValue(quint32 type, QByteArray data) : m_type(type), m_data(std::move(data)) {}

    static RegValue fromString(const QString &s, RegType type = RegType::Sz);
    static RegValue fromMultiString(const QStringList &items);
    static RegValue fromDword(quint32 v);
    static RegValue fromQword(quint64 v);
    static RegValue fromBinary(const QByteArray &bytes) { return {quint32(RegType::Binary), bytes}; }

    quint32 type() const { return m_type; }
    RegType knownType() const { return RegType(m_type); }
    const QByteArray &data() const { return m_data; }

    bool isString() const; ///< REG_SZ or REG_EXPAND_SZ (or REG_LINK)
    /// UTF-16LE decode up to the first NUL (tolerates missing NUL and odd length).
    QString toString() const;
    /// REG_MULTI_SZ items; the empty terminator string is not an item.
    QStringList toMultiString() const;
    std::optional<quint32> toDword() const; ///< REG_DWORD (LE) or REG_DWORD_BIG_ENDIAN with 4 bytes
    std::optional<quint64> toQword() const; ///< REG_QWORD with 8 bytes

    /// Short human form for diffs: `1 (0x00000001)`, `"text"`, `["a", "b"]`, `01 02 …`.
    QString display() const;

    friend bool operator==(const RegValue &a, const RegValue &b)
    {
        return a.m_type == b.m_type && a.m_data == b.m_data;
    }

private:
    quint32 m_type = quint32(RegType::None);
    QByteArray m_data;
};

/// UTF-16LE bytes of \a s with a terminating NUL.
QByteArray utf16leWithNul(const QString &s);

} // namespace ssod::core::registry
