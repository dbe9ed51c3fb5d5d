// Shingles read off a body's tokens must equal those of the part tokenised on its own: word counts here,
// over every real list message, at line starts and at offsets inside words. Set intersections of real
// messages, merged or probed, against a brute-force count; the sets themselves against a comparison sort;
// membership against std::binary_search; a set gathered from parts against the set of the parts put together; the tokens' hashes against those of the normalised words; the tokens'
// extents against a reference reading one code point at a time (the tokeniser reads ASCII sixteen units at once).
#include "segmentfixture.h"

#include "analysis/shingles.h"

#include <QRandomGenerator>
#include <QtTest>

#include <algorithm>

using namespace th::analysis;
using namespace Qt::StringLiterals;

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
    void gatheredSetAsTheSetOfItsPartsPutTogether();
    void tokenHashesAreWordHashes();
    void tokenExtentsAsTheReference_data();
    void tokenExtentsAsTheReference();
    void tokenExtentsAsTheReferenceOnRealAndRandomText();
};

namespace {

using Extents = QList<std::pair<qsizetype, qsizetype>>;

// The words of \a text by their definition, one code point at a time: runs of letters, digits and non-spacing
// marks, each ideograph (kana, CJK, hangul) a word of its own.
Extents referenceWords(QStringView text)
{
    Extents out;
    qsizetype start = -1;
    for (qsizetype i = 0; i < text.size();) {
        char32_t c = text[i].unicode();
        qsizetype next = i + 1;
        if (text[i].isHighSurrogate() && next < text.size() && text[next].isLowSurrogate())
            c = QChar::surrogateToUcs4(text[i], text[next++]);
        const bool ideograph = (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF)
            || (c >= 0xF900 && c <= 0xFAFF);
        const bool wordChar = !ideograph && (QChar::isLetterOrNumber(c) || QChar::category(c) == QChar::Mark_NonSpacing);
        if (!wordChar && start >= 0) {
            out.append({start, i});
            start = -1;
        }
        if (ideograph)
            out.append({i, next});
        else if (wordChar && start < 0)
            start = i;
        i = next;
    }
    if (start >= 0)
        out.append({start, text.size()});
    return out;
}

Extents tokenExtents(QStringView text)
{
    Extents out;
    for (const Shingles::Token &t : Shingles::tokens(text))
        out.append({t.begin, t.end});
    return out;
}

} // namespace

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

// Parts of every list body, at random: several or one, empty, shorter than a window, or all of it. The windows
// inside a part are read from the body's, the others hashed: the set must be that of the parts' tokens put together.
void TestShingles::gatheredSetAsTheSetOfItsPartsPutTogether()
{
    QRandomGenerator random(20261128);
    int gathered = 0, acrossParts = 0;
    for (const auto &[corpusPath, location] : Corpora::instance().listMessages()) {
        const std::vector<Shingles::Token> tokens = Shingles::tokens(Corpora::instance().message(corpusPath, location).textBody);
        const std::vector<quint64> windows = Shingles::windows(tokens);
        QCOMPARE(windows.size(), tokens.size() < Shingles::DefaultSize ? 0 : Shingles::shingleCount(tokens));
        for (int round = 0; round < 4; ++round) {
            std::vector<std::span<const Shingles::Token>> parts;
            std::vector<Shingles::Token> together;
            for (size_t at = 0; at < tokens.size();) {
                const size_t length = std::min<size_t>(tokens.size() - at, random.bounded(round == 0 ? 12 : 400));
                if (round == 3 || random.bounded(3) != 0) { // round 3: the whole body, part after part
                    parts.push_back(std::span<const Shingles::Token>(tokens).subspan(at, length));
                    together.insert(together.end(), tokens.begin() + qsizetype(at), tokens.begin() + qsizetype(at + length));
                }
                at += length + (round == 3 ? 0 : random.bounded(6));
            }
            QVERIFY(Shingles::gatheredSet(tokens, windows, parts) == Shingles::set(together));
            ++gathered;
            acrossParts += parts.size() > 1 && together.size() >= Shingles::DefaultSize ? 1 : 0;
        }
        const std::span<const Shingles::Token> whole(tokens);
        QVERIFY(Shingles::gatheredSet(tokens, windows, {&whole, 1}) == Shingles::set(tokens));
    }
    const std::vector<Shingles::Token> three = Shingles::tokens(u"one two three");
    const std::span<const Shingles::Token> first = std::span(three).first(2), last = std::span(three).last(1);
    const std::vector<std::span<const Shingles::Token>> shortParts{first, last};
    QVERIFY(Shingles::gatheredSet(three, Shingles::windows(three), shortParts) == Shingles::set(three));
    QVERIFY(gathered > 10000);
    QVERIFY(acrossParts > 5000);
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

// Non-ASCII units and word edges on each side of the 16-unit blocks.
void TestShingles::tokenExtentsAsTheReference_data()
{
    QTest::addColumn<QString>("text");
    const QString ascii = QStringLiteral("The quick brown fox, jumps_over 42 lazy-dogs; ok");
    for (int at : {0, 1, 14, 15, 16, 17, 31, 32, 33}) {
        for (const QString &unit : {QStringLiteral("é"), QStringLiteral("中"), QStringLiteral("\U0001F600"), QStringLiteral("\u0301"),
                                    QStringLiteral("\U00020000"), QString(QChar(0xD800)), QStringLiteral(" ")}) {
            QString text = ascii;
            text.insert(qMin<qsizetype>(at, text.size()), unit);
            QTest::addRow("%s at %d", qPrintable(QString::number(unit.front().unicode(), 16)), at) << text;
        }
    }
    for (int size : {15, 16, 17, 32, 33})
        QTest::addRow("one word of %d", size) << QString(size, u'a');
    QTest::newRow("separators only") << QString(40, u'.');
    QTest::newRow("word across blocks") << QStringLiteral("0123456789abcdefghijklmnopqrstuvwxyz!");
    QTest::newRow("empty") << QString();
}

void TestShingles::tokenExtentsAsTheReference()
{
    QFETCH(QString, text);
    QCOMPARE(tokenExtents(text), referenceWords(text));
}

// Every text and HTML body of the three list sets, and 20,000 random texts over ASCII letters, digits,
// separators, accented and CJK letters, marks, an astral letter and lone surrogates.
void TestShingles::tokenExtentsAsTheReferenceOnRealAndRandomText()
{
    qsizetype words = 0;
    for (const auto &[corpusPath, location] : Corpora::instance().listMessages()) {
        const th::model::Message &m = Corpora::instance().message(corpusPath, location);
        for (const QString *text : {&m.textBody, &m.htmlBody}) {
            const Extents expected = referenceWords(*text);
            QCOMPARE(tokenExtents(*text), expected);
            words += expected.size();
        }
    }
    QVERIFY(words > 1000000);
    const QStringList units = {u"a"_s, u"Z"_s, u"7"_s, u" "_s, u"."_s, u"_"_s, u"\n"_s, u"é"_s, u"ß"_s, u"中"_s, u"가"_s,
                               u"\u0301"_s, u"\U00020000"_s, QString(QChar(0xD800)), QString(QChar(0xDC00)), u"\u00A0"_s};
    QRandomGenerator random(20261128);
    for (int k = 0; k < 20000; ++k) {
        QString text;
        const int length = int(random.bounded(70));
        for (int j = 0; j < length; ++j)
            text += random.bounded(4) == 0 ? units[random.bounded(units.size())] : units[random.bounded(6)];
        QCOMPARE(tokenExtents(text), referenceWords(text));
    }
}

QTEST_GUILESS_MAIN(TestShingles)
#include "tst_shingles.moc"
