#include "core/directory/Delegation.h"

#include <QTest>
#include <QtEndian>

using namespace ssod::core::directory;

// The binary parts of delegation: SIDs, the security descriptor of
// msDS-AllowedToActOnBehalfOfOtherIdentity (built here byte by byte as MS-DTYP §2.4.6 lays it out,
// as AD writes it for Set-ADComputer -PrincipalsAllowedToDelegateToAccount) and encryption types.
class TestDelegationDecode final : public QObject {
    Q_OBJECT

    static QByteArray sid(std::initializer_list<quint32> subs)
    {
        QByteArray out;
        out += char(1);
        out += char(subs.size());
        out += QByteArray("\0\0\0\0\0\x05", 6); // NT authority
        for (quint32 s : subs) {
            char b[4];
            qToLittleEndian(s, b);
            out += QByteArray(b, 4);
        }
        return out;
    }

    static QByteArray le16(quint16 v)
    {
        char b[2];
        qToLittleEndian(v, b);
        return QByteArray(b, 2);
    }
    static QByteArray le32(quint32 v)
    {
        char b[4];
        qToLittleEndian(v, b);
        return QByteArray(b, 4);
    }

    /// Self-relative descriptor: owner BA, DACL with one ACCESS_ALLOWED ACE per SID (and one denied).
    static QByteArray descriptor(const QList<QByteArray> &allowed, const QByteArray &denied = {})
    {
        QByteArray aces;
        int count = 0;
        const auto ace = [&](quint8 type, const QByteArray &s) {
            aces += char(type);
            aces += char(0);
            aces += le16(quint16(8 + s.size()));
            aces += le32(0xF01FF);
            aces += s;
            ++count;
        };
        for (const QByteArray &s : allowed)
            ace(0x00, s);
        if (!denied.isEmpty())
            ace(0x01, denied);
        QByteArray acl;
        acl += char(4);
        acl += char(0);
        acl += le16(quint16(8 + aces.size()));
        acl += le16(quint16(count));
        acl += le16(0);
        acl += aces;
        const QByteArray owner = sid({ 32, 544 });
        QByteArray sd;
        sd += char(1);
        sd += char(0);
        sd += le16(0x8004); // self-relative, DACL present
        sd += le32(20); // owner
        sd += le32(0); // group
        sd += le32(0); // SACL
        sd += le32(quint32(20 + owner.size())); // DACL
        sd += owner;
        sd += acl;
        return sd;
    }

private slots:
    void sidsAsText()
    {
        QCOMPARE(sidToString(sid({ 21, 1004336348, 1177238915, 682003330, 1103 })),
            QStringLiteral("S-1-5-21-1004336348-1177238915-682003330-1103"));
        QCOMPARE(sidToString(sid({ 32, 544 })), QStringLiteral("S-1-5-32-544"));
        QCOMPARE(sidToString(QByteArray("\x01\x05", 2)), QString());
    }

    void allowedSidsOfTheDacl()
    {
        const QByteArray a = sid({ 21, 1, 2, 3, 1105 });
        const QByteArray b = sid({ 21, 1, 2, 3, 1106 });
        auto sids = allowedSids(descriptor({ a, b }, sid({ 21, 1, 2, 3, 1107 })));
        QVERIFY2(sids.ok(), sids ? "" : qPrintable(sids.error().message));
        QCOMPARE(*sids, (QList<QByteArray> { a, b })); // the denied ACE grants nothing
        QVERIFY(allowedSids(descriptor({}))->isEmpty());
    }

    void malformedDescriptorsAreRefused()
    {
        const QByteArray good = descriptor({ sid({ 21, 1, 2, 3, 1105 }) });
        for (qsizetype cut = 0; cut < good.size(); ++cut) {
            auto r = allowedSids(good.left(cut));
            QVERIFY2(!r || r->isEmpty(), qPrintable(QStringLiteral("cut at %1").arg(cut)));
            if (!r)
                QVERIFY(r.error().message.contains(QLatin1String("not a valid security descriptor")));
        }
    }

    void encryptionTypes()
    {
        QCOMPARE(encryptionTypeNames(0x1C),
            (QStringList { QStringLiteral("RC4-HMAC"), QStringLiteral("AES128-CTS-HMAC-SHA1-96"),
                QStringLiteral("AES256-CTS-HMAC-SHA1-96") }));
        QCOMPARE(encryptionTypeNames(0x3 | 0x100),
            (QStringList {
                QStringLiteral("DES-CBC-CRC"), QStringLiteral("DES-CBC-MD5"), QStringLiteral("0x100") }));
    }
};

QTEST_GUILESS_MAIN(TestDelegationDecode)
#include "tst_delegation_decode.moc"
