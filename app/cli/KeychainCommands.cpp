// --keychain, --save-password and `directory forget-password`: the bind password in the system
// keychain (core/directory/CredentialStore), never in argv, files, logs or output. Messages name the
// keychain entry (bind DN @ DC or domain), never the password.
#include "app/cli/KeychainCommands.h"

#include "core/directory/CredentialStore.h"

namespace ssod::cli {

using core::directory::ConnectionOptions;
using core::directory::CredentialStore;

namespace {

const char kStoreHint[]
    = "store one with --bind-dn DN --password-stdin --save-password and the same --dc or --domain";

} // namespace

core::Result<QString> passwordFromKeychain(const ConnectionOptions &options)
{
    const QString key = CredentialStore::keychainKey(options);
    if (key.isEmpty())
        return core::Error::invalid(
            QStringLiteral("--keychain needs --bind-dn and --dc or --domain: they name the "
                           "keychain entry"));
    auto stored = CredentialStore().loadPassword(key);
    if (!stored)
        return core::Error { stored.error().code,
            stored.error().message + QStringLiteral("; type the password with --password-stdin instead"),
            {} };
    if (!stored->has_value() || (*stored)->isEmpty())
        return core::Error::notFound(QStringLiteral("no password is stored in the system keychain for %1; %2")
                                         .arg(key, QLatin1String(kStoreHint)));
    return **stored;
}

void savePassword(const Context &ctx, const ConnectionOptions &options)
{
    const QString key = CredentialStore::keychainKey(options);
    if (auto saved = CredentialStore().storePassword(key, options.password); !saved) {
        ctx.err << "ssodoctor-cli: warning: " << saved.error().message
                << "; the password was not saved: type it each time with --password-stdin" << Qt::endl;
        return;
    }
    ctx.err << "Password saved in the system keychain for " << key
            << " (use --keychain instead of --password-stdin; remove it with directory forget-password)"
            << Qt::endl;
}

core::Error withKeychainHint(core::Error error, const ConnectionOptions &options)
{
    // Only for what the server said (Io): a refused option never reached it.
    if (error.code != core::Error::Code::Io)
        return error;
    error.message
        += QStringLiteral(" (the password came from the system keychain entry %1; if it is no longer "
                          "valid, store the current one with --password-stdin --save-password, or remove "
                          "it with directory forget-password)")
               .arg(CredentialStore::keychainKey(options));
    return error;
}

int runDirectory(const Context &ctx, const QStringList &argv)
{
    auto args = Args::parse(
        argv, { QStringLiteral("--bind-dn"), QStringLiteral("--dc"), QStringLiteral("--domain") }, {});
    if (!args)
        return ctx.fail(args.error());
    if (args->positional() != QStringList { QStringLiteral("forget-password") })
        return ctx.usage(QStringLiteral(
            "usage: directory forget-password --bind-dn DN (--dc HOST[:PORT] | --domain D); see --help"));
    ConnectionOptions o;
    o.bindDn = args->option(QStringLiteral("--bind-dn"));
    o.dc = args->option(QStringLiteral("--dc"));
    o.domain = args->option(QStringLiteral("--domain"));
    const QString key = CredentialStore::keychainKey(o);
    if (key.isEmpty())
        return ctx.usage(
            QStringLiteral("directory forget-password needs --bind-dn and --dc or --domain, as given "
                           "with --save-password"));
    auto removed = CredentialStore().forgetPassword(key);
    if (!removed)
        return ctx.fail(removed.error());
    if (!*removed) {
        ctx.out << "No password is stored in the system keychain for " << key << Qt::endl;
        return ChangesNeeded;
    }
    ctx.out << "Removed the password stored in the system keychain for " << key << Qt::endl;
    return Ok;
}

} // namespace ssod::cli
