#pragma once

// Internal to BrowserEvaluator: one function per browser family, each filling in a verdict whose
// url, browser, platform and spn are already set.

#include "core/evaluate/BrowserEvaluator.h"
#include "core/evaluate/PolicyReader.h"
#include "core/evaluate/ZoneEvaluator.h"

#include <optional>

namespace ssod::core::evaluate::detail {

/// A value found in the first of several keys that has it (machine policy before user policy).
struct FoundValue {
    QString key;
    QString name;
    QString text; ///< the string data; empty when not a string
    bool isString = true;
    std::optional<quint32> number; ///< the DWORD, when it is one
    QString display; ///< the value as shown in messages
};

Result<std::optional<FoundValue>> firstValue(
    const PolicyReader &reader, const QStringList &keys, const QString &name);

Result<void> evaluateChromium(const PolicyReader &reader, const QStringList &policyKeys, BrowserVerdict &v);
Result<void> evaluateFirefox(const PolicyReader &reader, const QStringList &authKeys, BrowserVerdict &v);
Result<void> evaluateInternetExplorer(const PolicyReader &reader, BrowserVerdict &v);

/// The IE zone of \a v's URL; records what was considered, the notes and the zone in \a v.
Result<ZoneVerdict> zoneOf(const PolicyReader &reader, BrowserVerdict &v);

/// "Negotiate not attempted, so nothing is delegated" for a delegate list that matched anyway.
PolicySource noNegotiateSource(const BrowserVerdict &v);

} // namespace ssod::core::evaluate::detail
