#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>

namespace {

struct Run {
    int exitCode;
    QString out;
    QString err;
};

Run threadhound(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(TH_EXECUTABLE), args);
    p.waitForFinished(120000);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(f.readAll()).object();
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void version();
    void scanWritesTheReport();
    void unreadableInputFails();
    void usage();
    void crashPrintsTheCallStack();

private:
    QTemporaryDir m_dir;
};

void TestCli::version()
{
    const Run r = threadhound({"--version"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith("threadhound " THREADHOUND_VERSION));
}

void TestCli::scanWritesTheReport()
{
    const QString out = m_dir.filePath("demo.json");
    const Run r = threadhound({"scan", TH_DEMO_CASE, "--json", out, "--quiet"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains(out));
    const QJsonObject report = readJson(out);
    QCOMPARE(report["schema"].toString(), QString("threadhound/1"));
    QCOMPARE(report["sources"].toArray().size(), 1);
    QCOMPARE(report["sources"].toArray()[0].toObject()["sha256"].toString().size(), 64);
    const QJsonArray messages = report["messages"].toArray();
    QCOMPARE(messages.size(), 28);
    QSet<QString> ids;
    for (const QJsonValue &v : messages)
        ids.insert(v.toObject()["message_id"].toString());
    for (const QJsonValue &v : messages) {
        const QJsonObject m = v.toObject();
        for (const char *key : {"message_id", "source", "date", "from", "to", "cc", "subject", "thread_id", "parent_id",
                                "in_reply_to", "references", "defects"})
            QVERIFY2(m.contains(key), key);
        QVERIFY(!m["message_id"].toString().contains('<'));
        QVERIFY(m["date"].toString().endsWith('Z'));
        QVERIFY(m["parent_id"].isNull() || !m["parent_id"].toString().isEmpty());
        if (!m["parent_id"].isNull() && ids.contains(m["parent_id"].toString()))
            QVERIFY(m["in_reply_to"].toArray().contains(m["parent_id"]) || m["references"].toArray().contains(m["parent_id"]));
    }
    QVERIFY(report["threads"].toArray().size() >= 5);
}

void TestCli::unreadableInputFails()
{
    const QString out = m_dir.filePath("missing.json");
    const Run r = threadhound({"scan", "/nonexistent/export.mbox", TH_DEMO_CASE, "--json", out, "--quiet"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("/nonexistent/export.mbox"), qPrintable(r.err));
    QCOMPARE(readJson(out)["messages"].toArray().size(), 28); // the rest is still scanned
}

void TestCli::usage()
{
    QCOMPARE(threadhound({"scan", TH_DEMO_CASE}).exitCode, 1);
}

// A crash in an unattended scan must leave the call stack behind (CrashReport). The test stops a real scan
// with SIGSEGV once it reports progress; the kernel delivers a process signal to the main thread first.
void TestCli::crashPrintsTheCallStack()
{
#if defined(__SANITIZE_ADDRESS__)
    QSKIP("sanitizer builds print their own crash reports");
#endif
    QProcess p;
    p.setReadChannel(QProcess::StandardError);
    p.start(QStringLiteral(TH_EXECUTABLE), {"scan", TH_CORPORA "/lists", "--json", m_dir.filePath("crash.json")});
    QVERIFY(p.waitForReadyRead(60000));
    ::kill(pid_t(p.processId()), SIGSEGV);
    QVERIFY(p.waitForFinished(60000));
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QCOMPARE(p.exitStatus(), QProcess::CrashExit);
    QVERIFY2(err.contains("threadhound: fatal signal SEGV; call stack of the failing thread:\n"), qPrintable(err.right(2000)));
    QVERIFY2(err.contains("threadhound(main+"), qPrintable(err.right(2000)));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
