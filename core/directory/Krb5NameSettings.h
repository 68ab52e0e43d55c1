#pragma once

#include "core/util/Result.h"

#include <QString>
#include <optional>

namespace ssod::core::directory {

/**
 * How MIT krb5 turns a host-based service name (HTTP@host) into a principal: the `[libdefaults]`
 * relations `dns_canonicalize_hostname` (true, false or fallback; default true), `rdns` (default
 * true; no effect without canonicalization) and `qualify_shortname` (default: the first DNS search
 * domain). Read through the krb5 profile API from the client's configuration (KRB5_CONFIG, else
 * /etc/krb5.conf), so includes, final markers and boolean spellings are MIT's own.
 */
struct Krb5NameSettings {
    enum class Canonicalize { True, False, Fallback };

    Canonicalize canonicalize = Canonicalize::True;
    bool rdns = true;
    std::optional<QString> qualifyShortname; ///< unset: the first search domain
    QString configFiles; ///< KRB5_CONFIG as seen, or the default path, for the user to see

    /// Reads the settings of the current environment (a fresh krb5 context each call, so a changed
    /// KRB5_CONFIG is honoured).
    static Result<Krb5NameSettings> read();
};

} // namespace ssod::core::directory
