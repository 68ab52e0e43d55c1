#pragma once

#include "core/directory/ClientProfile.h"
#include "core/directory/HostResolver.h"
#include "core/directory/PredictionTarget.h"
#include "core/directory/SpnDirectory.h"
#include "core/util/Result.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <atomic>
#include <optional>

namespace ssod::core::directory {

/// One step of the reasoning, in order, for the user to follow.
struct PredictionStep {
    enum class Kind {
        Target, ///< how the target was read
        Rule, ///< the client's rule and its source
        Config, ///< a client setting read (krb5.conf) or an override that would change the result
        Dns, ///< a lookup and its answer
        Cname, ///< a CNAME hop followed
        Reverse, ///< a PTR lookup (MIT rdns)
        Port, ///< the port kept or dropped
        NoKerberos, ///< why the client will not use Kerberos
        Spn, ///< the SPN the client requests
        Directory, ///< what the directory holds
        HostAlias, ///< the HOST/ alias (sPNMappings) stands in, or does not
        Finding, ///< a problem
        Fix, ///< what to change
    };
    Kind kind;
    QString text;
};
/// "target", "rule", …: the "kind" of a step in JSON.
QString stepKindId(PredictionStep::Kind kind);

/// The prediction: the SPN a client will request for a target and who holds it.
struct SpnPrediction {
    enum class Verdict {
        Ok, ///< exactly one account holds it (and it is the service account, when named)
        NotChecked, ///< no directory lookup was made
        NoKerberos, ///< the client will not use Kerberos (an IP address)
        NotHeld, ///< no account holds it: KDC_ERR_S_PRINCIPAL_UNKNOWN
        Duplicate, ///< more than one account holds it
        ServiceAccountMismatch, ///< held by another account than the service runs as
        AliasSpnElsewhere, ///< the alias's SPN is on another account than the one the client reaches
    };

    QString target;
    ClientProfile client = ClientProfile::Edge;
    QString host; ///< the target's host
    quint16 port = 0; ///< the port the client connects to
    QString requestedName; ///< the host part of the SPN
    QString spn; ///< empty when the client will not use Kerberos
    bool kerberos = true;
    QList<PredictionStep> steps;

    bool directoryChecked = false;
    QList<SpnHolder> holders; ///< accounts holding spn (or its HOST/ alias when viaHostAlias)
    bool viaHostAlias = false;
    QString aliasSpn; ///< the SPN of the name as typed, when the client followed a CNAME
    QList<SpnHolder> aliasSpnHolders;

    QString serviceAccount; ///< as found in the directory (or as given, without a directory)
    std::optional<bool> serviceAccountHolds; ///< set when a service account was named and checked

    Verdict verdict = Verdict::NotChecked;
    QString verdictText; ///< plain words

    /// sAMAccountNames of holders, in order, without repeats.
    QStringList holderAccounts() const;
    /// sAMAccountNames of aliasSpnHolders, in order, without repeats.
    QStringList aliasSpnHolderAccounts() const;
    /// True for every verdict that means Kerberos will fail or is at risk.
    bool problem() const { return verdict != Verdict::Ok && verdict != Verdict::NotChecked; }
};
/// "ok", "not_checked", "no_kerberos", "not_held", "duplicate", "service_account_mismatch",
/// "alias_spn_elsewhere".
QString verdictId(SpnPrediction::Verdict verdict);

/**
 * Predicts the SPN \a client requests for \a target (resolving names through \a resolver as that
 * client does), then, when \a directory is given, who holds it: exactly, or through a computer's
 * HOST/ SPN for the classes in hostAliasClasses(). \a serviceAccount (may be empty) is the account
 * the service runs as; the verdict says whether it is the holder. Blocking (DNS, LDAP): call it from
 * a worker thread. Errors: a malformed target, a DNS failure that leaves the SPN unknown (timeout,
 * CNAME loop), a directory error, an unknown service account.
 */
Result<SpnPrediction> predictSpn(const QString &target, ClientProfile client, HostResolver &resolver,
    SpnDirectory *directory, const QString &serviceAccount, const std::atomic<bool> *cancel = nullptr);

} // namespace ssod::core::directory
