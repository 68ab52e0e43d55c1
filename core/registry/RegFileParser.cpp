// .reg parser (parseRegFile from RegFileCodec.h). Rules follow FACTS.md §1 (Wine regproc.c and
// KB310516). Where regedit prints a warning, skips a broken key or value line and imports the rest,
// strict mode (validation) stops with an error naming the line, and lenient mode (reading a target
// or baseline) skips the line as regedit does and records a FileWarning, so every caller can say
// how many values were left out. Measured with Wine 8.0 (FACTS §1.1): a nine-digit dword and a
// REG_SZ whose closing quote is on the next line are skipped and the rest imported.
//
// Lines before the header (licence comments in Microsoft's sample files) are NOT accepted: the file
// is refused with the line numbers and what to delete. Evidence: Wine's regedit reads only the
// first line as the header and ignores the whole file otherwise (measured with Wine 8.0 for a ';'
// line, FACTS §1.1), and Wine's reg import tests, which are run against real Windows, expect
// "\nREGEDIT4" (a blank line before the header) to fail on Windows (only XP was "broken" and
// accepted it). Reading such a file would report values that regedit never imports.

#include "core/registry/RegFileCodec.h"
#include "core/registry/RegFileCodec_p.h"
#include "core/registry/RegPath.h"

#include <QCoreApplication>
#include <QHash>
#include <QStringDecoder>
#include <QtEndian>
#include <array>

namespace ssod::core::registry {

namespace {

using regfile::TextEncoding;

QString tr(const char *text)
{
    return QCoreApplication::translate("RegFileCodec", text);
}

inline bool isBlank(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t');
}

constexpr auto kHexTable = [] {
    std::array<qint8, 128> t {};
    t.fill(-1);
    for (int c = 0; c < 10; ++c)
        t[size_t('0' + c)] = qint8(c);
    for (int c = 0; c < 6; ++c) {
        t[size_t('a' + c)] = qint8(10 + c);
        t[size_t('A' + c)] = qint8(10 + c);
    }
    return t;
}();

/// Value of a hex digit, -1 for anything else (a table: this runs once per character of hex data).
inline int hexValue(QChar c)
{
    return c.unicode() < 128 ? kHexTable[c.unicode()] : -1;
}

inline qsizetype skipBlanks(QStringView s, qsizetype i)
{
    while (i < s.size() && isBlank(s[i]))
        ++i;
    return i;
}

/// Quotes \a s for an error message, cut short so a megabyte-long line stays readable.
QString excerpt(QStringView s)
{
    constexpr qsizetype kMax = 40;
    return s.size() <= kMax ? s.toString() : s.left(kMax).toString() + QStringLiteral("…");
}

/// Keys that gain more entries than this get a name index, so a key with very many values is
/// parsed in linear time instead of comparing each new name against all earlier ones.
constexpr qsizetype kIndexThreshold = 32;

class Parser {
public:
    Parser(const QString &fileName, const RegParseOptions &options) : m_fileName(fileName), m_options(options)
    {
    }

    Result<ParsedRegFile> run(const QByteArray &bytes);
    Result<void> runSections(QString text, TextEncoding encoding, qsizetype firstLine, ParsedRegFile &into);

private:
    Result<void> parseBody();
    bool nextLine();
    Error error(const QString &message) const;
    QString valueLabel() const;
    QString location(qsizetype line) const;
    void skipLine(const Error &e, bool keyLine, qsizetype lineNo);
    QByteArray importString(QByteArray data, quint32 type);
    Error headerNotFirst(const QString &firstLine) const;

    Result<void> parseHeader(const QByteArray &bytes);
    Result<void> parseKeyLine(QStringView line);
    Result<void> parseValueLine(QStringView line, qsizetype i);
    Result<void> parseQuoted(QStringView line, qsizetype &i, QString &out, bool isName);
    Result<void> parseDword(QStringView line, qsizetype i, QByteArray &out);
    Result<void> parseHexList(QStringView line, qsizetype i, QByteArray &out);
    Result<void> expectLineEnd(QStringView line, qsizetype i);
    void store(const QString &name, std::optional<RegValue> value);

    QString m_fileName;
    RegParseOptions m_options;
    QString m_text;
    TextEncoding m_encoding = TextEncoding::Utf16;
    qsizetype m_pos = 0; // start of the next line in m_text
    qsizetype m_lineNo = 0; // 1-based number of m_line
    QStringView m_line;
    ParsedRegFile m_result;

    // The open [key] section. The pointer stays valid while only its entries change; every key
    // line re-fetches it because ensureKey/deleteKeyInstruction may reallocate the node list.
    RegKeyNode *m_node = nullptr;
    QString m_nodeFold;
    bool m_afterKeyDeletion = false;
    QHash<QString, QHash<QString, qsizetype>> m_bigKeys; // folded key -> folded name -> entry
    QHash<QString, qsizetype> *m_nameIndex = nullptr; // m_bigKeys entry of m_node, if any

    QString m_valueName; // of the value line being parsed, for messages
    bool m_defaultValue = false;
    qsizetype m_valueLine = 0; // first line of the value being parsed
    qsizetype m_badKeyLine = 0; // lenient mode: the unreadable [key] line the following values belong to
};

QString Parser::location(qsizetype line) const
{
    return m_fileName + QLatin1Char(':') + QString::number(line);
}

Error Parser::error(const QString &message) const
{
    return Error::invalid(message, location(m_lineNo));
}

void Parser::skipLine(const Error &e, bool keyLine, qsizetype lineNo)
{
    if (keyLine) {
        // regedit leaves no key open after a key line it cannot read, so the values below it go
        // nowhere; each of them gets its own warning naming this line.
        m_node = nullptr;
        m_nameIndex = nullptr;
        m_afterKeyDeletion = false;
        m_badKeyLine = lineNo;
        m_result.warnings << FileWarning::make(FileWarning::Kind::Skipped,
            tr("%1; this key line is skipped, and so are the values below it, as regedit skips them")
                .arg(e.message),
            location(lineNo));
        return;
    }
    m_result.warnings << FileWarning::forValue(FileWarning::Kind::Skipped,
        tr("%1; this value is skipped (regedit skips it too and imports the rest)").arg(e.message),
        location(lineNo), m_node ? m_node->path : QString(), m_valueName);
}

QString Parser::valueLabel() const
{
    if (m_defaultValue)
        return QStringLiteral("@");
    return QLatin1Char('"') + excerpt(m_valueName) + QLatin1Char('"');
}

bool Parser::nextLine()
{
    const qsizetype n = m_text.size();
    if (m_pos >= n)
        return false;
    const auto *d = reinterpret_cast<const char16_t *>(m_text.constData());
    qsizetype e = m_pos;
    while (e < n && d[e] != u'\n' && d[e] != u'\r')
        ++e;
    m_line = QStringView(d + m_pos, e - m_pos);
    ++m_lineNo;
    // CRLF, bare CR and bare LF all end a line (FACTS §1.1).
    if (e < n && d[e] == u'\r' && e + 1 < n && d[e + 1] == u'\n')
        m_pos = e + 2;
    else
        m_pos = e + 1;
    return true;
}

Result<ParsedRegFile> Parser::run(const QByteArray &bytes)
{
    if (bytes.size() >= 2 && quint8(bytes[0]) == 0xff && quint8(bytes[1]) == 0xfe) {
        // Only the BOM makes a file Unicode (FACTS §1.1). A trailing odd byte cannot be a
        // character; dropping it is what reading whole UTF-16 units does.
        m_encoding = TextEncoding::Utf16;
        m_text.resize((bytes.size() - 2) / 2);
        qFromLittleEndian<char16_t>(bytes.constData() + 2, m_text.size(), m_text.data());
    } else {
        QByteArrayView ansi(bytes);
        if (ansi.startsWith("\xef\xbb\xbf")) // Notepad's UTF-8 BOM: harmless, so tolerate it
            ansi = ansi.sliced(3);
        QStringDecoder utf8(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
        m_text = utf8(ansi);
        m_encoding = TextEncoding::Utf8;
        if (utf8.hasError()) {
            m_text = QString::fromLatin1(ansi);
            m_encoding = TextEncoding::Latin1;
        }
    }

    if (auto r = parseHeader(bytes); !r)
        return r.error();
    if (auto r = parseBody(); !r)
        return r.error();
    return std::move(m_result);
}

Result<void> Parser::runSections(
    QString text, TextEncoding encoding, qsizetype firstLine, ParsedRegFile &into)
{
    m_text = std::move(text);
    m_encoding = encoding;
    m_lineNo = firstLine - 1;
    m_result = std::move(into);
    auto r = parseBody();
    into = std::move(m_result);
    return r;
}

Result<void> Parser::parseBody()
{
    while (nextLine()) {
        const QStringView line = m_line;
        const qsizetype i = skipBlanks(line, 0);
        if (i == line.size())
            continue;
        Result<void> r;
        const QChar c = line[i];
        const qsizetype lineNo = m_lineNo; // a hex continuation moves m_lineNo on
        const bool keyLine = c == QLatin1Char('[');
        if (keyLine)
            r = parseKeyLine(line.sliced(i));
        else if (c == QLatin1Char('@') || c == QLatin1Char('"'))
            r = parseValueLine(line, i);
        // Any other line is a comment to regedit (FACTS §1.1), ';' or not.
        if (!r) {
            if (m_options.strict)
                return r.error();
            skipLine(r.error(), keyLine, lineNo);
        }
    }
    return {};
}

Result<void> Parser::parseHeader(const QByteArray &bytes)
{
    static const QString kV5 = QStringLiteral("Windows Registry Editor Version 5.00");
    static const QString kV4 = QStringLiteral("REGEDIT4");
    if (!nextLine()) {
        m_lineNo = 1;
        return error(
            tr("the file is empty; a .reg file starts with \"Windows Registry Editor Version 5.00\""));
    }
    QStringView header = m_line.sliced(skipBlanks(m_line, 0));
    while (!header.isEmpty() && isBlank(header.back()))
        header.chop(1);
    if (header == kV5) {
        m_result.format = RegFileFormat::V5;
        return {};
    }
    if (header == kV4) {
        m_result.format = RegFileFormat::Regedit4;
        return {};
    }
    if (header == QLatin1String("REGEDIT"))
        return error(
            tr("this is a Windows 3.1 \"REGEDIT\" file, which is not supported; export the keys again "
               "with a current regedit"));
    if (header.startsWith(QLatin1String("REGEDIT")))
        return error(
            tr("unsupported header \"%1\": regedit accepts it but imports nothing; the first line must be "
               "\"Windows Registry Editor Version 5.00\" or \"REGEDIT4\"")
                .arg(excerpt(header)));
    if (header.isEmpty() || header.startsWith(QLatin1Char(';')) || header.startsWith(QLatin1Char('#')))
        return headerNotFirst(header.toString());
    QString hint;
    if (bytes.size() >= 2 && quint8(bytes[0]) == 0xfe && quint8(bytes[1]) == 0xff)
        hint = tr(" (the file is UTF-16 big-endian; regedit reads only UTF-16 little-endian with BOM FF FE)");
    else if (bytes.size() >= 2 && bytes[0] != '\0' && bytes[1] == '\0')
        hint = tr(" (the file looks like UTF-16 without a byte order mark; save it as \"Unicode\" with BOM)");
    return error(
        tr("not a .reg file: first line must be \"Windows Registry Editor Version 5.00\" or \"REGEDIT4\"")
        + hint);
}

Error Parser::headerNotFirst(const QString &firstLine) const
{
    // Look further only to say where the header is; regedit itself reads nothing past line 1.
    Parser ahead(m_fileName, m_options);
    ahead.m_text = m_text;
    qsizetype headerLine = 0;
    while (ahead.nextLine() && ahead.m_lineNo <= 1000) {
        const QStringView l = ahead.m_line.trimmed();
        if (l == QLatin1String("Windows Registry Editor Version 5.00") || l == QLatin1String("REGEDIT4")) {
            headerLine = ahead.m_lineNo;
            break;
        }
    }
    const QString what = firstLine.isEmpty() ? tr("blank") : tr("a comment");
    if (headerLine == 0)
        return Error::invalid(
            tr("line 1 is %1, but regedit needs the header \"Windows Registry Editor Version "
               "5.00\" or \"REGEDIT4\" on line 1 and imports nothing from this file; "
               "put the header on line 1")
                .arg(what),
            location(1));
    return Error::invalid(
        tr("line 1 is %1 and the header is on line %2, but regedit reads the header only from "
           "line 1 and imports nothing from this file (Windows refuses it too); delete lines "
           "1-%3 or move them below the header")
            .arg(what)
            .arg(headerLine)
            .arg(headerLine - 1),
        location(1));
}

Result<void> Parser::parseKeyLine(QStringView line)
{
    // The key name runs to the LAST ']' on the line; anything after it is ignored (FACTS §1.2).
    const qsizetype close = line.lastIndexOf(QLatin1Char(']'));
    if (close < 0)
        return error(tr("key line \"%1\" has no closing ']'").arg(excerpt(line)));
    QStringView name = line.sliced(1, close - 1);
    const bool deletion = name.startsWith(QLatin1Char('-'));
    if (deletion)
        name = name.sliced(1);
    if (name.isEmpty())
        return error(
            tr("empty key name in \"%1\"; write [HKEY_LOCAL_MACHINE\\Path\\To\\Key]").arg(excerpt(line)));
    if (isBlank(name.front()))
        return error(tr("key name in \"%1\" must not start with a space or tab").arg(excerpt(line)));
    const std::optional<QString> key = regfile::canonicalKeyName(name);
    if (!key)
        return error(
            tr("unknown root key in \"%1\"; start the path with HKEY_LOCAL_MACHINE, HKEY_CURRENT_USER, "
               "HKEY_CLASSES_ROOT, HKEY_USERS or HKEY_CURRENT_CONFIG")
                .arg(excerpt(line)));

    RegTree &tree = m_result.tree;
    m_nameIndex = nullptr;
    m_badKeyLine = 0;
    if (deletion) {
        if (!key->contains(QLatin1Char('\\')))
            return error(tr("cannot delete the root key %1; name a subkey to delete").arg(*key));
        tree.deleteKeyInstruction(*key);
        for (auto it = m_bigKeys.begin(); it != m_bigKeys.end();)
            it = path::isWithin(it.key(), *key) ? m_bigKeys.erase(it) : std::next(it);
        m_node = nullptr;
        m_afterKeyDeletion = true;
        return {};
    }
    m_node = &tree.ensureKey(*key);
    m_nodeFold = path::fold(*key);
    if (auto it = m_bigKeys.find(m_nodeFold); it != m_bigKeys.end())
        m_nameIndex = &*it;
    return {};
}

void Parser::store(const QString &name, std::optional<RegValue> value)
{
    // Same effect as RegTree::setValue / deleteValueInstruction on the open section (a repeated
    // name replaces the earlier entry in place and keeps its first spelling), without re-folding
    // the key path on every line.
    QList<RegEntry> &entries = m_node->entries;
    qsizetype at = -1;
    if (m_nameIndex) {
        at = m_nameIndex->value(name.toCaseFolded(), -1);
    } else {
        for (qsizetype i = 0; i < entries.size(); ++i) {
            if (entries[i].name.size() == name.size()
                && entries[i].name.compare(name, Qt::CaseInsensitive) == 0) {
                at = i;
                break;
            }
        }
    }
    if (at >= 0) {
        entries[at].value = std::move(value);
        return;
    }
    entries.append(RegEntry { name, std::move(value) });
    if (m_nameIndex) {
        m_nameIndex->insert(name.toCaseFolded(), entries.size() - 1);
    } else if (entries.size() > kIndexThreshold) {
        QHash<QString, qsizetype> &index = m_bigKeys[m_nodeFold];
        for (qsizetype i = 0; i < entries.size(); ++i)
            index.insert(entries[i].name.toCaseFolded(), i);
        m_nameIndex = &index;
    }
}

Result<void> Parser::parseValueLine(QStringView line, qsizetype i)
{
    m_valueName.clear();
    m_valueLine = m_lineNo;
    m_defaultValue = line[i] == QLatin1Char('@');
    // The name first, so that a value skipped for want of a key is named in the warning.
    if (m_defaultValue) {
        ++i;
    } else if (auto r = parseQuoted(line, i, m_valueName, true); !r) {
        return r;
    }
    if (!m_node && m_badKeyLine > 0)
        return error(tr("value %1 belongs to the key line on line %2, which could not be read")
                         .arg(valueLabel())
                         .arg(m_badKeyLine));
    if (!m_node) {
        return error(
            m_afterKeyDeletion ? tr(
                "value line after a [-key] deletion; add a [key] line naming the key the value belongs to")
                               : tr("value line before the first [key] line; add a [key] line above it"));
    }
    i = skipBlanks(line, i);
    if (i >= line.size() || line[i] != QLatin1Char('='))
        return error(tr("expected '=' after the value name %1").arg(valueLabel()));
    i = skipBlanks(line, i + 1);
    if (i >= line.size())
        return error(tr("value %1 has no data after '='; write \"text\", dword:, hex: or - to delete it")
                         .arg(valueLabel()));

    const QStringView rest = line.sliced(i);
    const QChar c = line[i];
    if (c == QLatin1Char('-')) {
        if (auto r = expectLineEnd(line, i + 1); !r)
            return r;
        store(m_valueName, std::nullopt);
        return {};
    }
    if (c == QLatin1Char('"')) {
        QString text;
        if (auto r = parseQuoted(line, i, text, false); !r)
            return r;
        if (auto r = expectLineEnd(line, i); !r)
            return r;
        store(m_valueName, RegValue(quint32(RegType::Sz), utf16leWithNul(text)));
        return {};
    }
    if (rest.startsWith(QLatin1String("dword:"), Qt::CaseInsensitive)) {
        QByteArray data;
        if (auto r = parseDword(line, i + 6, data); !r)
            return r;
        store(m_valueName, RegValue(quint32(RegType::Dword), data));
        return {};
    }
    if (!rest.startsWith(QLatin1String("hex"), Qt::CaseInsensitive))
        return error(tr("unknown data \"%1\" for value %2; write \"text\", dword:, hex: or hex(N):")
                         .arg(excerpt(rest), valueLabel()));
    i += 3;
    quint32 type = quint32(RegType::Binary);
    if (i < line.size() && line[i] == QLatin1Char('(')) {
        // hex(N): N is hex without 0x (FACTS §1.3).
        const qsizetype start = ++i;
        quint64 n = 0;
        while (i < line.size() && hexValue(line[i]) >= 0 && i - start <= 8)
            n = n * 16 + quint64(hexValue(line[i++]));
        if (i - start > 8)
            return error(
                tr("type number in hex(…) of value %1 is longer than 8 hex digits").arg(valueLabel()));
        if (i == start || i >= line.size() || line[i] != QLatin1Char(')'))
            return error(
                tr("bad type number in \"%1\" of value %2; write it as hex digits without 0x, e.g. hex(2): "
                   "or hex(b):")
                    .arg(excerpt(rest), valueLabel()));
        type = quint32(n);
        ++i;
    }
    if (i >= line.size() || line[i] != QLatin1Char(':'))
        return error(
            tr("expected ':' after \"hex\" in value %1, e.g. hex:01,02 or hex(7):…").arg(valueLabel()));
    QByteArray data;
    if (auto r = parseHexList(line, i + 1, data); !r)
        return r;
    if (regfile::isStringType(type))
        data = importString(std::move(data), type);
    store(m_valueName, RegValue(type, std::move(data)));
    return {};
}

QByteArray Parser::importString(QByteArray data, quint32 type)
{
    // A v5 header promises Unicode, but only a BOM makes regedit read the file as UTF-16 (FACTS
    // §1.1). Files saved as ANSI by an editor keep their hex(2)/hex(7) bytes in UTF-16LE; widening
    // those again as ANSI (what Wine does) turns "c:\Windows" into "c". Such bytes cannot be ANSI
    // text (ANSI strings hold no NUL inside), so the author's evident intent is UTF-16LE.
    if (m_encoding == TextEncoding::Utf16 || m_result.format != RegFileFormat::V5
        || !regfile::looksLikeUtf16le(data))
        return regfile::importHexString(std::move(data), m_encoding);
    const QByteArray ansi = regfile::importHexString(data, m_encoding);
    data = regfile::importHexString(std::move(data), TextEncoding::Utf16);
    // What a program reading the value would see: strings up to their NUL (the ANSI reading of
    // "c\0:\0" is just "c"), REG_MULTI_SZ items separated by " | ".
    const auto preview = [type](const QByteArray &utf16) {
        QString text = regfile::fromUtf16le(utf16);
        if (type != quint32(RegType::MultiSz))
            return excerpt(text.left(text.indexOf(QChar(u'\0'))));
        QStringList items = text.split(QChar(u'\0'));
        while (!items.isEmpty() && items.back().isEmpty())
            items.removeLast();
        return excerpt(items.join(QStringLiteral(" | ")));
    };
    m_result.warnings << FileWarning::forValue(FileWarning::Kind::Reinterpreted,
        tr("hex(%1) data of value %2 is already UTF-16LE although the file has no byte order mark (it is "
           "read as "
           "ANSI); read as UTF-16LE (\"%3\"), as its author evidently meant. Wine's regedit widens the bytes "
           "as "
           "ANSI instead (\"%4\"; Windows not verified): save the file as Unicode (UTF-16LE with BOM) to "
           "remove "
           "the doubt")
            .arg(QString::number(type, 16), valueLabel(), preview(data), preview(ansi)),
        location(m_valueLine), m_node ? m_node->path : QString(), m_valueName);
    return data;
}

Result<void> Parser::parseQuoted(QStringView line, qsizetype &i, QString &out, bool isName)
{
    // Escapes (FACTS §1.4): \\ \" \n \r; \0 is invalid; any other \x keeps x, as regedit does.
    const qsizetype n = line.size();
    qsizetype run = ++i;
    while (i < n) {
        const QChar c = line[i];
        if (c == QLatin1Char('"')) {
            out.append(line.sliced(run, i - run));
            ++i;
            if (!isName && out.size() > regfile::kMaxValueBytes / 2)
                return error(tr("string value %1 is larger than 16 MiB").arg(valueLabel()));
            return {};
        }
        if (c != QLatin1Char('\\')) {
            ++i;
            continue;
        }
        out.append(line.sliced(run, i - run));
        if (i + 1 >= n)
            break;
        const QChar e = line[i + 1];
        if (e == QLatin1Char('n'))
            out.append(QLatin1Char('\n'));
        else if (e == QLatin1Char('r'))
            out.append(QLatin1Char('\r'));
        else if (e == QLatin1Char('0'))
            return error(
                tr("escape \\0 is not allowed in a .reg string (%1 %2); store NUL characters with "
                   "hex(1): or hex(7):")
                    .arg(isName ? tr("name of value") : tr("data of value"),
                        isName ? QString(QLatin1Char('"') + excerpt(out) + QLatin1Char('"')) : valueLabel()));
        else
            out.append(e);
        i += 2;
        run = i;
    }
    if (isName)
        return error(tr("unterminated string: the value name \"%1\" has no closing quote").arg(excerpt(out)));
    return error(tr("unterminated string in value %1: add the closing quote (strings cannot continue on the "
                    "next line; use hex(1): for multi-line text)")
                     .arg(valueLabel()));
}

Result<void> Parser::parseDword(QStringView line, qsizetype i, QByteArray &out)
{
    i = skipBlanks(line, i);
    const qsizetype start = i;
    quint32 v = 0;
    while (i < line.size() && hexValue(line[i]) >= 0) {
        if (i - start == 8)
            return error(tr("dword value longer than 8 hex digits in value %1").arg(valueLabel()));
        v = v * 16 + quint32(hexValue(line[i++]));
    }
    if (i - start == 1 && line[start] == QLatin1Char('0') && i < line.size()
        && (line[i] == QLatin1Char('x') || line[i] == QLatin1Char('X')))
        return error(tr("dword value of %1 must not start with 0x; write dword:00000001").arg(valueLabel()));
    if (i == start)
        return error(tr("dword value of %1 needs 1 to 8 hex digits, e.g. dword:00000001").arg(valueLabel()));
    out.resize(4);
    qToLittleEndian(v, out.data());
    return expectLineEnd(line, i);
}

Result<void> Parser::parseHexList(QStringView line, qsizetype i, QByteArray &out)
{
    // Bytes go straight into the buffer (used counts them), which holds at least one byte per two
    // characters of the line being read; continuation lines grow it geometrically.
    qsizetype used = out.size();
    const auto makeRoom = [&](qsizetype chars) {
        const qsizetype need = used + chars / 2 + 1;
        if (out.size() < need)
            out.resize(std::max(need, std::min(2 * out.size(), regfile::kMaxValueBytes + 1)));
    };
    makeRoom(line.size() - i);
    for (;;) {
        i = skipBlanks(line, i);
        if (i >= line.size() || line[i] == QLatin1Char(';')) {
            out.resize(used);
            return {}; // end of data (a trailing comma is tolerated)
        }
        if (line[i] == QLatin1Char('\\')) {
            // ",\" continues the list on the next line (FACTS §1.5).
            if (auto r = expectLineEnd(line, i + 1); !r)
                return r;
            for (;;) {
                if (!nextLine())
                    return error(tr("the file ends inside value %1, whose hex data was continued with ',\\'; "
                                    "the file is truncated")
                                     .arg(valueLabel()));
                i = skipBlanks(m_line, 0);
                if (i == m_line.size() || m_line[i] == QLatin1Char(';'))
                    continue; // blank and comment lines inside a continuation are skipped
                if (hexValue(m_line[i]) < 0)
                    return error(
                        tr("continuation line of value %1 must start with a hex byte; the previous line "
                           "ends with ',\\'")
                            .arg(valueLabel()));
                line = m_line;
                makeRoom(line.size() - i);
                break;
            }
            continue;
        }
        const qsizetype start = i;
        int v = 0;
        while (i < line.size() && hexValue(line[i]) >= 0 && i - start < 3)
            v = v * 16 + hexValue(line[i++]);
        const qsizetype digits = i - start;
        i = skipBlanks(line, i);
        const bool endsItem = i >= line.size() || line[i] == QLatin1Char(',') || line[i] == QLatin1Char(';');
        if (digits == 0 || digits > 2 || !endsItem) {
            qsizetype end = start;
            while (end < line.size() && line[end] != QLatin1Char(','))
                ++end;
            const QStringView token = line.sliced(start, end - start).trimmed();
            if (token.isEmpty())
                return error(tr("missing hex byte before ',' in value %1").arg(valueLabel()));
            return error(
                tr("bad hex byte '%1' in value %2; write bytes as two hex digits separated by commas")
                    .arg(excerpt(token), valueLabel()));
        }
        if (used >= regfile::kMaxValueBytes)
            return error(tr("value %1 is larger than 16 MiB; such data cannot be imported from a .reg file")
                             .arg(valueLabel()));
        out.data()[used++] = char(v);
        if (i < line.size() && line[i] == QLatin1Char(','))
            ++i;
    }
}

Result<void> Parser::expectLineEnd(QStringView line, qsizetype i)
{
    i = skipBlanks(line, i);
    if (i < line.size() && line[i] != QLatin1Char(';'))
        return error(tr("unexpected text \"%1\" after value %2; only a ; comment may follow the data")
                         .arg(excerpt(line.sliced(i)), valueLabel()));
    return {};
}

} // namespace

Result<ParsedRegFile> parseRegFile(
    const QByteArray &bytes, const QString &fileName, const RegParseOptions &options)
{
    return Parser(fileName, options).run(bytes);
}

Result<void> regfile::parseSections(QString text, TextEncoding encoding, qsizetype firstLine,
    const QString &fileName, ParsedRegFile &into, const RegParseOptions &options)
{
    return Parser(fileName, options).runSections(std::move(text), encoding, firstLine, into);
}

} // namespace ssod::core::registry
