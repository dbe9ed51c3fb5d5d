#include "postingindex.h"

#include "parallel.h"

#include <algorithm>
#include <bit>
#include <numeric>

namespace th::analysis {

// A counting sort on the top bits of the hash places each posting in its bucket; buckets hold a few
// postings each and are then sorted on their own (insertion sort). Linear, where a comparison sort of a
// case's million postings was the slowest step of the analysis set-up.
//
// The buckets are cut into ranges sorted in parallel: the sets are sorted, so each set's hashes in a range
// are a slice of it, found by binary search. A range's postings are placed set by set, as one pass would.
PostingIndex::PostingIndex(const std::vector<std::span<const quint64>> &sets)
    : m_itemCount(sets.size())
{
    size_t total = 0;
    for (const auto &s : sets)
        total += s.size();
    // About one posting a bucket: a lookup then reads one cache line of postings. At four a bucket, the
    // lookups of hijack-dev read 8.5 postings each, most of a found hash's bucket being other hashes.
    // The cap bounds the bucket table at 64 MB on the largest cases, which then hold a few postings a bucket.
    const int bits = std::clamp(int(std::bit_width(total)), 1, 24);
    m_shift = 64 - bits;
    m_starts.assign((size_t(1) << bits) + 1, 0);
    // The hashes of set i in buckets [from, to).
    const auto slice = [&](size_t i, size_t from, size_t to) {
        const auto first = std::lower_bound(sets[i].begin(), sets[i].end(), quint64(from) << m_shift);
        const auto last = to + 1 == m_starts.size() ? sets[i].end() : std::lower_bound(first, sets[i].end(), quint64(to) << m_shift);
        return std::span<const quint64>(first, last);
    };
    parallelFor(Ranges, [&](int r) {
        const auto [from, to] = bucketRange(r);
        for (size_t i = 0; i < sets.size(); ++i) {
            for (quint64 h : slice(i, from, to))
                ++m_starts[size_t(h >> m_shift) + 1];
        }
    });
    std::partial_sum(m_starts.cbegin(), m_starts.cend(), m_starts.begin());
    m_postings.resize(total);
    parallelFor(Ranges, [&](int r) {
        const auto [from, to] = bucketRange(r);
        std::vector<quint32> next(m_starts.cbegin() + qsizetype(from), m_starts.cbegin() + qsizetype(to));
        for (size_t i = 0; i < sets.size(); ++i) {
            for (quint64 h : slice(i, from, to))
                m_postings[next[size_t(h >> m_shift) - from]++] = {quint32(h), int(i)};
        }
        for (size_t b = from; b < to; ++b) {
            for (quint32 i = m_starts[b] + 1; i < m_starts[b + 1]; ++i) {
                for (quint32 j = i; j > m_starts[b] && m_postings[j].low < m_postings[j - 1].low; --j)
                    std::swap(m_postings[j], m_postings[j - 1]);
            }
        }
    });
}

std::pair<size_t, size_t> PostingIndex::bucketRange(int range) const
{
    const size_t buckets = m_starts.size() - 1;
    return {size_t(range) * buckets / Ranges, size_t(range + 1) * buckets / Ranges};
}

// Equal hashes share a bucket, so each range of buckets is scanned on its own. A posting keeps only the low half
// of its hash: the whole one is read back from the set of one of its holders.
std::vector<quint64> PostingIndex::frequentHashes(const std::vector<std::span<const quint64>> &sets, int limit, std::span<const int> weights) const
{
    if (m_starts.empty())
        return {};
    std::vector<std::vector<quint64>> found(Ranges);
    parallelFor(Ranges, [&](int r) {
        const auto [from, to] = bucketRange(r);
        size_t b = from;
        for (size_t i = m_starts[from], end = m_starts[to]; i < end;) {
            while (m_starts[b + 1] <= i) // most buckets hold one posting or none: walked with the postings
                ++b;
            size_t j = i;
            qint64 holders = 0;
            for (; j < m_starts[b + 1] && m_postings[j].low == m_postings[i].low; ++j)
                holders += weights.empty() ? 1 : weights[size_t(m_postings[j].item)];
            if (holders > limit)
                found[size_t(r)].push_back(wholeHash(sets[size_t(m_postings[i].item)], b, m_postings[i].low));
            i = j;
        }
    });
    std::vector<quint64> out;
    for (const std::vector<quint64> &f : found)
        out.insert(out.end(), f.cbegin(), f.cend());
    std::sort(out.begin(), out.end()); // a bucket's postings are in the order of their low halves
    return out;
}

quint64 PostingIndex::wholeHash(std::span<const quint64> set, size_t bucket, quint32 low) const
{
    auto it = std::lower_bound(set.begin(), set.end(), quint64(bucket) << m_shift);
    while (it != set.end() && quint32(*it) != low)
        ++it;
    Q_ASSERT(it != set.end());
    return it != set.end() ? *it : 0;
}

std::vector<int> PostingIndex::holders(quint64 hash) const
{
    std::vector<int> out;
    if (m_starts.empty())
        return out;
    const size_t bucket = size_t(hash >> m_shift);
    for (quint32 i = m_starts[bucket]; i < m_starts[bucket + 1]; ++i) {
        if (m_postings[i].low == quint32(hash))
            out.push_back(m_postings[i].item);
    }
    std::sort(out.begin(), out.end());
    return out;
}

// Counts go to an array per thread, which only the items touched are read from and reset in. Each
// lookup lands on a random bucket of an index larger than the caches: the bucket bounds two steps
// ahead and the postings one step ahead are fetched early, so that the memory waits overlap
// (original() over a whole case: 90 ms -> 56 ms on hijack-dev).
std::vector<PostingIndex::Hits> PostingIndex::hits(std::span<const quint64> query) const
{
    thread_local std::vector<int> counts;
    thread_local std::vector<int> touched; // each item once, and a slot written past the last one
    counts.resize(qMax(counts.size(), m_itemCount));
    touched.resize(qMax(touched.size(), m_itemCount + 1));
    if (m_starts.empty())
        return {};
    constexpr size_t Ahead = 8;
    size_t touchedCount = 0;
    for (size_t q = 0; q < query.size(); ++q) {
        if (q + 2 * Ahead < query.size())
            __builtin_prefetch(&m_starts[size_t(query[q + 2 * Ahead] >> m_shift)]);
        if (q + Ahead < query.size())
            __builtin_prefetch(m_postings.data() + m_starts[size_t(query[q + Ahead] >> m_shift)]); // may be one past the end
        const quint64 h = query[q];
        const size_t bucket = size_t(h >> m_shift);
        // Whether a posting matches, and whether its item is new, are coin tosses: counted, not branched on.
        for (quint32 i = m_starts[bucket]; i < m_starts[bucket + 1]; ++i) {
            const Posting &p = m_postings[i];
            const int match = p.low == quint32(h);
            int &count = counts[size_t(p.item)];
            touched[touchedCount] = p.item;
            touchedCount += size_t(match & (count == 0));
            count += match;
        }
    }
    std::sort(touched.begin(), touched.begin() + qsizetype(touchedCount));
    std::vector<Hits> out;
    out.reserve(touchedCount);
    for (int item : std::span<const int>(touched.data(), touchedCount)) {
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
