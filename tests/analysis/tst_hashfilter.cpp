// HashFilter against the sorted list it is built from: membership of every held hash and of as many others, and
// inclusion of subsets, for filters from empty to a million hashes.
#include "analysis/hashfilter.h"

#include <QRandomGenerator>
#include <QtTest>

#include <algorithm>

using namespace th::analysis;

class TestHashFilter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaultHoldsNothing();
    void answersAsTheSortedList_data();
    void answersAsTheSortedList();
};

namespace {

std::vector<quint64> randomSorted(size_t count, QRandomGenerator &random)
{
    std::vector<quint64> out(count);
    for (quint64 &h : out)
        h = random.generate64();
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

} // namespace

void TestHashFilter::defaultHoldsNothing()
{
    const HashFilter none;
    QVERIFY(!none.contains(0));
    QVERIFY(!none.contains(~quint64(0)));
    QVERIFY(none.includes({}));
    const std::vector<quint64> one{42};
    QVERIFY(!none.includes(one));
}

void TestHashFilter::answersAsTheSortedList_data()
{
    QTest::addColumn<int>("count");
    QTest::newRow("empty") << 0;
    QTest::newRow("one") << 1;
    QTest::newRow("a case's boilerplate") << 3000;
    QTest::newRow("a million") << 1000000;
}

void TestHashFilter::answersAsTheSortedList()
{
    QFETCH(int, count);
    QRandomGenerator random(quint32(count) + 7);
    const std::vector<quint64> held = randomSorted(size_t(count), random);
    const HashFilter filter(held);
    for (quint64 h : held)
        QVERIFY(filter.contains(h));
    // Hashes sharing a held one's top bits pass the bitmap: the list must still say no.
    int absent = 0;
    for (quint64 h : held) {
        const quint64 neighbour = h ^ 1;
        QCOMPARE(filter.contains(neighbour), std::binary_search(held.cbegin(), held.cend(), neighbour));
    }
    for (quint64 h : randomSorted(size_t(count) + 1000, random)) {
        const bool expected = std::binary_search(held.cbegin(), held.cend(), h);
        QCOMPARE(filter.contains(h), expected);
        absent += expected ? 0 : 1;
    }
    QVERIFY(absent > 0);
    std::vector<quint64> subset;
    for (size_t i = 0; i < held.size(); i += 3)
        subset.push_back(held[i]);
    QVERIFY(filter.includes(subset));
    subset.push_back(~quint64(0) - 1); // past every held hash, unless drawn itself
    QCOMPARE(filter.includes(subset), std::binary_search(held.cbegin(), held.cend(), subset.back()));
}

QTEST_GUILESS_MAIN(TestHashFilter)
#include "tst_hashfilter.moc"
