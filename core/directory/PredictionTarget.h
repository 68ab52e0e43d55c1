#pragma once

#include "core/directory/ClientProfile.h"
#include "core/util/Result.h"

#include <QString>
#include <optional>

namespace ssod::core::directory {

/// A target as the user gave it, taken apart: a URL, host, host:port, rdp://host[:port] or an
/// address literal. The path of a URL is ignored (the SPN never holds it).
struct PredictionTarget {
    QString text; ///< as given
    QString scheme; ///< "http", "https", "rdp" or empty
    QString host; ///< lower case, no trailing dot, IPv6 without brackets
    std::optional<quint16> port; ///< as given
    QString path; ///< of a URL, e.g. "/wsman"
    bool hostIsAddress = false;

    /// Refuses what no client would connect to, saying what is wrong: empty, blanks, an unsupported
    /// scheme, a port that is not 1-65535, a malformed host name.
    static Result<PredictionTarget> parse(const QString &text);
    /// The port the client connects to: the given one, else the default of the scheme and client
    /// (80, 443, 3389, 5985, 5986).
    quint16 effectivePort(ClientProfile client) const;
    /// The client a target implies when none is named: mstsc for rdp://, winrm for a /wsman URL,
    /// else Edge.
    ClientProfile defaultClient() const;
    /// An error when \a client cannot reach this target (e.g. rdp:// with a browser).
    Result<void> checkClient(ClientProfile client) const;
};

} // namespace ssod::core::directory
