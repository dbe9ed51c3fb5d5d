#include "sketchindex.h"

namespace th::analysis {
namespace {

std::vector<std::vector<quint64>> sketches(const std::vector<std::vector<quint64>> &sets, int minSize)
{
    std::vector<std::vector<quint64>> out(sets.size());
    for (size_t i = 0; i < sets.size(); ++i) {
        if (int(sets[i].size()) >= minSize)
            out[i].assign(sets[i].cbegin(), sets[i].cbegin() + qMin<qsizetype>(SketchIndex::SketchSize, qsizetype(sets[i].size())));
    }
    return out;
}

} // namespace

SketchIndex::SketchIndex(const std::vector<std::vector<quint64>> &sets, int minSize)
{
    const std::vector<std::vector<quint64>> s = sketches(sets, minSize);
    m_sketches = PostingIndex(s);
    for (const auto &sketch : s)
        m_sketchSize.push_back(int(sketch.size()));
}

QList<int> SketchIndex::candidates(const std::vector<quint64> &query, double minShare) const
{
    QList<int> out;
    for (const PostingIndex::Hits &h : m_sketches.hits(query)) {
        if (h.shared >= minShare * m_sketchSize[size_t(h.item)])
            out << h.item;
    }
    return out;
}

} // namespace th::analysis
