#pragma once

#include "populatedallocator.h"

#include <QtGlobal>

#include <span>
#include <utility>
#include <vector>

namespace th::analysis {

/// An inverted index over sorted hash sets: one (hash, item) posting per element, grouped by hash.
/// It gives, for a query set, how many hashes it shares with every indexed set at once: one lookup per
/// query hash instead of one merge per candidate pair. Shingle sets of the sender's own words are nearly
/// disjoint across a case, so the postings are short.
///
/// A posting keeps 8 bytes: the item and the low 32 bits of its hash, whose top bits are its bucket's number.
/// Two hashes count as equal when those 32 + log2(postings) bits agree (52 or more on a case of a million
/// postings): the odds of one false match among all of a case's lookups are below one in a billion, and the
/// index is half the size it was with whole hashes (linux-kselftest 5.4 -> 2.7 MB, written fresh each case).
class PostingIndex
{
public:
    struct Hits {
        int item = -1;
        int shared = 0; ///< hashes the item's set has in common with the query
    };

    /// Item i is sets[i].
    explicit PostingIndex(const std::vector<std::span<const quint64>> &sets);
    PostingIndex() = default;

    /// The distinct hashes held by more than \a limit sets, set i counting \a weights[i] times (once each
    /// when \a weights is empty), ascending. \a sets: those the index was built from, where the whole hashes are.
    [[nodiscard]] std::vector<quint64> frequentHashes(const std::vector<std::span<const quint64>> &sets, int limit,
                                                      std::span<const int> weights = {}) const;
    /// The items whose sets hold \a hash, ordered by item.
    [[nodiscard]] std::vector<int> holders(quint64 hash) const;
    /// The items sharing at least one hash with the sorted \a query, ordered by item.
    [[nodiscard]] std::vector<Hits> hits(std::span<const quint64> query) const;
    /// The shared count of \a item in a hits() result (0 when absent).
    [[nodiscard]] static int sharedBy(const std::vector<Hits> &hits, int item);

private:
    static constexpr int Ranges = 16; ///< bucket ranges built and scanned in parallel
    /// The buckets [first, second) of range \a range of Ranges.
    [[nodiscard]] std::pair<size_t, size_t> bucketRange(int range) const;
    /// The hash of \a set in bucket \a bucket whose low half is \a low (the set holds one).
    [[nodiscard]] quint64 wholeHash(std::span<const quint64> set, size_t bucket, quint32 low) const;

    // A posting's item sits next to its hash: most query hashes are found, and a found one costs one
    // cache miss, not one in a hash array and another in an item array.
    // No initial values: the postings array is allocated without them (PopulatedAllocator) and then filled.
    struct Posting {
        quint32 low;
        int item;
    };
    std::vector<Posting, PopulatedAllocator<Posting>> m_postings; ///< by bucket, then by low half
    /// Postings whose hash starts with the bits b lie at [m_starts[b], m_starts[b + 1]): hashes are uniform,
    /// so a lookup reads a few neighbouring postings instead of binary-searching them all.
    std::vector<quint32, PopulatedAllocator<quint32>> m_starts;
    int m_shift = 64;
    size_t m_itemCount = 0;
};

} // namespace th::analysis
