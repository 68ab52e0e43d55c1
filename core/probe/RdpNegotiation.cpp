#include "core/probe/RdpNegotiation.h"

#include <QtEndian>

namespace ssod::core::probe::rdpneg {

namespace {

constexpr quint8 kTpktVersion = 0x03;
constexpr quint8 kX224ConnectionRequest = 0xE0;
constexpr quint8 kX224ConnectionConfirm = 0xD0;
constexpr quint8 kNegReq = 0x01;
constexpr quint8 kNegRsp = 0x02;
constexpr quint8 kNegFailure = 0x03;
constexpr qsizetype kX224FixedLength = 7; // LI, code, DST-REF, SRC-REF, class
constexpr qsizetype kNegDataLength = 8;

quint8 at(const QByteArray &d, qsizetype i)
{
    return quint8(d.at(i));
}

QString hex(quint32 v, int width)
{
    return QStringLiteral("0x%1").arg(v, width, 16, QLatin1Char('0'));
}

} // namespace

QByteArray connectionRequest(quint32 protocols, const QByteArray &cookie)
{
    QByteArray variable;
    if (!cookie.isEmpty())
        variable += QByteArrayLiteral("Cookie: mstshash=") + cookie + QByteArrayLiteral("\r\n");
    char neg[kNegDataLength] = { char(kNegReq), 0, 0, 0, 0, 0, 0, 0 };
    qToLittleEndian<quint16>(quint16(kNegDataLength), neg + 2);
    qToLittleEndian<quint32>(protocols, neg + 4);
    variable += QByteArray(neg, kNegDataLength);
    const qsizetype total = kTpktHeaderLength + kX224FixedLength + variable.size();
    QByteArray out(kTpktHeaderLength + kX224FixedLength, '\0');
    out[0] = char(kTpktVersion);
    qToBigEndian<quint16>(quint16(total), out.data() + 2);
    out[4] = char(total - 5); // LI: the bytes after itself
    out[5] = char(kX224ConnectionRequest);
    return out + variable;
}

QStringList protocolNames(quint32 mask)
{
    static const std::pair<quint32, const char *> names[] = { { ProtocolSsl, "SSL" }, { ProtocolHybrid, "HYBRID" },
        { ProtocolRdstls, "RDSTLS" }, { ProtocolHybridEx, "HYBRID_EX" }, { ProtocolRdsAad, "RDSAAD" } };
    QStringList out;
    quint32 known = 0;
    for (const auto &[bit, name] : names) {
        known |= bit;
        if (mask & bit)
            out << QLatin1String(name);
    }
    if (mask & ~known)
        out << hex(mask & ~known, 8);
    if (out.isEmpty())
        out << QStringLiteral("RDP");
    return out;
}

QString failureCodeName(quint32 code)
{
    switch (code) {
    case SslRequiredByServer:
        return QStringLiteral("SSL_REQUIRED_BY_SERVER");
    case SslNotAllowedByServer:
        return QStringLiteral("SSL_NOT_ALLOWED_BY_SERVER");
    case SslCertNotOnServer:
        return QStringLiteral("SSL_CERT_NOT_ON_SERVER");
    case InconsistentFlags:
        return QStringLiteral("INCONSISTENT_FLAGS");
    case HybridRequiredByServer:
        return QStringLiteral("HYBRID_REQUIRED_BY_SERVER");
    case SslWithUserAuthRequiredByServer:
        return QStringLiteral("SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER");
    }
    return QStringLiteral("UNKNOWN_") + hex(code, 8);
}

TpktHeader readTpktHeader(const QByteArray &head)
{
    TpktHeader h;
    if (head.size() < kTpktHeaderLength) {
        h.error = QStringLiteral("only %1 bytes, a TPKT header has 4").arg(head.size());
        return h;
    }
    if (at(head, 0) != kTpktVersion || at(head, 1) != 0) {
        h.error = QStringLiteral("not a TPKT header (starts %1 %2, expected 03 00)")
                      .arg(at(head, 0), 2, 16, QLatin1Char('0'))
                      .arg(at(head, 1), 2, 16, QLatin1Char('0'));
        return h;
    }
    h.length = qFromBigEndian<quint16>(head.constData() + 2);
    if (h.length < kTpktHeaderLength + kX224FixedLength) {
        h.error = QStringLiteral("the TPKT length %1 is too short for an X.224 Connection Confirm").arg(h.length);
        return h;
    }
    if (h.length > kMaxConfirmLength) {
        h.error = QStringLiteral("the TPKT length %1 is far longer than a Connection Confirm (at most %2)")
                      .arg(h.length)
                      .arg(kMaxConfirmLength);
        return h;
    }
    h.valid = true;
    return h;
}

Result<ConnectionConfirm> parseConnectionConfirm(const QByteArray &packet)
{
    const auto bad = [](const QString &why) { return Error::invalid(why); };
    const TpktHeader h = readTpktHeader(packet);
    if (!h.valid)
        return bad(h.error);
    if (packet.size() != h.length)
        return bad(QStringLiteral("%1 bytes where the TPKT header announces %2").arg(packet.size()).arg(h.length));
    const qsizetype li = at(packet, 4);
    if (li != h.length - 5)
        return bad(QStringLiteral("X.224 length indicator %1 does not match the TPKT length %2 (expected %3)")
                       .arg(li)
                       .arg(h.length)
                       .arg(h.length - 5));
    if (at(packet, 5) != kX224ConnectionConfirm)
        return bad(QStringLiteral("X.224 code %1 is not a Connection Confirm (0xd0)").arg(hex(at(packet, 5), 2)));
    if (at(packet, 6) != 0 || at(packet, 7) != 0)
        return bad(QStringLiteral("DST-REF is not 0"));
    if (at(packet, 10) != 0)
        return bad(QStringLiteral("X.224 class %1 is not class 0").arg(at(packet, 10)));
    ConnectionConfirm cc;
    const qsizetype rest = h.length - kTpktHeaderLength - kX224FixedLength;
    if (rest == 0)
        return cc; // Legacy
    if (rest != kNegDataLength)
        return bad(QStringLiteral("%1 bytes of negotiation data; RDP_NEG_RSP and RDP_NEG_FAILURE have 8").arg(rest));
    const char *neg = packet.constData() + kTpktHeaderLength + kX224FixedLength;
    const quint8 type = quint8(neg[0]);
    const quint16 length = qFromLittleEndian<quint16>(neg + 2);
    const quint32 value = qFromLittleEndian<quint32>(neg + 4);
    if (length != kNegDataLength)
        return bad(QStringLiteral("negotiation data length field %1, expected 8").arg(length));
    cc.flags = quint8(neg[1]);
    if (type == kNegRsp) {
        cc.kind = ConnectionConfirm::Kind::Selected;
        cc.selectedProtocol = value;
    } else if (type == kNegFailure) {
        cc.kind = ConnectionConfirm::Kind::Failure;
        cc.failureCode = value;
    } else {
        return bad(QStringLiteral("negotiation data type %1 is neither RDP_NEG_RSP (2) nor RDP_NEG_FAILURE (3)")
                       .arg(type));
    }
    return cc;
}

QString describe(const ConnectionConfirm &cc)
{
    switch (cc.kind) {
    case ConnectionConfirm::Kind::Selected:
        return QStringLiteral("selected ") + protocolNames(cc.selectedProtocol).join(QLatin1Char('|'));
    case ConnectionConfirm::Kind::Failure:
        return QStringLiteral("failure ") + failureCodeName(cc.failureCode);
    case ConnectionConfirm::Kind::Legacy:
        break;
    }
    return QStringLiteral("legacy (no negotiation data)");
}

} // namespace ssod::core::probe::rdpneg
