#include "model/importjob.h"
#include "model/sourcescanner.h"

#include <QElapsedTimer>
#include <QTest>

using namespace th::model;

// Every file of the hostile and odd corpora goes through the real import path, one at a time, so that a
// crash, a sanitizer report or a hang names its file. The sanitizer build runs this test (label "corpus").
class TestHostile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void corpusFiles_data();
    void corpusFiles();
};

void TestHostile::corpusFiles_data()
{
    QTest::addColumn<QString>("path");
    for (const char *dir : {"mime-torture", "outlook", "phishing_pot", "spoof-auth-rspamd", "debian-samples", "notmuch"}) {
        const SourceScanner::Result scan = SourceScanner::scan({QStringLiteral(TH_CORPORA "/") + QLatin1String(dir)});
        for (const SourceFile &f : scan.files)
            QTest::newRow(qPrintable(f.path.mid(int(strlen(TH_CORPORA)) + 1))) << f.path;
    }
}

void TestHostile::corpusFiles()
{
    QFETCH(QString, path);
    QElapsedTimer clock;
    clock.start();
    const MailStore store = ImportJob({path}).run();
    QVERIFY2(clock.elapsed() < 20000, qPrintable(QStringLiteral("%1 took %2 ms").arg(path).arg(clock.elapsed())));
    QCOMPARE(store.sources().size(), 1);
    const SourceFile &s = store.sources().first();
    QVERIFY2(s.failed() || s.sha256.size() == 64, qPrintable(path));
    if (s.failed())
        QVERIFY(!s.error.isEmpty());
    for (const Message &m : store.messages())
        QCOMPARE(m.source.fileIndex, 0);
}

QTEST_GUILESS_MAIN(TestHostile)
#include "tst_hostile.moc"
