// AnchoredMatches must find exactly what QRegularExpression::globalMatch finds, for the address and link
// patterns the indicators scan mail with: checked on crafted edges and on every real list message.
#include "segmentfixture.h"

#include "analysis/anchoredmatches.h"

#include <QtTest>

using namespace th::analysis;

class TestAnchoredMatches : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesAsGlobalMatch_data();
    void matchesAsGlobalMatch();
    void agreesWithGlobalMatchOnRealMail();
    void indexOfAgreesWithQtOnRealMail();
};

namespace {

struct Pattern {
    const char *name;
    QRegularExpression re;
    QList<QStringView> anchors;
    Qt::CaseSensitivity cs = Qt::CaseSensitive;
};

// The patterns of AlteredQuote::addressesIn and linksIn, of the splice search's address words, and of
// LureProfile's contact addresses and links.
const QList<Pattern> &patterns()
{
    static const QList<Pattern> all{
        {"quoted addresses", QRegularExpression(QStringLiteral("(?<![/=A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+")), {u"@"}},
        {"links", QRegularExpression(QStringLiteral("https?://[^\\s<>\"')\\]]+"), QRegularExpression::CaseInsensitiveOption), {u"://"}},
        {"address words", QRegularExpression(QStringLiteral("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+")), {u"@"}},
        {"contact addresses", QRegularExpression(QStringLiteral("[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+\\.)+[A-Za-z]{2,}")), {u"@"}},
        {"lure links", QRegularExpression(QStringLiteral("(?:https?://|www\\.)\\S+"), QRegularExpression::CaseInsensitiveOption), {u"://", u"www."}, Qt::CaseInsensitive},
    };
    return all;
}

using Spans = QList<QPair<qsizetype, qsizetype>>;

Spans global(const QRegularExpression &re, QStringView text)
{
    Spans out;
    for (auto it = re.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out << qMakePair(m.capturedStart(), m.capturedEnd());
    }
    return out;
}

Spans anchored(const Pattern &p, QStringView text)
{
    Spans out;
    for (const QRegularExpressionMatch &m : AnchoredMatches::of(p.re, text, p.anchors, p.cs))
        out << qMakePair(m.capturedStart(), m.capturedEnd());
    return out;
}

} // namespace

void TestAnchoredMatches::matchesAsGlobalMatch_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("expectedMatches"); // by globalMatch, over all five patterns
    QTest::newRow("several in one run") << QStringLiteral("a@b.cd,e@f.gh;x@y.zz") << 9;
    QTest::newRow("looking behind into the text before") << QStringLiteral("see https://lore.kernel.org/r/a@b.cd =q@r.st") << 6;
    QTest::newRow("a link holding an NBSP") << QStringLiteral("go to http://x.example/a\u00a0b now") << 2;
    QTest::newRow("caseless anchor") << QStringLiteral("WWW.Example.COM and HTTPS://A.B") << 3;
    QTest::newRow("anchors without a match") << QStringLiteral("a @ b, a@ @b, x@y..z, ://, www.") << 1;
    QTest::newRow("anchor at either end") << QStringLiteral("@start and end@") << 0;
    QTest::newRow("empty") << QString() << 0;
}

void TestAnchoredMatches::matchesAsGlobalMatch()
{
    QFETCH(QString, text);
    QFETCH(int, expectedMatches);
    int found = 0;
    for (const Pattern &p : patterns()) {
        const Spans expected = global(p.re, text);
        QCOMPARE(anchored(p, text), expected);
        found += int(expected.size());
    }
    QCOMPARE(found, expectedMatches);
}

// Bodies and HTML of the three list sets: thousands of addresses and links, in quotes, patches and footers.
void TestAnchoredMatches::agreesWithGlobalMatchOnRealMail()
{
    QHash<QString, int> matches;
    for (const auto &[corpusPath, location] : Corpora::instance().listMessages()) {
        const th::model::Message &m = Corpora::instance().message(corpusPath, location);
        for (const QString *text : {&m.textBody, &m.htmlBody}) {
            for (const Pattern &p : patterns()) {
                const Spans expected = global(p.re, *text);
                QVERIFY2(anchored(p, *text) == expected, qPrintable(QStringLiteral("%1 in %2%3").arg(QLatin1String(p.name), corpusPath, location)));
                matches[QLatin1String(p.name)] += int(expected.size());
            }
        }
    }
    for (const Pattern &p : patterns())
        QVERIFY2(matches.value(QLatin1String(p.name)) > 1000, p.name);
}

// Every occurrence, found one after the other, as QStringView::indexOf finds them.
void TestAnchoredMatches::indexOfAgreesWithQtOnRealMail()
{
    const QList<QStringView> needles{u"@", u"://", u"www.", u"WWW.", u"Kernel.org", u"4.1", u"ettus", u"-"};
    qsizetype found = 0;
    for (const auto &[corpusPath, location] : Corpora::instance().listMessages()) {
        const QString &text = Corpora::instance().message(corpusPath, location).textBody;
        for (QStringView needle : needles) {
            for (Qt::CaseSensitivity cs : {Qt::CaseSensitive, Qt::CaseInsensitive}) {
                for (qsizetype from = 0;; ++found) {
                    const qsizetype expected = QStringView(text).indexOf(needle, from, cs);
                    QCOMPARE(AnchoredMatches::indexOf(text, needle, from, cs), expected);
                    if (expected < 0)
                        break;
                    from = expected + 1;
                }
            }
        }
    }
    QVERIFY(found > 100000);
}

QTEST_GUILESS_MAIN(TestAnchoredMatches)
#include "tst_anchoredmatches.moc"
