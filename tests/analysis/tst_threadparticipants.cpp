// ThreadParticipants on the real threads of linux-s390. namedBefore: a thread of more than 64 messages is
// answered through its sorted sightings, a shorter one by reading its messages. Both must say what a reading
// of the thread says, for every message of the thread and every address the thread names. namesWord must say
// what the thread's names say.
#include "casefixture.h"

#include "analysis/threadparticipants.h"

#include <QTest>

using namespace th::analysis;

namespace {

bool names(const th::model::Message &m, const QString &address)
{
    QList<th::model::MailAddress> all = m.to + m.cc;
    all << m.from;
    return std::any_of(all.cbegin(), all.cend(), [&](const th::model::MailAddress &a) { return a.address.compare(address, Qt::CaseInsensitive) == 0; });
}

} // namespace

class TestThreadParticipants : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void namedBeforeAgreesWithTheThread_data();
    void namedBeforeAgreesWithTheThread();
    void nameWordsAgreeWithTheNames();

private:
    CaseFixture m_case;
};

void TestThreadParticipants::initTestCase()
{
    m_case.addCorpus(QString::fromLatin1(CaseFixture::S390));
    m_case.analyse();
}

void TestThreadParticipants::namedBeforeAgreesWithTheThread_data()
{
    QTest::addColumn<QString>("root");
    QTest::addColumn<bool>("isLong");
    QTest::newRow("128 messages: sightings") << "20230227111135.61728-1-yi.l.liu@intel.com" << true;
    QTest::newRow("67 messages: sightings") << "20230213151348.56451-1-yi.l.liu@intel.com" << true;
    QTest::newRow("a short thread: read") << "20230201192010.42748-1-mjrosato@linux.ibm.com" << false;
}

void TestThreadParticipants::namedBeforeAgreesWithTheThread()
{
    QFETCH(QString, root);
    QFETCH(bool, isLong);
    const ThreadParticipants participants(m_case.store().messages(), m_case.threads());
    const QStringList ids = m_case.threadOf(root);
    QCOMPARE(ids.size() > 64, isLong);
    const int thread = m_case.threads().threadOfMessage[m_case.indexOf(root)];
    QSet<QString> addresses;
    for (const QString &id : ids) {
        const th::model::Message &m = m_case.store().message(m_case.indexOf(id));
        for (const th::model::MailAddress &a : m.to + m.cc + QList<th::model::MailAddress>{m.from})
            addresses.insert(a.address.toUpper()); // the question is asked in any case
    }
    int yes = 0, no = 0;
    for (const QString &id : ids) {
        const int index = m_case.indexOf(id);
        const th::model::Message &m = m_case.store().message(index);
        for (const QString &address : std::as_const(addresses)) {
            const bool expected = std::any_of(ids.cbegin(), ids.cend(), [&](const QString &other) {
                const int o = m_case.indexOf(other);
                const th::model::Message &om = m_case.store().message(o);
                return o != index && om.date < m.date && names(om, address);
            });
            QVERIFY2(participants.namedBefore(thread, address, m.date, index) == expected, qPrintable(id + u' ' + address));
            (expected ? yes : no) += 1;
        }
    }
    qInfo("%d addresses named before, %d not", yes, no);
    QVERIFY(yes > 0 && no > 0);
}

// A word of a participant's name, asked without gathering the names: for every message of every thread, the
// word counts must say what the names counted beyond the message's own mentions say.
void TestThreadParticipants::nameWordsAgreeWithTheNames()
{
    const ThreadParticipants participants(m_case.store().messages(), m_case.threads());
    int yes = 0, no = 0;
    for (int t = 0; t < m_case.threads().threads.size(); ++t) {
        const ThreadParticipants::Counts &counts = participants.ofThread(t);
        for (int m : m_case.threads().threads[t].messageIndexes()) {
            const QStringList own = ThreadParticipants::mentionsOf(m_case.store().message(m)).names;
            QSet<QString> words{QStringLiteral("absent")};
            for (const auto &n : counts.names) {
                for (const QString &w : n.first.split(u' ', Qt::SkipEmptyParts))
                    words.insert(w);
            }
            for (const QString &word : std::as_const(words)) {
                bool expected = false;
                for (auto n = counts.names.cbegin(); n != counts.names.cend() && !expected; ++n)
                    expected = n->first.split(u' ', Qt::SkipEmptyParts).contains(word) && n->second > own.count(n->first);
                QVERIFY2(participants.namesWord(t, word, own) == expected, qPrintable(word));
                (expected ? yes : no) += 1;
            }
        }
    }
    qInfo("%d name words of other participants, %d only of the message's own", yes, no);
    QVERIFY(yes > 1000 && no > 100);
}

QTEST_GUILESS_MAIN(TestThreadParticipants)
#include "tst_threadparticipants.moc"
