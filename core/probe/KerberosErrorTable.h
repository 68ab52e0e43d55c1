#pragma once

#include "core/util/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace ssod::core::probe {

/**
 * Which finding explains which Kerberos failure: the "kdc_errors" table of
 * resources/findings/kerberos.json, keyed by the KDC's protocol code (KDC_ERR_S_PRINCIPAL_UNKNOWN = 7)
 * or, for the library's own failures (KRB5_KDC_UNREACH), by the com_err value. libkrb5 reports a
 * KDC error as ERROR_TABLE_BASE_krb5 + code (FACTS.md §7.1); comErrOf/protocolCodeOf convert.
 */
class KerberosErrorTable final {
public:
    static constexpr qint64 kErrorTableBase = -1765328384; // ERROR_TABLE_BASE_krb5

    struct Entry {
        QString name; ///< "KDC_ERR_S_PRINCIPAL_UNKNOWN"
        int code = -1; ///< protocol code 0-127, or -1 for a library error
        qint64 comErr = 0;
        QString finding; ///< a finding id of the catalog
    };

    static Result<KerberosErrorTable> parse(const QByteArray &json, const QString &source);
    /// From ":/findings/kerberos.json" (or $SSOD_FINDINGS_DIR/kerberos.json), read once.
    static const KerberosErrorTable &builtin();

    const QList<Entry> &entries() const { return m_entries; }
    const Entry *byComErr(qint64 comErr) const;
    const Entry *byCode(int code) const { return byComErr(comErrOf(code)); }

    static qint64 comErrOf(int code) { return kErrorTableBase + code; }
    /// The protocol code of a com_err value from the krb5 table's protocol range, else -1.
    static int protocolCodeOf(qint64 comErr);

private:
    QList<Entry> m_entries;
};

} // namespace ssod::core::probe
