// .reg writer (writeRegFile from RegFileCodec.h): the layout regedit itself exports (FACTS.md
// §1), so files we produce diff cleanly against real exports and import on any Windows.

#include "core/registry/RegFileCodec.h"
#include "core/registry/RegFileCodec_p.h"

#include <QCoreApplication>
#include <QtEndian>

namespace ssod::core::registry {

namespace {

using regfile::TextEncoding;

QString tr(const char *text)
{
    return QCoreApplication::translate("RegFileCodec", text);
}

/// regedit breaks hex lists once a line reaches this many characters (Wine MAX_HEX_CHARS), so a
/// line holds the prefix plus bytes up to ~80 columns and continuation lines hold 25 bytes.
constexpr qsizetype kHexWrapColumn = 77;

/// REG_SZ data that can be written as "…": UTF-16LE, exactly one terminating NUL, no control
/// characters (they would break the line or rely on escapes Windows may not read back) and no
/// broken surrogates (REGEDIT4 text is UTF-8).
/// The text of REG_SZ data that can be written as "…" (into \a text), or false: UTF-16LE with
/// exactly one terminating NUL, no control characters (they would break the line or rely on escapes
/// Windows may not read back) and no broken surrogates (REGEDIT4 text is UTF-8).
bool plainString(const QByteArray &data, QString &text)
{
    if (data.size() < 2 || data.size() % 2 || data[data.size() - 1] != '\0' || data[data.size() - 2] != '\0')
        return false;
    text.resize(data.size() / 2 - 1);
    qFromLittleEndian<char16_t>(data.constData(), text.size(), text.data());
    for (const QChar c : std::as_const(text))
        if (c.unicode() < 0x20)
            return false;
    return QStringView(text).isValidUtf16();
}

void appendEscaped(QString &out, QStringView text, bool isName)
{
    // Runs without a character to escape are appended whole.
    qsizetype run = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        const char *escape = c == u'\\' ? "\\\\"
            : c == u'"'                 ? "\\\""
            : isName && c == u'\n'      ? "\\n" // a raw line break would end the line; regedit reads \n
            : isName && c == u'\r'      ? "\\r"
                                        : nullptr;
        if (!escape)
            continue;
        out += text.sliced(run, i - run);
        out += QLatin1String(escape);
        run = i + 1;
    }
    out += text.sliced(run);
}

class Writer {
public:
    Writer(RegFileFormat format, const QString &sourceName) : m_format(format), m_source(sourceName) { }

    QByteArray run(const RegTree &tree, const QStringList &comments);
    QByteArray header(const QStringList &comments);
    QByteArray sections(const RegTree &tree);
    FileWarnings takeWarnings() { return std::move(m_warnings); }

private:
    QByteArray takeText();
    void endLine() { m_out += QLatin1String("\r\n"); }
    void line(const QString &text)
    {
        m_out += text;
        endLine();
    }
    void comment(const QString &text);
    void writeNode(const RegKeyNode &node);
    void writeEntry(const RegEntry &entry);
    void appendHex(qsizetype column, const QByteArray &bytes);
    void warn(FileWarning::Kind kind, const QString &message, const QString &key)
    {
        m_warnings << FileWarning::make(kind, message, m_source, key);
    }
    void warnValue(FileWarning::Kind kind, const QString &message, const QString &name)
    {
        m_warnings << FileWarning::forValue(kind, message, m_source, m_key, name);
    }

    RegFileFormat m_format;
    QString m_source;
    QString m_key; // of the section being written
    QString m_out;
    QString m_scratch; // text of the string value being written
    FileWarnings m_warnings;
};

QString valueLabel(const QString &name)
{
    return name.isEmpty() ? QStringLiteral("@") : QLatin1Char('"') + name + QLatin1Char('"');
}

QByteArray Writer::run(const RegTree &tree, const QStringList &comments)
{
    QByteArray bytes = header(comments);
    bytes += sections(tree);
    return bytes;
}

QByteArray Writer::header(const QStringList &comments)
{
    line(m_format == RegFileFormat::V5 ? QStringLiteral("Windows Registry Editor Version 5.00")
                                       : QStringLiteral("REGEDIT4"));
    for (const QString &c : comments)
        comment(c);
    endLine();
    QByteArray bytes = m_format == RegFileFormat::V5 ? QByteArray("\xff\xfe", 2) : QByteArray();
    return bytes + takeText();
}

QByteArray Writer::sections(const RegTree &tree)
{
    // Size the text once: names, and about three characters per byte of data.
    qsizetype estimate = 0;
    for (const RegKeyNode &node : tree.nodes()) {
        estimate += node.path.size() + 8;
        for (const RegEntry &e : node.entries)
            estimate += e.name.size() + 16
                + (e.value ? 3 * e.value->data().size() + e.value->data().size() / 8 : 0);
    }
    m_out.reserve(m_out.size() + estimate);
    for (const RegKeyNode &node : tree.nodes())
        writeNode(node);
    return takeText();
}

QByteArray Writer::takeText()
{
    // "ANSI" is written as UTF-8: see TextEncoding for why.
    QByteArray bytes = m_format == RegFileFormat::Regedit4 ? m_out.toUtf8() : regfile::toUtf16le(m_out);
    m_out.clear();
    return bytes;
}

void Writer::comment(const QString &text)
{
    // A comment holding a line break would turn its second line into content. (Split by hand:
    // parts of a large file are written on several threads at once.)
    QString lines = text;
    lines.replace(QLatin1String("\r\n"), QLatin1String("\n")).replace(QLatin1Char('\r'), QLatin1Char('\n'));
    for (const QString &part : lines.split(QLatin1Char('\n')))
        line(part.isEmpty() ? QStringLiteral(";") : QStringLiteral("; ") + part);
}

void Writer::writeNode(const RegKeyNode &node)
{
    const QString key = regfile::canonicalKeyName(node.path).value_or(node.path);
    m_key = node.path;
    if (node.deleteAllValues) {
        // .reg has no "delete all values" line. Saying so keeps the file honest for a reader;
        // regedit ignores the comment, so importing the file does not clear the key.
        comment(
            tr("all values of [%1] are deleted first (Registry.pol **delvals.); .reg files cannot express "
               "this, so regedit keeps the other values")
                .arg(key));
        warn(FileWarning::Kind::Lost,
            tr("[%1]: \"delete every value of this key\" (Registry.pol **delvals.) cannot be expressed in a "
               ".reg "
               "file and is written only as a comment, so importing it keeps the values already there; "
               "delete "
               "them by hand or deploy the Registry.pol")
                .arg(key),
            node.path);
    }
    if (node.deleteKey) {
        if (key.contains(QLatin1Char('\\'))) {
            line(QStringLiteral("[-") + key + QLatin1Char(']'));
        } else {
            comment(tr("[-%1] left out: regedit cannot delete a root key").arg(key));
            warn(FileWarning::Kind::Lost,
                tr("[-%1]: deleting a root key is left out (written as a comment); regedit cannot delete a "
                   "root key")
                    .arg(key),
                node.path);
        }
        endLine();
    }
    if (!node.present)
        return; // entries of a key that is only deleted cannot be written without recreating it
    line(QLatin1Char('[') + key + QLatin1Char(']'));
    for (const RegEntry &entry : node.entries)
        writeEntry(entry);
    endLine();
}

void Writer::writeEntry(const RegEntry &entry)
{
    if (entry.name.startsWith(QLatin1String("**"))) {
        // Registry.pol instructions the reader keeps as literal values (**soft., **SecureKey, …).
        warnValue(FileWarning::Kind::Reinterpreted,
            tr("value %1 under [%2] is a Registry.pol instruction that a .reg file cannot express; it is "
               "written "
               "as a value with that literal name, which regedit will create as such")
                .arg(valueLabel(entry.name), m_key),
            entry.name);
    }
    static const QByteArray kNoData;
    const quint32 type = entry.value ? entry.value->type() : 0;
    const QByteArray &data = entry.value ? entry.value->data() : kNoData;
    const bool plain = entry.value && type == quint32(RegType::Sz) && plainString(data, m_scratch);
    QByteArray bytes = data;
    if (entry.value && regfile::isStringType(type) && !plain) {
        // Written as hex(N). regedit adds a missing NUL to hex(1/2/7) data and REGEDIT4 holds
        // 8-bit text; say so when that changes this value rather than changing it silently.
        const bool v5 = m_format == RegFileFormat::V5;
        if (!v5)
            bytes = regfile::narrowForRegedit4(data);
        if (regfile::importHexString(bytes, v5 ? TextEncoding::Utf16 : TextEncoding::Utf8) != data) {
            const QString why = tr("regedit adds a missing NUL terminator%1")
                                    .arg(v5 ? QString() : tr("; REGEDIT4 stores 8-bit text"));
            comment(tr("note: the next value reads back slightly changed (%1)").arg(why));
            warnValue(FileWarning::Kind::Reinterpreted,
                tr("value %1 under [%2] will read back slightly changed (%3)")
                    .arg(valueLabel(entry.name), m_key, why),
                entry.name);
        }
    }

    // The line is built in place: "name"=data.
    const qsizetype lineStart = m_out.size();
    if (entry.name.isEmpty()) {
        m_out += QLatin1Char('@');
    } else {
        m_out += QLatin1Char('"');
        appendEscaped(m_out, entry.name, true);
        m_out += QLatin1Char('"');
    }
    m_out += QLatin1Char('=');
    if (!entry.value) {
        m_out += QLatin1Char('-');
        endLine();
        return;
    }
    if (plain) {
        m_out += QLatin1Char('"');
        appendEscaped(m_out, m_scratch, false);
        m_out += QLatin1Char('"');
        endLine();
        return;
    }
    if (type == quint32(RegType::Dword) && data.size() == 4) {
        static constexpr char kDigits[] = "0123456789abcdef";
        const quint32 v = qFromLittleEndian<quint32>(data.constData());
        char text[] = "dword:00000000";
        for (int i = 0; i < 8; ++i)
            text[6 + i] = kDigits[(v >> (28 - 4 * i)) & 0xf];
        m_out += QLatin1String(text, 14);
        endLine();
        return;
    }
    if (type == quint32(RegType::Binary))
        m_out += QLatin1String("hex:");
    else
        m_out += QStringLiteral("hex(%1):").arg(type, 0, 16);
    appendHex(m_out.size() - lineStart, bytes);
    endLine();
}

void Writer::appendHex(qsizetype column, const QByteArray &bytes)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    const qsizetype n = bytes.size();
    for (qsizetype i = 0; i < n; ++i) {
        const auto b = quint8(bytes[i]);
        m_out += QLatin1Char(kDigits[b >> 4]);
        m_out += QLatin1Char(kDigits[b & 0xf]);
        if (i + 1 == n)
            break;
        m_out += QLatin1Char(',');
        column += 3;
        if (column >= kHexWrapColumn) {
            m_out += QLatin1String("\\\r\n  ");
            column = 2;
        }
    }
}

} // namespace

QByteArray writeRegFile(const RegTree &tree, RegFileFormat format, const QStringList &comments)
{
    return Writer(format, QString()).run(tree, comments);
}

QByteArray regFileHeader(RegFileFormat format, const QStringList &comments)
{
    return Writer(format, QString()).header(comments);
}

WrittenRegFile writeRegFileSections(const RegTree &tree, RegFileFormat format, const QString &sourceName)
{
    Writer writer(format, sourceName);
    WrittenRegFile out;
    out.bytes = writer.sections(tree);
    out.warnings = writer.takeWarnings();
    return out;
}

WrittenRegFile writeRegFileReporting(
    const RegTree &tree, RegFileFormat format, const QStringList &comments, const QString &sourceName)
{
    Writer writer(format, sourceName);
    WrittenRegFile out;
    out.bytes = writer.run(tree, comments);
    out.warnings = writer.takeWarnings();
    return out;
}

} // namespace ssod::core::registry
