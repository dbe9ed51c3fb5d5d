#pragma once

#include "postingindex.h"

#include <QList>

#include <span>
#include <vector>

namespace th::analysis {

/// Which indexed sets are (mostly) contained in a query set. Each set is represented by a sketch: its k
/// smallest hashes, a uniform sample since shingle hashes are uniform. A query that contains a set contains
/// its whole sketch, so counting sketch hits among the query's hashes finds the candidates with one lookup
/// per query hash. Containment, unlike Jaccard-based LSH, also finds a short text inside a long one.
///
/// Thousands of near-copies (a reply-all storm quoting one message) share their sketches, and would make
/// each of them a candidate for every other: a hash in more than MaxHolders sketches is indexed for the
/// MaxHolders first items by \a order only, so that the others no longer reach the share asked for.
class SketchIndex
{
public:
    static constexpr int SketchSize = 24;
    static constexpr int MaxHolders = 256; ///< above any real case's count (230 in hijack-dev)

    /// Item i is sets[i] (sorted, distinct hashes); sets smaller than \a minSize are not findable. Items
    /// of a smaller \a order value (a date) come first.
    SketchIndex(const std::vector<std::span<const quint64>> &sets, int minSize, std::span<const qint64> order);
    SketchIndex() = default;

    /// Items of at least \a minSetSize hashes whose sketch lies at least \a minShare inside \a query, sorted.
    [[nodiscard]] QList<int> candidates(std::span<const quint64> query, double minShare, qsizetype minSetSize) const;

private:
    void capHolders(std::vector<std::span<const quint64>> &sketches, std::span<const qint64> order);

    PostingIndex m_sketches;
    std::vector<int> m_sketchSize;
    std::vector<qsizetype> m_setSize;
    /// Set sizes in ascending order, and for each the largest sketch hash of the items that size or larger.
    std::vector<std::pair<qsizetype, quint64>> m_sketchBound;
};

} // namespace th::analysis
