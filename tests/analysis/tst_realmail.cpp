// The engine on real mail: benign list traffic stays clean, real fake-thread phishing does not.
#include "casefixture.h"

#include <QFile>
#include <QTest>

using namespace th::analysis;

class TestRealMail : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void referenceThreadsAreClean_data();
    void referenceThreadsAreClean();
    void listsStayBelowFalsePositiveBar();
    void verifiedPairsLinkToTheirParent();
    void madeUpHistoryIsFlagged_data();
    void madeUpHistoryIsFlagged();
    void fakeReplyPassingAuthenticationIsFlagged();
    void findingsDoNotDependOnHashSeed();

private:
    CaseFixture m_lists; // the three real list sets, scanned together as an analyst would, no settings
};

void TestRealMail::initTestCase()
{
    m_lists.addCorpus(QStringLiteral("lists"));
    m_lists.analyse();
    QVERIFY2(m_lists.store().size() > 3400, "the list corpora are incomplete");
}

// The five threads of corpora/README.md with every message present.
void TestRealMail::referenceThreadsAreClean_data()
{
    CaseFixture::referenceThreadRows();
}

void TestRealMail::referenceThreadsAreClean()
{
    QFETCH(QString, corpus);
    QFETCH(QString, root);
    QFETCH(int, size);
    CaseFixture own;
    const bool list = corpus.startsWith(u"lists/");
    if (!list) {
        own.addCorpus(corpus);
        own.analyse();
    }
    const CaseFixture &c = list ? m_lists : own;
    const QStringList thread = c.threadOf(root);
    QCOMPARE(thread.size(), size);
    int linked = 0, quoting = 0;
    for (const QString &id : thread) {
        const MessageAnalysis &a = c.result(id);
        QVERIFY2(a.verdict.kind == Verdict::Kind::Clean, qPrintable(id + u' ' + c.describe(id)));
        if (c.analysis().bodies[c.indexOf(id)].history.isEmpty())
            continue;
        ++quoting; // its parent's quote should lead back to a message of the same thread
        const QuoteLink &parent = a.history.first();
        linked += parent.isValid() && thread.contains(c.store().message(parent.message).messageId) ? 1 : 0;
    }
    qInfo("%d of %d quoting messages linked to the stored message they copy", linked, quoting);
    QVERIFY(quoting > 0);
    QCOMPARE(linked, quoting);
}

// Issue bar: at most 0.2 % of the ~3,400 real list messages above clean. The ones above are printed.
void TestRealMail::listsStayBelowFalsePositiveBar()
{
    int flagged = 0;
    const int total = m_lists.store().size();
    for (int i = 0; i < total; ++i) {
        const MessageAnalysis &a = m_lists.analysis().messages[i];
        if (a.verdict.kind == Verdict::Kind::Clean)
            continue;
        ++flagged;
        const QString id = m_lists.store().message(i).messageId;
        qInfo("above clean: %s  %s", qPrintable(id), qPrintable(m_lists.describe(id)));
        QVERIFY2(a.verdict.kind == Verdict::Kind::Suspicious, "a hijack verdict on benign list mail");
    }
    qInfo("%d of %d list messages above clean (%.3f %%)", flagged, total, 100.0 * flagged / total);
    QVERIFY(flagged * 1000 <= total * 2);
}

// lists/quote_verified_pairs.tsv: child messages whose quoted lines were verified against their parent. The
// quoted history of each child must lead to that parent: its first quoted message, or (when the child quotes
// a patch mail below a short reply) one of the others.
void TestRealMail::verifiedPairsLinkToTheirParent()
{
    QFile tsv(CaseFixture::corpus(QStringLiteral("lists/quote_verified_pairs.tsv")));
    QVERIFY(tsv.open(QIODevice::ReadOnly | QIODevice::Text));
    tsv.readLine(); // header
    int pairs = 0, first = 0, any = 0;
    while (!tsv.atEnd()) {
        const QStringList f = QString::fromUtf8(tsv.readLine()).split(u'\t');
        if (f.size() < 5 || !f[0].startsWith(u"lists/"))
            continue;
        const QString child = f[2].mid(1, f[2].size() - 2), parent = f[4].mid(1, f[4].size() - 2);
        const int parentIndex = m_lists.indexOf(parent);
        QVERIFY2(m_lists.indexOf(child) >= 0 && parentIndex >= 0, qPrintable(child));
        const QList<QuoteLink> &history = m_lists.result(child).history;
        ++pairs;
        first += !history.isEmpty() && history.first().message == parentIndex;
        any += std::any_of(history.cbegin(), history.cend(), [parentIndex](const QuoteLink &l) { return l.message == parentIndex; });
    }
    qInfo("%d verified pairs: parent linked as the first quoted message in %d (%.1f %%), anywhere in the history in %d (%.1f %%)",
          pairs, first, 100.0 * first / pairs, any, 100.0 * any / pairs);
    QVERIFY(pairs > 1600);
    QVERIFY(any * 100 >= pairs * 95);
}

void TestRealMail::madeUpHistoryIsFlagged_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("contact");
    QTest::newRow("5854 es") << "sample-5854.eml" << "De:" << "Torres Martinez.Juan Jose" << "bha7ce6tt2@gmail.com";
    QTest::newRow("5945 fr") << "sample-5945.eml" << "De :" << "PICHON Johanna" << "pro.bett833@gmail.com";
}

// The whole quoted history is made up: a name without an address, the lure inside the quote, sent to
// oneself, In-Reply-To to a message nobody has. The evidence must point at that block.
void TestRealMail::madeUpHistoryIsFlagged()
{
    QFETCH(QString, file);
    QFETCH(QString, label);
    QFETCH(QString, name);
    QFETCH(QString, contact);
    CaseFixture c;
    c.addCorpus(QStringLiteral("phishing_pot/eml/") + file);
    c.analyse();
    QCOMPARE(c.store().size(), 1);
    const QString id = c.store().message(0).messageId;
    const MessageAnalysis &a = c.result(id);
    QVERIFY2(a.verdict.kind != Verdict::Kind::Clean, qPrintable(c.describe(id)));
    QCOMPARE(a.splice, -1); // nothing in it is authentic

    const Finding *b1 = c.finding(id, QStringLiteral("B1"));
    QVERIFY2(b1, qPrintable(c.describe(id)));
    const QString &text = c.bodyText(id);
    const Evidence &block = b1->evidence.first();
    QCOMPARE(block.kind, Evidence::Kind::Text);
    QVERIFY(text.mid(block.begin, block.end - block.begin).startsWith(label + u' ' + name));
    QVERIFY(b1->summary.contains(name));
    QVERIFY(b1->summary.contains(QStringLiteral("sent to its own sender")));
    const bool inReplyTo = std::any_of(b1->evidence.cbegin(), b1->evidence.cend(),
                                       [](const Evidence &e) { return e.kind == Evidence::Kind::Header && e.name == u"In-Reply-To"; });
    QVERIFY(inReplyTo);

    const Finding *b4 = c.finding(id, QStringLiteral("B4"));
    QVERIFY(b4 && b4->summary.contains(QStringLiteral("has no address")));
    const Finding *c1 = c.finding(id, QStringLiteral("C1"));
    QVERIFY2(c1, qPrintable(c.describe(id)));
    const Evidence &lure = c1->evidence.first();
    QVERIFY(lure.begin >= block.end); // the lure is inside the quote, below its header
    QVERIFY(text.mid(lure.begin, lure.end - lure.begin).contains(contact));
    QVERIFY(!text.mid(lure.begin, lure.end - lure.begin).contains(QStringLiteral("confidencial"))); // disclaimer cut off
}

// "RE: FYI GRANT.": a compromised account mails itself, a free-mail Reply-To, authentication passes.
void TestRealMail::fakeReplyPassingAuthenticationIsFlagged()
{
    CaseFixture c;
    c.addCorpus(QStringLiteral("phishing_pot/eml/sample-5293.eml"));
    c.analyse();
    const QString id = c.store().message(0).messageId;
    QVERIFY2(c.result(id).verdict.kind != Verdict::Kind::Clean, qPrintable(c.describe(id)));
    QVERIFY(c.finding(id, QStringLiteral("A4")));
    QVERIFY(c.finding(id, QStringLiteral("B1")));
}

// A report must read the same on every run: Qt seeds its hashes anew in each process, and a summary once
// listed a lure's links in a QSet's order (phishing_pot samples with several links in the lure).
void TestRealMail::findingsDoNotDependOnHashSeed()
{
    const auto summaries = [] {
        CaseFixture c;
        for (const char *sample : {"sample-1225.eml", "sample-328.eml", "sample-4858.eml", "sample-7423.eml"})
            c.addCorpus(QStringLiteral("phishing_pot/eml/") + QLatin1String(sample));
        c.analyse();
        QStringList out;
        for (const MessageAnalysis &m : c.analysis().messages) {
            for (const Finding &f : m.findings)
                out << f.summary;
        }
        return out;
    };
    QHashSeed::setDeterministicGlobalSeed();
    const QStringList first = summaries();
    QVERIFY(first.filter(QStringLiteral("; link to ")).size() >= 4);
    for (int run = 0; run < 4; ++run) {
        QHashSeed::resetRandomGlobalSeed();
        QCOMPARE(summaries(), first);
    }
}

QTEST_GUILESS_MAIN(TestRealMail)
#include "tst_realmail.moc"
