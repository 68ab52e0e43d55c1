#include "core/evaluate/DelegationEvaluator.h"

#include "core/evaluate/PatternMatch.h"
#include "core/evaluate/PolicyReader.h"
#include "core/registry/RegPath.h"

#include <QRegularExpression>
#include <algorithm>

namespace ssod::core::evaluate {

// Sources (CredSsp.admx / ADML explain text, Windows Vista to 11, read through admx.help):
// - each Allow policy "applies when server authentication was achieved via a trusted X509
//   certificate or Kerberos"; its "…with NTLM-only server authentication" twin "applies when server
//   authentication was achieved via NTLM" — so exactly one Allow list applies to a connection;
// - Deny lists "can be used in combination with" the Allow list "to define exceptions for specific
//   servers that are otherwise permitted when using wildcard characters": deny wins;
// - Not Configured: fresh and saved credentials (and fresh NTLM-only) are "permitted to Remote
//   Desktop Session Host running on any machine (TERMSRV/*)"; saved NTLM-only the same only "if the
//   client machine is not a member of any domain"; default credentials (both lists) "not permitted
//   to any machine"; a Deny policy that is not configured "does not specify any server";
// - Disabled: "not permitted to any machine";
// - ConcatenateDefaults_* ("Concatenate OS defaults with input above") adds that default list.

namespace {

struct Policy {
    const char *flag; ///< the DWORD value and the name of the list subkey
    const char *concat; ///< its ConcatenateDefaults_* DWORD
    const char *settingId;
    const char *title;
};

struct KindPolicies {
    Policy allow;
    Policy allowNtlm;
    Policy deny;
};

KindPolicies policiesFor(CredentialKind kind)
{
    switch (kind) {
    case CredentialKind::Saved:
        return { { "AllowSavedCredentials", "ConcatenateDefaults_AllowSaved", "delegation.saved-credentials",
                     QT_TRANSLATE_NOOP("DelegationEvaluator", "Allow delegating saved credentials") },
            { "AllowSavedCredentialsWhenNTLMOnly", "ConcatenateDefaults_AllowSavedNTLMOnly",
                "delegation.saved-credentials-ntlm",
                QT_TRANSLATE_NOOP("DelegationEvaluator",
                    "Allow delegating saved credentials with NTLM-only server authentication") },
            { "DenySavedCredentials", "ConcatenateDefaults_DenySaved", "delegation.deny-saved-credentials",
                QT_TRANSLATE_NOOP("DelegationEvaluator", "Deny delegating saved credentials") } };
    case CredentialKind::Fresh:
        return { { "AllowFreshCredentials", "ConcatenateDefaults_AllowFresh", "delegation.fresh-credentials",
                     QT_TRANSLATE_NOOP("DelegationEvaluator", "Allow delegating fresh credentials") },
            { "AllowFreshCredentialsWhenNTLMOnly", "ConcatenateDefaults_AllowFreshNTLMOnly",
                "delegation.fresh-credentials-ntlm",
                QT_TRANSLATE_NOOP("DelegationEvaluator",
                    "Allow delegating fresh credentials with NTLM-only server authentication") },
            { "DenyFreshCredentials", "ConcatenateDefaults_DenyFresh", "delegation.deny-fresh-credentials",
                QT_TRANSLATE_NOOP("DelegationEvaluator", "Deny delegating fresh credentials") } };
    case CredentialKind::Default:
        break;
    }
    return { { "AllowDefaultCredentials", "ConcatenateDefaults_AllowDefault",
                 "delegation.default-credentials",
                 QT_TRANSLATE_NOOP("DelegationEvaluator", "Allow delegating default credentials") },
        { "AllowDefCredentialsWhenNTLMOnly", "ConcatenateDefaults_AllowDefNTLMOnly",
            "delegation.default-credentials-ntlm",
            QT_TRANSLATE_NOOP("DelegationEvaluator",
                "Allow delegating default credentials with NTLM-only server authentication") },
        { "DenyDefaultCredentials", "ConcatenateDefaults_DenyDefault", "delegation.deny-default-credentials",
            QT_TRANSLATE_NOOP("DelegationEvaluator", "Deny delegating default credentials") } };
}

/// The OS default list of a policy (explain text, see the top of the file).
QStringList osDefaults(const Policy &p, bool domainJoined)
{
    const QLatin1String flag(p.flag);
    if (flag == QLatin1String("AllowFreshCredentials")
        || flag == QLatin1String("AllowFreshCredentialsWhenNTLMOnly")
        || flag == QLatin1String("AllowSavedCredentials"))
        return { QStringLiteral("TERMSRV/*") };
    if (flag == QLatin1String("AllowSavedCredentialsWhenNTLMOnly") && !domainJoined)
        return { QStringLiteral("TERMSRV/*") };
    return {};
}

QString title(const Policy &p)
{
    return QCoreApplication::translate("DelegationEvaluator", p.title);
}

enum class State { NotConfigured, Enabled, Disabled };

/// A policy as read: its state, its configured entries and the OS defaults it adds.
struct ListResult {
    Policy policy;
    State state = State::NotConfigured;
    QString listKey;
    bool concatenate = false;
    QList<ConsideredEntry> entries; ///< configured entries, then OS defaults in effect
    std::optional<qsizetype> match; ///< index into entries of the first match that applies
    QStringList notes;
};

QString kindWords(CredentialKind kind)
{
    switch (kind) {
    case CredentialKind::Saved:
        return DelegationEvaluator::tr("saved credentials (Credential Manager)");
    case CredentialKind::Fresh:
        return DelegationEvaluator::tr("credentials typed at the prompt");
    case CredentialKind::Default:
        break;
    }
    return DelegationEvaluator::tr("credentials of the signed-in user");
}

Result<ListResult> readList(
    const PolicyReader &reader, const Policy &p, const QString &spn, bool domainJoined, bool usesDefaults)
{
    const QString base = DelegationEvaluator::policyKey();
    ListResult r { p, State::NotConfigured, registry::path::join(base, QLatin1String(p.flag)), false, {}, {},
        {} };
    auto flag = reader.dword(base, QLatin1String(p.flag));
    if (!flag)
        return flag.error();
    if (flag->present && !flag->number) {
        r.notes << DelegationEvaluator::tr(
            "%1 is %2, not a REG_DWORD: Group Policy writes 1 or 0, so it is treated "
            "as not configured.")
                       .arg(QLatin1String(p.flag), flag->display);
    } else if (flag->present) {
        r.state = *flag->number == 0 ? State::Disabled : State::Enabled;
        if (*flag->number > 1)
            r.notes << DelegationEvaluator::tr(
                "%1 is %2; Group Policy writes 1 for Enabled, so any other non-zero "
                "value is read as Enabled.")
                           .arg(QLatin1String(p.flag), flag->display);
    }
    auto concat = reader.dword(base, QLatin1String(p.concat));
    if (!concat)
        return concat.error();
    r.concatenate = concat->number.value_or(0) == 1;

    auto values = reader.list(r.listKey);
    if (!values)
        return values.error();
    const bool enabled = r.state == State::Enabled;
    for (const ListValue &v : *values) {
        ConsideredEntry e { QLatin1String(p.flag), r.listKey, v.valueName, v.text, false, enabled, {} };
        if (!v.isString) {
            e.note = DelegationEvaluator::tr("not a string value: ignored");
            e.applies = false;
        } else {
            const pattern::Match m = pattern::credSspEntry(v.text, spn);
            e.matched = m.matched;
            e.note = m.note;
        }
        if (!enabled)
            e.note = r.state == State::Disabled
                ? DelegationEvaluator::tr("policy disabled: list ignored")
                : DelegationEvaluator::tr("policy not enabled (no %1 = 1): list ignored")
                      .arg(QLatin1String(p.flag));
        r.entries << e;
    }
    if (usesDefaults && (r.state == State::NotConfigured || (enabled && r.concatenate))) {
        for (const QString &d : osDefaults(p, domainJoined)) {
            ConsideredEntry e { QLatin1String(p.flag), {}, {}, d, pattern::credSspEntry(d, spn).matched, true,
                r.state == State::NotConfigured
                    ? DelegationEvaluator::tr("OS default (policy not configured)")
                    : DelegationEvaluator::tr("OS default (added by %1 = 1)").arg(QLatin1String(p.concat)) };
            r.entries << e;
        }
    } else if (usesDefaults && enabled && !concat->present && !osDefaults(p, domainJoined).isEmpty()) {
        r.notes << DelegationEvaluator::tr(
            "%1 is absent, so the OS default list (%2) is not added to %3; Group "
            "Policy always writes it (1 when \"Concatenate OS defaults\" is ticked).")
                       .arg(QLatin1String(p.concat), osDefaults(p, domainJoined).join(QLatin1String(", ")),
                           QLatin1String(p.flag));
    }
    for (qsizetype i = 0; i < r.entries.size(); ++i) {
        if (r.entries[i].matched && r.entries[i].applies) {
            r.match = i;
            break;
        }
    }
    return r;
}

PolicySource sourceOf(const ConsideredEntry &e)
{
    if (e.key.isEmpty())
        return { QStringLiteral("OS default"), {}, {}, e.entry,
            DelegationEvaluator::tr("OS default (%1 not configured): \"%2\"").arg(e.policy, e.entry) };
    return { e.policy, e.key, e.valueName, e.entry,
        DelegationEvaluator::tr("%1\\%2 = \"%3\"").arg(shortKey(e.key), e.valueName, e.entry) };
}

/// The policy's flag as the decider, when no list entry decided.
PolicySource flagSource(const ListResult &l, bool domainJoined)
{
    const QString base = DelegationEvaluator::policyKey();
    const QString flag = QLatin1String(l.policy.flag);
    switch (l.state) {
    case State::NotConfigured: {
        const QStringList defaults = osDefaults(l.policy, domainJoined);
        return { QStringLiteral("OS default"), {}, {}, defaults.join(QLatin1String(", ")),
            DelegationEvaluator::tr("OS default: %1 is not configured (default list: %2)")
                .arg(flag,
                    defaults.isEmpty() ? DelegationEvaluator::tr("no server")
                                       : defaults.join(QLatin1String(", "))) };
    }
    case State::Disabled:
        return { flag, base, flag, QStringLiteral("0"),
            DelegationEvaluator::tr("%1\\%2 = 0 (Disabled)").arg(shortKey(base), flag) };
    case State::Enabled:
        break;
    }
    return { flag, base, flag, QStringLiteral("1"),
        DelegationEvaluator::tr("%1\\%2 = 1 (Enabled), and none of its entries matches")
            .arg(shortKey(base), flag) };
}

FixHint addFix(const ListResult &l, const QString &spn)
{
    const QString how = l.state == State::Disabled
        ? DelegationEvaluator::tr("Enable \"%1\" and list %2 in it.").arg(title(l.policy), spn)
        : DelegationEvaluator::tr("Add %1 to \"%2\" (the existing entries are kept).")
              .arg(spn, title(l.policy));
    return { how, QLatin1String(l.policy.settingId),
        QLatin1String(l.policy.settingId) + QLatin1Char('=') + spn };
}

} // namespace

std::optional<CredentialKind> credentialKindFromName(const QString &name)
{
    if (name.compare(QLatin1String("default"), Qt::CaseInsensitive) == 0)
        return CredentialKind::Default;
    if (name.compare(QLatin1String("saved"), Qt::CaseInsensitive) == 0)
        return CredentialKind::Saved;
    if (name.compare(QLatin1String("fresh"), Qt::CaseInsensitive) == 0)
        return CredentialKind::Fresh;
    return std::nullopt;
}

QString credentialKindName(CredentialKind kind)
{
    switch (kind) {
    case CredentialKind::Saved:
        return QStringLiteral("saved");
    case CredentialKind::Fresh:
        return QStringLiteral("fresh");
    case CredentialKind::Default:
        break;
    }
    return QStringLiteral("default");
}

QString DelegationEvaluator::policyKey()
{
    return QStringLiteral(
        "HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation");
}

Result<QString> DelegationEvaluator::spnFor(const QString &serverIn)
{
    const QString server = serverIn.trimmed();
    const QString expected = tr("give a host name such as rdsh01.contoso.com or an SPN such as "
                                "TERMSRV/rdsh01.contoso.com");
    if (server.isEmpty())
        return Error::invalid(tr("the server is empty: %1").arg(expected));
    if (server.contains(QLatin1String("://")))
        return Error::invalid(tr("\"%1\" is a URL: %2").arg(server, expected));
    static const QRegularExpression bad(QStringLiteral("[\\s*\\\\,]"));
    if (server.contains(bad))
        return Error::invalid(
            tr("\"%1\" is not a single server (no spaces, commas, backslashes or wildcards): %2")
                .arg(server, expected));
    const qsizetype slash = server.indexOf(QLatin1Char('/'));
    if (slash < 0)
        return QString(QStringLiteral("TERMSRV/") + server); // mstsc asks CredSSP for TERMSRV/<name as typed>
    static const QRegularExpression serviceClass(QStringLiteral("^[A-Za-z][A-Za-z0-9-]*$"));
    if (!serviceClass.match(server.left(slash)).hasMatch() || slash + 1 >= server.size())
        return Error::invalid(tr("\"%1\" is not an SPN of the form service/host: %2").arg(server, expected));
    return server;
}

Result<DelegationVerdict> DelegationEvaluator::evaluate(
    const registry::RegistryStore &store, const DelegationQuery &query)
{
    auto spn = spnFor(query.server);
    if (!spn)
        return spn.error();
    if (!store.covers(policyKey()))
        return Error::unsupported(
            tr("%1 cannot hold the Credentials Delegation policies (%2): evaluate a SOFTWARE "
               "hive, a machine Registry.pol or a .reg export instead")
                .arg(store.description(), shortKey(policyKey())));
    const PolicyReader reader(store);
    const KindPolicies pols = policiesFor(query.kind);
    const Policy &applicable = query.ntlmOnly ? pols.allowNtlm : pols.allow;
    const Policy &other = query.ntlmOnly ? pols.allow : pols.allowNtlm;

    auto deny = readList(reader, pols.deny, *spn, query.domainJoined, false);
    if (!deny)
        return deny.error();
    auto allow = readList(reader, applicable, *spn, query.domainJoined, true);
    if (!allow)
        return allow.error();
    auto otherList = readList(reader, other, *spn, query.domainJoined, true);
    if (!otherList)
        return otherList.error();

    DelegationVerdict v;
    v.spn = *spn;
    v.allowPolicy = QLatin1String(applicable.flag);
    v.denyPolicy = QLatin1String(pols.deny.flag);
    v.considered << deny->entries;
    for (ConsideredEntry e : allow->entries) {
        if (deny->match && e.matched && e.applies)
            e.note = tr("matches, but the Deny entry wins");
        v.considered << e;
    }
    for (ConsideredEntry e : otherList->entries) {
        e.applies = false;
        const QString why = query.ntlmOnly ? tr("list for Kerberos/certificate-authenticated servers: does not apply")
                                           : tr("list for NTLM-only servers: does not apply");
        e.note = e.key.isEmpty() ? e.note + QStringLiteral("; ") + why : why; // keep "OS default (…)"
        v.considered << e;
    }
    v.notes << deny->notes << allow->notes;
    const QString who = kindWords(query.kind);

    if (deny->match) {
        const ConsideredEntry &e = deny->entries[*deny->match];
        v.allowed = false;
        v.decidedBy = sourceOf(e);
        v.explanation
            = tr("Windows will not delegate %1 to %2: \"%3\" is enabled and its entry \"%4\" matches. A "
                 "Deny entry wins over every Allow list.")
                  .arg(who, *spn, title(pols.deny), e.entry);
        v.fix = { tr("Remove or narrow \"%1\" in \"%2\" (%3\\%4).")
                      .arg(e.entry, title(pols.deny), shortKey(e.key), e.valueName),
            QLatin1String(pols.deny.settingId), {} };
    } else if (allow->match) {
        const ConsideredEntry &e = allow->entries[*allow->match];
        v.allowed = true;
        v.decidedBy = sourceOf(e);
        v.explanation = e.key.isEmpty()
            ? tr("Windows will delegate %1 to %2: \"%3\" is not configured, and its OS default allows "
                 "%4 (after mutual authentication of the server). No Deny entry matches.")
                  .arg(who, *spn, title(applicable), e.entry)
            : tr("Windows will delegate %1 to %2: \"%3\" is enabled and its entry \"%4\" matches. No "
                 "Deny entry matches.")
                  .arg(who, *spn, title(applicable), e.entry);
    } else {
        v.allowed = false;
        switch (allow->state) {
        case State::Disabled:
            v.explanation = tr("Windows will not delegate %1 to any server: \"%2\" is disabled (%3 = 0).")
                                .arg(who, title(applicable), QLatin1String(applicable.flag));
            break;
        case State::NotConfigured:
            v.explanation = osDefaults(applicable, query.domainJoined).isEmpty()
                ? tr("Windows will not delegate %1 to %2: \"%3\" is not configured, and by default "
                     "Windows delegates them to no server.")
                      .arg(who, *spn, title(applicable))
                : tr("Windows will not delegate %1 to %2: \"%3\" is not configured, and its OS default "
                     "(%4) does not cover this SPN.")
                      .arg(who, *spn, title(applicable),
                          osDefaults(applicable, query.domainJoined).join(QLatin1String(", ")));
            break;
        case State::Enabled:
            v.explanation
                = tr("Windows will not delegate %1 to %2: \"%3\" is enabled but none of its entries matches.")
                      .arg(who, *spn, title(applicable));
            break;
        }
        v.decidedBy = flagSource(*allow, query.domainJoined);
        v.fix = addFix(*allow, *spn);
    }

    if (query.ntlmOnly && !v.allowed && otherList->match)
        v.notes << tr(
            "\"%1\" has a matching entry, but it applies only when the server is authenticated with "
            "Kerberos or a certificate; an NTLM-only server needs \"%2\" too.")
                       .arg(title(other), title(applicable));
    if (!query.ntlmOnly && v.allowed && !otherList->match && query.kind == CredentialKind::Default)
        v.notes << tr(
            "Reached through an RD Connection Broker or by IP address, the server can only be authenticated "
            "with NTLM, and then \"%1\" decides: it does not allow %2 (check with the NTLM-only option).")
                       .arg(title(other), *spn);
    if (query.ntlmOnly
        && QLatin1String(applicable.flag) == QLatin1String("AllowSavedCredentialsWhenNTLMOnly"))
        v.notes << (query.domainJoined
                ? tr("Assumed the client is domain-joined: the OS default for saved credentials to NTLM-only "
                     "servers is then no server (TERMSRV/* on a workgroup computer).")
                : tr("Assumed the client is not domain-joined: the OS default is TERMSRV/*."));
    const bool suffixWildcard = std::any_of(v.considered.cbegin(), v.considered.cend(),
        [](const ConsideredEntry &e) { return e.entry.contains(QLatin1String("*.")); });
    if (suffixWildcard)
        v.notes << tr(
            "Wildcards follow the policy text (one '*', case-insensitive): *.contoso.com covers every host "
            "below contoso.com at any depth (the text does not say how deep) but not contoso.com itself.");
    return v;
}

} // namespace ssod::core::evaluate
