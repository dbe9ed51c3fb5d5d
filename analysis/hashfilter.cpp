#include "hashfilter.h"

#include "shingles.h"

#include <algorithm>
#include <bit>

namespace th::analysis {

// Sixteen bits per hash: a hash not held finds its bit set about one time in sixteen.
HashFilter::HashFilter(std::vector<quint64> sorted)
    : m_sorted(std::move(sorted))
{
    const int bits = std::clamp(int(std::bit_width(m_sorted.size() * 16)), 6, 24);
    m_shift = 64 - bits;
    m_bits.assign(size_t(1) << (bits - 6), 0);
    for (quint64 h : m_sorted)
        m_bits[size_t(h >> m_shift) >> 6] |= quint64(1) << ((h >> m_shift) & 63);
}

bool HashFilter::sortedContains(quint64 hash) const
{
    return Shingles::contains(m_sorted, hash);
}

bool HashFilter::includes(std::span<const quint64> set) const
{
    return std::includes(m_sorted.cbegin(), m_sorted.cend(), set.begin(), set.end());
}

} // namespace th::analysis
