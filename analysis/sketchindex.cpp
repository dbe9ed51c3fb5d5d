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

// Hit counts live in one zeroed array per thread; only the items touched are read and reset.
QList<int> SketchIndex::candidates(const std::vector<quint64> &query, double minShare) const
{
    thread_local std::vector<int> hits;
    hits.resize(qMax(hits.size(), m_sketchSize.size()));
    std::vector<int> touched;
    for (quint64 h : query) {
        const auto posting = m_postings.constFind(h);
        if (posting == m_postings.cend())
            continue;
        for (int item : *posting) {
            if (hits[size_t(item)]++ == 0)
                touched.push_back(item);
        }
    }
    QList<int> out;
    for (int item : touched) {
        if (hits[size_t(item)] >= minShare * m_sketchSize[size_t(item)])
            out << item;
        hits[size_t(item)] = 0;
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace th::analysis
