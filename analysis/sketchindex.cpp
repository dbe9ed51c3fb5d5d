#include "sketchindex.h"

#include <algorithm>

namespace th::analysis {
namespace {

// A set's sketch is its smallest hashes: a prefix of the sorted set, not a copy.
std::vector<std::span<const quint64>> sketches(const std::vector<std::span<const quint64>> &sets, int minSize)
{
    std::vector<std::span<const quint64>> out(sets.size());
    for (size_t i = 0; i < sets.size(); ++i) {
        if (int(sets[i].size()) >= minSize)
            out[i] = sets[i].first(qMin(size_t(SketchIndex::SketchSize), sets[i].size()));
    }
    return out;
}

} // namespace

SketchIndex::SketchIndex(const std::vector<std::span<const quint64>> &sets, int minSize)
{
    const std::vector<std::span<const quint64>> s = sketches(sets, minSize);
    m_sketches = PostingIndex(s);
    for (size_t i = 0; i < s.size(); ++i) {
        m_sketchSize.push_back(int(s[i].size()));
        m_setSize.push_back(qsizetype(sets[i].size()));
        if (!s[i].empty())
            m_sketchBound.emplace_back(qsizetype(sets[i].size()), s[i].back());
    }
    std::sort(m_sketchBound.begin(), m_sketchBound.end());
    for (size_t i = m_sketchBound.size(); i-- > 1;)
        m_sketchBound[i - 1].second = qMax(m_sketchBound[i - 1].second, m_sketchBound[i].second);
}

// A sketch holds its set's smallest hashes, so the large sets asked for have small sketch hashes: only the
// query's hashes up to the largest of them can hit one, and a long query reads just that sorted prefix.
QList<int> SketchIndex::candidates(std::span<const quint64> query, double minShare, qsizetype minSetSize) const
{
    const auto sized = std::lower_bound(m_sketchBound.cbegin(), m_sketchBound.cend(), std::pair(minSetSize, quint64(0)));
    if (sized == m_sketchBound.cend())
        return {};
    const auto end = std::upper_bound(query.begin(), query.end(), sized->second);
    QList<int> out;
    for (const PostingIndex::Hits &h : m_sketches.hits({query.begin(), end})) {
        if (m_setSize[size_t(h.item)] >= minSetSize && h.shared >= minShare * m_sketchSize[size_t(h.item)])
            out << h.item;
    }
    return out;
}

} // namespace th::analysis
