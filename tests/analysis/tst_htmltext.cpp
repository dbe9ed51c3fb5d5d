#include "analysis/htmltext.h"

#include <QTest>

using th::analysis::HtmlText;

class TestHtmlText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void text_data();
    void text();
    void deepNestingDoesNotCrash();
};

void TestHtmlText::text_data()
{
    QTest::addColumn<QString>("html");
    QTest::addColumn<QString>("text");
    QTest::newRow("script and style dropped") << "<html><head><style>p{}</style><script>alert(1)</script></head><body><p>Hi</p></body></html>" << "Hi";
    QTest::newRow("link target shown") << "<a href=\"https://evil.example/x.zip\">invoice</a>" << "invoice <https://evil.example/x.zip>";
    QTest::newRow("remote image named, not loaded") << "<img src=\"http://tracker.example/p.gif\">" << "[image: http://tracker.example/p.gif]";
    QTest::newRow("blocks and breaks") << "<div>one</div><div>two<br>three</div>" << "one\ntwo\nthree";
    QTest::newRow("blockquote depth") << "<p>new</p><blockquote><p>old</p><blockquote>older</blockquote></blockquote>" << "new\n> old\n> > older";
    QTest::newRow("entities") << "<p>a &amp; b &lt;c&gt;</p>" << "a & b <c>";
}

void TestHtmlText::text()
{
    QFETCH(QString, html);
    QFETCH(QString, text);
    QCOMPARE(HtmlText::toText(html), text);
}

void TestHtmlText::deepNestingDoesNotCrash()
{
    const QString html = QString("<div>").repeated(20000) + "deep" + QString("</div>").repeated(20000);
    QVERIFY(HtmlText::toText(html).contains("deep") || HtmlText::toText(html).isEmpty());
}

QTEST_GUILESS_MAIN(TestHtmlText)
#include "tst_htmltext.moc"
