#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <vector>

namespace th::analysis {

/// D1 (Talos T6): messages that carry the same stolen conversation. Each message's authentic (quoted)
/// content is fingerprinted with MinHash; LSH proposes pairs, exact Jaccard >= 0.8 over 5-word shingles
/// confirms them, and confirmed pairs are joined into clusters. Near-linear in the number of messages.
class ReuseClusters
{
public:
    static constexpr double MinJaccard = 0.8;
    static constexpr int MinShingles = 20; ///< shorter quotes are too generic to prove reuse

    /// \a quoted[i] is message i's authentic content (empty when it has none). Returns clusters of at least
    /// two message indexes, each sorted, ordered by their first member.
    [[nodiscard]] static QList<QList<int>> find(const QList<QStringView> &quoted);
    /// The same over several pieces per message (its whole quoted content and each quoted message), given as
    /// shingle sets (Shingles::set): a message joins a cluster when any of its pieces is a near-copy of a
    /// piece of another member. \a originals[i], when given, is the stored message that message i's
    /// authentic content copies (B9), or -1: messages copying the same one join, however much each kept.
    [[nodiscard]] static QList<QList<int>> find(const QList<QList<std::vector<quint64>>> &pieces, const QList<int> &originals = {});
};

} // namespace th::analysis
