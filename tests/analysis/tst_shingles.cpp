// Shingles read off a body's tokens must equal those of the part tokenised on its own: word counts here,
// over every real list message, at line starts and at offsets inside words. Set intersections of real
// messages, merged or probed, against a brute-force count; the sets themselves against a comparison sort;
// membership against std::binary_search; the tokens' hashes against those of the normalised words.
#include "segmentfixture.h"

#include "analysis/shingles.h"

#include <QtTest>

#include <algorithm>

using namespace th::analysis;

class TestShingles : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void wordCountFromTokens_data();
    void wordCountFromTokens();
    void wordCountFromTokensOnRealMail();
    void intersectionOfRealSets();
    void setsOfRealMailAreSortedAndDistinct();
    void containsAsBinarySearch();
    void tokenHashesAreWordHashes();
};

void TestShingles::wordCountFromTokens_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("to");
    QTest::addColumn<int>("expected");
    const QString text = QStringLiteral("Hello world,\n> quoted reply here\n東京都 ok");
    QTest::newRow("whole") << text << 0 << int(text.size()) << 9;
    QTest::newRow("from a line start") << text << 13 << int(text.size()) << 7;
    QTest::newRow("inside a word") << text << 2 << 12 << 2;
    QTest::newRow("ending inside a word") << text << 0 << 8 << 2;
    QTest::newRow("between ideographs") << text << 34 << int(text.size()) << 3;
    QTest::newRow("empty") << text << 5 << 5 << 0;
}

void TestShingles::wordCountFromTokens()
{
    QFETCH(QString, text);
    QFETCH(int, from);
    QFETCH(int, to);
    QFETCH(int, expected);
    const std::vector<Shingles::Token> tokens = Shingles::tokens(text);
    QCOMPARE(Shingles::wordCount(QStringView(text).sliced(from, to - from)), qsizetype(expected));
    QCOMPARE(Shingles::wordCount(text, tokens, from, to), qsizetype(expected));
}

void TestShingles::wordCountFromTokensOnRealMail()
{
    int parts = 0;
    for (const auto &[corpusPath, location] : Corpora::instance().listMessages()) {
        const QString &text = Corpora::instance().message(corpusPath, location).textBody;
        const std::vector<Shingles::Token> tokens = Shingles::tokens(text);
        for (qsizetype from = 0; from < text.size(); from += 97 + (from % 3)) { // line starts and word insides alike
            const qsizetype to = qMin(text.size(), from + 211 + from % 500);
            QCOMPARE(Shingles::wordCount(text, tokens, from, to), Shingles::wordCount(QStringView(text).sliced(from, to - from)));
            ++parts;
        }
    }
    QVERIFY(parts > 50000);
}

// Neighbouring list messages quote each other (large intersections); a short set against a long one takes the
// probing path. Both must count what a lookup of every hash counts.
void TestShingles::intersectionOfRealSets()
{
    std::vector<std::vector<quint64>> sets;
    for (const auto &[corpusPath, location] : Corpora::instance().listMessages())
        sets.push_back(Shingles::set(Corpora::instance().message(corpusPath, location).textBody));
    const auto counted = [](const std::vector<quint64> &a, const std::vector<quint64> &b) {
        return qsizetype(std::count_if(a.cbegin(), a.cend(), [&b](quint64 h) { return std::binary_search(b.cbegin(), b.cend(), h); }));
    };
    qsizetype shared = 0;
    for (size_t i = 1; i < sets.size(); ++i) {
        for (const std::vector<quint64> *other : {&sets[i - 1], &sets[i / 2]}) {
            const qsizetype n = Shingles::intersectionSize(sets[i], *other);
            QCOMPARE(n, counted(sets[i], *other));
            QCOMPARE(Shingles::intersectionSize(*other, sets[i]), n);
            shared += n;
        }
    }
    QVERIFY(sets.size() > 3000);
    QVERIFY(shared > 100000); // the pairs do overlap: the merge's equal case is exercised
}

// Set sorts the shingles with a counting sort on their top bits and one insertion pass: the same set as
// std::sort and std::unique over the shingles taken one by one, for every real list message.
void TestShingles::setsOfRealMailAreSortedAndDistinct()
{
    size_t largeSets = 0;
    for (const auto &[corpusPath, location] : Corpora::instance().listMessages()) {
        const std::vector<Shingles::Token> tokens = Shingles::tokens(Corpora::instance().message(corpusPath, location).textBody);
        std::vector<quint64> expected;
        for (size_t i = 0; i < Shingles::shingleCount(tokens); ++i)
            expected.push_back(Shingles::shingleAt(tokens, i).hash);
        std::sort(expected.begin(), expected.end());
        expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
        QVERIFY(Shingles::set(tokens) == expected);
        largeSets += expected.size() >= 1000 ? 1 : 0;
    }
    QVERIFY(largeSets > 100); // the counting sort's path, not only std::sort's for small sets
}

// Every hash of a message's neighbour probed in its set, held or not, and every hash of the set itself.
void TestShingles::containsAsBinarySearch()
{
    std::vector<std::vector<quint64>> sets;
    for (const auto &[corpusPath, location] : Corpora::instance().listMessages())
        sets.push_back(Shingles::set(Corpora::instance().message(corpusPath, location).textBody));
    size_t held = 0, probes = 0;
    for (size_t i = 1; i < sets.size(); ++i) {
        for (const std::vector<quint64> *probe : {&sets[i - 1], &sets[i]}) {
            for (quint64 h : *probe) {
                const bool expected = std::binary_search(sets[i].cbegin(), sets[i].cend(), h);
                QCOMPARE(Shingles::contains(sets[i], h), expected);
                held += expected ? 1 : 0;
                ++probes;
            }
        }
        QVERIFY(!Shingles::contains(sets[i], 0) || std::binary_search(sets[i].cbegin(), sets[i].cend(), 0));
        QVERIFY(!Shingles::contains(sets[i], ~quint64(0)) || sets[i].back() == ~quint64(0));
    }
    QVERIFY(!Shingles::contains({}, 1));
    QVERIFY(held > 100000 && probes > held); // both answers, many times
}

// tokens() hashes ASCII words without building their text, lower-casing a block of characters past short ones;
// words() normalises each word into a string first. Both must give every word of every list message the same hash.
void TestShingles::tokenHashesAreWordHashes()
{
    qsizetype words = 0;
    for (const auto &[corpusPath, location] : Corpora::instance().listMessages()) {
        const QString &text = Corpora::instance().message(corpusPath, location).textBody;
        const std::vector<Shingles::Token> tokens = Shingles::tokens(text);
        const QList<Shingles::Word> expected = Shingles::words(text);
        QCOMPARE(qsizetype(tokens.size()), expected.size());
        for (size_t i = 0; i < tokens.size(); ++i) {
            QCOMPARE(tokens[i].hash, expected[qsizetype(i)].hash);
            QCOMPARE(qsizetype(tokens[i].begin), expected[qsizetype(i)].begin);
            QCOMPARE(qsizetype(tokens[i].end), expected[qsizetype(i)].end);
        }
        words += expected.size();
    }
    QVERIFY(words > 1000000);
}

QTEST_GUILESS_MAIN(TestShingles)
#include "tst_shingles.moc"
