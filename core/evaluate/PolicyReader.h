#pragma once

#include "core/registry/RegistryStore.h"
#include "core/util/Result.h"

#include <QList>
#include <QString>
#include <optional>

namespace ssod::core::evaluate {

/// One value of a numbered list ("1", "2", …) or of any key read as a list.
struct ListValue {
    QString valueName;
    QString text; ///< the string data; empty when the value is not a string
    bool isString = true;
};

/// A DWORD as a policy reads it: absent, a number, or present with the wrong type.
struct DwordValue {
    bool present = false;
    std::optional<quint32> number; ///< empty when present but not a DWORD
    QString display; ///< how the value looks, for messages
};

/**
 * Read-only access to a store for the evaluators. Keys a store cannot hold (a SYSTEM hive asked
 * for a SOFTWARE key, a Registry.pol for the other hive) read as absent rather than failing, so
 * one evaluation can consult machine and user policy locations in any store; read errors of the
 * store itself are passed on.
 */
class PolicyReader final {
public:
    explicit PolicyReader(const registry::RegistryStore &store) : m_store(store) { }

    const registry::RegistryStore &store() const { return m_store; }
    bool covers(const QString &key) const { return m_store.covers(key); }

    Result<bool> keyExists(const QString &key) const;
    Result<DwordValue> dword(const QString &key, const QString &name) const;
    /// A string value; nullopt when absent, an empty string when present but not a string.
    Result<std::optional<QString>> string(const QString &key, const QString &name) const;
    /// Every value of \a key in list order: numeric names ascending, then the others by name.
    Result<QList<ListValue>> list(const QString &key) const;

private:
    const registry::RegistryStore &m_store;
};

/// "HKLM\SOFTWARE\…" for display.
QString shortKey(const QString &key);

} // namespace ssod::core::evaluate
