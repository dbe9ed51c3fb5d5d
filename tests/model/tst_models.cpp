#include "analysis/threader.h"
#include "model/attachmentmodel.h"
#include "model/displaytext.h"
#include "model/headertablemodel.h"
#include "model/importjob.h"
#include "model/sourcelistmodel.h"
#include "model/threadfilterproxy.h"
#include "model/threadlistmodel.h"
#include "model/threadtreemodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace th;
using namespace th::model;

namespace {

struct Case {
    std::shared_ptr<const MailStore> store;
    std::shared_ptr<const ThreadSet> threads;
};

Case loadCase(const QString &relative)
{
    auto store = std::make_shared<const MailStore>(ImportJob({QStringLiteral(TH_CORPORA "/") + relative}).run());
    auto threads = std::make_shared<const ThreadSet>(analysis::Threader::thread(store->messages()));
    return {store, threads};
}

int threadWithGhosts(const ThreadSet &set)
{
    for (int t = 0; t < set.threads.size(); ++t) {
        if (set.threads[t].ghostCount > 0 && set.threads[t].messageCount > 2)
            return t;
    }
    return -1;
}

} // namespace

// Every model gets a QAbstractItemModelTester before it holds data, so resets are checked too.
class TestModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void threadListAndFilter();
    void threadTreeShowsGhosts();
    void recordTables();
    void displayTextIsCutWhole_data();
    void displayTextIsCutWhole();

private:
    Case m_case;
};

void TestModels::initTestCase()
{
    m_case = loadCase("lists/linux-s390_2023-02_to_2023-03.mbox");
    QVERIFY(m_case.store->size() == 1763);
}

void TestModels::threadListAndFilter()
{
    ThreadListModel list;
    ThreadFilterProxy proxy;
    QAbstractItemModelTester listTester(&list, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&list);
    list.setCase(m_case.store, m_case.threads);
    QCOMPARE(list.rowCount(), m_case.threads->threads.size());
    QCOMPARE(proxy.rowCount(), list.rowCount());

    ThreadFilterProxy::Criteria c;
    c.text = "VFIO: Fix DEADLOCK";
    proxy.setCriteria(c);
    QVERIFY(proxy.rowCount() >= 1);
    QVERIFY(proxy.rowCount() < 10);
    for (int r = 0; r < proxy.rowCount(); ++r)
        QVERIFY(proxy.index(r, 0).data(ThreadListModel::SearchTextRole).toString().contains("vfio: fix deadlock"));

    c = {};
    c.participant = "mjrosato@linux.ibm.com";
    proxy.setCriteria(c);
    const int withMatt = proxy.rowCount();
    QVERIFY(withMatt > 0 && withMatt < list.rowCount());

    c.minMessages = 8;
    proxy.setCriteria(c);
    QVERIFY(proxy.rowCount() > 0 && proxy.rowCount() < withMatt);
    for (int r = 0; r < proxy.rowCount(); ++r)
        QVERIFY(proxy.index(r, 0).data(ThreadListModel::MessageCountRole).toInt() >= 8);

    c = {};
    c.from = QDate(2023, 3, 20);
    c.to = QDate(2023, 3, 21);
    proxy.setCriteria(c);
    QVERIFY(proxy.rowCount() > 0 && proxy.rowCount() < list.rowCount());
    for (int r = 0; r < proxy.rowCount(); ++r) {
        QVERIFY(proxy.index(r, 0).data(ThreadListModel::FirstDateRole).toDateTime().date() <= c.to);
        QVERIFY(proxy.index(r, 0).data(ThreadListModel::LastDateRole).toDateTime().date() >= c.from);
    }

    proxy.setCriteria({});
    proxy.sort(ThreadListModel::MessagesColumn, Qt::DescendingOrder);
    QVERIFY(proxy.index(0, ThreadListModel::MessagesColumn).data().toInt() >= proxy.index(1, ThreadListModel::MessagesColumn).data().toInt());
    list.setCase(nullptr, nullptr);
    QCOMPARE(proxy.rowCount(), 0);
}

void TestModels::threadTreeShowsGhosts()
{
    ThreadTreeModel tree;
    QAbstractItemModelTester tester(&tree, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const int t = threadWithGhosts(*m_case.threads);
    QVERIFY(t >= 0);
    tree.setThread(m_case.store, m_case.threads, t);
    QCOMPARE(tree.rowCount(), 1);
    int ghosts = 0, messages = 0;
    std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int r = 0; r < tree.rowCount(parent); ++r) {
            const QModelIndex i = tree.index(r, 0, parent);
            (i.data(ThreadTreeModel::GhostRole).toBool() ? ghosts : messages) += 1;
            QCOMPARE(tree.parent(i), parent);
            walk(i);
        }
    };
    walk({});
    QCOMPARE(ghosts, m_case.threads->threads[t].ghostCount);
    QCOMPARE(messages, m_case.threads->threads[t].messageCount);
    const int someMessage = m_case.threads->threads[t].messageIndexes().last();
    QCOMPARE(tree.indexOfMessage(someMessage).data(ThreadTreeModel::MessageRole).toInt(), someMessage);
    tree.clear();
    QCOMPARE(tree.rowCount(), 0);
}

void TestModels::recordTables()
{
    HeaderTableModel headers;
    AttachmentModel attachments;
    SourceListModel sources;
    QAbstractItemModelTester t1(&headers, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&attachments, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t3(&sources, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const Message &m = m_case.store->message(0);
    headers.setMessage(m);
    QCOMPARE(headers.rowCount(), m.headers.size());
    QCOMPARE(headers.index(0, HeaderTableModel::NameColumn).data().toString(), m.headerName(m.headers.first()));
    const int subject = int(std::find_if(m.headers.cbegin(), m.headers.cend(), [&](const HeaderField &f) {
                                return m.headerName(f) == "Subject";
                            }) - m.headers.cbegin());
    QCOMPARE(headers.index(subject, HeaderTableModel::ValueColumn).data().toString(), m.subject);
    sources.setRecords(m_case.store->sources());
    QCOMPARE(sources.index(0, SourceListModel::Sha256Column).data().toString().size(), 64);
    Attachment a;
    a.fileName = "invoice.zip";
    a.mimeType = "application/zip";
    a.size = 2048;
    a.sha256 = QByteArray(64, 'a');
    attachments.setRecords({a});
    QCOMPARE(attachments.index(0, AttachmentModel::NameColumn).data().toString(), QString("invoice.zip"));
    attachments.setRecords({});
    QCOMPARE(attachments.rowCount(), 0);
}

// A real subject of the case, and the same repeated past the cap: views show it cut, with what was left out.
// A cut never splits a character encoded as two UTF-16 units (an emoji).
void TestModels::displayTextIsCutWhole_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("shown");
    const QString subject = m_case.store->message(0).subject;
    QVERIFY(!subject.isEmpty() && subject.size() < DisplayText::MaxLength);
    QTest::newRow("real subject") << subject << subject;
    const QString repeated = subject.repeated(DisplayText::MaxLength / int(subject.size()) + 2);
    QTest::newRow("past the cap") << repeated
                                  << repeated.left(DisplayText::MaxLength) + QStringLiteral(" … [%1 more characters]").arg(repeated.size() - DisplayText::MaxLength);
    const QString emoji = QString(DisplayText::MaxLength - 1, u'a') + QString::fromUtf8("\xF0\x9F\x98\x80") + "b"; // 😀 at the cap
    QTest::newRow("emoji at the cap") << emoji << QString(DisplayText::MaxLength - 1, u'a') + QStringLiteral(" … [3 more characters]");
}

void TestModels::displayTextIsCutWhole()
{
    QFETCH(QString, text);
    QFETCH(QString, shown);
    QCOMPARE(DisplayText::shortened(text), shown);
    QCOMPARE(DisplayText::shortened(QVariant(text)).toString(), shown);
    QCOMPARE(DisplayText::shortened(QVariant(42)).toInt(), 42);
}

QTEST_GUILESS_MAIN(TestModels)
#include "tst_models.moc"
