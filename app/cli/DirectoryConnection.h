#pragma once

// The CONN options shared by the directory commands (spn, delegation) and how they connect.

#include "app/cli/CliContext.h"
#include "core/directory/LdapConnection.h"

#include <QJsonValue>
#include <memory>

namespace ssod::cli {

/// --domain, --dc, --bind-dn, --ca-file, --timeout
const QStringList &connValuedOptions();
/// --gssapi, --password-stdin, --ldaps, --starttls, --allow-insecure-bind
const QStringList &connFlagOptions();

/// Connects with the CONN options of \a args, saying on stderr to which DC and how. The password
/// of a simple bind is read from standard input (never from argv).
core::Result<std::unique_ptr<core::directory::LdapConnection>> connectFor(
    const Context &ctx, const Args &args, bool forest);

/// Prints an object or array as indented JSON on standard output.
void printJson(const Context &ctx, const QJsonValue &v);

} // namespace ssod::cli
