#include "core/registry/PolFileCodec.h"

#include "core/registry/RegPath.h"

#include <QtEndian>

namespace ssod::core::registry {

namespace {

// The spec caps Size at 65535, but files written by other tools can carry larger blobs; reading
// them is harmless up to a bound that still stops a hostile size field from meaning "the rest of
// a 4 GiB file".
constexpr quint32 kMaxReadSize = 1024 * 1024;
constexpr quint32 kMaxWriteSize = 0xFFFF;
constexpr char kSignature[] = "PReg";
constexpr quint32 kVersion = 1;

// Marker data as GPMC writes it: one space plus NUL (size 4).
const QByteArray &spaceMarkerData()
{
    static const QByteArray data = utf16leWithNul(QStringLiteral(" "));
    return data;
}

QString hexOffset(qsizetype offset)
{
    return QStringLiteral("0x%1").arg(quint64(offset), 0, 16);
}

QString describeChar(char16_t c)
{
    if (c >= 0x20 && c < 0x7f)
        return QLatin1Char('\'') + QChar(c) + QLatin1Char('\'');
    return QStringLiteral("U+%1").arg(quint32(c), 4, 16, QLatin1Char('0')).toUpper();
}

QString displayName(const QString &name)
{
    return name.isEmpty() ? QStringLiteral("(Default)") : name;
}

/// Key paths in files sometimes carry a leading, trailing or doubled separator. Registry key names
/// cannot be empty, so dropping empty components loses nothing and keeps paths comparable.
QString normalizeKey(const QString &key)
{
    return key.split(QLatin1Char('\\'), Qt::SkipEmptyParts).join(QLatin1Char('\\'));
}

struct RawEntry
{
    QString key; ///< relative to the root
    QString name;
    quint32 type = 0;
    QByteArray data;
    bool keyOnly = false;
};

/// Bounds-checked cursor over the file; every failure names the offset where reading stopped.
class PolReader
{
public:
    PolReader(const QByteArray &bytes, const QString &fileName) : m_b(bytes), m_file(fileName) {}

    bool atEnd() const { return m_pos >= m_b.size(); }

    std::optional<Error> readHeader()
    {
        const QByteArray sig = m_b.left(4);
        const QByteArray expected(kSignature);
        if (m_b.isEmpty())
            return fail(0, QStringLiteral("empty file: a Registry.pol file starts with \"PReg\""));
        if (sig.size() == 4 ? sig != expected : !expected.startsWith(sig)) {
            return fail(0,
                QStringLiteral("not a Registry.pol file: signature is %1 (hex %2), expected \"PReg\"")
                    .arg(printable(sig), QString::fromLatin1(sig.toHex(' '))));
        }
        if (m_b.size() < 8)
            return fail(m_b.size(),
                QStringLiteral("truncated header: %1 bytes, a Registry.pol header needs 8").arg(m_b.size()));
        const quint32 version = qFromLittleEndian<quint32>(m_b.constData() + 4);
        if (version != kVersion) {
            // A PReg file is UTF-16LE, so NULs are everywhere; none at all means a text-mode tool
            // replaced them (seen in the wild: every NUL turned into a space).
            const QString damaged = m_b.contains('\0')
                ? QString()
                : QStringLiteral(
                    "; the file holds no NUL byte at all, so it was damaged (e.g. NULs replaced by spaces "
                    "in a text-mode copy): restore it from the GPO backup or export it again");
            return fail(4,
                QStringLiteral("unsupported Registry.pol version %1, expected 1%2")
                    .arg(version)
                    .arg(damaged));
        }
        m_pos = 8;
        return std::nullopt;
    }

    std::optional<Error> readEntry(RawEntry &e)
    {
        if (auto err = expect(u'[', QStringLiteral("at the start of an entry")))
            return err;
        const qsizetype keyOffset = m_pos;
        if (auto err = readString(QStringLiteral("key path"), e.key))
            return err;
        e.key = normalizeKey(e.key);
        if (e.key.isEmpty())
            return fail(keyOffset, QStringLiteral("entry has an empty key path"));
        // "If value, type, size, or data are missing … only the key is created": accept ']' early.
        if (peekIs(u']'))
            return closeKeyOnly(e);
        if (auto err = expect(u';', QStringLiteral("after the key path")))
            return err;
        if (auto err = readString(QStringLiteral("value name"), e.name))
            return err;
        if (peekIs(u']'))
            return closeKeyOnly(e);
        if (auto err = expect(u';', QStringLiteral("after the value name")))
            return err;
        if (auto err = readU32(QStringLiteral("value type"), e.type))
            return err;
        if (auto err = expect(u';', QStringLiteral("after the value type")))
            return err;
        const qsizetype sizeOffset = m_pos;
        quint32 size = 0;
        if (auto err = readU32(QStringLiteral("data size"), size))
            return err;
        if (size > kMaxReadSize)
            return fail(sizeOffset,
                QStringLiteral("entry size %1 exceeds the 1 MiB limit (value \"%2\")")
                    .arg(size)
                    .arg(displayName(e.name)));
        if (auto err = expect(u';', QStringLiteral("after the data size")))
            return err;
        if (quint64(size) > quint64(m_b.size() - m_pos))
            return fail(sizeOffset,
                QStringLiteral("entry size %1 runs past the end of the file (%2 bytes left)")
                    .arg(size)
                    .arg(m_b.size() - m_pos));
        e.data = m_b.mid(m_pos, size);
        m_pos += size;
        if (auto err = expect(u']', QStringLiteral("after %1 data bytes").arg(size)))
            return err;
        e.keyOnly = e.name.isEmpty() && e.data.isEmpty();
        return std::nullopt;
    }

private:
    static QString printable(const QByteArray &bytes)
    {
        QString s = QLatin1String("\"");
        for (char c : bytes)
            s += (c >= 0x20 && c < 0x7f) ? QChar(QLatin1Char(c)) : QChar(u'.');
        return s + QLatin1Char('"');
    }

    Error fail(qsizetype at, const QString &message) const
    {
        return Error::invalid(message, m_file + QLatin1Char('@') + hexOffset(at));
    }

    char16_t charAt(qsizetype p) const { return char16_t(quint8(m_b[p]) | (quint8(m_b[p + 1]) << 8)); }
    bool peekIs(char16_t c) const { return m_pos + 1 < m_b.size() && charAt(m_pos) == c; }

    std::optional<Error> expect(char16_t want, const QString &where)
    {
        if (m_pos + 1 >= m_b.size())
            return fail(m_pos,
                QStringLiteral("truncated entry: expected %1 %2 but the file ends")
                    .arg(describeChar(want), where));
        const char16_t got = charAt(m_pos);
        if (got != want)
            return fail(m_pos,
                QStringLiteral("expected %1 %2, found %3").arg(describeChar(want), where, describeChar(got)));
        m_pos += 2;
        return std::nullopt;
    }

    std::optional<Error> readString(const QString &what, QString &out)
    {
        const qsizetype start = m_pos;
        qsizetype end = start;
        while (end + 1 < m_b.size() && charAt(end) != 0)
            end += 2;
        if (end + 1 >= m_b.size())
            return fail(
                start, QStringLiteral("unterminated %1: no NUL before the end of the file").arg(what));
        out.clear();
        out.reserve((end - start) / 2);
        for (qsizetype p = start; p < end; p += 2)
            out.append(QChar(charAt(p)));
        m_pos = end + 2;
        return std::nullopt;
    }

    std::optional<Error> readU32(const QString &what, quint32 &out)
    {
        if (m_b.size() - m_pos < 4)
            return fail(m_pos,
                QStringLiteral("truncated entry: the %1 needs 4 bytes, %2 left")
                    .arg(what)
                    .arg(m_b.size() - m_pos));
        out = qFromLittleEndian<quint32>(m_b.constData() + m_pos);
        m_pos += 4;
        return std::nullopt;
    }

    std::optional<Error> closeKeyOnly(RawEntry &e)
    {
        m_pos += 2;
        e.keyOnly = true;
        return std::nullopt;
    }

    const QByteArray &m_b;
    const QString &m_file;
    qsizetype m_pos = 0;
};

QStringList splitList(const RegValue &v)
{
    QStringList items;
    for (const QString &item : v.toString().split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const QString trimmed = item.trimmed();
        if (!trimmed.isEmpty())
            items << trimmed;
    }
    return items;
}

void applyEntry(RegTree &tree, const QString &root, const RawEntry &e)
{
    const QString key = path::join(root, e.key);
    if (e.keyOnly) {
        tree.ensureKey(key);
        return;
    }
    const RegValue value(e.type, e.data);
    // Marker names are case-insensitive and any type is accepted (Samba writes **Del. as DWORD 0).
    if (e.name.startsWith(QLatin1String("**"))) {
        const auto is = [&](const char *marker) {
            return e.name.compare(QLatin1String(marker), Qt::CaseInsensitive) == 0;
        };
        if (e.name.startsWith(QLatin1String("**del."), Qt::CaseInsensitive)) {
            tree.deleteValueInstruction(key, e.name.mid(6));
            return;
        }
        if (is("**delvals.") || is("**delvals")) {
            RegKeyNode &node = tree.ensureKey(key);
            node.deleteAllValues = true;
            node.entries.clear(); // the CSE deletes what earlier entries set, so they are gone
            return;
        }
        if (is("**deletevalues")) {
            tree.ensureKey(key);
            for (const QString &name : splitList(value))
                tree.deleteValueInstruction(key, name);
            return;
        }
        if (is("**deletekeys")) {
            // MS documents child names ("NoRun;NoFind"); GPMC-made files seen in Samba's tests list
            // root-relative paths below the entry's key. Accept both.
            const QString prefix = e.key + QLatin1Char('\\');
            for (const QString &item : splitList(value)) {
                const QString child = normalizeKey(item);
                if (child.isEmpty())
                    continue;
                tree.deleteKeyInstruction(child.startsWith(prefix, Qt::CaseInsensitive)
                        ? path::join(root, child)
                        : path::join(key, child));
            }
            return;
        }
        // **SecureKey, **soft.X and unknown codes stay literal values so a round trip keeps them.
    }
    tree.setValue(key, e.name, value);
}

/// Appends PReg instructions; fails on anything the format cannot carry.
class PolWriter
{
public:
    /// \a header: start with the signature and version (false: sections for a file in pieces).
    PolWriter(const QString &root, qsizetype sizeHint, bool header = true) : m_root(root)
    {
        m_out.reserve(sizeHint);
        if (header) {
            m_out.append(kSignature, 4);
            appendU32(kVersion);
        }
    }

    QByteArray bytes() && { return std::move(m_out); }

    std::optional<Error> writeNode(const RegKeyNode &node)
    {
        if (!path::isWithin(node.path, m_root))
            return Error::unsupported(outsideRootMessage(node.path), node.path);
        const QString rel = path::withoutRoot(node.path);
        const bool needsEntry = node.deleteKey || node.deleteAllValues || !node.entries.isEmpty();
        if (rel.isEmpty()) {
            if (!needsEntry)
                return std::nullopt; // the root always exists; nothing to create
            return Error::unsupported(
                QStringLiteral("%1 itself cannot be changed through Registry.pol; only keys below it")
                    .arg(m_root),
                node.path);
        }
        if (rel.contains(QChar(u'\0')))
            return Error::unsupported(
                QStringLiteral("key %1 contains a NUL character").arg(node.path), node.path);

        if (node.deleteKey) {
            // One **DeleteKeys entry per deleted key keeps file order and never needs to split a list.
            const QString parentRel = path::parent(rel);
            const QString leaf = path::leaf(rel);
            if (parentRel.isEmpty())
                return Error::unsupported(QStringLiteral("%1 cannot be deleted through Registry.pol: "
                                                         "**DeleteKeys needs a parent key below %2")
                                              .arg(node.path, m_root),
                    node.path);
            // The list form splits on ';' and readers trim the items, so such names would change.
            if (leaf.contains(QLatin1Char(';')) || leaf.trimmed() != leaf)
                return Error::unsupported(QStringLiteral("%1 cannot be deleted through Registry.pol: its "
                                                         "name contains ';' or starts or ends with a space")
                                              .arg(node.path),
                    node.path);
            appendEntry(
                utf16leWithNul(parentRel), QStringLiteral("**DeleteKeys"), quint32(RegType::Sz), utf16leWithNul(leaf));
        }
        const QByteArray relBytes = utf16leWithNul(rel); // once per key, not per value
        if (node.deleteAllValues)
            appendEntry(relBytes, QStringLiteral("**delvals."), quint32(RegType::Sz), spaceMarkerData());
        for (const RegEntry &e : node.entries) {
            if (e.name.contains(QChar(u'\0')))
                return Error::unsupported(
                    QStringLiteral("value name under %1 contains a NUL character").arg(node.path), node.path);
            if (!e.value) {
                appendEntry(relBytes, QStringLiteral("**del.") + e.name, quint32(RegType::Sz), spaceMarkerData());
                continue;
            }
            if (e.value->data().size() > qsizetype(kMaxWriteSize))
                return Error::unsupported(QStringLiteral("value %1 under %2 has %3 bytes of data; a "
                                                         "Registry.pol entry holds at most 65535")
                                              .arg(displayName(e.name), node.path)
                                              .arg(e.value->data().size()),
                    node.path);
            appendEntry(relBytes, e.name, e.value->type(), e.value->data());
        }
        if (node.present && !node.deleteAllValues && node.entries.isEmpty())
            appendEntry(relBytes, QString(), quint32(RegType::None), QByteArray()); // key-only, as Samba writes it
        return std::nullopt;
    }

private:
    QString outsideRootMessage(const QString &key) const
    {
        const auto describe = [](const QString &root) {
            if (root == QLatin1String("HKEY_LOCAL_MACHINE"))
                return QStringLiteral("machine");
            if (root == QLatin1String("HKEY_CURRENT_USER"))
                return QStringLiteral("user");
            return QString();
        };
        const QString target = describe(m_root);
        const QString keyKind = describe(path::root(key).toUpper());
        const QString into = target.isEmpty() ? QStringLiteral("a Registry.pol for %1").arg(m_root)
                                              : QStringLiteral("a %1 Registry.pol (%2)").arg(target, m_root);
        const QString advice = keyKind.isEmpty()
            ? QStringLiteral("Registry.pol holds only HKEY_LOCAL_MACHINE and "
                             "HKEY_CURRENT_USER settings")
            : QStringLiteral("export %1 settings separately").arg(keyKind);
        return QStringLiteral("%1 cannot go into %2; %3").arg(key, into, advice);
    }

    void appendU32(quint32 v)
    {
        char buf[4];
        qToLittleEndian(v, buf);
        m_out.append(buf, 4);
    }
    void appendChar(char16_t c)
    {
        m_out.append(char(c & 0xff));
        m_out.append(char(c >> 8));
    }
    void appendUtf16WithNul(const QString &s)
    {
        for (const QChar c : s)
            appendChar(c.unicode());
        appendChar(u'\0');
    }

    /// \a key: the key below the root as UTF-16LE with its NUL.
    void appendEntry(const QByteArray &key, const QString &name, quint32 type, const QByteArray &data)
    {
        appendChar(u'[');
        m_out += key;
        appendChar(u';');
        appendUtf16WithNul(name);
        appendChar(u';');
        appendU32(type);
        appendChar(u';');
        appendU32(quint32(data.size()));
        appendChar(u';');
        m_out += data;
        appendChar(u']');
    }

    QString m_root;
    QByteArray m_out;
};

} // namespace

Result<RegTree> parsePolFile(const QByteArray &bytes, const QString &fileName, const QString &root)
{
    const std::optional<QString> canonicalRoot = path::canonical(root);
    if (!canonicalRoot || canonicalRoot->contains(QLatin1Char('\\')))
        return Error::invalid(QStringLiteral("\"%1\" is not a registry root").arg(root), fileName);

    PolReader reader(bytes, fileName);
    if (auto err = reader.readHeader())
        return *err;
    RegTree tree;
    while (!reader.atEnd()) {
        RawEntry e;
        if (auto err = reader.readEntry(e))
            return *err;
        applyEntry(tree, *canonicalRoot, e);
    }
    return tree;
}

namespace {

Result<QByteArray> writePol(const RegTree &tree, const QString &root, bool header)
{
    const std::optional<QString> canonicalRoot = path::canonical(root);
    if (!canonicalRoot || canonicalRoot->contains(QLatin1Char('\\')))
        return Error::invalid(QStringLiteral("\"%1\" is not a registry root").arg(root));

    // A large tree (a converted registry export) is written in one buffer: size it once.
    qsizetype estimate = 8;
    for (const RegKeyNode &node : tree.nodes()) {
        estimate += 2 * node.path.size() + 32;
        for (const RegEntry &e : node.entries)
            estimate += 2 * (node.path.size() + e.name.size()) + 40 + (e.value ? e.value->data().size() : 0);
    }
    PolWriter writer(*canonicalRoot, estimate, header);
    for (const RegKeyNode &node : tree.nodes())
        if (auto err = writer.writeNode(node))
            return *err;
    return std::move(writer).bytes();
}

} // namespace

Result<QByteArray> writePolFile(const RegTree &tree, const QString &root)
{
    return writePol(tree, root, true);
}

QByteArray polFileHeader()
{
    QByteArray bytes(kSignature, 4);
    char version[4];
    qToLittleEndian(kVersion, version);
    return bytes.append(version, 4);
}

Result<QByteArray> writePolSections(const RegTree &tree, const QString &root)
{
    return writePol(tree, root, false);
}

} // namespace ssod::core::registry
