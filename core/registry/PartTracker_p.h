#pragma once

// Internal to RegFileScanner::stream: whether parts of a .reg file parsed on their own give the
// same sections as the whole file parsed at once.

#include "core/registry/RegTree.h"

#include <QSet>
#include <vector>

namespace ssod::core::registry {

/// The keys of one part's sections, for finding a key that another part touches as well.
struct PartKeys {
    std::vector<quint64> self; ///< hash of each section's folded key
    std::vector<bool> deletion; ///< the section deletes its key ([-key])
    std::vector<quint64> above; ///< hashes of every key a section lies below (ancestors), once each
};

/// The keys of \a tree's sections (FNV-1a over the folded path; runs on a worker thread).
PartKeys hashKeys(const RegTree &tree);

/**
 * Whether parts parsed on their own give the same sections as the whole file parsed at once. They
 * do unless a key section repeats one of an earlier part (the whole-file tree merges the two into
 * the first) or a [-key] deletes a key an earlier part holds (the tree drops those sections).
 * Hash collisions can only report a conflict that is not there, which costs a whole read.
 */
class PartTracker final {
public:
    bool conflicts(const PartKeys &part) const;
    void add(const PartKeys &part);

private:
    QSet<quint64> m_exact; ///< every section's key
    QSet<quint64> m_covered; ///< those keys and every key above them
};

} // namespace ssod::core::registry
