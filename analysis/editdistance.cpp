#include "editdistance.h"

#include <QList>

#include <algorithm>
#include <vector>

namespace th::analysis {
namespace {

using CodePoints = QList<uint>;

// Jaro: characters match when equal and at most this far apart.
qsizetype matchWindow(qsizetype la, qsizetype lb)
{
    return std::max<qsizetype>(0, std::max(la, lb) / 2 - 1);
}

struct JaroMatches {
    std::vector<bool> inA, inB;
    qsizetype count = 0;
};

JaroMatches findMatches(const CodePoints &a, const CodePoints &b)
{
    JaroMatches m{std::vector<bool>(size_t(a.size())), std::vector<bool>(size_t(b.size())), 0};
    const qsizetype window = matchWindow(a.size(), b.size());
    for (qsizetype i = 0; i < a.size(); ++i) {
        const qsizetype end = std::min(b.size(), i + window + 1);
        for (qsizetype j = std::max<qsizetype>(0, i - window); j < end; ++j) {
            if (!m.inB[size_t(j)] && a[i] == b[j]) {
                m.inA[size_t(i)] = m.inB[size_t(j)] = true;
                ++m.count;
                break;
            }
        }
    }
    return m;
}

// Half the number of matched characters that are out of order.
qsizetype transpositions(const CodePoints &a, const CodePoints &b, const JaroMatches &m)
{
    qsizetype out = 0, j = 0;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (!m.inA[size_t(i)])
            continue;
        while (!m.inB[size_t(j)])
            ++j;
        out += a[i] != b[j++];
    }
    return out / 2;
}

double jaro(const CodePoints &a, const CodePoints &b)
{
    const JaroMatches m = findMatches(a, b);
    if (m.count == 0)
        return 0.0;
    const double c = double(m.count);
    return (c / double(a.size()) + c / double(b.size()) + (c - double(transpositions(a, b, m))) / c) / 3.0;
}

qsizetype commonPrefix(const CodePoints &a, const CodePoints &b, qsizetype limit)
{
    qsizetype n = 0;
    while (n < limit && n < a.size() && n < b.size() && a[n] == b[n])
        ++n;
    return n;
}

} // namespace

int EditDistance::damerauLevenshtein(QStringView a, QStringView b)
{
    const CodePoints s = a.toUcs4(), t = b.toUcs4();
    const qsizetype n = s.size(), m = t.size();
    // Three rolling rows: the transposition step looks two rows back.
    std::vector<int> prev2(size_t(m + 1)), prev(size_t(m + 1)), cur(size_t(m + 1));
    for (qsizetype j = 0; j <= m; ++j)
        prev[size_t(j)] = int(j);
    for (qsizetype i = 1; i <= n; ++i) {
        cur[0] = int(i);
        for (qsizetype j = 1; j <= m; ++j) {
            const int cost = s[i - 1] == t[j - 1] ? 0 : 1;
            int best = std::min({prev[size_t(j)] + 1, cur[size_t(j - 1)] + 1, prev[size_t(j - 1)] + cost});
            if (i > 1 && j > 1 && s[i - 1] == t[j - 2] && s[i - 2] == t[j - 1])
                best = std::min(best, prev2[size_t(j - 2)] + 1);
            cur[size_t(j)] = best;
        }
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[size_t(m)];
}

double EditDistance::jaroWinkler(QStringView a, QStringView b)
{
    const CodePoints s = a.toUcs4(), t = b.toUcs4();
    if (s.isEmpty() && t.isEmpty())
        return 1.0;
    const double j = jaro(s, t);
    return j + double(commonPrefix(s, t, 4)) * 0.1 * (1.0 - j);
}

} // namespace th::analysis
