#include "core/registry/PartTracker_p.h"
#include "core/registry/RegPath.h"

#include <algorithm>

namespace ssod::core::registry {

PartKeys hashKeys(const RegTree &tree)
{
    // The FNV-1a state before each backslash is the hash of that ancestor.
    PartKeys keys;
    const QList<RegKeyNode> &nodes = tree.nodes();
    keys.self.reserve(size_t(nodes.size()));
    keys.deletion.reserve(size_t(nodes.size()));
    for (const RegKeyNode &node : nodes) {
        const QString folded = path::fold(node.path);
        quint64 h = 14695981039346656037ULL;
        for (const QChar c : folded) {
            if (c == QLatin1Char('\\'))
                keys.above.push_back(h);
            h = (h ^ c.unicode()) * 1099511628211ULL;
        }
        keys.self.push_back(h);
        keys.deletion.push_back(node.deleteKey && !node.present);
    }
    // Sections share their ancestors: insert each once (this runs on a worker, the set on the main thread).
    std::sort(keys.above.begin(), keys.above.end());
    keys.above.erase(std::unique(keys.above.begin(), keys.above.end()), keys.above.end());
    return keys;
}

bool PartTracker::conflicts(const PartKeys &part) const
{
    for (size_t i = 0; i < part.self.size(); ++i) {
        const auto &set = part.deletion[i] ? m_covered : m_exact;
        if (set.contains(part.self[i]))
            return true;
    }
    return false;
}

void PartTracker::add(const PartKeys &part)
{
    for (const quint64 h : part.self) {
        m_exact.insert(h);
        m_covered.insert(h);
    }
    for (const quint64 h : part.above)
        m_covered.insert(h);
}

} // namespace ssod::core::registry
