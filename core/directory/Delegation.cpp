#include "core/directory/Delegation.h"

#include <QCoreApplication>
#include <QtEndian>

namespace ssod::core::directory {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Delegation", text);
}

/// "\xx" escapes of every byte: a binary value in an LDAP filter (RFC 4515).
QString binaryFilterValue(const QByteArray &bytes)
{
    QString out;
    for (const char b : bytes)
        out += QStringLiteral("\\%1").arg(uchar(b), 2, 16, QLatin1Char('0'));
    return out;
}

qsizetype sidLength(const QByteArray &d, qsizetype at)
{
    if (at + 8 > d.size())
        return -1;
    const int subs = uchar(d[at + 1]);
    const qsizetype len = 8 + 4 * subs;
    return uchar(d[at]) == 1 && subs <= 15 && at + len <= d.size() ? len : -1;
}

} // namespace

QStringList encryptionTypeNames(quint32 types)
{
    static const std::pair<quint32, const char *> kBits[] = {
        { 0x1, "DES-CBC-CRC" },
        { 0x2, "DES-CBC-MD5" },
        { 0x4, "RC4-HMAC" },
        { 0x8, "AES128-CTS-HMAC-SHA1-96" },
        { 0x10, "AES256-CTS-HMAC-SHA1-96" },
        { 0x20, "AES256-CTS-HMAC-SHA1-96-SK" },
        { 0x10000, "FAST-supported" },
        { 0x20000, "Compound-identity-supported" },
        { 0x40000, "Claims-supported" },
        { 0x80000, "Resource-SID-compression-disabled" },
    };
    QStringList out;
    quint32 known = 0;
    for (const auto &[bit, name] : kBits) {
        known |= bit;
        if (types & bit)
            out << QLatin1String(name);
    }
    if (types & ~known)
        out << QStringLiteral("0x%1").arg(types & ~known, 0, 16);
    return out;
}

QString sidToString(const QByteArray &sid)
{
    if (sidLength(sid, 0) != sid.size())
        return {};
    quint64 authority = 0;
    for (int i = 2; i < 8; ++i)
        authority = (authority << 8) | uchar(sid[i]);
    QString out = QStringLiteral("S-1-%1").arg(authority);
    for (int i = 0; i < uchar(sid[1]); ++i)
        out += QStringLiteral("-%1").arg(qFromLittleEndian<quint32>(sid.constData() + 8 + 4 * i));
    return out;
}

Result<QList<QByteArray>> allowedSids(const QByteArray &sd)
{
    const auto bad = [](const QString &why) {
        return Error::invalid(
            tr("msDS-AllowedToActOnBehalfOfOtherIdentity is not a valid security descriptor: %1").arg(why));
    };
    if (sd.size() < 20 || uchar(sd[0]) != 1)
        return bad(tr("too short or not revision 1"));
    const quint16 control = qFromLittleEndian<quint16>(sd.constData() + 2);
    if (!(control & 0x8000))
        return bad(tr("not self-relative"));
    const quint32 daclAt = qFromLittleEndian<quint32>(sd.constData() + 16);
    QList<QByteArray> out;
    if (!(control & 0x0004) || daclAt == 0)
        return out; // no DACL: nobody is granted anything
    if (daclAt + 8 > quint32(sd.size()))
        return bad(tr("the DACL lies outside the data"));
    const quint16 aclSize = qFromLittleEndian<quint16>(sd.constData() + daclAt + 2);
    const quint16 aces = qFromLittleEndian<quint16>(sd.constData() + daclAt + 4);
    if (daclAt + aclSize > quint32(sd.size()))
        return bad(tr("the DACL is longer than the data"));
    qsizetype at = qsizetype(daclAt) + 8;
    const qsizetype end = qsizetype(daclAt) + aclSize;
    for (int i = 0; i < aces; ++i) {
        if (at + 4 > end)
            return bad(tr("ACE %1 lies outside the DACL").arg(i + 1));
        const uchar type = uchar(sd[at]);
        const quint16 size = qFromLittleEndian<quint16>(sd.constData() + at + 2);
        if (size < 4 || at + size > end)
            return bad(tr("ACE %1 has a bad size").arg(i + 1));
        if (type == 0x00 && size >= 16) { // ACCESS_ALLOWED_ACE: header, mask, SID
            const QByteArray body = sd.mid(at + 8, size - 8);
            const qsizetype len = sidLength(body, 0);
            if (len < 0)
                return bad(tr("ACE %1 holds no valid SID").arg(i + 1));
            out << body.left(len);
        }
        at += size;
    }
    return out;
}

Result<DelegationReport> readDelegation(LdapConnection &c, const QString &accountName)
{
    SpnDirectory spns(c);
    auto account = spns.account(accountName);
    if (!account)
        return account.error();
    DelegationReport r;
    r.account = *account;
    const QString base = c.rootDse().defaultNamingContext;
    LdapEntry entry;
    auto read = c.search(account->dn, LdapConnection::Scope::Base, QStringLiteral("(objectClass=*)"),
        { QStringLiteral("userAccountControl"), QStringLiteral("msDS-AllowedToDelegateTo"),
            QStringLiteral("msDS-AllowedToActOnBehalfOfOtherIdentity"),
            QStringLiteral("msDS-SupportedEncryptionTypes"), QStringLiteral("objectSid"),
            QStringLiteral("tokenGroups") },
        [&](const LdapEntry &e) {
            entry = e;
            return false;
        });
    if (!read)
        return read.error();
    const quint32 flags = entry.string(QStringLiteral("userAccountControl")).toUInt();
    r.unconstrained = flags & uac::TrustedForDelegation;
    r.protocolTransition = flags & uac::TrustedToAuthForDelegation;
    r.sensitive = flags & uac::NotDelegated;
    bool ok = false;
    const quint32 types = entry.string(QStringLiteral("msDS-SupportedEncryptionTypes")).toUInt(&ok);
    if (ok)
        r.encryptionTypes = types;
    for (const QString &spn : entry.strings(QStringLiteral("msDS-AllowedToDelegateTo"))) {
        auto holders = spns.resolve(spn);
        if (!holders) // a malformed stored value: shown, held by nobody
            r.constrained << DelegationTarget { spn, {}, false };
        else
            r.constrained << DelegationTarget { spn, holders->accounts(), holders->viaHostAlias };
    }
    for (const QByteArray &sd : entry.values(QStringLiteral("msDS-AllowedToActOnBehalfOfOtherIdentity"))) {
        auto sids = allowedSids(sd);
        if (!sids)
            return sids.error();
        for (const QByteArray &sid : *sids) {
            QString name;
            auto found = c.search(base, LdapConnection::Scope::Subtree,
                QStringLiteral("(objectSid=%1)").arg(binaryFilterValue(sid)),
                { QStringLiteral("sAMAccountName") }, [&](const LdapEntry &e) {
                    name = e.string(QStringLiteral("sAMAccountName"));
                    return false;
                });
            if (!found)
                return found.error();
            if (name.isEmpty())
                r.resourceBasedUnresolved << sidToString(sid);
            else
                r.resourceBased << name;
        }
    }
    // Protected Users is RID 525 of the account's domain (its name is localized); tokenGroups holds
    // every group the account is in, nested ones included.
    QByteArray protectedSid = entry.values(QStringLiteral("objectSid")).value(0);
    if (sidLength(protectedSid, 0) == protectedSid.size() && protectedSid.size() >= 12) {
        qToLittleEndian<quint32>(525, protectedSid.data() + protectedSid.size() - 4);
        r.protectedUsers = entry.values(QStringLiteral("tokenGroups")).contains(protectedSid);
    }
    return r;
}

} // namespace ssod::core::directory
