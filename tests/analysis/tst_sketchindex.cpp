// SketchIndex on a reply-all storm built from a real list message: every reply quotes it whole under a line
// of its own. Below MaxHolders copies the index finds them all; above, only the oldest, so that a storm of
// thousands no longer makes each reply a candidate for every other.
#include "segmentfixture.h"

#include "analysis/quotematcher.h"
#include "analysis/shingles.h"
#include "analysis/sketchindex.h"

#include <QtTest>

using namespace th::analysis;

class TestSketchIndex : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void stormBelowTheCapIsFoundWhole();
    void stormAboveTheCapKeepsTheOldest();
    void copyThatLostPartOfItsSketchIsFound();

private:
    /// The original's shingle set, then \a replies replies quoting it, oldest first.
    [[nodiscard]] std::vector<std::vector<quint64>> storm(int replies) const;
    [[nodiscard]] static QList<int> candidatesOfLast(const std::vector<std::vector<quint64>> &sets);

    QString m_original;
};

void TestSketchIndex::initTestCase()
{
    for (const auto &[corpusPath, location] : Corpora::instance().listMessages()) {
        const QString &text = Corpora::instance().message(corpusPath, location).textBody;
        if (Shingles::wordCount(text) >= 300) {
            m_original = text;
            break;
        }
    }
    QVERIFY(!m_original.isEmpty());
}

std::vector<std::vector<quint64>> TestSketchIndex::storm(int replies) const
{
    const QString quoted = u"> "_qs + QString(m_original).replace(u'\n', u"\n> "_qs);
    std::vector<std::vector<quint64>> sets{Shingles::set(m_original)};
    for (int i = 1; i <= replies; ++i)
        sets.push_back(Shingles::set(QStringLiteral("Please take me off this list, reply %1.\n\nOn Monday the sender wrote:\n%2").arg(i).arg(quoted)));
    return sets;
}

// As QuoteMatcher::pasted asks: sketches 85 % inside, sets of at least 60 % of the query's size.
QList<int> TestSketchIndex::candidatesOfLast(const std::vector<std::vector<quint64>> &sets)
{
    const std::vector<std::span<const quint64>> spans(sets.cbegin(), sets.cend());
    std::vector<qint64> order(sets.size());
    std::iota(order.begin(), order.end(), 0);
    const SketchIndex index(spans, 20, order);
    return index.candidates(sets.back(), 0.85, qsizetype(0.6 * double(sets.back().size())));
}

void TestSketchIndex::stormBelowTheCapIsFoundWhole()
{
    const int replies = SketchIndex::MaxHolders / 2;
    const QList<int> found = candidatesOfLast(storm(replies));
    QVERIFY(found.contains(0));
    QVERIFY2(found.size() >= replies * 9 / 10, qPrintable(QString::number(found.size())));
}

void TestSketchIndex::stormAboveTheCapKeepsTheOldest()
{
    const int replies = 4 * SketchIndex::MaxHolders;
    const QList<int> found = candidatesOfLast(storm(replies));
    QVERIFY(found.contains(0));
    QVERIFY2(found.size() <= SketchIndex::MaxHolders, qPrintable(QString::number(found.size())));
    QVERIFY2(found.size() >= SketchIndex::MaxHolders * 9 / 10, qPrintable(QString::number(found.size())));
    QVERIFY(std::all_of(found.cbegin(), found.cend(), [](int i) { return i < SketchIndex::MaxHolders; }));
}

// A copy of the original that lost the five words its smallest hashes came from (five edits in a long text)
// is still 98 % the original, but holds only 19 of its 24 sketch hashes: the share QuoteMatcher asks of a
// sketch must leave room for that, or finding a pasted copy depends on where the edits fell.
void TestSketchIndex::copyThatLostPartOfItsSketchIsFound()
{
    const std::vector<quint64> original = Shingles::set(m_original);
    std::vector<quint64> copy(original.cbegin() + 5, original.cend());
    const std::vector<quint64> reply = Shingles::set(u"Please see the attached document and confirm today."_qs);
    copy.insert(copy.end(), reply.cbegin(), reply.cend());
    std::sort(copy.begin(), copy.end());
    QVERIFY(Shingles::containment(original, copy) >= 0.85);
    const std::vector<std::span<const quint64>> sets{original};
    const SketchIndex index(sets, 20, std::vector<qint64>{0});
    const int kept = SketchIndex::SketchSize - 5;
    QVERIFY(double(kept) / SketchIndex::SketchSize < 0.85);
    QCOMPARE(index.candidates(copy, QuoteMatcher::SketchShare, 1), QList<int>{0});
}

QTEST_GUILESS_MAIN(TestSketchIndex)
#include "tst_sketchindex.moc"
