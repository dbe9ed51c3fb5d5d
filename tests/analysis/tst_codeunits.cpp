// CodeUnits stands in for QStringView::indexOf where bodies are split into lines and searched for link anchors:
// it must answer as indexOf does, at the edges of its eight-unit steps and on every body of the three list sets.
#include "segmentfixture.h"

#include "analysis/codeunits.h"

#include <QtTest>

using namespace th::analysis;

class TestCodeUnits : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void edges();
    void pairEdges();
    void anyOfEdges();
    void agreesWithIndexOfOnRealMail();
};

// Every start in texts of 0 to 20 units with a line feed at each place, or none, or several.
void TestCodeUnits::edges()
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
                QCOMPARE(CodeUnits::next(text, from, u'\n'), QStringView(text).indexOf(u'\n', from));
                ++checks;
            }
        }
    }
    QCOMPARE(CodeUnits::next(u"\u0a0a\u0a00\n", 0, u'\n'), 2); // units whose bytes are '\n' (0x0A) are not line feeds
    QCOMPARE(CodeUnits::next(u"", 5, u'\n'), -1);
    QCOMPARE(CodeUnits::next(u"a\u00e9b\u00e9", 2, u'\u00e9'), 3);
    QVERIFY(checks > 2000);
}

// Every start in texts of 0 to 20 units with ":/" at each place, a lone ':' or '/' beside it, or a second
// pair after the first step.
void TestCodeUnits::pairEdges()
{
    int checks = 0;
    for (int size = 0; size <= 20; ++size) {
        for (int at = -1; at < size; ++at) {
            for (const QStringView noise : {u"", u":", u"/", u"::", u"//"}) {
                QString text(size, u'x');
                if (at >= 0)
                    text[at] = u':';
                if (at >= 0 && at + 1 < size)
                    text[at + 1] = u'/';
                for (qsizetype k = 0; size > 16 && k < noise.size(); ++k)
                    text[16 - noise.size() + k] = noise[k];
                for (qsizetype from = 0; from <= size; ++from) {
                    QCOMPARE(CodeUnits::nextPair(text, from, u':', u'/'), QStringView(text).indexOf(u":/", from));
                    ++checks;
                }
            }
        }
    }
    QCOMPARE(CodeUnits::nextPair(u"\u3a00\u2f00:/", 0, u':', u'/'), 2); // units whose bytes are ':' and '/' are not
    QCOMPARE(CodeUnits::nextPair(u":", 0, u':', u'/'), -1);
    QVERIFY(checks > 10000);
}

// Every start in texts of 0 to 20 units holding one of "(<]" at each place, another one after the first step,
// or only units near them; against the first index any of them has.
void TestCodeUnits::anyOfEdges()
{
    int checks = 0;
    const std::u16string_view units = u"(<]";
    for (int size = 0; size <= 20; ++size) {
        for (int at = -1; at < size; ++at) {
            for (const char16_t unit : {u'(', u'<', u']', u')'}) {
                QString text(size, u'x');
                if (at >= 0)
                    text[at] = QChar(unit);
                if (size > 12)
                    text[12] = u'<';
                for (qsizetype from = 0; from <= size; ++from) {
                    qsizetype expected = -1;
                    for (qsizetype i = from; i < size && expected < 0; ++i)
                        expected = units.find(text[i].unicode()) != std::u16string_view::npos ? i : -1;
                    QCOMPARE((CodeUnits::nextOf<u'(', u'<', u']'>(text, from)), expected);
                    ++checks;
                }
            }
        }
    }
    QCOMPARE((CodeUnits::nextOf<u'(', u'<', u']'>(u"\u2828\u3c00(", 0)), 2); // units whose bytes are '(' or '<' are not them
    QVERIFY(checks > 8000);
}

// Every line break of every text and HTML body of the three list sets, found from every line start; every
// "://" from every ':' before it.
void TestCodeUnits::agreesWithIndexOfOnRealMail()
{
    qsizetype lines = 0, colons = 0;
    for (const auto &[corpusPath, location] : Corpora::instance().listMessages()) {
        const th::model::Message &m = Corpora::instance().message(corpusPath, location);
        for (const QString *text : {&m.textBody, &m.htmlBody}) {
            for (qsizetype at = 0; at <= text->size(); ++lines) {
                const qsizetype expected = QStringView(*text).indexOf(u'\n', at);
                QCOMPARE(CodeUnits::next(*text, at, u'\n'), expected);
                at = expected < 0 ? text->size() + 1 : expected + 1;
            }
            for (qsizetype at = 0; at <= text->size(); ++colons) {
                const qsizetype colon = QStringView(*text).indexOf(u':', at);
                QCOMPARE(CodeUnits::next(*text, at, u':'), colon);
                QCOMPARE(CodeUnits::nextPair(*text, at, u':', u'/'), QStringView(*text).indexOf(u":/", at));
                at = colon < 0 ? text->size() + 1 : colon + 1;
            }
        }
    }
    QVERIFY2(lines > 300000, qPrintable(QStringLiteral("%1 lines").arg(lines)));
    QVERIFY2(colons > 100000, qPrintable(QStringLiteral("%1 colons").arg(colons)));
}

QTEST_GUILESS_MAIN(TestCodeUnits)
#include "tst_codeunits.moc"
