#include "core/registry/RegPath.h"

namespace ssod::core::registry::path {

namespace {

struct RootName
{
    const char *full;
    const char *abbrev;
};

constexpr RootName kRoots[] = {
    {"HKEY_LOCAL_MACHINE", "HKLM"},
    {"HKEY_CURRENT_USER", "HKCU"},
    {"HKEY_USERS", "HKU"},
    {"HKEY_CLASSES_ROOT", "HKCR"},
    {"HKEY_CURRENT_CONFIG", "HKCC"},
    {"HKEY_DYN_DATA", "HKDD"},
};

} // namespace

std::optional<QString> canonical(const QString &input)
{
    // '/' is a legal character inside key names ("SCHANNEL\Ciphers\RC4 128/128"): keep it.
    QString p = input.trimmed();
    while (p.endsWith(QLatin1Char('\\')))
        p.chop(1);
    const qsizetype sep = p.indexOf(QLatin1Char('\\'));
    QString head = sep < 0 ? p : p.left(sep);
    if (head.endsWith(QLatin1Char(':')))
        head.chop(1);
    QString rest = sep < 0 ? QString() : p.mid(sep + 1);
    // Collapse accidental doubled separators; Windows rejects empty components anyway.
    while (rest.contains(QLatin1String("\\\\")))
        rest.replace(QLatin1String("\\\\"), QLatin1String("\\"));
    for (const auto &r : kRoots) {
        if (head.compare(QLatin1String(r.full), Qt::CaseInsensitive) == 0
            || head.compare(QLatin1String(r.abbrev), Qt::CaseInsensitive) == 0) {
            const QString full = QString::fromLatin1(r.full);
            return rest.isEmpty() ? full : full + QLatin1Char('\\') + rest;
        }
    }
    return std::nullopt;
}

QString root(const QString &p)
{
    const qsizetype sep = p.indexOf(QLatin1Char('\\'));
    return sep < 0 ? p : p.left(sep);
}

QString withoutRoot(const QString &p)
{
    const qsizetype sep = p.indexOf(QLatin1Char('\\'));
    return sep < 0 ? QString() : p.mid(sep + 1);
}

QString parent(const QString &p)
{
    const qsizetype sep = p.lastIndexOf(QLatin1Char('\\'));
    return sep < 0 ? QString() : p.left(sep);
}

QString leaf(const QString &p)
{
    const qsizetype sep = p.lastIndexOf(QLatin1Char('\\'));
    return sep < 0 ? p : p.mid(sep + 1);
}

QString join(const QString &p, const QString &child)
{
    if (p.isEmpty())
        return child;
    if (child.isEmpty())
        return p;
    return p + QLatin1Char('\\') + child;
}

QString shortRoot(const QString &rootName)
{
    for (const auto &r : kRoots)
        if (rootName.compare(QLatin1String(r.full), Qt::CaseInsensitive) == 0)
            return QString::fromLatin1(r.abbrev);
    return rootName;
}

bool equal(const QString &a, const QString &b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

bool isWithin(const QString &p, const QString &ancestor)
{
    if (p.size() < ancestor.size())
        return false;
    if (!p.startsWith(ancestor, Qt::CaseInsensitive))
        return false;
    return p.size() == ancestor.size() || p.at(ancestor.size()) == QLatin1Char('\\');
}

QString fold(const QString &p)
{
    // Every section of a registry export is folded once (RegTree's index): ASCII paths, nearly all
    // of them, skip Qt's Unicode case tables. For ASCII, case folding is lower-casing.
    QString out(p.size(), Qt::Uninitialized);
    char16_t *d = reinterpret_cast<char16_t *>(out.data());
    const auto *s = reinterpret_cast<const char16_t *>(p.constData());
    for (qsizetype i = 0; i < p.size(); ++i) {
        const char16_t c = s[i];
        if (c >= 0x80)
            return p.toCaseFolded();
        d[i] = c >= u'A' && c <= u'Z' ? char16_t(c + 32) : c;
    }
    return out;
}

} // namespace ssod::core::registry::path
