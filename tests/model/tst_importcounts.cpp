#include "model/importjob.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace th::model;

namespace {

QString corpus(const QString &relative)
{
    return QStringLiteral(TH_CORPORA "/") + relative;
}

int collidingMessages(const MailStore &store)
{
    int n = 0;
    for (int i = 0; i < store.size(); ++i)
        n += store.hasIdCollision(i) ? 1 : 0;
    return n;
}

QByteArray sha256(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return h.result().toHex();
}

} // namespace

class TestImportCounts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void counts_data();
    void counts();
    void emptyFileIsADefect();
    void sourcesAreHashedAndUntouched();
    void rawBytesAreTheOriginal();
    void unreadableInputIsNamedAndTheRestGoesOn();
    void cancelStopsEarly();
};

void TestImportCounts::counts_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("files");
    QTest::addColumn<int>("messages");
    QTest::addColumn<int>("merged");
    QTest::addColumn<int>("colliding"); ///< messages sharing a Message-ID with a different message

    QTest::newRow("s390 mbox") << corpus(u"lists/linux-s390_2023-02_to_2023-03.mbox"_qs) << 1 << 1763 << 0 << 8;
    QTest::newRow("kselftest Maildir") << corpus(u"lists/linux-kselftest_2023-03.maildir"_qs) << 1243 << 1242 << 1 << 0;
    QTest::newRow("usrp-users eml folder") << corpus(u"lists/usrp-users_2021-08_to_2021-09"_qs) << 409 << 409 << 0 << 2;
    QTest::newRow("phishing_pot eml folder") << corpus(u"phishing_pot/eml"_qs) << 645 << 645 << 0 << 3;
}

void TestImportCounts::counts()
{
    QFETCH(QString, path);
    QFETCH(int, files);
    QFETCH(int, messages);
    QFETCH(int, merged);
    QFETCH(int, colliding);

    ImportJob job({path});
    const MailStore store = job.run();
    QCOMPARE(store.sources().size(), files);
    for (const SourceFile &s : store.sources())
        QVERIFY2(!s.failed(), qPrintable(s.path + ": " + s.error));
    QCOMPARE(store.size(), messages);
    QCOMPARE(store.mergedDuplicateCount(), merged);
    QCOMPARE(collidingMessages(store), colliding);
}

void TestImportCounts::emptyFileIsADefect()
{
    const MailStore store = ImportJob({corpus(u"phishing_pot/eml/sample-2227.eml"_qs)}).run();
    QCOMPARE(store.size(), 1);
    QVERIFY(!store.sources().first().failed());
    QVERIFY(store.message(0).defects.join(u' ').contains(u"empty message"));
}

void TestImportCounts::sourcesAreHashedAndUntouched()
{
    const QString path = corpus(u"lists/linux-s390_2023-02_to_2023-03.mbox"_qs);
    const QDateTime before = QFileInfo(path).lastModified();
    const QByteArray expected = sha256(path);
    const MailStore store = ImportJob({path}).run();
    QCOMPARE(store.sources().first().sha256, expected);
    QCOMPARE(QFileInfo(path).lastModified(), before);
    QCOMPARE(sha256(path), expected);
}

// The raw view shows the file's own bytes: for an mbox, the span between separators, escaping included.
void TestImportCounts::rawBytesAreTheOriginal()
{
    const QString path = corpus(u"lists/linux-s390_2023-02_to_2023-03.mbox"_qs);
    const MailStore store = ImportJob({path}).run();
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray all = f.readAll();
    for (int i : {0, 500, store.size() - 1}) {
        const MessageSource &s = store.message(i).source;
        const QByteArray raw = store.rawBytes(i);
        QCOMPARE(raw, all.mid(s.offset, s.length));
        QVERIFY(all.mid(s.offset - 60, 60).contains("\nFrom ") || s.offset < 100);
    }
}

void TestImportCounts::unreadableInputIsNamedAndTheRestGoesOn()
{
    const QString missing = QStringLiteral("/nonexistent/evidence.mbox");
    const QString good = corpus(u"lists/usrp-users_2021-08_to_2021-09/000061_9e64305ae724.eml"_qs);
    const MailStore store = ImportJob({missing, good}).run();
    QCOMPARE(store.size(), 1);
    const auto bad = std::find_if(store.sources().cbegin(), store.sources().cend(), [](const SourceFile &s) { return s.failed(); });
    QVERIFY(bad != store.sources().cend());
    QCOMPARE(bad->path, missing);
    QVERIFY(!bad->error.isEmpty());
}

void TestImportCounts::cancelStopsEarly()
{
    std::atomic_bool cancelled{false};
    ImportJob job({corpus(u"lists/linux-s390_2023-02_to_2023-03.mbox"_qs)});
    job.setProgressCallback([&cancelled](const ImportProgress &) { cancelled = true; });
    const MailStore store = job.run({}, cancelled);
    QVERIFY(store.size() > 0);
    QVERIFY(store.size() < 1763);
}

QTEST_GUILESS_MAIN(TestImportCounts)
#include "tst_importcounts.moc"
