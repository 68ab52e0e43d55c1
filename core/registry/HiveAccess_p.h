#pragma once

// Private to HiveStore.cpp: RAII and lookups over a raw libhivex handle, kept apart so the store's
// own file stays about the store (mount, transactions) rather than hivex's C API.

#include "core/registry/RegPath.h"
#include "core/registry/RegValue.h"
#include "core/util/Result.h"

#include <QCoreApplication>
#include <QtEndian>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <hivex.h>

namespace ssod::core::registry::hive_detail {

inline QString tr(const char *text)
{
    return QCoreApplication::translate("HiveStore", text);
}

inline QString errnoText(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

constexpr qint64 kBaseBlockSize = 0x1000;

struct NamedHive {
    const char *fileName;
    const char *mount;
};

// Where Windows loads each well-known hive file (HKLM\SYSTEM\CurrentControlSet\Control\hivelist).
constexpr NamedHive kNamedHives[] = {
    { "SOFTWARE", "HKEY_LOCAL_MACHINE\\SOFTWARE" },
    { "SYSTEM", "HKEY_LOCAL_MACHINE\\SYSTEM" },
    { "SAM", "HKEY_LOCAL_MACHINE\\SAM" },
    { "SECURITY", "HKEY_LOCAL_MACHINE\\SECURITY" },
    { "DEFAULT", "HKEY_USERS\\.DEFAULT" },
    { "NTUSER.DAT", "HKEY_CURRENT_USER" },
    { "USRCLASS.DAT", "HKEY_CURRENT_USER\\Software\\Classes" },
};

struct FreeDeleter {
    void operator()(void *p) const { std::free(p); }
};
template <typename T> using Malloced = std::unique_ptr<T, FreeDeleter>;

static_assert(sizeof(hive_type) == sizeof(quint32));

/// One value as stored, with its name in hivex's UTF-8 so it can be written back unchanged.
struct RawValue {
    QByteArray name;
    RegValue value;
};

/// hivex reports an inconsistent file with these, as opposed to the system failing (EIO, EACCES…).
inline bool isCorruption(int err)
{
    return err == ENOTSUP || err == EFAULT || err == ELOOP || err == ERANGE || err == HIVEX_NO_KEY
        || err == EINVAL;
}

inline bool isAscii(const QString &s)
{
    for (const QChar c : s)
        if (c.unicode() > 0x7f)
            return false;
    return true;
}

/// hivex calls on one handle, with errors that name the hive file. hivex matches names with
/// strcasecmp, which only folds ASCII; non-ASCII names are matched here the way Windows does.
class HiveAccess {
public:
    HiveAccess(hive_h *h, const QString &file) : m_h(h), m_file(file) { }

    /// Call right after the failing hivex call: \a what and \a arg are passed without
    /// allocating, so errno is still hivex's when it is read here.
    Error fail(const char *what, QAnyStringView arg = {}) const
    {
        const int err = errno;
        const QString text = arg.isNull() ? tr(what) : tr(what).arg(arg.toString());
        const QString msg = tr("%1 in offline hive %2: %3").arg(text, m_file, errnoText(err));
        return isCorruption(err) ? Error::invalid(msg) : Error::io(msg);
    }

    Result<QList<std::pair<hive_node_h, QString>>> children(hive_node_h node) const
    {
        errno = 0;
        Malloced<hive_node_h> kids(hivex_node_children(m_h, node));
        if (!kids)
            return fail("cannot list subkeys");
        QList<std::pair<hive_node_h, QString>> out;
        for (const hive_node_h *k = kids.get(); *k; ++k) {
            errno = 0;
            Malloced<char> n(hivex_node_name(m_h, *k));
            if (!n)
                return fail("cannot read a key name");
            out.append({ *k, QString::fromUtf8(n.get(), qsizetype(hivex_node_name_len(m_h, *k))) });
        }
        return out;
    }

    Result<hive_node_h> child(hive_node_h node, const QString &name) const
    {
        if (isAscii(name)) {
            const QByteArray utf8 = name.toUtf8();
            errno = 0; // "not found" is 0 with errno untouched
            const hive_node_h c = hivex_node_get_child(m_h, node, utf8.constData());
            if (c == 0 && errno != 0)
                return fail("cannot read subkey \"%1\"", name);
            return c;
        }
        auto kids = children(node);
        if (!kids)
            return kids.error();
        for (const auto &[k, n] : *kids)
            if (n.compare(name, Qt::CaseInsensitive) == 0)
                return k;
        return hive_node_h(0);
    }

    /// The node at \a comps below the root; 0 when a key is missing, unless \a create makes
    /// the missing keys with the caller's spelling.
    Result<hive_node_h> find(const QStringList &comps, bool create) const
    {
        errno = 0;
        hive_node_h node = hivex_root(m_h);
        if (node == 0)
            return fail("cannot find the root key");
        for (const QString &c : comps) {
            auto next = child(node, c);
            if (!next || (*next == 0 && !create))
                return next;
            if (*next == 0) {
                const QByteArray utf8 = c.toUtf8();
                errno = 0;
                if ((*next = hivex_node_add_child(m_h, node, utf8.constData())) == 0)
                    return fail("cannot create key \"%1\"", c);
            }
            node = *next;
        }
        return node;
    }

    Result<QList<RawValue>> values(hive_node_h node) const
    {
        errno = 0;
        Malloced<hive_value_h> vals(hivex_node_values(m_h, node));
        if (!vals)
            return fail("cannot list values");
        QList<RawValue> out;
        for (const hive_value_h *v = vals.get(); *v; ++v) {
            auto r = read(*v);
            if (!r)
                return r.error();
            out.append(std::move(*r));
        }
        return out;
    }

    /// Index into values() of \a name (case-insensitive), or -1.
    static qsizetype indexOf(const QList<RawValue> &vals, const QString &name)
    {
        for (qsizetype i = 0; i < vals.size(); ++i)
            if (QString::fromUtf8(vals[i].name).compare(name, Qt::CaseInsensitive) == 0)
                return i;
        return -1;
    }

    Result<RawValue> read(hive_value_h v) const
    {
        errno = 0;
        Malloced<char> key(hivex_value_key(m_h, v));
        if (!key)
            return fail("cannot read a value name");
        const QByteArray name(key.get(), qsizetype(hivex_value_key_len(m_h, v)));
        hive_type t {};
        size_t len = 0;
        errno = 0;
        Malloced<char> data(hivex_value_value(m_h, v, &t, &len));
        if (!data && (len != 0 || errno != 0))
            return fail("cannot read value \"%1\"", QUtf8StringView(name));
        // Copy the type out as bytes: hive files carry type numbers hive_type has no name for.
        quint32 type = 0;
        std::memcpy(&type, &t, sizeof type);
        return RawValue { name, RegValue(type, QByteArray(data.get(), qsizetype(len))) };
    }

    /// hivex rewrites every value of a key on any value change, and writes each one as a single
    /// cell; a value Windows keeps in big-data cells would come back in a form Windows rejects.
    Result<void> checkRewritable(const QList<RawValue> &vals, const QString &key) const
    {
        for (const RawValue &v : vals)
            if (v.value.data().size() > HiveStore::kMaxValueSize)
                return Error::unsupported(
                    tr("cannot change values of %1 in offline hive %2: its value \"%3\" is larger than "
                       "%4 bytes and hivex cannot rewrite it safely; change this key on Windows")
                        .arg(key, m_file, QString::fromUtf8(v.name))
                        .arg(HiveStore::kMaxValueSize));
        return {};
    }

    Result<void> setValues(hive_node_h node, QList<RawValue> vals, const QString &key) const
    {
        QList<hive_set_value> sv(vals.size());
        for (qsizetype i = 0; i < vals.size(); ++i) {
            // hivex only reads these buffers; the casts are for its non-const struct fields.
            sv[i].key = vals[i].name.data();
            const quint32 type = vals[i].value.type();
            std::memcpy(&sv[i].t, &type, sizeof type);
            sv[i].len = size_t(vals[i].value.data().size());
            sv[i].value = const_cast<char *>(vals[i].value.data().constData());
        }
        errno = 0;
        if (hivex_node_set_values(m_h, node, size_t(sv.size()), sv.constData(), 0) != 0)
            return fail("cannot write the values of %1", key);
        return {};
    }

private:
    hive_h *m_h;
    const QString &m_file;
};

} // namespace ssod::core::registry::hive_detail
