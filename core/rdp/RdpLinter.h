#pragma once

#include "core/rdp/RdpFile.h"
#include "core/rdp/RdpFix.h"
#include "core/rdp/RdpRules.h"
#include "core/rdp/RdpSettingView.h"
#include "core/util/Finding.h"

#include <QList>

namespace ssod::core::rdp {

/**
 * Checks an .rdp file against the rules in resources/rdp/rules.json and writes a corrected copy.
 * The linter holds no policy of its own: what is flagged, why and how it is fixed is data.
 */
class RdpLinter final {
public:
    explicit RdpLinter(RdpRules rules) : m_rules(std::move(rules)) { }
    /// A linter over the rules compiled into the binary.
    static Result<RdpLinter> builtin();

    const RdpRules &rules() const { return m_rules; }

    /// Every known setting the file sets, in file order, then the known settings it leaves at a
    /// documented default (present == false).
    QList<RdpSettingView> describe(const RdpFile &file) const;
    /// Findings, most severe first, then in the order of the rules. Each is the shared Finding
    /// ("rdp-file.<rule id>"); RdpFix.h reads its fix, line and value back.
    QList<Finding> lint(const RdpFile &file) const;
    /// \a file with every automatic fix applied: lines changed in place, missing settings appended.
    /// Lines no fix touches keep their bytes; the encoding and line endings stay.
    RdpFile fixed(const RdpFile &file) const;

    /// Whether \a findings make `rdp lint` report the file as flagged: any warning or error.
    /// Info findings explain a choice and do not count.
    static bool flagged(const QList<Finding> &findings);

private:
    RdpRules m_rules;
};

} // namespace ssod::core::rdp
