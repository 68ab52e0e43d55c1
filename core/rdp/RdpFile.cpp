// .rdp parser and writer. Syntax per FACTS.md §5 (MS Learn "Supported RDP properties", FreeRDP
// client/common/file.c). We are stricter than the clients, which skip lines they cannot read: a
// linter that silently skipped a broken line could call a file clean that is not, so a malformed
// line stops parsing with its line number.

#include "core/rdp/RdpFile.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>
#include <QStringEncoder>

namespace ssod::core::rdp {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("RdpFile", text);
}

/// Quotes \a s for an error message, cut short so a long line stays readable.
QString excerpt(QStringView s)
{
    constexpr qsizetype kMax = 40;
    return s.size() <= kMax ? s.toString() : s.left(kMax).toString() + QStringLiteral("…");
}

QString notRdpHint()
{
    return tr("; the file may not be an .rdp file");
}

bool isWholeNumber(QStringView v)
{
    qsizetype i = v.startsWith(QLatin1Char('-')) ? 1 : 0;
    if (i >= v.size() || v.size() - i > 10)
        return false;
    for (; i < v.size(); ++i)
        if (v[i] < QLatin1Char('0') || v[i] > QLatin1Char('9'))
            return false;
    // mstsc stores these as 32-bit integers; accept the signed and the unsigned range.
    const qint64 n = v.toLongLong();
    return n >= -2147483648LL && n <= 4294967295LL;
}

bool isHex(QStringView v)
{
    if (v.size() % 2 != 0)
        return false;
    for (QChar c : v) {
        const char16_t u = c.unicode();
        if (!((u >= '0' && u <= '9') || (u >= 'a' && u <= 'f') || (u >= 'A' && u <= 'F')))
            return false;
    }
    return true;
}

struct Decoded {
    QString text;
    RdpEncoding encoding = RdpEncoding::Utf8;
};

Result<Decoded> decode(const QByteArray &bytes, const QString &fileName)
{
    const auto startsWith = [&bytes](std::initializer_list<quint8> bom) {
        if (bytes.size() < qsizetype(bom.size()))
            return false;
        qsizetype i = 0;
        for (quint8 b : bom)
            if (quint8(bytes[i++]) != b)
                return false;
        return true;
    };
    // The BOM is removed here and the decoders are told not to strip another one, so a file that
    // starts with two BOMs still round-trips byte for byte.
    const auto flags = QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom;
    if (startsWith({ 0xff, 0xfe })) {
        const QByteArray body = bytes.mid(2);
        if (body.size() % 2 != 0)
            return Error::invalid(
                tr("the file starts with a UTF-16LE byte order mark but has an odd number of "
                   "bytes: it is cut short")
                    + notRdpHint(),
                fileName);
        QStringDecoder dec(QStringDecoder::Utf16LE, flags);
        return Decoded { dec(body), RdpEncoding::Utf16Le };
    }
    if (startsWith({ 0xfe, 0xff }))
        return Error::invalid(
            tr("the file is UTF-16 big-endian, which Remote Desktop Connection does not write; "
               "save it again as UTF-16LE (\"Unicode\") or UTF-8"),
            fileName);
    if (startsWith({ 0xef, 0xbb, 0xbf })) {
        QStringDecoder dec(QStringDecoder::Utf8, flags);
        QString text = dec(bytes.mid(3));
        if (dec.hasError())
            return Error::invalid(
                tr("the file starts with a UTF-8 byte order mark but is not valid UTF-8") + notRdpHint(),
                fileName);
        return Decoded { std::move(text), RdpEncoding::Utf8Bom };
    }
    if (bytes.size() >= 2 && bytes[0] != '\0' && bytes[1] == '\0')
        return Error::invalid(
            tr("the file looks like UTF-16LE without a byte order mark (FF FE); save it again "
               "with Remote Desktop Connection or add the byte order mark"),
            fileName);
    QStringDecoder dec(QStringDecoder::Utf8, flags);
    QString text = dec(bytes);
    if (!dec.hasError())
        return Decoded { std::move(text), RdpEncoding::Utf8 };
    // Not UTF-8: an 8-bit code page file. Latin-1 maps every byte to one character and back, so the
    // bytes survive a rewrite unchanged whatever the code page was.
    return Decoded { QString::fromLatin1(bytes), RdpEncoding::Ansi };
}

Result<RdpLine> parseLine(QStringView text, int lineNo, const QString &fileName)
{
    const QString where = fileName + QLatin1Char(':') + QString::number(lineNo);
    RdpLine line;
    line.text = text.toString();
    const QStringView trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        line.kind = RdpLine::Kind::Blank;
        return line;
    }
    if (trimmed.startsWith(QLatin1Char('#')) || trimmed.startsWith(QLatin1Char(';'))) {
        line.kind = RdpLine::Kind::Comment;
        return line;
    }
    const qsizetype c1 = text.indexOf(QLatin1Char(':'));
    const qsizetype c2 = c1 < 0 ? -1 : text.indexOf(QLatin1Char(':'), c1 + 1);
    if (c2 < 0)
        return Error::invalid(tr("\"%1\" is not a setting: expected name:type:value, e.g. "
                                 "\"full address:s:server.contoso.com\"")
                                  .arg(excerpt(text))
                + notRdpHint(),
            where);
    line.kind = RdpLine::Kind::Setting;
    line.name = text.left(c1).trimmed().toString();
    if (line.name.isEmpty())
        return Error::invalid(
            tr("\"%1\" has no setting name before the first colon").arg(excerpt(text)), where);
    const QStringView type = text.sliced(c1 + 1, c2 - c1 - 1);
    if (type != QLatin1String("i") && type != QLatin1String("s") && type != QLatin1String("b"))
        return Error::invalid(tr("setting \"%1\" has type \"%2\"; the type must be i (number), s (text) or "
                                 "b (binary)")
                                  .arg(excerpt(line.name), excerpt(type))
                + notRdpHint(),
            where);
    line.type = type[0];
    const QStringView value = text.sliced(c2 + 1);
    if (line.type == QLatin1Char('i')) {
        line.value = value.trimmed().toString();
        if (!isWholeNumber(line.value))
            return Error::invalid(
                tr("setting \"%1\" is a number (:i:) but its value \"%2\" is not a whole number")
                    .arg(excerpt(line.name), excerpt(value)),
                where);
    } else if (line.type == QLatin1Char('b')) {
        line.value = value.trimmed().toString();
        if (!isHex(line.value))
            return Error::invalid(
                tr("setting \"%1\" is binary (:b:) but its value is not an even number of hex "
                   "digits")
                    .arg(excerpt(line.name)),
                where);
    } else {
        line.value = value.toString();
    }
    return line;
}

/// Rebuilds a setting line from its parts, keeping the name exactly as written before the colon.
void rewrite(RdpLine &line, QChar type, const QString &value)
{
    const qsizetype c1 = line.text.indexOf(QLatin1Char(':'));
    line.text = line.text.left(c1 + 1) + type + QLatin1Char(':') + value;
    line.type = type;
    line.value = value;
}

} // namespace

Result<RdpFile> RdpFile::parse(const QByteArray &bytes, const QString &fileName)
{
    if (bytes.size() > kMaxBytes)
        return Error::invalid(
            tr("the file is %1 bytes; .rdp files are a few kilobytes and this tool reads at "
               "most 1 MiB")
                    .arg(bytes.size())
                + notRdpHint(),
            fileName);
    if (bytes.isEmpty())
        return Error::invalid(tr("the file is empty; an .rdp file holds lines such as "
                                 "\"full address:s:server.contoso.com\""),
            fileName);
    auto decoded = decode(bytes, fileName);
    if (!decoded)
        return decoded.error();
    const QString &text = decoded->text;

    RdpFile file;
    file.m_encoding = decoded->encoding;
    int lineNo = 0;
    bool anySetting = false;
    for (qsizetype pos = 0; pos < text.size();) {
        ++lineNo;
        qsizetype nl = text.indexOf(QLatin1Char('\n'), pos);
        qsizetype end = nl < 0 ? text.size() : nl;
        QString terminator;
        if (nl >= 0) {
            const bool crlf = end > pos && text[end - 1] == QLatin1Char('\r');
            if (crlf)
                --end;
            terminator = crlf ? QStringLiteral("\r\n") : QStringLiteral("\n");
        } else {
            // CRs that end the last line (a file cut between CR and LF) end the line; they are not
            // part of the value, or adding a line after it would turn them into CRLF and change it.
            const qsizetype textEnd = end;
            while (end > pos && text[end - 1] == QLatin1Char('\r'))
                --end;
            terminator = text.mid(end, textEnd - end);
        }
        const QStringView content = QStringView(text).sliced(pos, end - pos);
        if (content.contains(QChar(u'\0')))
            return Error::invalid(tr("the line contains NUL characters (binary data)") + notRdpHint(),
                fileName + QLatin1Char(':') + QString::number(lineNo));
        auto line = parseLine(content, lineNo, fileName);
        if (!line)
            return line.error();
        line->terminator = terminator;
        anySetting = anySetting || line->isSetting();
        file.m_lines.append(std::move(*line));
        pos = nl < 0 ? text.size() : nl + 1;
    }
    if (!anySetting)
        return Error::invalid(
            tr("the file has no settings (no name:type:value line)") + notRdpHint(), fileName);
    return file;
}

Result<RdpFile> RdpFile::load(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error::notFound(tr("file does not exist"), path);
    if (info.isDir())
        return Error::invalid(tr("this is a folder, not an .rdp file"), path);
    // A FIFO or device would block or never end; only regular files are read.
    if (!info.isFile())
        return Error::invalid(tr("this is not a regular file"), path);
    if (info.size() > kMaxBytes)
        return Error::invalid(
            tr("the file is %1 bytes; .rdp files are a few kilobytes and this tool reads at "
               "most 1 MiB")
                    .arg(info.size())
                + notRdpHint(),
            path);
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error::io(tr("cannot read the file: %1").arg(f.errorString()), path);
    const QByteArray bytes = f.read(kMaxBytes + 1);
    if (f.error() != QFileDevice::NoError)
        return Error::io(tr("cannot read the file: %1").arg(f.errorString()), path);
    return parse(bytes, path);
}

QByteArray RdpFile::serialize() const
{
    QString text;
    for (const RdpLine &l : m_lines)
        text += l.text + l.terminator;
    switch (m_encoding) {
    case RdpEncoding::Utf16Le: {
        QStringEncoder enc(QStringEncoder::Utf16LE, QStringEncoder::Flag::Stateless);
        return QByteArray("\xff\xfe", 2) + QByteArray(enc(text));
    }
    case RdpEncoding::Utf8Bom:
        return QByteArray("\xef\xbb\xbf") + text.toUtf8();
    case RdpEncoding::Utf8:
        return text.toUtf8();
    case RdpEncoding::Ansi:
        return text.toLatin1();
    }
    return {};
}

QString RdpFile::newline() const
{
    qsizetype crlf = 0;
    qsizetype lf = 0;
    for (const RdpLine &l : m_lines) {
        if (l.terminator == QLatin1String("\r\n"))
            ++crlf;
        else if (l.terminator == QLatin1String("\n"))
            ++lf;
    }
    // mstsc writes CRLF, so that is the choice when the file has no line ending at all.
    return lf > crlf ? QStringLiteral("\n") : QStringLiteral("\r\n");
}

std::optional<RdpSettingValue> RdpFile::find(const QString &name) const
{
    for (qsizetype i = m_lines.size() - 1; i >= 0; --i) {
        const RdpLine &l = m_lines[i];
        if (l.isSetting() && l.name.compare(name, Qt::CaseInsensitive) == 0)
            return RdpSettingValue { l.name, l.type, l.value, int(i + 1) };
    }
    return std::nullopt;
}

bool RdpFile::set(const QString &name, QChar type, const QString &value)
{
    bool found = false;
    bool changed = false;
    for (RdpLine &l : m_lines) {
        if (!l.isSetting() || l.name.compare(name, Qt::CaseInsensitive) != 0)
            continue;
        found = true;
        if (l.type != type || l.value != value) {
            rewrite(l, type, value);
            changed = true;
        }
    }
    if (found)
        return changed;
    const QString nl = newline();
    if (!m_lines.isEmpty()
        && (m_lines.last().terminator.isEmpty() || !m_lines.last().terminator.endsWith(QLatin1Char('\n'))))
        m_lines.last().terminator = nl;
    RdpLine line;
    line.kind = RdpLine::Kind::Setting;
    line.name = name;
    line.type = type;
    line.value = value;
    line.text = name + QLatin1Char(':') + type + QLatin1Char(':') + value;
    line.terminator = nl;
    m_lines.append(line);
    return true;
}

bool RdpFile::remove(const QString &name)
{
    return m_lines.removeIf([&name](const RdpLine &l) {
        return l.isSetting() && l.name.compare(name, Qt::CaseInsensitive) == 0;
    }) > 0;
}

QString encodingName(RdpEncoding encoding)
{
    switch (encoding) {
    case RdpEncoding::Utf16Le:
        return QStringLiteral("UTF-16LE with BOM");
    case RdpEncoding::Utf8Bom:
        return QStringLiteral("UTF-8 with BOM");
    case RdpEncoding::Utf8:
        return QStringLiteral("UTF-8");
    case RdpEncoding::Ansi:
        return QStringLiteral("8-bit (ANSI code page)");
    }
    return {};
}

} // namespace ssod::core::rdp
