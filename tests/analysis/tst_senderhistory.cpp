// SenderHistory on linux-s390 (a list where one author wrote 310 messages): before() is what a reading of the
// case gives, and it keeps only a sender's latest MaxHistory messages, oldest first.
#include "analysis/author.h"
#include "analysis/senderhistory.h"
#include "model/importjob.h"

#include <QTest>

using namespace th;
using analysis::SenderHistory;

class TestSenderHistory : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void beforeIsTheAuthorsEarlierMessages();
    void longHistoryKeepsTheLatest();

private:
    std::vector<model::Message> m_messages;
};

void TestSenderHistory::initTestCase()
{
    m_messages = model::ImportJob({QStringLiteral(TH_CORPORA "/lists/linux-s390_2023-02_to_2023-03.mbox")}).run().messages();
    QVERIFY(m_messages.size() > 1500);
}

void TestSenderHistory::beforeIsTheAuthorsEarlierMessages()
{
    const SenderHistory history(m_messages);
    qsizetype longest = 0;
    for (int i = 0; i < int(m_messages.size()); ++i) {
        const model::Message &m = m_messages[size_t(i)];
        const QString author = analysis::Author::of(m).address;
        QList<int> expected;
        for (int j = 0; j < int(m_messages.size()); ++j) {
            const model::Message &o = m_messages[size_t(j)];
            const bool earlier = !m.date.isValid() || !o.date.isValid() || o.date < m.date;
            if (j != i && earlier && analysis::Author::of(o).address.compare(author, Qt::CaseInsensitive) == 0)
                expected << j;
        }
        QList<int> got = history.before(author, m.date, i);
        for (int k = 1; k < got.size(); ++k)
            QVERIFY(!(m_messages[size_t(got[k])].date < m_messages[size_t(got[k - 1])].date)); // oldest first
        std::sort(got.begin(), got.end());
        QCOMPARE(got, expected);
        longest = qMax(longest, got.size());
    }
    QCOMPARE(longest, 309); // yi.l.liu@intel.com, before the last of the 310
}

// An automated sender: a real message sent 1,200 times, an hour apart.
void TestSenderHistory::longHistoryKeepsTheLatest()
{
    std::vector<model::Message> sent(1200, m_messages.front());
    for (int i = 0; i < int(sent.size()); ++i) {
        sent[size_t(i)].messageId = QStringLiteral("auto%1@example.org").arg(i);
        sent[size_t(i)].date = m_messages.front().date.addSecs(3600 * i);
    }
    const SenderHistory history(sent);
    const QString author = analysis::Author::of(sent.front()).address;
    const QList<int> before = history.before(author, sent.back().date, 1199);
    QCOMPARE(before.size(), SenderHistory::MaxHistory);
    QCOMPARE(before.first(), 1199 - int(SenderHistory::MaxHistory));
    QCOMPARE(before.last(), 1198);
    QCOMPARE(history.before(author, sent[10].date, 10).size(), 10);
    QCOMPARE(history.before(author, QDateTime(), 5).size(), SenderHistory::MaxHistory); // no date: all, the latest kept
    QCOMPARE(history.before(author, QDateTime(), 5).last(), 1199);
}

QTEST_GUILESS_MAIN(TestSenderHistory)
#include "tst_senderhistory.moc"
