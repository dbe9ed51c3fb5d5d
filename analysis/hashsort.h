#pragma once

#include <QtGlobal>

#include <algorithm>
#include <bit>
#include <vector>

namespace th::analysis {

/// Sorts items by a 64-bit hash in linear time. Hashes are uniform, so a counting sort on their top bits
/// leaves buckets of about one item each, which insertion sort finishes. A comparison sort of random keys
/// mispredicts half its branches; shingle sets and posting lists are the engine's most sorted data.
/// \a key(item) gives the hash. Small inputs take std::sort.
template<typename T, typename Key>
void sortByHash(std::vector<T> &items, Key &&key)
{
    constexpr size_t Small = 64;
    const auto less = [&key](const T &a, const T &b) { return key(a) < key(b); };
    if (items.size() < Small) {
        std::sort(items.begin(), items.end(), less);
        return;
    }
    // Scratch space per thread: fresh memory for every set would cost a page fault per page.
    thread_local std::vector<quint32> starts;
    thread_local std::vector<T> sorted;
    // About one item a bucket: most buckets then need no insertion sort, whose swaps mispredicted at four.
    // Texts of a million words and more share the 4 MB table of 2^20 buckets.
    const int bits = std::clamp(int(std::bit_width(items.size())), 1, 20);
    const int shift = 64 - bits;
    starts.assign((size_t(1) << bits) + 1, 0);
    for (const T &item : items)
        ++starts[size_t(key(item) >> shift) + 1];
    for (size_t b = 1; b < starts.size(); ++b)
        starts[b] += starts[b - 1];
    if (sorted.size() < items.size())
        sorted.resize(items.size());
    for (const T &item : items)
        sorted[starts[size_t(key(item) >> shift)]++] = item;
    // The buckets are in order, so one insertion pass over the whole array finishes them: its test is rarely
    // true, where a loop per bucket mispredicted on every bucket of more than one item.
    for (size_t i = 1; i < items.size(); ++i) {
        if (!less(sorted[i], sorted[i - 1]))
            continue;
        const T item = sorted[i];
        size_t j = i;
        for (; j > 0 && less(item, sorted[j - 1]); --j)
            sorted[j] = sorted[j - 1];
        sorted[j] = item;
    }
    std::copy(sorted.cbegin(), sorted.cbegin() + qsizetype(items.size()), items.begin());
}

} // namespace th::analysis
