#pragma once

#include "app/cli/CliContext.h"
#include "core/directory/LdapConnection.h"

namespace ssod::cli {

/// --keychain: the password stored for the bind DN and DC/domain of \a options; an error (exit 2)
/// that says how to store one when there is none.
core::Result<QString> passwordFromKeychain(const core::directory::ConnectionOptions &options);

/// --save-password, after a bind that worked: stores the password and says so on stderr; a warning
/// (the command goes on) when no keychain takes it.
void savePassword(const Context &ctx, const core::directory::ConnectionOptions &options);

/// The hint added to a failed bind whose password came from the keychain.
core::Error withKeychainHint(core::Error error, const core::directory::ConnectionOptions &options);

} // namespace ssod::cli
