// DiffHunks on real patch mail of linux-s390 (a patch, and reviews quoting hunks between their comments), on
// malformed hunk headers, and its use by QuoteHeaderParser: a hunk's context lines are code, not a quoted header.
#include "segmentfixture.h"

#include "analysis/diffhunks.h"
#include "analysis/quoteheaderparser.h"

#include <QtTest>

using namespace th::analysis;

class TestDiffHunks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void patchHunksRunAsTheirHeadersSay();
    void quotedHunksEndAtTheReviewersText();
    void malformedHeadersOpenNoHunk_data();
    void malformedHeadersOpenNoHunk();
    void hunkEndsEarlyAtAForeignLine();
    void headerLinesInAHunkAreNoQuoteHeader();
};

namespace {

const QString S390 = QStringLiteral("lists/linux-s390_2023-02_to_2023-03.mbox");

struct Marked {
    QString line;
    bool code = false;
};

QList<Marked> marked(const QString &text)
{
    QList<Marked> out;
    DiffHunks hunks;
    for (const QString &line : text.split(u'\n'))
        out << Marked{line, false};
    for (Marked &m : out) // the views read by take() stay valid: the strings live in out
        m.code = hunks.take(m.line);
    return out;
}

bool codeAt(const QList<Marked> &lines, const QString &line)
{
    const auto it = std::find_if(lines.cbegin(), lines.cend(), [&line](const Marked &m) { return m.line == line; });
    if (it == lines.cend())
        qFatal("line not in the sample: %s", qPrintable(line));
    return it->code;
}

} // namespace

// "[kvm-unit-tests PATCH v6 1/2] s390x: topology: Check the Perform Topology Function": three hunks,
// "@@ -39,6 +39,7 @@" (6 context lines and 1 added), "@@ -0,0 +1,155 @@" (a new file) and "@@ -208,3 +208,6 @@".
void TestDiffHunks::patchHunksRunAsTheirHeadersSay()
{
    const QList<Marked> lines = marked(Corpora::instance().message(S390, QStringLiteral("#178")).textBody);
    QCOMPARE(std::count_if(lines.cbegin(), lines.cend(), [](const Marked &m) { return m.code; }), 3 + 7 + 155 + 6);
    QVERIFY(codeAt(lines, QStringLiteral("@@ -0,0 +1,155 @@")));
    QVERIFY(codeAt(lines, QStringLiteral("+file = topology.elf")));
    QVERIFY(!codeAt(lines, QStringLiteral("diff --git a/s390x/topology.c b/s390x/topology.c")));
    QVERIFY(!codeAt(lines, QStringLiteral("diff --git a/s390x/unittests.cfg b/s390x/unittests.cfg")));
    QVERIFY(!codeAt(lines, QStringLiteral("-- ")));
    QVERIFY(!codeAt(lines, QStringLiteral("2.31.1")));
    // every line from the new file's header to its 155th line, and none after
    const qsizetype header = std::find_if(lines.cbegin(), lines.cend(), [](const Marked &m) { return m.line == u"@@ -0,0 +1,155 @@"; }) - lines.cbegin();
    for (qsizetype i = header; i <= header + 155; ++i)
        QVERIFY2(lines[i].code && lines[i].line.startsWith(i == header ? u'@' : u'+'), qPrintable(lines[i].line));
    QVERIFY(!lines[header + 156].code);
}

// Replies quoting a hunk with "> ": the quoted lines are code up to the count or to the reviewer's own text.
void TestDiffHunks::quotedHunksEndAtTheReviewersText()
{
    const QList<Marked> review = marked(Corpora::instance().message(S390, QStringLiteral("#49")).textBody);
    QVERIFY(codeAt(review, QStringLiteral("> @@ -302,6 +302,10 @@ Allows userspace to start migration mode, needed for PGSTE migration.")));
    QVERIFY(codeAt(review, QStringLiteral("> +stopped.")));
    QVERIFY(!codeAt(review, QStringLiteral("Do we also need to add a warning to the CMMA IOCTLs?")));
    // The hunk's 6 old and 7 new lines are all quoted; the quoted signature delimiter after them is not code.
    const QList<Marked> ack = marked(Corpora::instance().message(S390, QStringLiteral("#44")).textBody);
    QVERIFY(codeAt(ack, QStringLiteral("> +EXPORT_SYMBOL(dump_mm);")));
    QVERIFY(codeAt(ack, QStringLiteral(">  static bool page_init_poisoning __read_mostly = true;")));
    QVERIFY(!codeAt(ack, QStringLiteral("> -- ")));
    QVERIFY(!codeAt(ack, QStringLiteral("Michal Hocko")));
}

void TestDiffHunks::malformedHeadersOpenNoHunk_data()
{
    QTest::addColumn<QString>("header");
    QTest::newRow("no closing @@") << "@@ -1,2 +1,2";
    QTest::newRow("no new side") << "@@ -1,2 @@";
    QTest::newRow("count of 20 digits") << "@@ -1,99999999999999999999 +1,2 @@";
    QTest::newRow("letter in a count") << "@@ -1,x +1,2 @@";
    QTest::newRow("text before the marks") << "see @@ -1,2 +1,2 @@";
    QTest::newRow("combined diff") << "@@@ -1,2 -1,2 +1,3 @@@";
    QTest::newRow("empty") << "";
}

// A line that is no "@@ -a,b +c,d @@" header opens nothing: the diff lines after it are not code.
void TestDiffHunks::malformedHeadersOpenNoHunk()
{
    QFETCH(QString, header);
    DiffHunks hunks;
    QVERIFY(!hunks.take(header));
    QVERIFY(!hunks.take(u" context"));
    QVERIFY(!hunks.take(u"+added"));
}

// Counts omitted mean one line; a line that is not a diff line ends the hunk before its count, and a quoted
// hunk ends at a line of another quote depth. An empty context line may have lost its white space.
void TestDiffHunks::hunkEndsEarlyAtAForeignLine()
{
    DiffHunks one;
    QVERIFY(one.take(u"@@ -1 +1 @@ f()"));
    QVERIFY(one.take(u"-old"));
    QVERIFY(one.take(u"+new"));
    QVERIFY(!one.take(u"+beyond the count"));

    DiffHunks cut;
    QVERIFY(cut.take(u"@@ -10,5 +10,5 @@"));
    QVERIFY(cut.take(u" context"));
    QVERIFY(cut.take(u""));  // an empty context line, its space dropped
    QVERIFY(!cut.take(u"[...]"));
    QVERIFY(!cut.take(u" context again")); // the hunk ended at the snip

    DiffHunks quoted;
    QVERIFY(quoted.take(u"> > @@ -1,3 +1,3 @@"));
    QVERIFY(quoted.take(u"> >  a"));
    QVERIFY(quoted.take(u"> >"));   // "> > " + " ", both spaces dropped
    QVERIFY(!quoted.take(u">  b")); // one quote level less: the reviewer's quote, not the hunk
}

// A patch to a mail fixture: its context lines are a message's header lines, which read as a quoted Outlook
// block (From/Sent/To/Subject) if the hunk were text.
void TestDiffHunks::headerLinesInAHunkAreNoQuoteHeader()
{
    const QString fixture = QStringLiteral("From: Alice Example <alice@example.com>\n"
                                           "Sent: Monday, February 6, 2023 10:00 AM\n"
                                           "To: Bob Example <bob@example.com>\n"
                                           "Subject: quarterly figures\n");
    QString hunk = QStringLiteral("@@ -1,5 +1,5 @@\n");
    for (const QString &line : fixture.trimmed().split(u'\n'))
        hunk += u' ' + line + u'\n';
    hunk += QStringLiteral("-Hello\n+Hello Bob\n");
    QCOMPARE(QuoteHeaderParser::find(fixture).size(), 1); // the same lines as text: a header block
    QVERIFY(QuoteHeaderParser::find(QStringLiteral("Fix the fixture.\n\n") + hunk).isEmpty());
    // After the hunk, the same block is a header again.
    QCOMPARE(QuoteHeaderParser::find(hunk + u'\n' + fixture).size(), 1);
}

QTEST_GUILESS_MAIN(TestDiffHunks)
#include "tst_diffhunks.moc"
