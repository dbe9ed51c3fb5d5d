#include "lshindex.h"

#include <xxhash.h>

#include <algorithm>

namespace th::analysis {

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

} // namespace th::analysis
