#pragma once

#include "core/evaluate/Evaluation.h"
#include "core/registry/RegistryStore.h"
#include "core/util/Result.h"

#include <QCoreApplication>
#include <QString>

namespace ssod::core::evaluate {

/// Which credentials CredSSP would hand over (the three families of Credentials Delegation policy).
enum class CredentialKind {
    Default, ///< the signed-in user's credentials (single sign-on)
    Saved, ///< credentials saved in Credential Manager
    Fresh, ///< credentials typed at the prompt
};

/// "default", "saved", "fresh"; nullopt for anything else.
std::optional<CredentialKind> credentialKindFromName(const QString &name);
QString credentialKindName(CredentialKind kind);

struct DelegationQuery {
    /// A host ("rdsh01.contoso.com": the Remote Desktop client asks for TERMSRV/<host>) or a
    /// full SPN ("WSMAN/srv01.contoso.com").
    QString server;
    CredentialKind kind = CredentialKind::Default;
    /// The server could only be authenticated with NTLM (reached by IP address, no SPN, a
    /// broker redirect): the "…WhenNTLMOnly" list applies instead of the Kerberos one.
    bool ntlmOnly = false;
    /// Only the saved-credentials NTLM-only default depends on it (CredSsp.admx explain text).
    bool domainJoined = true;
};

struct DelegationVerdict {
    bool allowed = false;
    QString spn; ///< the SPN that was matched, e.g. "TERMSRV/rdsh01.contoso.com"
    QString allowPolicy; ///< the Allow… policy that applied
    QString denyPolicy; ///< the Deny… policy that was checked first
    PolicySource decidedBy;
    QString explanation; ///< plain words for a helpdesk reader
    QList<ConsideredEntry> considered;
    QStringList notes; ///< assumptions and caveats worth reading
    FixHint fix; ///< empty text when nothing needs changing
};

/**
 * Answers "will Windows delegate credentials to this server?" from the Credentials Delegation
 * policies in a store (HKLM\SOFTWARE\Policies\Microsoft\Windows\CredentialsDelegation), the way
 * the CredSSP client decides: a matching entry in an enabled Deny list wins; otherwise the Allow
 * list for the kind (the NTLM-only variant when the server was authenticated with NTLM) must be
 * enabled and match; a policy that is not configured falls back to the OS default. The rules and
 * defaults rest on the explain text of the policies in CredSsp.admx; see the .cpp.
 */
class DelegationEvaluator final {
    Q_DECLARE_TR_FUNCTIONS(DelegationEvaluator)

public:
    static Result<DelegationVerdict> evaluate(
        const registry::RegistryStore &store, const DelegationQuery &query);

    /// "TERMSRV/host" for a bare host, the SPN itself otherwise; an error for anything else.
    static Result<QString> spnFor(const QString &server);

    /// HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Windows\CredentialsDelegation
    static QString policyKey();
    /// Every key evaluate() reads (their subtrees), to open a large target for just those.
    static QStringList keysRead() { return { policyKey() }; }
};

} // namespace ssod::core::evaluate
