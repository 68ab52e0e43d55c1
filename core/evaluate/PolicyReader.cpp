#include "core/evaluate/PolicyReader.h"

#include "core/registry/RegPath.h"

#include <algorithm>

namespace ssod::core::evaluate {

using registry::RegType;
using registry::RegValue;

Result<bool> PolicyReader::keyExists(const QString &key) const
{
    if (!m_store.covers(key))
        return false;
    return m_store.keyExists(key);
}

Result<DwordValue> PolicyReader::dword(const QString &key, const QString &name) const
{
    DwordValue out;
    if (!m_store.covers(key))
        return out;
    auto v = m_store.value(key, name);
    if (!v)
        return v.error();
    if (!v->has_value())
        return out;
    out.present = true;
    out.number = (*v)->toDword();
    out.display = (*v)->display();
    return out;
}

Result<std::optional<QString>> PolicyReader::string(const QString &key, const QString &name) const
{
    if (!m_store.covers(key))
        return std::optional<QString>();
    auto v = m_store.value(key, name);
    if (!v)
        return v.error();
    if (!v->has_value())
        return std::optional<QString>();
    return std::optional<QString>((*v)->isString() ? (*v)->toString() : QString());
}

Result<QList<ListValue>> PolicyReader::list(const QString &key) const
{
    QList<ListValue> out;
    if (!m_store.covers(key))
        return out;
    auto names = m_store.valueNames(key);
    if (!names)
        return names.error();
    QStringList sorted = *names;
    // "10" after "9": policy lists are numbered, and people read them in that order.
    std::sort(sorted.begin(), sorted.end(), [](const QString &a, const QString &b) {
        bool okA = false, okB = false;
        const qulonglong na = a.toULongLong(&okA);
        const qulonglong nb = b.toULongLong(&okB);
        if (okA != okB)
            return okA;
        if (okA && na != nb)
            return na < nb;
        return a.compare(b, Qt::CaseInsensitive) < 0;
    });
    for (const QString &name : sorted) {
        auto v = m_store.value(key, name);
        if (!v)
            return v.error();
        if (!v->has_value())
            continue;
        const RegValue &rv = **v;
        out << ListValue { name, rv.isString() ? rv.toString() : QString(), rv.isString() };
    }
    return out;
}

QString shortKey(const QString &key)
{
    const QString rest = registry::path::withoutRoot(key);
    const QString root = registry::path::shortRoot(registry::path::root(key));
    return rest.isEmpty() ? root : root + QLatin1Char('\\') + rest;
}

} // namespace ssod::core::evaluate
