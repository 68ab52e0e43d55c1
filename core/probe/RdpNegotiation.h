#pragma once

#include "core/util/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace ssod::core::probe {

/**
 * The X.224 phase of an RDP connection ([MS-RDPBCGR] 2.2.1.1 / 2.2.1.2; FACTS.md §4): the
 * Connection Request a client sends with its RDP_NEG_REQ, and the strict reading of the server's
 * Connection Confirm. Pure functions, so hostile replies are tested without a server.
 */
namespace rdpneg {

/// requestedProtocols / selectedProtocol bits.
enum Protocol : quint32 {
    ProtocolRdp = 0x0, ///< no bit: Standard RDP Security
    ProtocolSsl = 0x1,
    ProtocolHybrid = 0x2, ///< CredSSP (NLA)
    ProtocolRdstls = 0x4,
    ProtocolHybridEx = 0x8,
    ProtocolRdsAad = 0x10,
};

/// RDP_NEG_FAILURE failure codes.
enum FailureCode : quint32 {
    SslRequiredByServer = 0x1,
    SslNotAllowedByServer = 0x2,
    SslCertNotOnServer = 0x3,
    InconsistentFlags = 0x4,
    HybridRequiredByServer = 0x5,
    SslWithUserAuthRequiredByServer = 0x6,
};

/// A Connection Confirm is 11 bytes, 19 with rdpNegData: a TPKT claiming more is not an answer
/// to our request, and reading it would let a server make us wait or buffer for nothing.
inline constexpr qsizetype kMaxConfirmLength = 64;
inline constexpr qsizetype kTpktHeaderLength = 4;

/// The TPKT-framed X.224 Connection Request with an RDP_NEG_REQ offering \a protocols; with a
/// \a cookie ("Cookie: mstshash=…" is added) when one is given.
QByteArray connectionRequest(quint32 protocols, const QByteArray &cookie = {});

/// "SSL", "HYBRID", "HYBRID_EX", "RDSTLS", "RDSAAD" for the bits of \a mask; {"RDP"} for none.
QStringList protocolNames(quint32 mask);
/// "SSL_REQUIRED_BY_SERVER", …; "UNKNOWN_0x…" otherwise.
QString failureCodeName(quint32 code);

/// What the 4 TPKT header bytes announce: how many bytes the whole packet has, or why it is not one.
struct TpktHeader {
    bool valid = false;
    qsizetype length = 0; ///< total, header included
    QString error;
};
/// Reads the first 4 bytes of \a head (which must hold at least 4), capped at kMaxConfirmLength.
TpktHeader readTpktHeader(const QByteArray &head);

/// The server's answer, read strictly.
struct ConnectionConfirm {
    enum class Kind {
        Selected, ///< RDP_NEG_RSP: the server chose selectedProtocol
        Failure, ///< RDP_NEG_FAILURE: failureCode
        Legacy, ///< no rdpNegData: a server older than RDP 5.2, Standard RDP Security
    };
    Kind kind = Kind::Legacy;
    quint8 flags = 0;
    quint32 selectedProtocol = 0;
    quint32 failureCode = 0;
};

/// The Connection Confirm in \a packet (exactly one TPKT packet); an error naming what is wrong.
Result<ConnectionConfirm> parseConnectionConfirm(const QByteArray &packet);

/// "selected SSL", "failure HYBRID_REQUIRED_BY_SERVER", "legacy (no negotiation data)".
QString describe(const ConnectionConfirm &cc);

} // namespace rdpneg

} // namespace ssod::core::probe
