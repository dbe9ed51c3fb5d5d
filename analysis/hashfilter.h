#pragma once

#include <QtGlobal>

#include <span>
#include <vector>

namespace th::analysis {

/// A set of uniform 64-bit hashes (shingles) that a much larger stream of hashes is tested against, one
/// at a time: a case's boilerplate against every shingle of every message. A bitmap of the hashes' top bits
/// answers most tests with one load and a branch that rarely changes direction; the sorted hashes decide
/// the few that the bitmap lets through. Merging each sorted set with the whole list instead walked the list
/// for every set, and its comparisons were a coin toss for the branch predictor.
///
/// Typical usage:
/// \code
///   const HashFilter boilerplate(sortedHashes);
///   boilerplate.contains(h);
/// \endcode
class HashFilter
{
public:
    HashFilter() = default;
    /// \a sorted: distinct, ascending.
    explicit HashFilter(std::vector<quint64> sorted);

    /// Inline: asked for each shingle of every message, and the call cost as much as the bitmap's answer.
    [[nodiscard]] bool contains(quint64 hash) const
    {
        const quint64 top = hash >> m_shift;
        return (m_bits[size_t(top >> 6)] & (quint64(1) << (top & 63))) != 0 && sortedContains(hash);
    }
    /// Whether every hash of the sorted \a set is held.
    [[nodiscard]] bool includes(std::span<const quint64> set) const;

private:
    [[nodiscard]] bool sortedContains(quint64 hash) const;

    std::vector<quint64> m_sorted;
    std::vector<quint64> m_bits = std::vector<quint64>(1); ///< bit b: some hash has b as its top bits
    int m_shift = 58; ///< 64 minus the bits that index m_bits (at least 6: one word)
};

} // namespace th::analysis
