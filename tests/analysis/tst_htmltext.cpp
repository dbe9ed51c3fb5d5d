#include "analysis/htmltext.h"
#include "analysis/quotesegmenter.h"

#include <QFile>
#include <QRegularExpression>

#include <QTest>

using th::analysis::BodyStructure;
using th::analysis::HtmlText;
using th::analysis::QuoteSegmenter;

namespace {

QString readFixture(const QString &path)
{
    QFile f(QStringLiteral(TH_CORPORA "/quote-parsing/mailgun_talon/fixtures/") + path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(f.fileName()));
    return QString::fromUtf8(f.readAll());
}

BodyStructure segmentHtml(const QString &html)
{
    return QuoteSegmenter::segment(HtmlText::parse(html).text);
}

} // namespace

class TestHtmlText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void text_data();
    void text();
    void deepNestingIsCut_data();
    void deepNestingIsCut();
    void talonReplies_data();
    void talonReplies();
    void clientContainers_data();
    void clientContainers();
    void thunderbirdNamesTheQuotedMessage();
    void newOwaMessageIsNotAQuote();
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

// gumbo's time grows with the square of the nesting, and every parse error it recorded held a copy of the
// open elements: 50,000 unclosed <blockquote> took 73 s and 19 GB. The document is read up to where more
// than 600 elements would be open. Here a real Gmail reply, then 5,000 nested blockquotes, then a paragraph.
void TestHtmlText::deepNestingIsCut_data()
{
    QTest::addColumn<QString>("open");
    QTest::addColumn<QString>("close");
    QTest::newRow("blockquote, closed") << "<blockquote>" << "</blockquote>";
    QTest::newRow("blockquote, left open") << "<blockquote>" << QString();
    QTest::newRow("div with attributes") << "<div class=\"x\" title=\"a>b\">" << "</div>";
    // End tags of elements never counted, or never opened, close nothing (a tag-counting scan was fooled by them).
    QTest::newRow("div, then a closed paragraph") << "<div><p></p>" << "</div>";
    QTest::newRow("div, then a stray end tag") << "<div></b>" << "</div>";
}

void TestHtmlText::deepNestingIsCut()
{
    QFETCH(QString, open);
    QFETCH(QString, close);
    const QString reply = readFixture(QStringLiteral("html_replies/gmail.html"));
    const QString html = reply + open.repeated(5000) + "deep" + close.repeated(5000) + "<p>after</p>";
    const QString text = HtmlText::toText(html);
    QVERIFY2(text.startsWith(QStringLiteral("Hi. I am fine.")), qPrintable(text.left(200)));
    QCOMPARE(text.count(u"> > > "), 0); // the empty nesting writes no lines
    QVERIFY(!text.contains(QStringLiteral("deep")));
    QVERIFY(!text.contains(QStringLiteral("after")));
    // Elements that hold no others, or that the next one closes, do not count: 5,000 of them are read whole.
    const QString flat = reply + QString("<p>line<br><img src=\"cid:x\">").repeated(5000) + "<p>after</p>";
    QVERIFY(HtmlText::toText(flat).endsWith(QStringLiteral("after")));
}

// talon's html_replies fixtures: the same reply from nine clients; talon's tests expect this reply text.
void TestHtmlText::talonReplies_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("reply");
    QTest::addColumn<QString>("quoted");
    const QString reply = QStringLiteral("Hi. I am fine. Thanks, Alex");
    for (const char *client : {"gmail", "hotmail", "mail_ru", "ms_outlook_2003", "ms_outlook_2007", "ms_outlook_2010",
                               "thunderbird", "windows_mail", "yandex_ru"})
        QTest::newRow(client) << QStringLiteral("html_replies/%1.html").arg(QLatin1String(client)) << reply << QStringLiteral("Hello! How are you?");
    QTest::newRow("Outlook for Mac") << QStringLiteral("OLK_SRC_BODY_SECTION.html") << QStringLiteral("Reply") << QStringLiteral("Hi");
    QTest::newRow("hr above header block") << QStringLiteral("reply-separated-by-hr.html") << QStringLiteral("Hi there Bob") << QStringLiteral("Hello");
}

void TestHtmlText::talonReplies()
{
    QFETCH(QString, fixture);
    QFETCH(QString, reply);
    QFETCH(QString, quoted);
    const BodyStructure b = segmentHtml(readFixture(fixture));
    QCOMPARE(b.newText().simplified(), reply);
    QVERIFY2(!b.history.isEmpty(), qPrintable(b.text));
    QVERIFY2(b.contentOf(0).simplified().startsWith(quoted), qPrintable(b.contentOf(0)));
}

// One container of each client the spec names, written as the client writes it: the quoted author and
// address must come out of its attribution or header block.
void TestHtmlText::clientContainers_data()
{
    QTest::addColumn<QString>("html");
    QTest::addColumn<QString>("fromAddress");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("Gmail") << "<div dir=\"ltr\">Updated file here.</div><br><div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">"
                              "On Mon, 6 Mar 2023 at 10:12, Jane Doe &lt;<a href=\"mailto:jane@partner.example\">jane@partner.example</a>&gt; wrote:<br></div>"
                              "<blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204)\">"
                              "<div>The contract is attached.</div></blockquote></div>"
                           << "jane@partner.example" << "The contract is attached.";
    QTest::newRow("Apple Mail") << "<div>Updated file here.</div><div><br><blockquote type=\"cite\"><div>On 6 Mar 2023, at 10:12, Jane Doe "
                                   "&lt;jane@partner.example&gt; wrote:</div><br><div><div>Budget figures for Q2.</div></div></blockquote></div>"
                                << "jane@partner.example" << "Budget figures for Q2.";
    QTest::newRow("Outlook 2013+") << "<div class=\"WordSection1\"><p class=\"MsoNormal\">Updated file here.</p><div><div style=\"border:none;border-top:solid #E1E1E1 1.0pt;"
                                      "padding:3.0pt 0in 0in 0in\"><p class=\"MsoNormal\"><b>From:</b> Jane Doe &lt;jane@partner.example&gt;<br><b>Sent:</b> "
                                      "Monday, March 6, 2023 10:12 AM<br><b>To:</b> Bob &lt;bob@corp.example&gt;<br><b>Subject:</b> Budget</p></div></div>"
                                      "<p class=\"MsoNormal\">Budget figures for Q2.</p></div>"
                                   << "jane@partner.example" << "Budget figures for Q2.";
    QTest::newRow("OWA") << "<div>Updated file here.</div><div id=\"appendonsend\"></div><hr style=\"display:inline-block;width:98%\" tabindex=\"-1\">"
                            "<div id=\"divRplyFwdMsg\" dir=\"ltr\"><font face=\"Calibri, sans-serif\"><b>From:</b> Jane Doe &lt;jane@partner.example&gt;<br>"
                            "<b>Sent:</b> Monday, March 6, 2023 10:12<br><b>To:</b> Bob &lt;bob@corp.example&gt;<br><b>Subject:</b> Budget</font>"
                            "<div>&nbsp;</div></div><div>Budget figures for Q2.</div>"
                         << "jane@partner.example" << "Budget figures for Q2.";
    QTest::newRow("Yahoo") << "<div class=\"ydp5e4c3b2yahoo-style-wrap\">Updated file here.</div><div id=\"ydpa1b2yahoo_quoted_123\" class=\"ydpa1b2yahoo_quoted\">"
                              "<div>On Monday, March 6, 2023, 10:12:00 AM GMT+1, Jane Doe &lt;jane@partner.example&gt; wrote:</div><div><br></div>"
                              "<div>Budget figures for Q2.</div></div>"
                           << "jane@partner.example" << "Budget figures for Q2.";
    QTest::newRow("ProtonMail") << "<div>Updated file here.</div><div class=\"protonmail_quote\">------- Original Message -------<br>On Monday, March 6th, 2023 at 10:12, "
                                   "Jane Doe &lt;jane@partner.example&gt; wrote:<br><blockquote class=\"protonmail_quote\" type=\"cite\">"
                                   "<div>Budget figures for Q2.</div></blockquote></div>"
                                << "jane@partner.example" << "Budget figures for Q2.";
}

void TestHtmlText::clientContainers()
{
    QFETCH(QString, html);
    QFETCH(QString, fromAddress);
    QFETCH(QString, quoted);
    const BodyStructure b = segmentHtml(html);
    QCOMPARE(b.newText().simplified(), QStringLiteral("Updated file here."));
    QVERIFY2(!b.history.isEmpty(), qPrintable(b.text));
    const auto &q = b.history.first();
    QVERIFY2(q.header >= 0, qPrintable(b.text));
    QCOMPARE(b.headers[q.header].fromAddress, fromAddress);
    QVERIFY2(b.contentOf(0).simplified().startsWith(quoted), qPrintable(b.text));
    QVERIFY2(!b.newText().simplified().contains(quoted), qPrintable(b.text));
}

void TestHtmlText::thunderbirdNamesTheQuotedMessage()
{
    const HtmlText html = HtmlText::parse(readFixture(QStringLiteral("html_replies/thunderbird.html")));
    QCOMPARE(html.citedMessageIds, QStringList{QStringLiteral("CA+jEWTKBU6qc4OnH5m=-0sfwkAzZhcy0rd+ean2W6bFUVXaO7A@mail.gmail.com")});
}

// OWA writes div#appendonsend into every new message; with nothing below it, nothing is quoted.
void TestHtmlText::newOwaMessageIsNotAQuote()
{
    const BodyStructure b = segmentHtml(QStringLiteral("<div>Hello Bob,</div><div>the meeting is at ten.</div><div id=\"appendonsend\"></div>"));
    QVERIFY(b.history.isEmpty());
    QCOMPARE(b.newText().simplified(), QStringLiteral("Hello Bob, the meeting is at ten."));
}

QTEST_GUILESS_MAIN(TestHtmlText)
#include "tst_htmltext.moc"
