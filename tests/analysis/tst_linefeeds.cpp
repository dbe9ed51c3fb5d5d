// LineFeeds::next stands in for QStringView::indexOf(u'\n', from) where bodies are split into lines: it must
// answer as indexOf does, at the edges of its eight-unit steps and on every body of the three list sets.
#include "segmentfixture.h"

#include "analysis/linefeeds.h"

#include <QtTest>

using namespace th::analysis;

class TestLineFeeds : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void edges();
    void agreesWithIndexOfOnRealMail();
};

// Every start in texts of 0 to 20 units with a line feed at each place, or none, or several.
void TestLineFeeds::edges()
{
    int checks = 0;
    for (int size = 0; size <= 20; ++size) {
        for (int at = -1; at < size; ++at) {
            QString text(size, u'x');
            if (at >= 0)
                text[at] = u'\n';
            if (size > 12)
                text[12] = u'\n'; // a second one, after the first step
            for (qsizetype from = 0; from <= size; ++from) {
                QCOMPARE(LineFeeds::next(text, from), QStringView(text).indexOf(u'\n', from));
                ++checks;
            }
        }
    }
    QCOMPARE(LineFeeds::next(u"\u0a0a\u0a00\n", 0), 2); // units whose bytes are '\n' (0x0A) are not line feeds
    QCOMPARE(LineFeeds::next(u"", 5), -1);
    QVERIFY(checks > 2000);
}

// Every line break of every text and HTML body of the three list sets, found from every line start.
void TestLineFeeds::agreesWithIndexOfOnRealMail()
{
    qsizetype lines = 0;
    for (const auto &[corpusPath, location] : Corpora::instance().listMessages()) {
        const th::model::Message &m = Corpora::instance().message(corpusPath, location);
        for (const QString *text : {&m.textBody, &m.htmlBody}) {
            for (qsizetype at = 0; at <= text->size(); ++lines) {
                const qsizetype expected = QStringView(*text).indexOf(u'\n', at);
                QCOMPARE(LineFeeds::next(*text, at), expected);
                at = expected < 0 ? text->size() + 1 : expected + 1;
            }
        }
    }
    QVERIFY2(lines > 300000, qPrintable(QStringLiteral("%1 lines").arg(lines)));
}

QTEST_GUILESS_MAIN(TestLineFeeds)
#include "tst_linefeeds.moc"
