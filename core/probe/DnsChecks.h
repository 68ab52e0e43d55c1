#pragma once

#include "core/util/Result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace ssod::core::probe {

/// One SRV record an AD client looks up, and what its absence means (FACTS.md §9).
struct SrvRecordSpec {
    QString prefix; ///< "_kerberos._tcp"; the record is prefix + "." + domain
    QString missingFinding; ///< the finding id when DNS has none
    QString purpose; ///< what clients find through it, for the ok finding
};

/// The records of the dns probe's srv option: _kerberos._tcp/_udp, _kpasswd._tcp/_udp,
/// _ldap._tcp.dc._msdcs, _gc._tcp.
const QList<SrvRecordSpec> &adSrvRecords();

/// A host or domain name as typed, checked and normalised (lower case, no root dot): at most
/// 253 characters, labels of 1-63 letters, digits, '-' or '_' (SRV labels), not starting or
/// ending with '-'. InvalidInput says what is wrong.
Result<QString> normalizedDnsName(const QString &text);

/**
 * The finding for the PTR record of \a address: "dns.ptr-mismatch" when \a ptrName does not
 * resolve back to the address (\a ptrNameAddresses), "dns.ptr-other-name" when it does but names
 * none of \a hostNames (the name asked about, its aliases and canonical name; empty for an address
 * target), else "dns.ptr-ok". Names compare without case and root dot.
 */
QString ptrFindingId(const QString &address, const QString &ptrName, const QStringList &ptrNameAddresses,
    const QStringList &hostNames);

} // namespace ssod::core::probe
