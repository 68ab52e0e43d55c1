#pragma once

#include "core/probe/DecodedToken.h"
#include "core/util/Result.h"

#include <QByteArrayView>
#include <QString>

namespace ssod::core::probe {

/// Input caps: Windows' MaxTokenSize is at most 65535 bytes, so nothing genuine is larger.
constexpr qsizetype kMaxTokenBytes = 65535;
constexpr qsizetype kMaxTokenText = 128 * 1024; ///< characters pasted (base64 or hex, with spaces)

/// Explains what a pasted HTTP authentication token means. Accepts a header line
/// ("Authorization: Negotiate YII…", "WWW-Authenticate: …", "Proxy-Authorization: …"), a header
/// value ("Negotiate …", "NTLM …", "Kerberos …"), a bare base64 blob (standard or URL-safe,
/// whitespace and line breaks ignored) or hex. An Error names what is wrong with the input (not
/// base64, too large, not a token); a token whose decoding stopped early (truncated, damaged) is
/// returned with DecodedToken::problem set and the fields read so far.
Result<DecodedToken> decodeToken(const QString &input);

/// The same for token bytes already decoded; \a scheme is the HTTP scheme they came under, if any.
Result<DecodedToken> decodeTokenBytes(QByteArrayView bytes, const QString &scheme = {});

} // namespace ssod::core::probe
