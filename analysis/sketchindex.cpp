#include "sketchindex.h"

#include <algorithm>

namespace th::analysis {

void SketchIndex::add(const std::vector<quint64> &sortedSet, int minSize)
{
    const int item = int(m_sketchSize.size());
    m_sketchSize.push_back(int(sortedSet.size()) >= minSize ? qMin(SketchSize, int(sortedSet.size())) : 0);
    for (int k = 0; k < m_sketchSize.back(); ++k)
        m_postings[sortedSet[size_t(k)]] << item;
}

QList<int> SketchIndex::candidates(const std::vector<quint64> &query, double minShare) const
{
    QHash<int, int> hits;
    for (quint64 h : query) {
        for (int item : m_postings.value(h))
            ++hits[item];
    }
    QList<int> out;
    for (auto it = hits.cbegin(); it != hits.cend(); ++it) {
        if (it.value() >= minShare * m_sketchSize[size_t(it.key())])
            out << it.key();
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace th::analysis
