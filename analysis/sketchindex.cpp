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

SketchIndex::SketchIndex(const std::vector<std::span<const quint64>> &sets, int minSize, std::span<const qint64> order)
{
    Q_ASSERT(order.size() == sets.size());
    std::vector<std::span<const quint64>> s = sketches(sets, minSize);
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
    capHolders(s, order);
}

// The size of each sketch stays as it was: a sketch that lost hashes needs the others all the more. Real
// cases have no such hash, and pay one scan of the postings.
void SketchIndex::capHolders(std::vector<std::span<const quint64>> &sketches, std::span<const qint64> order)
{
    std::vector<std::pair<int, quint64>> dropped; // (item, hash)
    for (quint64 hash : m_sketches.frequentHashes(sketches, MaxHolders)) {
        std::vector<int> items = m_sketches.holders(hash);
        std::stable_sort(items.begin(), items.end(), [order](int a, int b) { return order[size_t(a)] < order[size_t(b)]; });
        for (size_t k = MaxHolders; k < items.size(); ++k)
            dropped.emplace_back(items[k], hash);
    }
    if (dropped.empty())
        return;
    std::sort(dropped.begin(), dropped.end());
    std::vector<std::vector<quint64>> capped; // the index copies its postings: these need not outlive it
    capped.reserve(dropped.size());
    for (auto d = dropped.cbegin(); d != dropped.cend();) {
        const int item = d->first;
        std::vector<quint64> kept;
        for (quint64 h : sketches[size_t(item)]) {
            const bool drop = d != dropped.cend() && d->first == item && d->second == h;
            d += drop ? 1 : 0;
            if (!drop)
                kept.push_back(h);
        }
        capped.push_back(std::move(kept));
        sketches[size_t(item)] = capped.back();
    }
    m_sketches = PostingIndex(sketches);
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
