#include "lshindex.h"

#include <xxhash.h>

#include <algorithm>

namespace th::analysis {

namespace {

// A bucket holding hundreds of items (newsletters, bounces with the same quoted text) would make all its
// pairs quadratic; there every item is paired with the first one instead, which keeps the same
// connected components for clustering at linear cost.
void appendPairs(const QList<int> &bucket, std::vector<std::pair<int, int>> &out)
{
    constexpr qsizetype AllPairsUpTo = 64;
    const qsizetype firsts = bucket.size() <= AllPairsUpTo ? bucket.size() : 1;
    for (qsizetype i = 0; i < firsts; ++i) {
        for (qsizetype j = i + 1; j < bucket.size(); ++j)
            out.emplace_back(qMin(bucket[i], bucket[j]), qMax(bucket[i], bucket[j]));
    }
}

} // namespace

quint64 LshIndex::bandKey(const MinHash::Signature &signature, int band)
{
    return XXH3_64bits(signature.data() + band * Rows, Rows * sizeof(quint64));
}

void LshIndex::add(int item, const MinHash::Signature &signature)
{
    for (int b = 0; b < Bands; ++b)
        m_buckets[size_t(b)][bandKey(signature, b)] << item;
}

QList<int> LshIndex::candidates(const MinHash::Signature &signature) const
{
    QList<int> out;
    for (int b = 0; b < Bands; ++b)
        out << m_buckets[size_t(b)].value(bandKey(signature, b));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<std::pair<int, int>> LshIndex::candidatePairs() const
{
    std::vector<std::pair<int, int>> out;
    for (const auto &band : m_buckets) {
        for (const QList<int> &bucket : band)
            appendPairs(bucket, out);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

} // namespace th::analysis
