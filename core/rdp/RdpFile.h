#pragma once

#include "core/util/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace ssod::core::rdp {

/// How an .rdp file was stored on disk; serialize() writes the same.
enum class RdpEncoding {
    Utf16Le, ///< BOM FF FE, what mstsc writes
    Utf8Bom, ///< BOM EF BB BF
    Utf8, ///< no BOM, valid UTF-8
    Ansi, ///< no BOM and not valid UTF-8: an 8-bit code page, kept byte for byte (read as Latin-1)
};

/// One line of an .rdp file. Setting lines are "name:type:value"; blank and comment lines ("#" or
/// ";" first) are kept so that a corrected copy differs only where it must.
struct RdpLine {
    enum class Kind { Setting, Blank, Comment };
    Kind kind = Kind::Blank;
    QString text; ///< the line as written, without its terminator
    QString terminator; ///< "\r\n", "\n" or "" (last line without one)
    QString name; ///< setting name, spaces around it trimmed, case as written
    QChar type; ///< 'i', 's' or 'b'
    QString value; ///< everything after the second colon ('i': without surrounding spaces)

    bool isSetting() const { return kind == Kind::Setting; }
    bool operator==(const RdpLine &) const = default;
};

/// Where a setting sits in a file and what it says.
struct RdpSettingValue {
    QString name; ///< as written in the file
    QChar type;
    QString value;
    int line = 0; ///< 1-based
};

/**
 * A Remote Desktop connection file (.rdp): ordered lines, the encoding and the line endings it came
 * with. Names are case-insensitive (FreeRDP and mstsc compare them so); when a name occurs more than
 * once the last occurrence is the one that counts, as in FreeRDP's parser.
 */
class RdpFile final {
public:
    static constexpr qsizetype kMaxBytes = 1024 * 1024;

    /// Parses \a bytes; errors are Error::invalid located at "fileName:line" (or "fileName").
    static Result<RdpFile> parse(const QByteArray &bytes, const QString &fileName);
    /// Reads and parses \a path; a missing, unreadable or non-regular file gives an error naming it.
    static Result<RdpFile> load(const QString &path);

    /// The file's bytes in its own encoding, BOM and line endings; untouched lines are byte-identical.
    QByteArray serialize() const;

    const QList<RdpLine> &lines() const { return m_lines; }
    RdpEncoding encoding() const { return m_encoding; }
    /// Line ending used for lines that are added: the one most lines in the file use.
    QString newline() const;

    /// The effective (last) occurrence of \a name, compared case-insensitively.
    std::optional<RdpSettingValue> find(const QString &name) const;
    /// Sets every occurrence of \a name to \a value in place, keeping its written name and type, or
    /// appends "name:type:value" at the end when the name is absent. Returns whether anything changed.
    bool set(const QString &name, QChar type, const QString &value);
    /// Removes every occurrence of \a name. Returns whether anything changed.
    bool remove(const QString &name);

    bool operator==(const RdpFile &) const = default;

private:
    QList<RdpLine> m_lines;
    RdpEncoding m_encoding = RdpEncoding::Utf16Le;
};

/// "UTF-16LE with BOM", "UTF-8", … for messages.
QString encodingName(RdpEncoding encoding);

} // namespace ssod::core::rdp
