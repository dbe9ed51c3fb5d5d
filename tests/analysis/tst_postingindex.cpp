// PostingIndex against brute force: shared-hash counts, frequent hashes and their holders over sorted sets, built in
// parallel over bucket ranges, for indexes from a handful of postings to a million.
#include "analysis/postingindex.h"

#include <QRandomGenerator>
#include <QtTest>

#include <algorithm>
#include <map>

using namespace th::analysis;

class TestPostingIndex : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void countsSharedHashes_data();
    void countsSharedHashes();
};

namespace {

// Sets drawn from a pool of hashes, so that many hashes recur across sets; sorted and distinct.
std::vector<std::vector<quint64>> randomSets(int count, int maxSize, int poolSize, quint32 seed)
{
    QRandomGenerator random(seed);
    std::vector<quint64> pool(static_cast<size_t>(poolSize));
    for (quint64 &h : pool)
        h = random.generate64();
    std::vector<std::vector<quint64>> sets(static_cast<size_t>(count));
    for (auto &s : sets) {
        const int size = int(random.bounded(maxSize + 1));
        for (int k = 0; k < size; ++k)
            s.push_back(pool[random.bounded(quint32(poolSize))]);
        std::sort(s.begin(), s.end());
        s.erase(std::unique(s.begin(), s.end()), s.end());
    }
    return sets;
}

} // namespace

void TestPostingIndex::countsSharedHashes_data()
{
    QTest::addColumn<int>("sets");
    QTest::addColumn<int>("maxSize");
    QTest::addColumn<int>("pool");
    QTest::newRow("fewer buckets than ranges") << 3 << 2 << 4;
    QTest::newRow("small") << 40 << 30 << 200;
    QTest::newRow("empty sets among them") << 100 << 1 << 50;
    QTest::newRow("a case's million postings") << 2000 << 1000 << 400000;
}

void TestPostingIndex::countsSharedHashes()
{
    QFETCH(int, sets);
    QFETCH(int, maxSize);
    QFETCH(int, pool);
    const std::vector<std::vector<quint64>> data = randomSets(sets, maxSize, pool, quint32(sets * 31 + maxSize));
    const std::vector<std::span<const quint64>> spans(data.cbegin(), data.cend());
    const PostingIndex index(spans);

    std::map<quint64, int> holders;
    for (const auto &s : data)
        for (quint64 h : s)
            ++holders[h];
    std::vector<quint64> frequent;
    for (const auto &[h, n] : holders)
        if (n > 2)
            frequent.push_back(h);
    QVERIFY(index.frequentHashes(spans, 2) == frequent);
    for (size_t f = 0; f < frequent.size(); f += qMax<size_t>(1, frequent.size() / 100)) {
        const quint64 h = frequent[f];
        std::vector<int> holders;
        for (size_t i = 0; i < data.size(); ++i)
            if (std::binary_search(data[i].cbegin(), data[i].cend(), h))
                holders.push_back(int(i));
        QVERIFY(index.holders(h) == holders);
    }
    QVERIFY(index.holders(0x5eed5eed5eed5eedULL).empty() || holders.count(0x5eed5eed5eed5eedULL));

    for (size_t q = 0; q < data.size(); q += qMax<size_t>(1, data.size() / 50)) {
        std::vector<PostingIndex::Hits> expected;
        for (size_t i = 0; i < data.size(); ++i) {
            std::vector<quint64> common;
            std::set_intersection(data[q].cbegin(), data[q].cend(), data[i].cbegin(), data[i].cend(), std::back_inserter(common));
            if (!common.empty())
                expected.push_back({int(i), int(common.size())});
        }
        const std::vector<PostingIndex::Hits> hits = index.hits(data[q]);
        QCOMPARE(hits.size(), expected.size());
        for (size_t k = 0; k < hits.size(); ++k) {
            QCOMPARE(hits[k].item, expected[k].item);
            QCOMPARE(hits[k].shared, expected[k].shared);
            QCOMPARE(PostingIndex::sharedBy(hits, hits[k].item), hits[k].shared);
        }
    }
}

QTEST_GUILESS_MAIN(TestPostingIndex)
#include "tst_postingindex.moc"
