// Shingles read off a body's tokens must equal those of the part tokenised on its own: word counts here,
// over every real list message, at line starts and at offsets inside words.
#include "segmentfixture.h"

#include "analysis/shingles.h"

#include <QtTest>

using namespace th::analysis;

class TestShingles : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void wordCountFromTokens_data();
    void wordCountFromTokens();
    void wordCountFromTokensOnRealMail();
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

QTEST_GUILESS_MAIN(TestShingles)
#include "tst_shingles.moc"
