#include "postingindex.h"

#include "hashsort.h"

#include <algorithm>
#include <bit>
#include <numeric>

namespace th::analysis {

// Postings sorted by hash (in linear time, sortByHash); a table of where each run of top bits starts
// then takes a lookup straight to its few neighbouring postings.
PostingIndex::PostingIndex(const std::vector<std::vector<quint64>> &sets)
    : m_items(sets.size())
{
    size_t total = 0;
    for (const auto &s : sets)
        total += s.size();
    m_postings.reserve(total);
    for (size_t i = 0; i < sets.size(); ++i) {
        for (quint64 h : sets[i])
            m_postings.push_back({h, int(i)});
    }
    sortByHash(m_postings, [](const Posting &p) { return p.hash; });
    const int bits = std::clamp(int(std::bit_width(total)) - 2, 1, 24); // four postings a bucket: a small table stays in cache
    m_shift = 64 - bits;
    m_starts.assign((size_t(1) << bits) + 1, 0);
    for (const Posting &p : m_postings)
        ++m_starts[size_t(p.hash >> m_shift) + 1];
    std::partial_sum(m_starts.cbegin(), m_starts.cend(), m_starts.begin());
}

std::vector<quint64> PostingIndex::frequentHashes(int limit) const
{
    std::vector<quint64> out;
    for (size_t i = 0; i < m_postings.size();) {
        size_t j = i;
        while (j < m_postings.size() && m_postings[j].hash == m_postings[i].hash)
            ++j;
        if (int(j - i) > limit)
            out.push_back(m_postings[i].hash);
        i = j;
    }
    return out;
}

// Counts go to an array per thread, which only the items touched are read from and reset in.
std::vector<PostingIndex::Hits> PostingIndex::hits(const std::vector<quint64> &query) const
{
    thread_local std::vector<int> counts;
    counts.resize(qMax(counts.size(), m_items));
    std::vector<int> touched;
    if (m_starts.empty())
        return {};
    for (quint64 h : query) {
        const size_t bucket = size_t(h >> m_shift);
        for (quint32 i = m_starts[bucket]; i < m_starts[bucket + 1]; ++i) {
            const Posting &p = m_postings[i];
            if (p.hash == h && counts[size_t(p.item)]++ == 0)
                touched.push_back(p.item);
        }
    }
    std::sort(touched.begin(), touched.end());
    std::vector<Hits> out;
    out.reserve(touched.size());
    for (int item : touched) {
        out.push_back({item, counts[size_t(item)]});
        counts[size_t(item)] = 0;
    }
    return out;
}

int PostingIndex::sharedBy(const std::vector<Hits> &hits, int item)
{
    const auto it = std::lower_bound(hits.cbegin(), hits.cend(), item, [](const Hits &h, int i) { return h.item < i; });
    return it != hits.cend() && it->item == item ? it->shared : 0;
}

} // namespace th::analysis
