#include "core/registry/win/LiveRegistryStore.h"

#include "core/registry/RegPath.h"

#include <QObject>

#include <windows.h>

#include <iterator>

namespace ssod::core::registry {

namespace {

HKEY rootHandle(const QString &root)
{
    if (root == QLatin1String("HKEY_LOCAL_MACHINE"))
        return HKEY_LOCAL_MACHINE;
    if (root == QLatin1String("HKEY_CURRENT_USER"))
        return HKEY_CURRENT_USER;
    if (root == QLatin1String("HKEY_USERS"))
        return HKEY_USERS;
    if (root == QLatin1String("HKEY_CLASSES_ROOT"))
        return HKEY_CLASSES_ROOT;
    if (root == QLatin1String("HKEY_CURRENT_CONFIG"))
        return HKEY_CURRENT_CONFIG;
    return nullptr;
}

const wchar_t *wide(const QString &s)
{
    return reinterpret_cast<const wchar_t *>(s.utf16());
}

QString winError(LONG code)
{
    wchar_t *buffer = nullptr;
    FormatMessageW(FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, nullptr,
                   DWORD(code), 0, reinterpret_cast<wchar_t *>(&buffer), 0, nullptr);
    QString text = buffer ? QString::fromWCharArray(buffer).trimmed() : QStringLiteral("error %1").arg(code);
    LocalFree(buffer);
    if (code == ERROR_ACCESS_DENIED)
        text += QObject::tr(" (run SSO Doctor as administrator to change this computer's policy)");
    return text;
}

/// RAII for an open HKEY.
class Key
{
public:
    Key() = default;
    ~Key()
    {
        if (m_h)
            RegCloseKey(m_h);
    }
    Key(const Key &) = delete;
    Key &operator=(const Key &) = delete;

    LONG open(const QString &path, REGSAM access)
    {
        const HKEY root = rootHandle(path::root(path));
        if (!root)
            return ERROR_INVALID_PARAMETER;
        return RegOpenKeyExW(root, wide(path::withoutRoot(path)), 0, access | KEY_WOW64_64KEY, &m_h);
    }
    LONG create(const QString &path)
    {
        const HKEY root = rootHandle(path::root(path));
        if (!root)
            return ERROR_INVALID_PARAMETER;
        return RegCreateKeyExW(root, wide(path::withoutRoot(path)), 0, nullptr, REG_OPTION_NON_VOLATILE,
                               KEY_READ | KEY_WRITE | KEY_WOW64_64KEY, nullptr, &m_h, nullptr);
    }
    HKEY get() const { return m_h; }

private:
    HKEY m_h = nullptr;
};

Result<void> applyOne(const RegOp &op)
{
    Key k;
    LONG rc = ERROR_SUCCESS;
    switch (op.kind) {
    case RegOp::Kind::CreateKey:
        rc = k.create(op.key);
        break;
    case RegOp::Kind::SetValue:
        rc = k.create(op.key);
        if (rc == ERROR_SUCCESS)
            rc = RegSetValueExW(k.get(), wide(op.name), 0, op.value->type(),
                                reinterpret_cast<const BYTE *>(op.value->data().constData()), DWORD(op.value->data().size()));
        break;
    case RegOp::Kind::DeleteValue:
        rc = k.open(op.key, KEY_SET_VALUE);
        if (rc == ERROR_SUCCESS)
            rc = RegDeleteValueW(k.get(), wide(op.name));
        if (rc == ERROR_FILE_NOT_FOUND)
            rc = ERROR_SUCCESS;
        break;
    case RegOp::Kind::DeleteKey: {
        const HKEY root = rootHandle(path::root(op.key));
        rc = RegDeleteTreeW(root, wide(path::withoutRoot(op.key)));
        if (rc == ERROR_SUCCESS || rc == ERROR_FILE_NOT_FOUND) {
            Key parent;
            rc = parent.open(path::parent(op.key), KEY_WRITE);
            if (rc == ERROR_SUCCESS)
                rc = RegDeleteKeyExW(parent.get(), wide(path::leaf(op.key)), KEY_WOW64_64KEY, 0);
            if (rc == ERROR_FILE_NOT_FOUND)
                rc = ERROR_SUCCESS;
        }
        break;
    }
    }
    if (rc != ERROR_SUCCESS)
        return Error::io(QObject::tr("%1: %2").arg(op.key, winError(rc)), QObject::tr("this computer's registry"));
    return {};
}

/// Names of a key's values or subkeys, as \a enumerate (RegEnumValueW / RegEnumKeyExW) lists them.
/// A missing key has none.
template<typename Enumerate>
Result<QStringList> enumerateNames(const QString &key, REGSAM access, Enumerate enumerate)
{
    Key k;
    const LONG rc = k.open(key, access);
    if (rc == ERROR_FILE_NOT_FOUND)
        return QStringList();
    if (rc != ERROR_SUCCESS)
        return Error::io(winError(rc), key);
    QStringList names;
    wchar_t buffer[16384]; // the longest value name Windows allows, plus the NUL
    for (DWORD i = 0;; ++i) {
        DWORD len = DWORD(std::size(buffer));
        const LONG e = enumerate(k.get(), i, buffer, &len);
        if (e == ERROR_NO_MORE_ITEMS)
            break;
        if (e != ERROR_SUCCESS)
            return Error::io(winError(e), key);
        names << QString::fromWCharArray(buffer, int(len));
    }
    return names;
}

} // namespace

std::unique_ptr<LiveRegistryStore> LiveRegistryStore::open()
{
    return std::make_unique<LiveRegistryStore>();
}

QString LiveRegistryStore::description() const
{
    return QObject::tr("this computer's registry");
}

QString LiveRegistryStore::filePath() const
{
    return QStringLiteral("registry:");
}

bool LiveRegistryStore::covers(const QString &key) const
{
    return rootHandle(path::root(key)) != nullptr;
}

Result<bool> LiveRegistryStore::keyExists(const QString &key) const
{
    Key k;
    const LONG rc = k.open(key, KEY_READ);
    if (rc == ERROR_SUCCESS)
        return true;
    if (rc == ERROR_FILE_NOT_FOUND)
        return false;
    return Error::io(winError(rc), key);
}

Result<std::optional<RegValue>> LiveRegistryStore::value(const QString &key, const QString &name) const
{
    Key k;
    LONG rc = k.open(key, KEY_QUERY_VALUE);
    if (rc == ERROR_FILE_NOT_FOUND)
        return std::optional<RegValue>();
    if (rc != ERROR_SUCCESS)
        return Error::io(winError(rc), key);
    DWORD type = 0;
    DWORD size = 0;
    rc = RegQueryValueExW(k.get(), wide(name), nullptr, &type, nullptr, &size);
    if (rc == ERROR_FILE_NOT_FOUND)
        return std::optional<RegValue>();
    QByteArray data;
    // The value can grow between the two calls; retry until the buffer fits.
    do {
        data.resize(qsizetype(size));
        rc = RegQueryValueExW(k.get(), wide(name), nullptr, &type, reinterpret_cast<BYTE *>(data.data()), &size);
    } while (rc == ERROR_MORE_DATA);
    if (rc != ERROR_SUCCESS)
        return Error::io(winError(rc), key + QLatin1Char('\\') + name);
    data.resize(qsizetype(size));
    return std::optional<RegValue>(RegValue(type, data));
}

Result<QStringList> LiveRegistryStore::valueNames(const QString &key) const
{
    return enumerateNames(key, KEY_QUERY_VALUE, [](HKEY h, DWORD i, wchar_t *buffer, DWORD *len) {
        return RegEnumValueW(h, i, buffer, len, nullptr, nullptr, nullptr, nullptr);
    });
}

Result<QStringList> LiveRegistryStore::subkeyNames(const QString &key) const
{
    return enumerateNames(key, KEY_ENUMERATE_SUB_KEYS, [](HKEY h, DWORD i, wchar_t *buffer, DWORD *len) {
        return RegEnumKeyExW(h, i, buffer, len, nullptr, nullptr, nullptr, nullptr);
    });
}

Result<void> LiveRegistryStore::commit(const RegOps &ops)
{
    // Record the state each op touches so a failure part-way can be reverted.
    RegOps undo;
    for (const RegOp &op : ops) {
        if (op.kind == RegOp::Kind::SetValue || op.kind == RegOp::Kind::DeleteValue) {
            auto before = value(op.key, op.name);
            if (!before)
                return before.error();
            undo.prepend(*before ? RegOp::set(op.key, op.name, **before) : RegOp::deleteValue(op.key, op.name));
        } else if (op.kind == RegOp::Kind::CreateKey) {
            auto exists = keyExists(op.key);
            if (!exists)
                return exists.error();
            if (!*exists)
                undo.prepend(RegOp::deleteKey(op.key));
        }
        if (auto r = applyOne(op); !r) {
            for (const RegOp &u : undo)
                (void)applyOne(u);
            return r;
        }
    }
    return {};
}

} // namespace ssod::core::registry
