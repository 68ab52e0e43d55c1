#include "core/directory/SpnChange.h"

#include "core/directory/Spn.h"

#include <QCoreApplication>

namespace ssod::core::directory {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("SpnChange", text);
}

/// RFC 2849 SAFE-STRING: otherwise the value goes out base64-encoded ("dn:: …").
bool ldifSafe(const QString &value)
{
    if (value.isEmpty())
        return true;
    const QChar first = value.front();
    if (first == QLatin1Char(' ') || first == QLatin1Char(':') || first == QLatin1Char('<')
        || value.back() == QLatin1Char(' '))
        return false;
    for (QChar c : value)
        if (c.unicode() == 0 || c.unicode() > 127 || c == QLatin1Char('\n') || c == QLatin1Char('\r'))
            return false;
    return true;
}

} // namespace

QString ldifLine(const QString &attribute, const QString &value)
{
    if (ldifSafe(value))
        return attribute + QStringLiteral(": ") + value + QLatin1Char('\n');
    return attribute + QStringLiteral(":: ") + QString::fromLatin1(value.toUtf8().toBase64()) + QLatin1Char('\n');
}

QString powerShellQuote(const QString &s)
{
    QString out = s;
    out.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + out + QLatin1Char('\'');
}

namespace {

/// cmd.exe argument: SPNs and account names cannot hold spaces or quotes (Spn::parse refuses them);
/// the characters cmd treats specially are escaped with ^.
QString cmdWord(const QString &s)
{
    QString out;
    for (QChar c : s) {
        if (QStringLiteral("&|<>^%()").contains(c))
            out += QLatin1Char('^');
        out += c;
    }
    return out;
}

QString domainAccount(const SpnScriptContext &context, const QString &account)
{
    return context.netbiosDomain.isEmpty() ? account : context.netbiosDomain + QLatin1Char('\\') + account;
}

QString cmdlet(SpnChange::Kind kind)
{
    switch (kind) {
    case SpnChange::Kind::Computer:
        return QStringLiteral("Set-ADComputer");
    case SpnChange::Kind::ManagedServiceAccount:
        return QStringLiteral("Set-ADServiceAccount");
    case SpnChange::Kind::User:
        break;
    }
    return QStringLiteral("Set-ADUser");
}

QString renderSetspn(const QList<SpnChange> &changes, const SpnScriptContext &context)
{
    QString out = QStringLiteral("@echo off\r\nrem SPN changes from SSO Doctor. setspn -S checks the whole "
                                 "domain for a duplicate before it adds.\r\n");
    for (const QString &c : context.comments)
        out += QStringLiteral("rem ") + c + QStringLiteral("\r\n");
    for (const SpnChange &c : changes)
        out += QStringLiteral("setspn %1 %2 %3\r\nif errorlevel 1 echo FAILED: %1 %2 %3\r\n")
                   .arg(c.op == SpnChange::Op::Add ? QStringLiteral("-S") : QStringLiteral("-D"),
                       cmdWord(c.spn), cmdWord(domainAccount(context, c.account)));
    return out;
}

QString renderPowerShell(const QList<SpnChange> &changes, const SpnScriptContext &context)
{
    QString out = QStringLiteral("#Requires -Modules ActiveDirectory\n"
                                 "# SPN changes from SSO Doctor.\n");
    for (const QString &c : context.comments)
        out += QStringLiteral("# ") + c + QLatin1Char('\n');
    out += QStringLiteral("$ErrorActionPreference = 'Stop'\n");
    for (const SpnChange &c : changes)
        out += QStringLiteral("%1 -Identity %2 -ServicePrincipalNames @{%3=%4}\n")
                   .arg(cmdlet(c.kind), powerShellQuote(c.dn.isEmpty() ? c.account : c.dn),
                       c.op == SpnChange::Op::Add ? QStringLiteral("Add") : QStringLiteral("Remove"),
                       powerShellQuote(c.spn));
    return out;
}

QString renderLdif(const QList<SpnChange> &changes, const SpnScriptContext &context)
{
    QString out = QStringLiteral("# SPN changes from SSO Doctor: ldapmodify -f FILE (or ldifde -i -f FILE)\n");
    for (const QString &c : context.comments)
        out += QStringLiteral("# ") + c + QLatin1Char('\n');
    out += QStringLiteral("version: 1\n");
    for (const SpnChange &c : changes) {
        const QString op = c.op == SpnChange::Op::Add ? QStringLiteral("add") : QStringLiteral("delete");
        out += QLatin1Char('\n') + ldifLine(QStringLiteral("dn"), c.dn) + QStringLiteral("changetype: modify\n")
            + op + QStringLiteral(": servicePrincipalName\n") + ldifLine(QStringLiteral("servicePrincipalName"), c.spn)
            + QStringLiteral("-\n");
    }
    return out;
}

Result<QString> renderKtpass(const QList<SpnChange> &changes, const SpnScriptContext &context)
{
    if (context.realm.isEmpty())
        return Error::invalid(tr("ktpass lines need the Kerberos realm (connect to the directory, or give the domain)"));
    QString out = QStringLiteral(
        "@echo off\r\nrem Keytab lines from SSO Doctor. The first ktpass of an account sets its password "
        "(type it at the prompt):\r\nrem give the password the service already uses, or every service "
        "running as that account needs the new one.\r\nrem Each further ktpass adds a principal to the "
        "same keytab with the same password (-setpass: unchanged, -setupn: UPN untouched).\r\n");
    for (const QString &c : context.comments)
        out += QStringLiteral("rem ") + c + QStringLiteral("\r\n");
    QStringList started; // accounts whose keytab exists already
    for (const SpnChange &c : changes) {
        if (c.op != SpnChange::Op::Add)
            return Error::invalid(tr("a keytab cannot remove an SPN; emit removals as setspn, ps1 or ldif"));
        const QString keytab = c.account.toLower().remove(QLatin1Char('$')) + QStringLiteral(".keytab");
        const bool first = !started.contains(c.account, Qt::CaseInsensitive);
        out += QStringLiteral("ktpass %1/out %2 /princ %3@%4 /mapuser %5 /mapop add /crypto AES256-SHA1 "
                              "/ptype KRB5_NT_PRINCIPAL /pass *%6\r\n")
                   .arg(first ? QString() : QStringLiteral("/in %1 ").arg(cmdWord(keytab)), cmdWord(keytab),
                       cmdWord(c.spn), context.realm.toUpper(), cmdWord(domainAccount(context, c.account)),
                       first ? QString() : QStringLiteral(" -setpass -setupn"));
        if (first)
            started << c.account;
    }
    return out;
}

} // namespace

SpnChange::Kind accountKind(const Account &a)
{
    // A gMSA's object classes include computer, so it is told apart first.
    if (a.objectClasses.contains(QStringLiteral("msDS-GroupManagedServiceAccount"), Qt::CaseInsensitive)
        || a.objectClasses.contains(QStringLiteral("msDS-ManagedServiceAccount"), Qt::CaseInsensitive))
        return SpnChange::Kind::ManagedServiceAccount;
    return a.isComputer() ? SpnChange::Kind::Computer : SpnChange::Kind::User;
}

Result<std::optional<SpnConflict>> findConflict(
    SpnDirectory &directory, const QString &spnText, const Account &account, const std::atomic<bool> *cancel)
{
    // HTTP/web01 on a user while WEB01$ holds HOST/web01 counts too: the KDC would have two keys
    // for one name.
    auto resolution = directory.resolve(spnText, cancel);
    if (!resolution)
        return resolution.error();
    // The SPN as stored: the requested one, or the HOST/ one that answers for it.
    SpnConflict conflict { resolution->holders.value(0).spn, {}, resolution->viaHostAlias };
    for (const QString &holder : resolution->accounts())
        if (holder.compare(account.samAccountName, Qt::CaseInsensitive) != 0)
            conflict.holders << holder;
    if (conflict.holders.isEmpty())
        return std::optional<SpnConflict>();
    return std::optional<SpnConflict>(conflict);
}

Result<void> applySpnChange(LdapConnection &connection, const SpnChange &change)
{
    const auto op = change.op == SpnChange::Op::Add ? LdapConnection::Modification::Op::Add
                                                    : LdapConnection::Modification::Op::Delete;
    return connection.modify(change.dn, { { op, QStringLiteral("servicePrincipalName"), { change.spn.toUtf8() } } });
}

Result<void> applySpnChanges(LdapConnection &connection, const QList<SpnChange> &changes, QList<SpnChange> *applied)
{
    QList<SpnChange> done;
    for (const SpnChange &c : changes) {
        auto r = applySpnChange(connection, c);
        if (r) {
            done << c;
            continue;
        }
        QStringList stuck;
        for (auto it = done.crbegin(); it != done.crend(); ++it)
            if (!applySpnChange(connection, inverse(*it)))
                stuck << it->spn;
        if (applied)
            *applied = stuck.isEmpty() ? QList<SpnChange>() : done; // conservative: undo may retry them
        Error e = r.error();
        e.message = stuck.isEmpty()
            ? tr("%1 (%2); what was added before it (%3) was taken back, nothing is left changed")
                  .arg(e.message, c.spn)
                  .arg(done.size())
            : tr("%1 (%2); taking back %3 failed too: remove them by hand").arg(e.message, c.spn, stuck.join(QStringLiteral(", ")));
        return e;
    }
    if (applied)
        *applied = done;
    return {};
}

SpnChange inverse(const SpnChange &change)
{
    SpnChange out = change;
    out.op = change.op == SpnChange::Op::Add ? SpnChange::Op::Remove : SpnChange::Op::Add;
    return out;
}

std::optional<SpnScriptFormat> spnScriptFormatFromName(const QString &name)
{
    for (auto f : { SpnScriptFormat::Setspn, SpnScriptFormat::PowerShell, SpnScriptFormat::Ldif,
             SpnScriptFormat::Ktpass })
        if (spnScriptFormatName(f).compare(name, Qt::CaseInsensitive) == 0)
            return f;
    return std::nullopt;
}

QString spnScriptFormatName(SpnScriptFormat format)
{
    switch (format) {
    case SpnScriptFormat::Setspn:
        return QStringLiteral("setspn");
    case SpnScriptFormat::PowerShell:
        return QStringLiteral("ps1");
    case SpnScriptFormat::Ldif:
        return QStringLiteral("ldif");
    case SpnScriptFormat::Ktpass:
        break;
    }
    return QStringLiteral("ktpass");
}

QString spnScriptExtension(SpnScriptFormat format)
{
    switch (format) {
    case SpnScriptFormat::PowerShell:
        return QStringLiteral(".ps1");
    case SpnScriptFormat::Ldif:
        return QStringLiteral(".ldif");
    case SpnScriptFormat::Setspn:
    case SpnScriptFormat::Ktpass:
        break;
    }
    return QStringLiteral(".cmd");
}

Result<QString> renderSpnScript(
    const QList<SpnChange> &changes, SpnScriptFormat format, const SpnScriptContext &context)
{
    switch (format) {
    case SpnScriptFormat::Setspn:
        return renderSetspn(changes, context);
    case SpnScriptFormat::PowerShell:
        return renderPowerShell(changes, context);
    case SpnScriptFormat::Ldif:
        return renderLdif(changes, context);
    case SpnScriptFormat::Ktpass:
        break;
    }
    return renderKtpass(changes, context);
}

} // namespace ssod::core::directory
