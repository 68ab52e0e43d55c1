#pragma once

// NTLMSSP messages published in [MS-NLMP] §4.2 "Cryptographic Values for Validation"
// (https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-nlmp/, sections 4.2.2.3
// "NTLMv1 Messages" and 4.2.4.3 "NTLMv2 Messages"): user "User", domain "Domain", workstation
// "COMPUTER", server "Server". The 4.2.4.3 CHALLENGE is given as the spec prints it after its
// erratum (TargetNameFields Len = 0x000c; one spec revision misprints the first byte as 03).

#include <QByteArray>

namespace ssod::testtools::nlmp {

inline QByteArray hex(const char *text)
{
    return QByteArray::fromHex(QByteArray(text).replace(' ', ""));
}

/// §4.2.4.3 CHALLENGE_MESSAGE (NTLMv2): flags 0xe28a8233, target "Server", AV pairs
/// MsvAvNbDomainName "Domain" and MsvAvNbComputerName "Server", version 6.0.6000 revision 15.
inline QByteArray challengeV2()
{
    return hex("4e544c4d53535000 02000000 0c000c00 38000000 33828ae2 0123456789abcdef 0000000000000000"
               "24002400 44000000 0600701700 00000f 530065007200760065007200"
               "02000c0044006f006d00610069006e00 01000c00530065007200760065007200 00000000");
}

/// §4.2.4.3 AUTHENTICATE_MESSAGE (NTLMv2): flags 0xe2888235, LMv2 response 24 bytes, NTLMv2
/// response 84 bytes (NTProofStr 68cd0ab8…), no MIC.
inline QByteArray authenticateV2()
{
    return hex("4e544c4d53535000 03000000 18001800 6c000000 54005400 84000000 0c000c00 48000000"
               "08000800 54000000 10001000 5c000000 10001000 d8000000 358288e2 0501280a0000000f"
               "44006f006d00610069006e00 5500730065007200 43004f004d0050005500540045005200"
               "86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa"
               "68cd0ab851e51c96aabc927bebef6a1c 0101000000000000 0000000000000000 aaaaaaaaaaaaaaaa 00000000"
               "02000c0044006f006d00610069006e00 01000c00530065007200760065007200 00000000 00000000"
               "c5dad2544fc9799094ce1ce90bc9d03e");
}

/// §4.2.2.3 AUTHENTICATE_MESSAGE (NTLMv1): 24-byte LM and NT responses, flags 0xe2808235.
inline QByteArray authenticateV1()
{
    return hex("4e544c4d53535000 03000000 18001800 6c000000 18001800 84000000 0c000c00 48000000"
               "08000800 54000000 10001000 5c000000 10001000 9c000000 358280e2 0501280a0000000f"
               "44006f006d00610069006e00 5500730065007200 43004f004d0050005500540045005200"
               "98def7b87f88aa5dafe2df779688a172def11c7d5ccdef13"
               "67c43011f30298a2ad35ece64f16331c44bdbed927841f94"
               "518822b1b3f350c8958682ecbb3e3cb7");
}

} // namespace ssod::testtools::nlmp
