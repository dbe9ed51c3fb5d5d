#pragma once

#include "minhash.h"

#include <QHash>
#include <QList>

#include <array>

namespace th::analysis {

/// Locality-sensitive hashing over MinHash signatures: 16 bands of 8 rows, so that pairs with Jaccard
/// similarity above about (1/16)^(1/8) ≈ 0.71 share a bucket with high probability (detection-spec D1).
/// Finding candidates costs a hash lookup per band instead of comparing all pairs.
class LshIndex
{
public:
    static constexpr int Bands = 16;
    static constexpr int Rows = MinHash::Size / Bands;

    void add(int item, const MinHash::Signature &signature);
    /// Items sharing at least one bucket with \a signature, each once, sorted.
    [[nodiscard]] QList<int> candidates(const MinHash::Signature &signature) const;
    /// Calls \a onPair(a, b) (a < b) for the pairs of items sharing a bucket, band after band: a pair may
    /// come again in another band. A bucket of hundreds of items (newsletters, bounces with the same quoted
    /// text) pairs each with its first item only: the same connected components at linear cost.
    template<typename OnPair>
    void forEachCandidatePair(OnPair &&onPair) const
    {
        constexpr qsizetype AllPairsUpTo = 64;
        for (const auto &band : m_buckets) {
            for (const QList<int> &bucket : band) {
                const qsizetype firsts = bucket.size() <= AllPairsUpTo ? bucket.size() : 1;
                for (qsizetype i = 0; i < firsts; ++i) {
                    for (qsizetype j = i + 1; j < bucket.size(); ++j)
                        onPair(qMin(bucket[i], bucket[j]), qMax(bucket[i], bucket[j]));
                }
            }
        }
    }

private:
    static quint64 bandKey(const MinHash::Signature &signature, int band);

    std::array<QHash<quint64, QList<int>>, Bands> m_buckets;
};

} // namespace th::analysis
