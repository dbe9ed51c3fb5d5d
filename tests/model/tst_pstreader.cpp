// PstReader against the Outlook corpus, with Debian's pffexport (pff-tools) as the independent oracle.

#include "model/mimeparser.h"
#include "model/pstreader.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

using namespace th::model;

namespace {

const QString Outlook = QStringLiteral(TH_CORPORA "/outlook");
const QString Sample1 = Outlook + QStringLiteral("/pstsdk_samples/sample1.pst");
const QString SubMessage = Outlook + QStringLiteral("/pstsdk_samples/submessage.pst");

QByteArray sha256OfFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&f);
    return hash.result().toHex();
}

/// What both sides are compared on: "Message-ID <TAB> Subject".
QString identity(const QString &messageId, const QString &subject)
{
    return messageId + u'\t' + subject;
}

void collect(const std::vector<Message> &messages, QStringList &withHeaders, int &count)
{
    for (const Message &m : messages) {
        ++count;
        if (!m.headers.isEmpty())
            withHeaders << identity(m.messageId, m.subject);
        collect(m.embedded, withHeaders, count);
    }
}

/// The unfolded value of header field \a name in a pffexport InternetHeaders.txt.
QString headerValue(const QByteArray &headers, const QByteArray &name)
{
    QByteArray value;
    bool inField = false;
    for (const QByteArray &line : headers.split('\n')) {
        const bool continuation = line.startsWith(' ') || line.startsWith('\t');
        if (inField && continuation)
            value += line.trimmed().prepend(' ');
        else if (inField)
            break;
        else if (!continuation && line.toLower().startsWith(name.toLower() + ':')) {
            value = line.mid(name.size() + 1).trimmed();
            inField = true;
        }
    }
    return QString::fromUtf8(value);
}

/// Encoded words are decoded the way the message side decodes them.
QString decodedSubject(const QString &raw)
{
    if (!raw.contains(QLatin1String("=?")))
        return raw;
    return MimeParser::parse("Subject: " + raw.toUtf8() + "\r\n\r\n").subject;
}

QString pffexportIdentity(const QString &headerFile)
{
    QFile f(headerFile);
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("unreadable ") + headerFile;
    const QByteArray headers = f.readAll();
    const QStringList ids = MimeParser::extractMessageIds(headerValue(headers, "Message-ID"));
    return identity(ids.value(0), decodedSubject(headerValue(headers, "Subject")));
}

/// pffexport's view of a PST: one directory per message item (embedded ones under Attachments/).
struct Oracle {
    QString exportDir;
    QStringList withHeaders;
    int count = 0;
};

Oracle runPffexport(const QString &pst, const QTemporaryDir &tmp)
{
    Oracle o;
    const QString exe = QStandardPaths::findExecutable(QStringLiteral("pffexport"));
    if (exe.isEmpty())
        return o;
    const QString target = tmp.filePath(QStringLiteral("out"));
    QProcess p;
    p.start(exe, {QStringLiteral("-q"), QStringLiteral("-m"), QStringLiteral("all"), QStringLiteral("-f"),
                  QStringLiteral("text"), QStringLiteral("-t"), target, pst});
    if (!p.waitForFinished(120000) || p.exitCode() != 0)
        return o;
    // The reader does not recover deleted items, so only the allocated tree (".export") is compared.
    o.exportDir = target + QStringLiteral(".export");
    static const QRegularExpression messageDir(QStringLiteral("^(Message|Meeting)\\d+$"));
    for (QDirIterator it(o.exportDir, QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories); it.hasNext();) {
        const QFileInfo dir(it.next());
        if (!messageDir.match(dir.fileName()).hasMatch())
            continue;
        ++o.count;
        const QString headers = dir.filePath() + QStringLiteral("/InternetHeaders.txt");
        if (QFileInfo::exists(headers))
            o.withHeaders << pffexportIdentity(headers);
    }
    return o;
}

QString exportedFile(const QString &exportDir, const QString &suffix)
{
    for (QDirIterator it(exportDir, QDir::Files, QDirIterator::Subdirectories); it.hasNext();) {
        const QString path = it.next();
        if (path.endsWith(suffix))
            return path;
    }
    return {};
}

void writeGarbage(const QString &path, const QByteArray &prefix, int size)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QByteArray bytes = prefix;
    QRandomGenerator rng(1234);
    while (bytes.size() < size)
        bytes += char(rng.bounded(256));
    f.write(bytes);
}

} // namespace

class TestPstReader : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("pffexport")).isEmpty())
            QFAIL("pffexport not found: install Debian's pff-tools, a declared test dependency (the PST oracle)");
    }

    void matchesPffexport_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("knownCount"); // from the corpus README; -1 when the corpus gained a file
        const QHash<QString, int> known{{QStringLiteral("sample1.pst"), 1},   {QStringLiteral("sample2.pst"), 1},
                                        {QStringLiteral("submessage.pst"), 2}, {QStringLiteral("test_ansi.pst"), 0},
                                        {QStringLiteral("test_unicode.pst"), 0}, {QStringLiteral("Empty.pst"), 0},
                                        {QStringLiteral("passworded.pst"), 0}, {QStringLiteral("dist-list.pst"), 0}};
        QStringList files;
        for (QDirIterator it(Outlook, {QStringLiteral("*.pst"), QStringLiteral("*.ost")}, QDir::Files,
                             QDirIterator::Subdirectories);
             it.hasNext();)
            files << it.next();
        files.sort();
        QVERIFY(files.size() >= 8);
        for (const QString &f : files)
            QTest::newRow(qPrintable(QDir(Outlook).relativeFilePath(f))) << f << known.value(QFileInfo(f).fileName(), -1);
    }

    void matchesPffexport()
    {
        QFETCH(QString, path);
        QFETCH(int, knownCount);
        QTemporaryDir tmp;
        const Oracle oracle = runPffexport(path, tmp);
        QVERIFY2(!oracle.exportDir.isEmpty(), "pffexport failed on a corpus file");

        const PstReader::Result r = PstReader::read(path, 7);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QStringList ours;
        int count = 0;
        collect(r.messages, ours, count);
        ours.sort();
        QStringList theirs = oracle.withHeaders;
        theirs.sort();
        QCOMPARE(ours, theirs);
        QCOMPARE(count, oracle.count);
        if (knownCount >= 0)
            QCOMPARE(count, knownCount);
        for (const Message &m : r.messages)
            QCOMPARE(m.source.fileIndex, 7);
    }

    void jpegAttachment_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("folder");
        QTest::newRow("sample1 (64-bit Unicode)") << Sample1 << QStringLiteral("Top of Outlook data file/Sample1");
        QTest::newRow("sample2 (32-bit ANSI)") << Outlook + QStringLiteral("/pstsdk_samples/sample2.pst")
                                               << QStringLiteral("Top of Outlook data file/Sample2");
    }

    void jpegAttachment()
    {
        QFETCH(QString, path);
        QFETCH(QString, folder);
        QTemporaryDir tmp;
        const QString jpeg = exportedFile(runPffexport(path, tmp).exportDir, QStringLiteral("leah_thumper.jpg"));
        QVERIFY2(!jpeg.isEmpty(), "pffexport exported no leah_thumper.jpg");

        const PstReader::Result r = PstReader::read(path, 0);
        QCOMPARE(r.messages.size(), size_t(1));
        const Message &m = r.messages.front();
        QCOMPARE(m.source.location, folder);
        QCOMPARE(m.attachments.size(), 1);
        const Attachment &a = m.attachments.first();
        QCOMPARE(a.fileName, QStringLiteral("leah_thumper.jpg"));
        QCOMPARE(a.size, QFileInfo(jpeg).size());
        QCOMPARE(a.sha256, sha256OfFile(jpeg));
        QCOMPARE(a.embeddedIndex, -1);
    }

    void sample1Message()
    {
        const PstReader::Result r = PstReader::read(Sample1, 3);
        QCOMPARE(r.messages.size(), size_t(1));
        const Message &m = r.messages.front();
        QCOMPARE(m.subject, QStringLiteral("Here is a sample message"));
        QCOMPARE(m.from.address, QStringLiteral("terrymah@microsoft.com"));
        QCOMPARE(m.date, QDateTime(QDate(2010, 3, 15), QTime(17, 12, 5), Qt::UTC));
        QCOMPARE(m.threadIndex.variant, ThreadIndex::Variant::Classic);
        QCOMPARE(m.threadIndex.guid, QUuid(QStringLiteral("cd9ba371-c6a1-47d7-8fef-ec94a564ebda")));
        QVERIFY(m.textBody.startsWith(QStringLiteral("With a sample attachment.")));
        QVERIFY(m.htmlBody.contains(QLatin1String("<html")));
        QVERIFY2(m.defects.isEmpty(), qPrintable(m.defects.join(u'\n')));
        QCOMPARE(m.headerName(m.headers.first()), QStringLiteral("Received"));
        QVERIFY(m.source.itemId != 0);
    }

    void itemSourceMatchesContentHash()
    {
        const PstReader::Result r = PstReader::read(Sample1, 0);
        QCOMPARE(r.messages.size(), size_t(1));
        const Message &m = r.messages.front();
        QString error;
        const QByteArray raw = PstReader::itemSource(Sample1, m.source.itemId, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(raw.startsWith("Received: from TK5EX14MBXC114"));
        QVERIFY(raw.contains("\r\n\r\nWith a sample attachment."));
        QCOMPARE(qint64(raw.size()), m.size);
        QCOMPARE(QCryptographicHash::hash(raw, QCryptographicHash::Sha256).toHex(), m.contentSha256);
        const HeaderField &subject = *std::find_if(m.headers.cbegin(), m.headers.cend(),
                                                   [&m](const HeaderField &f) { return m.headerName(f) == u"Subject"; });
        QVERIFY(raw.mid(subject.offset, subject.length).startsWith("Subject: Here is a sample message"));
    }

    void itemSourceOfUnknownItem()
    {
        QString error;
        QVERIFY(PstReader::itemSource(Sample1, 0x7ffffff0, &error).isEmpty());
        QVERIFY2(error.contains(Sample1), qPrintable(error));
    }

    void embeddedMessage()
    {
        const PstReader::Result r = PstReader::read(SubMessage, 0);
        QCOMPARE(r.messages.size(), size_t(1));
        const Message &outer = r.messages.front();
        QCOMPARE(outer.subject, QStringLiteral("This is a message which has an embedded message attached"));
        QCOMPARE(outer.embedded.size(), size_t(1));
        QCOMPARE(outer.attachments.size(), 1);
        QCOMPARE(outer.attachments.first().embeddedIndex, 0);
        const Message &inner = outer.embedded.front();
        QCOMPARE(inner.subject, QStringLiteral("This is an embedded message"));
        QCOMPARE(inner.textBody.trimmed(), QStringLiteral("This is the body of an embedded message"));
        QCOMPARE(inner.threadIndex.guid, QUuid(QStringLiteral("732d9b60-7bb9-4d4e-bb96-32370903dc5f")));
        QCOMPARE(inner.source.location, QStringLiteral("Top of Outlook data file/submessage"));
        QCOMPARE(outer.attachments.first().sha256, inner.contentSha256);
    }

    void cancelled()
    {
        const PstReader::Result r = PstReader::read(Sample1, 0, [] { return true; });
        QVERIFY(r.messages.empty());
        QVERIFY(r.error.isEmpty());
        QCOMPARE(r.warnings.size(), 1);
        QVERIFY(r.warnings.first().contains(QLatin1String("cancelled")));
    }

    void damagedFile_data()
    {
        QTest::addColumn<qint64>("truncateTo"); // bytes of sample1.pst kept; -1: garbage; -2: no file; -3: a directory
        QTest::addColumn<QByteArray>("garbagePrefix");
        QTest::newRow("empty file") << qint64(0) << QByteArray();
        QTest::newRow("file header only") << qint64(600) << QByteArray();
        QTest::newRow("cut in the first pages") << qint64(20000) << QByteArray();
        QTest::newRow("cut before the name map") << qint64(100000) << QByteArray();
        QTest::newRow("cut near the end") << qint64(200000) << QByteArray();
        QTest::newRow("random bytes") << qint64(-1) << QByteArray();
        QTest::newRow("PST signature then random bytes") << qint64(-1) << QByteArray("!BDN", 4);
        QTest::newRow("missing file") << qint64(-2) << QByteArray();
        QTest::newRow("a directory") << qint64(-3) << QByteArray();
    }

    void damagedFile()
    {
        QFETCH(qint64, truncateTo);
        QFETCH(QByteArray, garbagePrefix);
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("damaged.pst"));
        if (truncateTo >= 0) {
            QVERIFY(QFile::copy(Sample1, path));
            QFile f(path);
            QVERIFY(f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
            QVERIFY(f.resize(truncateTo));
        } else if (truncateTo == -1) {
            writeGarbage(path, garbagePrefix, 300000);
        } else if (truncateTo == -3) {
            QVERIFY(QDir(tmp.path()).mkdir(QStringLiteral("damaged.pst")));
        }
        const PstReader::Result r = PstReader::read(path, 0);
        QVERIFY2(r.error.contains(path), qPrintable(r.error));
        QString error;
        if (PstReader::itemSource(path, 2097188, &error).isEmpty())
            QVERIFY2(error.contains(path), qPrintable(error));
    }

    void randomDamage_data()
    {
        QTest::addColumn<QString>("sample");
        QTest::addColumn<quint32>("seed");
        for (quint32 seed = 1; seed <= 20; ++seed) {
            QTest::newRow(qPrintable(QStringLiteral("sample1, seed %1").arg(seed))) << Sample1 << seed;
            QTest::newRow(qPrintable(QStringLiteral("submessage, seed %1").arg(seed))) << SubMessage << seed;
        }
    }

    // 300 bytes overwritten at random: whatever libpff makes of it, no crash, and a failure names the file.
    void randomDamage()
    {
        QFETCH(QString, sample);
        QFETCH(quint32, seed);
        QFile in(sample);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray bytes = in.readAll();
        QRandomGenerator rng(seed);
        for (int i = 0; i < 300; ++i)
            bytes[rng.bounded(int(bytes.size()))] = char(rng.bounded(256));
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("damaged.pst"));
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes);
        out.close();
        const PstReader::Result r = PstReader::read(path, 0);
        if (!r.error.isEmpty())
            QVERIFY2(r.error.contains(path), qPrintable(r.error));
        for (const Message &m : r.messages)
            QCOMPARE(m.contentSha256.size(), 64);
    }
};

QTEST_GUILESS_MAIN(TestPstReader)
#include "tst_pstreader.moc"
