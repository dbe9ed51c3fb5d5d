#include "reuseclusters.h"

#include "lshindex.h"
#include "parallel.h"
#include "shingles.h"

#include <QMap>
#include <QSet>

#include <numeric>

namespace th::analysis {
namespace {

class UnionFind
{
public:
    explicit UnionFind(int n) : m_parent(n) { std::iota(m_parent.begin(), m_parent.end(), 0); }
    int find(int x)
    {
        while (m_parent[x] != x)
            x = m_parent[x] = m_parent[m_parent[x]];
        return x;
    }
    void join(int a, int b) { m_parent[find(qMax(a, b))] = find(qMin(a, b)); }

private:
    QList<int> m_parent;
};

} // namespace

QList<QList<int>> ReuseClusters::find(const QList<QStringView> &quoted)
{
    return find(parallelMap<QList<QList<std::vector<quint64>>>>(quoted.size(), [&quoted](int i) {
        return quoted[i].isEmpty() ? QList<std::vector<quint64>>() : QList{Shingles::set(quoted[i])};
    }));
}

// Every piece is indexed on its own (spec D1: attackers truncate the history, so a later wave may carry
// only the older part of what an earlier one quoted); two messages join when any of their pieces match.
QList<QList<int>> ReuseClusters::find(const QList<QList<std::vector<quint64>>> &pieces, const QList<int> &originals)
{
    std::vector<const std::vector<quint64> *> sets; // piece -> its shingles
    QList<int> owner;                               // piece -> message
    for (int m = 0; m < pieces.size(); ++m) {
        for (const std::vector<quint64> &piece : pieces[m]) {
            sets.push_back(&piece);
            owner << m;
        }
    }
    const auto signatures = parallelMap<std::vector<MinHash::Signature>>(qsizetype(sets.size()), [&sets](int i) {
        return sets[size_t(i)]->size() < size_t(MinShingles) ? MinHash::Signature{} : MinHash::of(*sets[size_t(i)]);
    });
    LshIndex index;
    for (int i = 0; i < int(sets.size()); ++i) {
        if (sets[size_t(i)]->size() >= size_t(MinShingles))
            index.add(i, signatures[size_t(i)]);
    }
    UnionFind groups(int(pieces.size()));
    QList<bool> matched(pieces.size(), false);
    // Pairs already in one group need no Jaccard: n copies of a thread make n^2/2 pairs but n - 1 joins.
    // Components do not depend on the order of the pairs, so they are taken as the buckets give them.
    QSet<QPair<int, int>> dissimilar; // a pair found in several bands is compared once
    index.forEachCandidatePair([&](int a, int b) {
        if (owner[a] == owner[b] || groups.find(owner[a]) == groups.find(owner[b]) || dissimilar.contains({a, b}))
            return;
        if (Shingles::jaccard(*sets[size_t(a)], *sets[size_t(b)]) < MinJaccard) {
            dissimilar.insert({a, b});
            return;
        }
        groups.join(owner[a], owner[b]);
        matched[owner[a]] = matched[owner[b]] = true;
    });
    // A wave that kept only the stolen message's own few lines shares too little text with one that kept
    // the whole thread, but the store knows they copy the same message.
    QHash<int, int> firstCopy; // original -> the first message copying it
    for (int m = 0; m < originals.size(); ++m) {
        if (originals[m] < 0)
            continue;
        const auto first = firstCopy.constFind(originals[m]);
        if (first == firstCopy.cend()) {
            firstCopy.insert(originals[m], m);
            continue;
        }
        groups.join(*first, m);
        matched[*first] = matched[m] = true;
    }
    QMap<int, QList<int>> byRoot;
    for (int m = 0; m < pieces.size(); ++m) {
        if (matched[m])
            byRoot[groups.find(m)] << m;
    }
    return QList<QList<int>>(byRoot.cbegin(), byRoot.cend());
}

} // namespace th::analysis
