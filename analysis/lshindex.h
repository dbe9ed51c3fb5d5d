#pragma once

#include "minhash.h"

#include <QHash>
#include <QList>

#include <utility>
#include <vector>

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
    /// Every pair of items that share a bucket, each once (smaller item first), sorted.
    [[nodiscard]] std::vector<std::pair<int, int>> candidatePairs() const;

private:
    static quint64 bandKey(const MinHash::Signature &signature, int band);

    std::array<QHash<quint64, QList<int>>, Bands> m_buckets;
};

} // namespace th::analysis
