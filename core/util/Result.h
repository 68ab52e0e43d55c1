#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace ssod::core {

/// What went wrong, for people (message) and for scripts (code), with where it happened.
struct Error
{
    enum class Code {
        InvalidInput,  ///< malformed file, bad argument, unknown setting
        NotFound,      ///< file, key or setting does not exist
        Io,            ///< read/write failure
        Unsupported,   ///< valid request the target cannot hold
        Verification,  ///< read-back after a write did not match
        Internal,
    };

    Code code = Code::Internal;
    QString message;  ///< one line naming the problem and what to do
    QString location; ///< "file:line", "file@offset" or empty

    static Error invalid(QString msg, QString where = {})
    {
        return {Code::InvalidInput, std::move(msg), std::move(where)};
    }
    static Error io(QString msg, QString where = {}) { return {Code::Io, std::move(msg), std::move(where)}; }
    static Error notFound(QString msg, QString where = {})
    {
        return {Code::NotFound, std::move(msg), std::move(where)};
    }
    static Error unsupported(QString msg, QString where = {})
    {
        return {Code::Unsupported, std::move(msg), std::move(where)};
    }

    /// "location: message", or the message alone.
    QString toString() const { return location.isEmpty() ? message : location + QStringLiteral(": ") + message; }
};

/// A value or an Error: the core's return type (std::expected is C++23; this is the subset we use).
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_v); }
    const T &value() const & { return std::get<0>(m_v); }
    T &&value() && { return std::get<0>(std::move(m_v)); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }

    const Error &error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_ok(false) {}

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_ok = true;
};

} // namespace ssod::core
