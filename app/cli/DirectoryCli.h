#pragma once

// Shared by the directory commands (spn …, delegation …): the CONN options and connecting.
#include "app/cli/CliContext.h"
#include "core/directory/LdapConnection.h"

#include <QJsonValue>
#include <memory>

namespace ssod::cli {

/// CONN options that take a value, and those that don't.
extern const QStringList kConnValued;
extern const QStringList kConnFlags;

/// Connects with the CONN options of \a args (the password from standard input, never argv), saying
/// on stderr to which DC and how.
core::Result<std::unique_ptr<core::directory::LdapConnection>> connectFor(
    const Context &ctx, const Args &args, bool forest);

/// Prints an object or an array as indented JSON.
void printJson(const Context &ctx, const QJsonValue &v);

/// spn add | remove | plan (SpnChangeCommands.cpp).
int runSpnChange(const Context &ctx, const QStringList &argv);
/// delegation set (SpnChangeCommands.cpp).
int runDelegationSet(const Context &ctx, const QStringList &argv);

} // namespace ssod::cli
