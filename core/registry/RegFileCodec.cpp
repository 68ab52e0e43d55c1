// Helpers shared by the .reg parser (RegFileParser.cpp) and writer (RegFileWriter.cpp).

#include "core/registry/RegFileCodec_p.h"
#include "core/registry/RegPath.h"

#include <QStringDecoder>
#include <QtEndian>

namespace ssod::core::registry::regfile {

QByteArray toUtf16le(QStringView s)
{
    QByteArray out(s.size() * 2, Qt::Uninitialized);
    qToLittleEndian<char16_t>(s.utf16(), s.size(), out.data()); // a copy on little-endian machines
    return out;
}

QString fromUtf16le(QByteArrayView bytes)
{
    QString out((bytes.size() + 1) / 2, Qt::Uninitialized);
    qFromLittleEndian<char16_t>(bytes.data(), bytes.size() / 2, out.data());
    if (bytes.size() % 2)
        out.back() = QChar(char16_t(uchar(bytes.back())));
    return out;
}

QByteArray importHexString(QByteArray bytes, TextEncoding encoding)
{
    if (encoding == TextEncoding::Utf16) {
        // Our choice for the odd byte regedit would leave undefined: complete the code unit.
        if (bytes.size() % 2)
            bytes.append('\0');
        const qsizetype n = bytes.size();
        if (n < 2 || bytes[n - 1] != '\0' || bytes[n - 2] != '\0')
            bytes.append(2, '\0');
        return bytes;
    }
    if (bytes.isEmpty() || bytes.back() != '\0')
        bytes.append('\0');
    if (encoding == TextEncoding::Utf8) {
        QStringDecoder utf8(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
        const QString text = utf8(bytes);
        // Hex bytes are not covered by the file-level UTF-8 check, so fall back per value.
        if (!utf8.hasError())
            return toUtf16le(text);
    }
    return toUtf16le(QString::fromLatin1(bytes));
}

bool looksLikeUtf16le(QByteArrayView bytes)
{
    const qsizetype n = bytes.size();
    if (n < 4 || n % 2 || bytes[n - 1] != '\0' || bytes[n - 2] != '\0')
        return false;
    bool text = false;
    for (qsizetype i = 0; i < n; i += 2) {
        if (bytes[i + 1] != '\0')
            return false;
        text = text || bytes[i] != '\0';
    }
    return text;
}

QByteArray narrowForRegedit4(const QByteArray &utf16)
{
    return fromUtf16le(utf16).toUtf8();
}

std::optional<QString> canonicalKeyName(QStringView keyName)
{
    const qsizetype sep = keyName.indexOf(QLatin1Char('\\'));
    const QStringView head = sep < 0 ? keyName : keyName.left(sep);
    if (head.isEmpty() || head.trimmed().size() != head.size() || head.contains(QLatin1Char('/')))
        return std::nullopt;
    const std::optional<QString> root = path::canonical(head.toString());
    if (!root || root->contains(QLatin1Char('\\')))
        return std::nullopt;
    if (sep < 0)
        return root;
    QStringView rest = keyName.mid(sep + 1);
    while (rest.endsWith(QLatin1Char('\\')))
        rest.chop(1);
    if (rest.isEmpty())
        return root;
    return QString(*root + QLatin1Char('\\') + rest);
}

} // namespace ssod::core::registry::regfile
