#include "core/registry/RegFileScanner.h"

#include "core/registry/PartTracker_p.h"
#include "core/registry/RegFileCodec_p.h"
#include "core/registry/RegPath.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>
#include <QThread>
#include <QThreadPool>
#include <QtEndian>
#include <algorithm>
#include <cstring>
#include <deque>
#include <future>
#include <string_view>

namespace ssod::core::registry {

namespace {

using regfile::TextEncoding;

QString tr(const char *text)
{
    return QCoreApplication::translate("RegFileScanner", text);
}

constexpr qsizetype kChunkBytes = 4 * 1024 * 1024;

constexpr std::string_view kRootNames[][2] = {
    { "hkey_local_machine", "hklm" },
    { "hkey_current_user", "hkcu" },
    { "hkey_users", "hku" },
    { "hkey_classes_root", "hkcr" },
    { "hkey_current_config", "hkcc" },
    { "hkey_dyn_data", "hkdd" },
};

/// Root index of an ASCII-lower-cased root name as path::canonical accepts it ("hklm", "hklm:"),
/// -1 for anything else.
int rootIndex(std::string_view head)
{
    if (!head.empty() && head.back() == ':')
        head.remove_suffix(1);
    for (int r = 0; r < int(std::size(kRootNames)); ++r)
        if (head == kRootNames[r][0] || head == kRootNames[r][1])
            return r;
    return -1;
}

inline bool isAsciiSpace(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r'); // what QString::trimmed() removes, in ASCII
}

/// True when \a s is \a ancestor or lies below it (ASCII, already lower-cased, no root).
bool restWithin(std::string_view s, std::string_view ancestor)
{
    if (ancestor.empty())
        return true;
    return s.size() >= ancestor.size() && s.substr(0, ancestor.size()) == ancestor
        && (s.size() == ancestor.size() || s[ancestor.size()] == '\\');
}

/// One requested key, split for matching against raw header lines.
struct Prefix {
    QString key; ///< canonical, for the general path
    int root = -1; ///< index into kRootNames
    std::string rest; ///< lower-cased ASCII below the root
};

/// Which sections a read keeps.
class SectionFilter {
public:
    explicit SectionFilter(const QStringList &keys)
    {
        for (const QString &key : keys) {
            Prefix p;
            p.key = path::canonical(key).value_or(key);
            const qsizetype sep = p.key.indexOf(QLatin1Char('\\'));
            const QString head = (sep < 0 ? p.key : p.key.left(sep)).toLower();
            const QString rest = sep < 0 ? QString() : p.key.mid(sep + 1).toLower();
            p.root = rootIndex(head.toStdString());
            p.rest = rest.toStdString();
            // Non-ASCII names need Unicode case folding: every header then takes the general path.
            if (p.root < 0
                || std::any_of(rest.cbegin(), rest.cend(), [](QChar c) { return c.unicode() >= 0x80; }))
                m_asciiOnly = false;
            m_prefixes.push_back(std::move(p));
        }
    }

    bool all() const { return m_prefixes.empty(); }

    /**
     * Whether the section of a key line is kept: its key lies within a requested key, or it deletes
     * one of their ancestors. \a name runs from after '[' to the last ']' (FACTS §1.2). A line the
     * parser would reject is kept, so the error is the one a full read gives.
     */
    template <typename Unit> bool keeps(const Unit *name, qsizetype size)
    {
        if (all())
            return true;
        bool deletion = size > 0 && name[0] == Unit('-');
        if (deletion) {
            ++name;
            --size;
        }
        m_name.resize(size_t(size));
        bool ascii = m_asciiOnly;
        for (qsizetype i = 0; i < size && ascii; ++i) {
            const auto c = char16_t(name[i]);
            if (c >= 0x80)
                ascii = false;
            else
                m_name[size_t(i)] = char(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        if (!ascii)
            return keepsDecoded(name, size, deletion);
        const std::string_view n(m_name);
        if (n.empty() || n[0] == ' ' || n[0] == '\t')
            return true;
        const size_t sep = n.find('\\');
        const std::string_view head = n.substr(0, sep);
        if (head.empty() || isAsciiSpace(head.front()) || isAsciiSpace(head.back())
            || head.find('/') != head.npos)
            return true;
        const int root = rootIndex(head);
        if (root < 0)
            return true;
        std::string_view rest = sep == n.npos ? std::string_view() : n.substr(sep + 1);
        while (!rest.empty() && rest.back() == '\\')
            rest.remove_suffix(1);
        for (const Prefix &p : m_prefixes) {
            if (p.root != root)
                continue;
            if (restWithin(rest, p.rest) || (deletion && restWithin(p.rest, rest)))
                return true;
        }
        return false;
    }

    bool contains(const QString &key) const
    {
        if (all())
            return true;
        for (const Prefix &p : m_prefixes)
            if (path::isWithin(key, p.key))
                return true;
        return false;
    }

private:
    template <typename Unit> bool keepsDecoded(const Unit *name, qsizetype size, bool deletion) const
    {
        if constexpr (sizeof(Unit) == 1) {
            // An ANSI file's encoding is known only at its end (see TextEncoding): keep the section
            // when it matches as UTF-8 or as Latin-1. Keeping one too many changes no answer.
            const QByteArrayView bytes(reinterpret_cast<const char *>(name), size);
            return keepsName(QString::fromUtf8(bytes), deletion)
                || keepsName(QString::fromLatin1(bytes), deletion);
        } else {
            return keepsName(QStringView(name, size).toString(), deletion);
        }
    }

    bool keepsName(const QString &name, bool deletion) const
    {
        const std::optional<QString> key = regfile::canonicalKeyName(name);
        if (!key || name.isEmpty() || name.front().isSpace())
            return true;
        for (const Prefix &p : m_prefixes)
            if (path::isWithin(*key, p.key) || (deletion && path::isWithin(p.key, *key)))
                return true;
        return false;
    }

    std::vector<Prefix> m_prefixes;
    bool m_asciiOnly = true;
    std::string m_name;
};

/// UTF-16LE code units of a little-endian byte buffer, or the bytes of an ANSI one.
struct WideText {
    const uchar *d;
    char16_t operator[](qsizetype i) const { return char16_t(d[2 * i] | (d[2 * i + 1] << 8)); }
    static constexpr qsizetype kUnit = 2;
};

struct NarrowText {
    const uchar *d;
    char16_t operator[](qsizetype i) const { return d[i]; }
    static constexpr qsizetype kUnit = 1;
};

/// True when \a bytes decode as UTF-8 (a piece ending at a line break, so no sequence is cut).
bool isUtf8(QByteArrayView bytes)
{
    const char *p = bytes.data();
    const char *end = p + bytes.size();
    for (; end - p >= 8; p += 8) { // ASCII fast path: most of any .reg file
        quint64 w;
        std::memcpy(&w, p, 8);
        if (w & 0x8080808080808080ULL)
            break;
    }
    while (p < end && uchar(*p) < 0x80)
        ++p;
    if (p == end)
        return true;
    QStringDecoder utf8(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
    const QString decoded = utf8(QByteArrayView(p, end - p)); // decoding is lazy until converted
    return !utf8.hasError();
}

class Scan {
public:
    Scan(const QString &file, const ReadOptions &options)
        : m_file(file), m_name(QFileInfo(file).fileName()), m_options(options), m_filter(options.keys),
          m_chunk(options.chunkBytes > 0 ? options.chunkBytes : kChunkBytes)
    {
    }

    Result<ParsedRegFile> run();

    /// Stream mode: every kept run goes to \a sink decoded instead of being parsed here. An ANSI
    /// run is decoded as UTF-8 while the file still is valid UTF-8 (see streamedAsWrongEncoding).
    using RunSink = std::function<Result<void>(QString text, TextEncoding encoding, qsizetype firstLine)>;
    void setRunSink(RunSink sink) { m_runSink = std::move(sink); }
    RegFileFormat format() const { return m_result.format; }
    /// True when a run with non-ASCII text went to the sink as UTF-8 but a later line showed the
    /// file is not UTF-8 (so ANSI is Latin-1, see TextEncoding): the sink saw that text wrongly.
    bool streamedAsWrongEncoding() const { return !m_ansiUtf8 && m_streamedNonAsciiUtf8; }

private:
    Result<qsizetype> parseHeader(bool atEof);
    template <typename Text> Result<qsizetype> scanLines(Text d, qsizetype n, bool atEof);
    Result<void> keepRun(const uchar *bytes, qsizetype size, qsizetype firstLine);
    Result<void> parseRun(QByteArrayView raw, qsizetype firstLine, TextEncoding encoding);

    QString m_file;
    QString m_name;
    const ReadOptions &m_options;
    SectionFilter m_filter;
    qsizetype m_chunk;
    ParsedRegFile m_result;

    QByteArray m_buf; // unprocessed bytes, starting at a line
    bool m_wide = false;
    bool m_headerDone = false;
    bool m_ansiUtf8 = true; // every ANSI line so far is valid UTF-8
    qsizetype m_lineNo = 1; // of the first line in m_buf

    bool m_keeping = true; // the current section is kept (the lines before the first key are)
    QList<std::pair<QByteArray, qsizetype>> m_deferred; // ANSI runs: the encoding is known at the end
    QList<char16_t> m_nameUnits; // key name of the header line being looked at

    RunSink m_runSink;
    bool m_streamedNonAsciiUtf8 = false;
};

Result<ParsedRegFile> Scan::run()
{
    QFile f(m_file);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return Error::io(tr("cannot read: %1").arg(f.errorString()), m_file);
    const qint64 total = f.size();
    qint64 done = 0;
    for (;;) {
        if (m_options.cancelled())
            return ReadOptions::cancelledError(m_file);
        const qsizetype kept = m_buf.size();
        m_buf.reserve(kept + m_chunk); // the same buffer all along: see the memmove below
        m_buf.resize(kept + m_chunk);
        const qint64 got = f.read(m_buf.data() + kept, m_chunk);
        if (got < 0)
            return Error::io(tr("cannot read: %1").arg(f.errorString()), m_file);
        m_buf.resize(kept + got);
        done += got;
        const bool atEof = got == 0;
        qsizetype consumed = 0;
        if (!m_headerDone) {
            auto h = parseHeader(atEof);
            if (!h)
                return h.error();
            consumed = *h;
        }
        if (m_headerDone) {
            const auto *d = reinterpret_cast<const uchar *>(m_buf.constData()) + consumed;
            const qsizetype bytes = m_buf.size() - consumed;
            auto r = m_wide ? scanLines(WideText { d }, bytes / 2, atEof)
                            : scanLines(NarrowText { d }, bytes, atEof);
            if (!r)
                return r.error();
            consumed += *r;
        }
        // Move the unprocessed rest to the front by hand: QByteArray::remove(0, n) only moves
        // the start, and the next resize would then allocate (and page in) a new buffer.
        std::memmove(m_buf.data(), m_buf.constData() + consumed, size_t(m_buf.size() - consumed));
        m_buf.resize(m_buf.size() - consumed);
        if (m_options.progress)
            m_options.progress(done, std::max(total, done));
        if (atEof)
            break;
    }
    if (!m_headerDone) // an empty file: the parser names the problem
        return parseRegFile(m_buf, m_name);
    const TextEncoding ansi = m_ansiUtf8 ? TextEncoding::Utf8 : TextEncoding::Latin1;
    for (const auto &[raw, line] : std::as_const(m_deferred))
        if (auto r = parseRun(raw, line, ansi); !r)
            return r.error();
    return std::move(m_result);
}

Result<qsizetype> Scan::parseHeader(bool atEof)
{
    // The header is the first line; the parser checks it, so its messages stay the only ones.
    const QByteArrayView all(m_buf);
    m_wide = all.startsWith("\xff\xfe");
    const qsizetype start = m_wide ? 2 : 0;
    const qsizetype unit = m_wide ? 2 : 1;
    const qsizetype n = (all.size() - start) / unit;
    const auto *bytes = reinterpret_cast<const uchar *>(all.data()) + start;
    const auto at = [&](qsizetype i) { return m_wide ? WideText { bytes }[i] : NarrowText { bytes }[i]; };
    qsizetype i = 0;
    while (i < n && at(i) != u'\n' && at(i) != u'\r')
        ++i;
    if ((i == n || (at(i) == u'\r' && i + 1 == n)) && !atEof && all.size() < m_chunk)
        return 0; // the first line is not complete yet
    const qsizetype next = i == n ? n : (at(i) == u'\r' && i + 1 < n && at(i + 1) == u'\n' ? i + 2 : i + 1);
    const qsizetype end = start + next * unit;
    auto header = parseRegFile(m_buf.left(end), m_name);
    if (!header) {
        // The parser's message for a bad header looks further (comment lines above a header on
        // line 4 name both): let it see what has been read so far, so both reads say the same.
        auto whole = parseRegFile(m_buf, m_name);
        return whole ? header.error() : whole.error();
    }
    m_result.format = header->format;
    m_headerDone = true;
    m_lineNo = 2;
    if (!m_wide && !isUtf8(all.first(end).sliced(all.startsWith("\xef\xbb\xbf") ? 3 : 0)))
        m_ansiUtf8 = false;
    return end;
}

template <typename Text> Result<qsizetype> Scan::scanLines(Text d, qsizetype n, bool atEof)
{
    // Kept text is parsed straight from the buffer. A kept section still open at the end of the
    // buffer is left in it (with its line number) and scanned again with the next chunk, so a
    // section is never copied twice and never parsed in two pieces.
    constexpr qsizetype U = Text::kUnit;
    qsizetype lineNo = m_lineNo;
    qsizetype p = 0;
    qsizetype runFrom = m_keeping ? 0 : -1; // start of the kept text not parsed yet
    qsizetype runLine = lineNo;
    qsizetype section = 0; // start of the current section (or of the buffer)
    qsizetype sectionLine = lineNo;
    while (p < n) {
        qsizetype e = p;
        while (e < n && d[e] != u'\n' && d[e] != u'\r')
            ++e;
        qsizetype next;
        if (e == n) {
            if (!atEof)
                break; // the rest of the line is in the next chunk
            next = n;
        } else if (d[e] == u'\r') {
            if (e + 1 == n && !atEof)
                break; // a CR LF may be cut in two
            next = e + 1 < n && d[e + 1] == u'\n' ? e + 2 : e + 1;
        } else {
            next = e + 1;
        }
        qsizetype i = p;
        while (i < e && (d[i] == u' ' || d[i] == u'\t'))
            ++i;
        if (i < e && d[i] == u'[') {
            qsizetype close = e - 1;
            while (close > i && d[close] != u']')
                --close;
            bool keep = true;
            if (close > i) {
                if constexpr (U == 2) {
                    // Header lines are short: decode the name into a small buffer once.
                    m_nameUnits.resize(close - i - 1);
                    for (qsizetype k = 0; k < close - i - 1; ++k)
                        m_nameUnits[k] = d[i + 1 + k];
                    keep = m_filter.keeps(m_nameUnits.constData(), m_nameUnits.size());
                } else {
                    keep = m_filter.keeps(d.d + i + 1, close - i - 1);
                }
            }
            if (runFrom >= 0 && !keep) {
                if (auto r = keepRun(d.d + runFrom * U, (p - runFrom) * U, runLine); !r)
                    return r.error();
                runFrom = -1;
            }
            if (keep && runFrom < 0) {
                runFrom = p;
                runLine = lineNo;
            }
            m_keeping = keep;
            section = p;
            sectionLine = lineNo;
        }
        if constexpr (U == 1) {
            if (m_ansiUtf8 && !isUtf8(QByteArrayView(reinterpret_cast<const char *>(d.d) + p, next - p)))
                m_ansiUtf8 = false;
        }
        ++lineNo;
        p = next;
    }
    if (runFrom >= 0 && !atEof) {
        if (section > runFrom) {
            if (auto r = keepRun(d.d + runFrom * U, (section - runFrom) * U, runLine); !r)
                return r.error();
        }
        m_lineNo = sectionLine;
        return section * U;
    }
    if (runFrom >= 0) {
        if (auto r = keepRun(d.d + runFrom * U, (p - runFrom) * U, runLine); !r)
            return r.error();
    }
    m_lineNo = lineNo;
    return p * U;
}

Result<void> Scan::keepRun(const uchar *bytes, qsizetype size, qsizetype firstLine)
{
    if (size == 0)
        return {};
    const QByteArrayView raw(reinterpret_cast<const char *>(bytes), size);
    if (!m_wide && m_runSink) {
        // The lines of this run have been checked already, so m_ansiUtf8 covers them.
        if (m_ansiUtf8 && !m_streamedNonAsciiUtf8)
            m_streamedNonAsciiUtf8
                = std::any_of(raw.begin(), raw.end(), [](char c) { return uchar(c) >= 0x80; });
        return parseRun(raw, firstLine, m_ansiUtf8 ? TextEncoding::Utf8 : TextEncoding::Latin1);
    }
    if (!m_wide) {
        m_deferred.append({ raw.toByteArray(), firstLine });
        return {};
    }
    return parseRun(raw, firstLine, TextEncoding::Utf16);
}

Result<void> Scan::parseRun(QByteArrayView raw, qsizetype firstLine, TextEncoding encoding)
{
    QString text;
    switch (encoding) {
    case TextEncoding::Utf16:
        text.resize(raw.size() / 2);
        qFromLittleEndian<char16_t>(raw.constData(), text.size(), text.data());
        break;
    case TextEncoding::Utf8:
        text = QString::fromUtf8(raw);
        break;
    case TextEncoding::Latin1:
        text = QString::fromLatin1(raw);
        break;
    }
    if (m_runSink)
        return m_runSink(std::move(text), encoding, firstLine);
    return regfile::parseSections(
        std::move(text), encoding, firstLine, m_name, m_result, RegParseOptions { m_options.strict });
}

struct Part {
    FileWarnings readWarnings;
    FileWarnings writeWarnings;
    QByteArray bytes;
    PartKeys keys;
};

} // namespace

Result<RegFileScanner::Streamed> RegFileScanner::stream(
    const QString &file, const ReadOptions &options, const PartWriter &write, const PartSink &sink)
{
    // The main thread reads, finds the sections and decodes them; worker threads parse each part
    // and write it out; the main thread hands the results to the sink in file order. A part is
    // about one chunk of the file, and only a few are in flight, so memory stays bounded.
    Scan scan(file, options);
    const QString name = QFileInfo(file).fileName();
    const int threads = std::max(1, QThread::idealThreadCount());
    const size_t maxInFlight = size_t(threads) + 1;
    std::deque<std::future<Result<Part>>> inFlight;
    Streamed out;
    FileWarnings writeWarnings;
    PartTracker tracker;
    bool conflict = false;
    const Error kStop { Error::Code::Internal, QStringLiteral("stop streaming"), {} };

    const auto takeOldest = [&]() -> Result<void> {
        Result<Part> part = inFlight.front().get();
        inFlight.pop_front();
        if (!part)
            return part.error();
        if (tracker.conflicts(part->keys)) {
            conflict = true;
            return kStop;
        }
        tracker.add(part->keys);
        if (auto r = sink(part->bytes); !r)
            return r;
        out.warnings += part->readWarnings;
        writeWarnings += part->writeWarnings;
        return {};
    };

    QThreadPool pool; // declared after inFlight: its destructor waits for every job first
    pool.setMaxThreadCount(threads);
    const bool strict = options.strict;
    scan.setRunSink([&](QString text, TextEncoding encoding, qsizetype firstLine) -> Result<void> {
        auto promise = std::make_shared<std::promise<Result<Part>>>();
        inFlight.push_back(promise->get_future());
        const RegFileFormat format = scan.format();
        pool.start(
            [promise, text = std::move(text), encoding, firstLine, format, strict, &name, &write]() mutable {
                ParsedRegFile parsed;
                parsed.format = format;
                auto r = regfile::parseSections(
                    std::move(text), encoding, firstLine, name, parsed, RegParseOptions { strict });
                if (!r) {
                    promise->set_value(r.error());
                    return;
                }
                Part part;
                part.readWarnings = std::move(parsed.warnings);
                part.keys = hashKeys(parsed.tree);
                auto bytes = write(parsed.tree, part.writeWarnings);
                if (!bytes) {
                    promise->set_value(bytes.error());
                    return;
                }
                part.bytes = std::move(*bytes);
                promise->set_value(std::move(part));
            });
        while (inFlight.size() > maxInFlight)
            if (auto r = takeOldest(); !r)
                return r;
        return {};
    });

    const auto finish = [&](Result<void> r) -> Result<Streamed> {
        pool.waitForDone(); // nothing may outlive the references the jobs hold
        if (conflict || (r && scan.streamedAsWrongEncoding())) {
            Streamed whole;
            whole.complete = false;
            return whole;
        }
        if (!r)
            return r.error();
        out.format = scan.format();
        out.warnings += writeWarnings;
        return std::move(out);
    };
    auto scanned = scan.run();
    if (!scanned)
        return finish(scanned.error());
    while (!inFlight.empty())
        if (auto r = takeOldest(); !r)
            return finish(r);
    return finish({});
}

Result<ParsedRegFile> RegFileScanner::read(const QString &file, const ReadOptions &options)
{
    return Scan(file, options).run();
}

} // namespace ssod::core::registry
