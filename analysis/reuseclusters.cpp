#include "reuseclusters.h"

#include "lshindex.h"
#include "shingles.h"

#include <QMap>

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
    std::vector<std::vector<quint64>> sets(size_t(quoted.size()));
    LshIndex index;
    for (int i = 0; i < quoted.size(); ++i) {
        if (quoted[i].isEmpty())
            continue;
        sets[size_t(i)] = Shingles::set(quoted[i]);
        if (sets[size_t(i)].size() >= MinShingles)
            index.add(i, MinHash::of(sets[size_t(i)]));
    }
    UnionFind groups(int(quoted.size()));
    for (const auto &[a, b] : index.candidatePairs()) {
        if (Shingles::jaccard(sets[size_t(a)], sets[size_t(b)]) >= MinJaccard)
            groups.join(a, b);
    }
    QMap<int, QList<int>> byRoot;
    for (int i = 0; i < quoted.size(); ++i) {
        if (sets[size_t(i)].size() >= MinShingles)
            byRoot[groups.find(i)] << i;
    }
    QList<QList<int>> out;
    for (const QList<int> &members : std::as_const(byRoot)) {
        if (members.size() >= 2)
            out << members;
    }
    return out;
}

} // namespace th::analysis
