#include "model/threadindex.h"

#include <QTest>

using th::model::ThreadIndex;

class TestThreadIndex : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void decode_data();
    void decode();
    void childTimes();
};

void TestThreadIndex::decode_data()
{
    QTest::addColumn<QString>("header");
    QTest::addColumn<QDateTime>("reference");
    QTest::addColumn<ThreadIndex::Variant>("variant");
    QTest::addColumn<QDateTime>("root");
    QTest::addColumn<QString>("guid");
    QTest::addColumn<int>("depth");

    const auto utc = [](int y, int mo, int d, int h, int mi, int s, int ms) {
        return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC);
    };
    // detection-spec 4.3: verified against the message's Date header (Sun, 18 Jun 2023 07:35:56 +0700).
    QTest::newRow("modern, Exchange Online") << "AQHZoXzYm8YpUCUtTUGHRFEeKbgDbg==" << utc(2023, 6, 18, 0, 35, 56, 0)
                                             << ThreadIndex::Variant::Modern << utc(2023, 6, 18, 0, 35, 55, 603)
                                             << "9bc62950-252d-4d41-8744-511e29b8036e" << 0;
    // pstsdk sample1.pst; pffexport prints Filetime Mar 15, 2010 17:11:41.774848 and this GUID.
    QTest::newRow("classic, desktop Outlook") << "AcrEYpTrzZujccahR9eP7+yUpWTr2g==" << utc(2010, 3, 15, 17, 12, 5, 0)
                                              << ThreadIndex::Variant::Classic << utc(2010, 3, 15, 17, 11, 41, 774)
                                              << "cd9ba371-c6a1-47d7-8fef-ec94a564ebda" << 0;
    QTest::newRow("no reference date") << "AcrEYpTrzZujccahR9eP7+yUpWTr2g==" << QDateTime()
                                       << ThreadIndex::Variant::Classic << utc(2010, 3, 15, 17, 11, 41, 774)
                                       << "cd9ba371-c6a1-47d7-8fef-ec94a564ebda" << 0;
    QTest::newRow("not 22 + 5k bytes") << "AcrEYpTrzZujccahR9eP7+yUpWTr2gAA" << QDateTime() << ThreadIndex::Variant::Malformed
                                       << QDateTime() << QString() << 0;
    QTest::newRow("not base64") << "not*base64!" << QDateTime() << ThreadIndex::Variant::Malformed << QDateTime() << QString() << 0;
    QTest::newRow("implausible time") << "/////////////////////////////w==" << QDateTime() << ThreadIndex::Variant::Malformed
                                      << QDateTime() << QString() << 0;
    QTest::newRow("absent") << "" << QDateTime() << ThreadIndex::Variant::Absent << QDateTime() << QString() << 0;
}

void TestThreadIndex::decode()
{
    QFETCH(QString, header);
    QFETCH(QDateTime, reference);
    QFETCH(ThreadIndex::Variant, variant);
    QFETCH(QDateTime, root);
    QFETCH(QString, guid);
    QFETCH(int, depth);

    const ThreadIndex ti = ThreadIndex::decode(header, reference);
    QCOMPARE(ti.variant, variant);
    if (!ti.isValid()) {
        QCOMPARE(ti.problem.isEmpty(), variant == ThreadIndex::Variant::Absent);
        return;
    }
    QCOMPARE(ti.rootTime, root);
    QCOMPARE(ti.guid.toString(QUuid::WithoutBraces), guid);
    QCOMPARE(ti.depth(), depth);
}

// detection-spec 4.3: Exchange children on a modern header wrap mod 2^31 against the classic reading.
void TestThreadIndex::childTimes()
{
    const ThreadIndex ti = ThreadIndex::decode(u"AQHWLRNo4NaOjvXU8EODe0ZotrA8B6itzaxf");
    QCOMPARE(ti.variant, ThreadIndex::Variant::Modern);
    QCOMPARE(ti.rootTime, QDateTime(QDate(2020, 5, 18), QTime(12, 54, 2, 646), Qt::UTC));
    QCOMPARE(ti.depth(), 1);
    QCOMPARE(ti.childTimes.first(), QDateTime(QDate(2020, 5, 18), QTime(12, 57, 39, 754), Qt::UTC));
}

QTEST_GUILESS_MAIN(TestThreadIndex)
#include "tst_threadindex.moc"
