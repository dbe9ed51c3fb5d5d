#include "analysis/threader.h"
#include "model/importjob.h"
#include "model/mimeparser.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

using namespace th;
using model::Message;

using IdPairs = QList<QPair<QString, QString>>; ///< child id, parent id

namespace {

QString corpus(const QString &relative)
{
    return QStringLiteral(TH_CORPORA "/") + relative;
}

Message msg(const QString &id, const QStringList &inReplyTo, const QStringList &references, int day, const QString &subject = "s")
{
    Message m;
    m.messageId = id;
    m.inReplyTo = inReplyTo;
    m.references = references;
    m.subject = subject;
    m.date = QDateTime(QDate(2024, 1, day), QTime(12, 0), Qt::UTC);
    m.contentSha256 = id.toLatin1().toHex();
    return m;
}

// message id -> (parent id or "", thread id): independent of the order of the input.
QMap<QString, QPair<QString, QString>> shape(const std::vector<Message> &messages, const model::ThreadSet &set)
{
    QMap<QString, QPair<QString, QString>> out;
    for (int i = 0; i < int(messages.size()); ++i) {
        const model::ThreadNode *p = set.parentOf(i);
        const QString key = messages[size_t(i)].messageId + u'#' + QString::fromLatin1(messages[size_t(i)].contentSha256.left(8));
        out.insert(key, {p ? p->messageId : QString(), set.threads[set.threadOfMessage[i]].id});
    }
    return out;
}

std::vector<Message> importAll(const QString &path)
{
    return model::ImportJob({path}).run().messages();
}

int indexOf(const std::vector<Message> &messages, const QString &id)
{
    const auto it = std::find_if(messages.cbegin(), messages.cend(), [&](const Message &m) { return m.messageId == id; });
    return it == messages.cend() ? -1 : int(it - messages.cbegin());
}

QString parentId(const model::ThreadSet &set, int message)
{
    const model::ThreadNode *p = set.parentOf(message);
    return p ? p->messageId : QString();
}

} // namespace

class TestThreader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shapes_data();
    void shapes();
    void orderIndependenceOnARealList();
    void notmuchParentPriority();
    void notmuchGhostRoot();
    void notmuchLoopIsBroken();
    void deepChainIsWalkedWithoutRecursion();
    void referenceThreads_data();
    void referenceThreads();
    void quoteVerifiedPairs_data();
    void quoteVerifiedPairs();
    void subjectGroupingNeverMerges();
};

void TestThreader::shapes_data()
{
    QTest::addColumn<QList<Message>>("messages");
    QTest::addColumn<QStringList>("expected"); ///< "id<-parent" per message, sorted

    QTest::newRow("chain") << QList<Message>{msg("a", {}, {}, 1), msg("b", {"a"}, {"a"}, 2), msg("c", {"b"}, {"a", "b"}, 3)}
                           << QStringList{"a<-", "b<-a", "c<-b"};
    QTest::newRow("fork") << QList<Message>{msg("a", {}, {}, 1), msg("b", {"a"}, {"a"}, 2), msg("c", {"a"}, {"a"}, 3)}
                          << QStringList{"a<-", "b<-a", "c<-a"};
    QTest::newRow("missing root: ghost parent") << QList<Message>{msg("b", {"a"}, {"a"}, 2), msg("c", {"a"}, {"a"}, 3)}
                                                << QStringList{"b<-a", "c<-a"};
    QTest::newRow("ghost chain shortened") << QList<Message>{msg("d", {"c"}, {"a", "b", "c"}, 4)} << QStringList{"d<-c"};
    QTest::newRow("ghost in the middle") << QList<Message>{msg("a", {}, {}, 1), msg("c", {"b"}, {"a", "b"}, 3)}
                                         << QStringList{"a<-", "c<-b"};
    QTest::newRow("In-Reply-To beats References") << QList<Message>{msg("a", {}, {}, 1), msg("x", {}, {}, 1), msg("b", {"a"}, {"x"}, 2)}
                                                  << QStringList{"a<-", "b<-a", "x<-"};
    QTest::newRow("In-Reply-To not stored: last Reference") << QList<Message>{msg("a", {}, {}, 1), msg("b", {"zz"}, {"a"}, 2)}
                                                            << QStringList{"a<-", "b<-a"};
    QTest::newRow("two-message loop") << QList<Message>{msg("a", {"b"}, {"b"}, 1), msg("b", {"a"}, {"a"}, 2)}
                                      << QStringList{"a<-", "b<-a"};
    QTest::newRow("self reference") << QList<Message>{msg("a", {"a"}, {"a"}, 1)} << QStringList{"a<-"};
}

void TestThreader::shapes()
{
    QFETCH(QList<Message>, messages);
    QFETCH(QStringList, expected);
    std::vector<Message> v(messages.cbegin(), messages.cend());
    std::sort(v.begin(), v.end(), [](const Message &x, const Message &y) { return x.messageId < y.messageId; });
    // Every order of the same messages gives the same threads.
    QMap<QString, QPair<QString, QString>> first;
    do {
        const model::ThreadSet set = analysis::Threader::thread(v);
        QStringList got;
        for (int i = 0; i < int(v.size()); ++i)
            got << v[size_t(i)].messageId + "<-" + parentId(set, i);
        got.sort();
        QCOMPARE(got, expected);
        if (first.isEmpty())
            first = shape(v, set);
        QCOMPARE(shape(v, set), first);
    } while (std::next_permutation(v.begin(), v.end(), [](const Message &x, const Message &y) { return x.messageId < y.messageId; }));
}

void TestThreader::orderIndependenceOnARealList()
{
    std::vector<Message> messages = importAll(corpus("lists/linux-s390_2023-02_to_2023-03.mbox"));
    const auto reference = shape(messages, analysis::Threader::thread(messages));
    QRandomGenerator rng(20240611);
    for (int round = 0; round < 3; ++round) {
        std::shuffle(messages.begin(), messages.end(), rng);
        QCOMPARE(shape(messages, analysis::Threader::thread(messages)), reference);
    }
}

// notmuch test/corpora/threading/parent-priority: In-Reply-To is trusted over a broken References.
void TestThreader::notmuchParentPriority()
{
    const std::vector<Message> m = importAll(corpus("notmuch/threading/parent-priority"));
    const model::ThreadSet set = analysis::Threader::thread(m);
    QCOMPARE(parentId(set, indexOf(m, "B01-child@example.org")), QString("B00-root@example.org"));
    QCOMPARE(parentId(set, indexOf(m, "B01-grand-child@example.org")), QString("B01-child@example.org"));
    QCOMPARE(parentId(set, indexOf(m, "B00-root@example.org")), QString());
    QCOMPARE(set.threads.size(), 1);
}

// notmuch test/corpora/threading/ghost-root: a reply to a missing message must not displace the real root.
void TestThreader::notmuchGhostRoot()
{
    const std::vector<Message> m = importAll(corpus("notmuch/threading/ghost-root"));
    const model::ThreadSet set = analysis::Threader::thread(m);
    const int realRoot = indexOf(m, "000-real-root@example.org");
    QCOMPARE(parentId(set, realRoot), QString());
    QCOMPARE(set.threads[set.threadOfMessage[realRoot]].id, QString("000-real-root@example.org"));
    QCOMPARE(parentId(set, indexOf(m, "001-child@example.org")), QString("000-real-root@example.org"));
    QCOMPARE(parentId(set, indexOf(m, "001-fake-message-root@example.org")), QString("nonexistent-message@example.org"));
    QCOMPARE(parentId(set, indexOf(m, "001-great-grand-child@example.org")), QString("001-grand-child@example.org"));
    for (const char *id : {"001-child@example.org", "001-grand-child@example.org", "001-grand-child2@example.org",
                           "001-great-grand-child@example.org", "001-fake-message-root@example.org"})
        QCOMPARE(set.threadOfMessage[indexOf(m, id)], set.threadOfMessage[realRoot]);
    // The RT ticket thread: the original message stays a root; the ticket pseudo-id does not adopt it.
    const int fyi = indexOf(m, "87bmc6lp3h.fsf@len.workgroup");
    QCOMPARE(parentId(set, fyi), QString());
    QCOMPARE(set.threads[set.threadOfMessage[fyi]].nodes.first().messageId, QString("87bmc6lp3h.fsf@len.workgroup"));
}

void TestThreader::notmuchLoopIsBroken()
{
    const std::vector<Message> m = importAll(corpus("notmuch/broken/loop"));
    QCOMPARE(int(m.size()), 2);
    const model::ThreadSet set = analysis::Threader::thread(m);
    QCOMPARE(set.threads.size(), 1);
    QCOMPARE(set.threads.first().messageCount, 2);
    QCOMPARE(set.threads.first().nodes.first().isGhost(), false);
}

// A hostile mailbox: notmuch's loop message copied into a chain of 200,000 replies, each to the one before,
// without dates, under a missing first message. A recursive walk of the thread overflowed the stack.
void TestThreader::deepChainIsWalkedWithoutRecursion()
{
    const std::vector<Message> real = importAll(corpus("notmuch/broken/loop"));
    QVERIFY(!real.empty());
    constexpr int Depth = 200000;
    std::vector<Message> chain(Depth, real.front());
    for (int i = 0; i < Depth; ++i) {
        chain[size_t(i)].messageId = QStringLiteral("chain%1@example.org").arg(i);
        // the first replies to a message the mailbox lacks: a ghost above the chain
        chain[size_t(i)].inReplyTo = QStringList{i ? QStringLiteral("chain%1@example.org").arg(i - 1) : QStringLiteral("missing@example.org")};
        chain[size_t(i)].references.clear();
        chain[size_t(i)].date = QDateTime();
    }
    std::swap(chain.front(), chain.back());
    const model::ThreadSet set = analysis::Threader::thread(chain);
    QCOMPARE(set.threads.size(), 1);
    const model::Thread &t = set.threads.first();
    QCOMPARE(t.messageCount, Depth);
    QCOMPARE(t.nodes.size(), Depth + 1);
    QVERIFY(t.nodes.first().isGhost());
    for (int n = 1; n < int(t.nodes.size()); ++n)
        QVERIFY2(t.nodes[n].parent == n - 1 && t.nodes[n - 1].children == QList<int>{n}, qPrintable(QString::number(n)));
    QCOMPARE(t.nodes[1].messageId, QStringLiteral("chain0@example.org"));
    QCOMPARE(set.nodeOfMessage[0], Depth); // the last of the chain, swapped to the front
}

void TestThreader::referenceThreads_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("root");
    QTest::addColumn<int>("size");
    QTest::newRow("notmuch default") << corpus("notmuch/default") << "20091117190054.GU3165@dottiness.seas.harvard.edu" << 7;
    QTest::newRow("s390 vfio deadlock") << corpus("lists/linux-s390_2023-02_to_2023-03.mbox") << "20230201192010.42748-1-mjrosato@linux.ibm.com" << 8;
    QTest::newRow("s390 virtio notification data") << corpus("lists/linux-s390_2023-02_to_2023-03.mbox") << "20230321134410.2097163-1-viktor@daynix.com" << 7;
    QTest::newRow("kselftest tun hang") << corpus("lists/linux-kselftest_2023-03.maildir") << "a0734a6b-9491-b43a-6dff-4d3498faee2e@alu.unizg.hr" << 8;
    QTest::newRow("usrp burst") << corpus("lists/usrp-users_2021-08_to_2021-09")
                                << "BN7PR05MB4500ABFB5DD85D4FDB6FAD99D5F39@BN7PR05MB4500.namprd05.prod.outlook.com" << 20;
}

void TestThreader::referenceThreads()
{
    QFETCH(QString, path);
    QFETCH(QString, root);
    QFETCH(int, size);
    const std::vector<Message> m = importAll(path);
    const model::ThreadSet set = analysis::Threader::thread(m);
    QFile ref(QStringLiteral(TH_SOURCE_DIR "/tests/data/reference/threads.tsv"));
    QVERIFY(ref.open(QIODevice::ReadOnly | QIODevice::Text));
    int rows = 0;
    for (const QByteArray &line : ref.readAll().split('\n')) {
        const QList<QByteArray> f = line.split('\t');
        if (f.size() != 3 || f[0] != root.toLatin1())
            continue;
        const int i = indexOf(m, QString::fromLatin1(f[1]));
        QVERIFY2(i >= 0, f[1].constData());
        QCOMPARE(parentId(set, i), QString::fromLatin1(f[2]));
        QCOMPARE(set.threads[set.threadOfMessage[i]].id, root);
        ++rows;
    }
    QCOMPARE(rows, size);
    QCOMPARE(set.threads[set.threadOfMessage[indexOf(m, root)]].messageCount, size);
}

void TestThreader::quoteVerifiedPairs_data()
{
    QTest::addColumn<QString>("corpusPath");
    QTest::addColumn<IdPairs>("pairs");
    QFile tsv(corpus("lists/quote_verified_pairs.tsv"));
    QVERIFY(tsv.open(QIODevice::ReadOnly | QIODevice::Text));
    QMap<QString, IdPairs> byCorpus;
    for (const QByteArray &line : tsv.readAll().split('\n').mid(1)) {
        const QList<QByteArray> f = line.split('\t');
        if (f.size() < 5)
            continue;
        const auto bare = [](const QByteArray &id) { return QString::fromUtf8(id).remove(u'<').remove(u'>'); };
        byCorpus[QString::fromUtf8(f[0])] << qMakePair(bare(f[2]), bare(f[4]));
    }
    QCOMPARE(byCorpus.size(), 5);
    for (auto it = byCorpus.cbegin(); it != byCorpus.cend(); ++it)
        QTest::newRow(qPrintable(it.key())) << it.key() << it.value();
}

void TestThreader::quoteVerifiedPairs()
{
    QFETCH(QString, corpusPath);
    QFETCH(IdPairs, pairs);
    const std::vector<Message> m = importAll(corpus(corpusPath));
    const model::ThreadSet set = analysis::Threader::thread(m);
    for (const auto &[child, parent] : pairs) {
        const int i = indexOf(m, child);
        QVERIFY2(i >= 0, qPrintable(child));
        QCOMPARE(parentId(set, i), parent);
    }
}

void TestThreader::subjectGroupingNeverMerges()
{
    const std::vector<Message> v{msg("a", {}, {}, 1, "Quarterly stock count"), msg("b", {}, {}, 2, "Re: Quarterly stock count"),
                                 msg("c", {"a"}, {"a"}, 3, "RE: AW: [list] Quarterly stock count")};
    const model::ThreadSet set = analysis::Threader::thread(v);
    QCOMPARE(set.threads.size(), 2);
    QCOMPARE(set.subjectGroups.size(), 1);
    QCOMPARE(set.subjectGroups.first().threads.size(), 2);
    QCOMPARE(set.subjectGroups.first().baseSubject, QString("quarterly stock count"));
    QVERIFY(set.threadOfMessage[0] != set.threadOfMessage[1]);
}

QTEST_GUILESS_MAIN(TestThreader)
#include "tst_threader.moc"
