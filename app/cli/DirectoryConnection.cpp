#include "app/cli/DirectoryConnection.h"

#include "app/cli/KeychainCommands.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

namespace ssod::cli {

using core::directory::ConnectionOptions;
using core::directory::LdapConnection;

namespace {

/// The first line of standard input, without its line end.
core::Result<QString> passwordFromStdin()
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return core::Error::io(QStringLiteral("cannot read the password from standard input"));
    QByteArray line = in.readLine(4096);
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    QString password = QString::fromUtf8(line);
    line.fill('\0');
    return password;
}

/// The CONN options. The password is read from standard input or the system keychain, never from
/// argv.
core::Result<ConnectionOptions> connectionOptions(const Args &args, bool forest)
{
    ConnectionOptions o;
    o.domain = args.option(QStringLiteral("--domain"));
    o.dc = args.option(QStringLiteral("--dc"));
    o.caFile = args.option(QStringLiteral("--ca-file"));
    o.allowInsecureBind = args.flag(QStringLiteral("--allow-insecure-bind"));
    o.globalCatalog = forest;
    if (args.flag(QStringLiteral("--ldaps")) && args.flag(QStringLiteral("--starttls")))
        return core::Error::invalid(QStringLiteral("--ldaps and --starttls exclude each other"));
    o.tls = args.flag(QStringLiteral("--ldaps"))  ? ConnectionOptions::Tls::Ldaps
        : args.flag(QStringLiteral("--starttls")) ? ConnectionOptions::Tls::StartTls
                                                  : ConnectionOptions::Tls::None;
    if (args.has(QStringLiteral("--timeout"))) {
        bool ok = false;
        const double seconds = args.option(QStringLiteral("--timeout")).toDouble(&ok);
        if (!ok || seconds <= 0 || seconds > 600)
            return core::Error::invalid(QStringLiteral("--timeout takes seconds, from 0.1 to 600"));
        o.timeoutMs = int(seconds * 1000);
    }
    const bool fromStdin = args.flag(QStringLiteral("--password-stdin"));
    const bool fromKeychain = args.flag(QStringLiteral("--keychain"));
    if (args.flag(QStringLiteral("--save-password")) && !fromStdin)
        return core::Error::invalid(QStringLiteral(
            "--save-password needs --bind-dn and --password-stdin: it keeps the password typed there"));
    if (args.has(QStringLiteral("--bind-dn"))) {
        if (args.flag(QStringLiteral("--gssapi")))
            return core::Error::invalid(QStringLiteral("--gssapi and --bind-dn exclude each other"));
        if (fromStdin == fromKeychain)
            return core::Error::invalid(QStringLiteral(
                "--bind-dn needs either --password-stdin or --keychain (a password is never taken from the "
                "command line)"));
        o.bind = ConnectionOptions::Bind::Simple;
        o.bindDn = args.option(QStringLiteral("--bind-dn"));
        auto password = fromStdin ? passwordFromStdin() : passwordFromKeychain(o);
        if (!password)
            return password.error();
        o.password = *password;
    } else if (fromStdin || fromKeychain) {
        return core::Error::invalid(
            QStringLiteral("%1 needs --bind-dn")
                .arg(fromStdin ? QStringLiteral("--password-stdin") : QStringLiteral("--keychain")));
    }
    return o;
}

} // namespace

const QStringList &connValuedOptions()
{
    static const QStringList options = { QStringLiteral("--domain"), QStringLiteral("--dc"),
        QStringLiteral("--bind-dn"), QStringLiteral("--ca-file"), QStringLiteral("--timeout") };
    return options;
}

const QStringList &connFlagOptions()
{
    static const QStringList options = { QStringLiteral("--gssapi"), QStringLiteral("--password-stdin"),
        QStringLiteral("--keychain"), QStringLiteral("--save-password"), QStringLiteral("--ldaps"),
        QStringLiteral("--starttls"), QStringLiteral("--allow-insecure-bind") };
    return options;
}

void printJson(const Context &ctx, const QJsonValue &v)
{
    ctx.out << (v.isArray() ? QJsonDocument(v.toArray()) : QJsonDocument(v.toObject()))
                   .toJson(QJsonDocument::Indented);
}

/// Connects with the CONN options of \a args, saying on stderr to which DC and how.
core::Result<std::unique_ptr<LdapConnection>> connectFor(const Context &ctx, const Args &args, bool forest)
{
    auto options = connectionOptions(args, forest);
    if (!options)
        return options.error();
    auto connection = LdapConnection::connect(*options);
    if (!connection)
        return args.flag(QStringLiteral("--keychain")) ? withKeychainHint(connection.error(), *options)
                                                       : connection.error();
    ctx.err << "Connected to " << (*connection)->describe() << Qt::endl;
    // Only a password the directory just accepted is kept.
    if (args.flag(QStringLiteral("--save-password")))
        savePassword(ctx, *options);
    return connection;
}

} // namespace ssod::cli
