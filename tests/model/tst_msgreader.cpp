// MsgReader against the Outlook .msg corpus; msgconvert's .eml conversions are the oracle where they exist.

#include "model/mimeparser.h"
#include "model/msgreader.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

using namespace th::model;

namespace {

const QString Outlook = QStringLiteral(TH_CORPORA "/outlook");
const QString Converted = Outlook + QStringLiteral("/mvz_email-outlook-message-perl/files");

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// "name (size) sha256-prefix" of the named attachments, sorted: unnamed parts (msgconvert's RTF bodies) left out.
QStringList namedAttachments(const Message &m)
{
    QStringList out;
    for (const Attachment &a : m.attachments) {
        if (!a.fileName.isEmpty())
            out << QStringLiteral("%1 (%2) %3").arg(a.fileName).arg(a.size).arg(QString::fromLatin1(a.sha256.left(12)));
    }
    out.sort();
    return out;
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

} // namespace

class TestMsgReader : public QObject
{
    Q_OBJECT

private slots:
    void everyMsgLoads_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("notMail"); // the item class when the file holds no e-mail
        const QHash<QString, QString> notMail{{QStringLiteral("contact-plain.msg"), QStringLiteral("IPM.Contact")},
                                              {QStringLiteral("contact-unicode.msg"), QStringLiteral("IPM.Contact")},
                                              {QStringLiteral("Swetlana Novikova.msg"), QStringLiteral("IPM.Contact")},
                                              {QStringLiteral("note.msg"), QStringLiteral("IPM.StickyNote")},
                                              {QStringLiteral("test_Blammo.msg"), QStringLiteral("IPM.Post")}};
        QStringList files;
        for (QDirIterator it(Outlook, {QStringLiteral("*.msg")}, QDir::Files, QDirIterator::Subdirectories); it.hasNext();)
            files << it.next();
        files.sort();
        QVERIFY(files.size() >= 30);
        for (const QString &f : files)
            QTest::newRow(qPrintable(QDir(Outlook).relativeFilePath(f))) << f << notMail.value(QFileInfo(f).fileName());
    }

    void everyMsgLoads()
    {
        QFETCH(QString, path);
        QFETCH(QString, notMail);
        QString error;
        const std::optional<Message> m = MsgReader::read(path, 5, &error);
        if (!notMail.isEmpty()) {
            QVERIFY(!m);
            QVERIFY2(error.contains(path) && error.contains(notMail), qPrintable(error));
            return;
        }
        QVERIFY2(m, qPrintable(error));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QByteArray bytes = readAll(path);
        QCOMPARE(m->size, qint64(bytes.size()));
        QCOMPARE(m->contentSha256, QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
        QCOMPARE(m->source.fileIndex, 5);
        QCOMPARE(m->source.length, m->size);
        QVERIFY(!m->subject.isEmpty() || !m->textBody.isEmpty());
        QCOMPARE(m->headers.isEmpty(), m->defects.contains(QLatin1String("no transport headers: header fields rebuilt from MAPI properties")));
    }

    void matchesConvertedEml_data()
    {
        QTest::addColumn<QString>("msg");
        QTest::addColumn<bool>("sameAttachments");
        for (QDirIterator it(Converted, {QStringLiteral("*.msg")}, QDir::Files); it.hasNext();) {
            const QString msg = it.next();
            // Outlook keeps a clear-signed message as one multipart/signed attachment; msgconvert unpacks it.
            const bool signedMime = msg.endsWith(QLatin1String("gpg_signed.msg"));
            QTest::newRow(qPrintable(QFileInfo(msg).fileName())) << msg << !signedMime;
        }
    }

    void matchesConvertedEml()
    {
        QFETCH(QString, msg);
        QFETCH(bool, sameAttachments);
        QString error;
        const std::optional<Message> m = MsgReader::read(msg, 0, &error);
        QVERIFY2(m, qPrintable(error));
        const Message eml = MimeParser::parse(readAll(msg.chopped(4) + QStringLiteral(".eml")));
        QVERIFY(!eml.subject.isEmpty());
        QCOMPARE(m->subject, eml.subject);
        QCOMPARE(m->from.address, eml.from.address);
        QCOMPARE(m->messageId, eml.messageId);
        if (sameAttachments)
            QCOMPARE(namedAttachments(*m), namedAttachments(eml));
    }

    void knownValues()
    {
        QString error;
        const std::optional<Message> m = MsgReader::read(Converted + QStringLiteral("/plain_jpeg_attached.msg"), 0, &error);
        QVERIFY2(m, qPrintable(error));
        QCOMPARE(m->date, QDateTime(QDate(2007, 9, 24), QTime(13, 28, 3), Qt::UTC));
        QCOMPARE(m->textBody.trimmed(), QStringLiteral("test"));
        QCOMPARE(m->attachments.size(), 1);
        QCOMPARE(m->attachments.first().mimeType, QStringLiteral("image/jpeg"));
        QVERIFY(m->threadIndex.isValid());
        QVERIFY2(m->defects.isEmpty(), qPrintable(m->defects.join(u'\n')));
    }

    void withoutTransportHeaders()
    {
        QString error;
        const std::optional<Message> m = MsgReader::read(Outlook + QStringLiteral("/aquasync_ruby-msg/qwerty_3.msg"), 0, &error);
        QVERIFY2(m, qPrintable(error));
        QVERIFY(m->headers.isEmpty());
        QVERIFY(m->defects.contains(QLatin1String("no transport headers: header fields rebuilt from MAPI properties")));
        QCOMPARE(m->subject, QStringLiteral("qwerty"));
        QCOMPARE(m->messageId, QStringLiteral("CEB3518C2FA4D743BF752C106451B19E14944E@sydexmail1.freehills.com.au"));
        QCOMPARE(m->cc.size(), 1);
        QCOMPARE(m->cc.first().address, QStringLiteral("johnno@nowhere.com"));
    }

    // A damaged transport header is the evidence's defect, and the only one: reading the headers for their
    // fields alone must not add notes about that reading.
    void transportHeaderDefect()
    {
        QByteArray bytes = readAll(Converted + QStringLiteral("/plain_jpeg_attached.msg"));
        const qsizetype colon = bytes.indexOf("MIME-Version:") + 12;
        QVERIFY(colon > 12);
        bytes[colon] = ' ';
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("bad-header.msg"));
        writeFile(path, bytes);
        QString error;
        const std::optional<Message> m = MsgReader::read(path, 0, &error);
        QVERIFY2(m, qPrintable(error));
        QCOMPARE(m->defects.size(), 1);
        QVERIFY2(m->defects.first().startsWith(QLatin1String("header line without a field name")), qPrintable(m->defects.first()));
        QCOMPARE(m->date, QDateTime(QDate(2007, 9, 24), QTime(13, 28, 3), Qt::UTC));
    }

    void embeddedMessage_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("innerSubject");
        QTest::addColumn<QStringList>("innerAttachments");
        QTest::newRow("EmailWithMsgAttachment") << Outlook + QStringLiteral("/Sicos1977_MSGReader/EmailWithMsgAttachment.msg")
                                                << QStringLiteral("Msg Attachment Test") << QStringList();
        // Digests of the inner __substg1.0_37010102 streams, read with a plain libolecf program and sha256sum.
        QTest::newRow("EmailWithInnerMailAndAttachments")
            << Outlook + QStringLiteral("/Sicos1977_MSGReader/EmailWithInnerMailAndAttachments.msg") << QStringLiteral("Inner mail")
            << QStringList{QStringLiteral("INNER 1.pdf (15541) d47d086d9eb3"), QStringLiteral("INNER 2.pdf (15598) 4dac6f86bd65")};
        QTest::newRow("eml_analyzer outer") << Outlook + QStringLiteral("/ninoseki_eml_analyzer/outer.msg")
                                            << QStringLiteral("test") << QStringList();
    }

    void embeddedMessage()
    {
        QFETCH(QString, path);
        QFETCH(QString, innerSubject);
        QFETCH(QStringList, innerAttachments);
        QString error;
        const std::optional<Message> m = MsgReader::read(path, 2, &error);
        QVERIFY2(m, qPrintable(error));
        QCOMPARE(m->embedded.size(), size_t(1));
        const auto holder = std::find_if(m->attachments.cbegin(), m->attachments.cend(),
                                         [](const Attachment &a) { return a.embeddedIndex == 0; });
        QVERIFY(holder != m->attachments.cend());
        const Message &inner = m->embedded.front();
        QCOMPARE(inner.subject, innerSubject);
        QCOMPARE(holder->sha256, inner.contentSha256);
        QCOMPARE(namedAttachments(inner), innerAttachments);
        QCOMPARE(inner.source.fileIndex, 2);
    }

    void notAMessage_data()
    {
        QTest::addColumn<QByteArray>("content"); // empty: the file is not created
        QTest::addColumn<bool>("create");
        QTest::newRow("missing file") << QByteArray() << false;
        QTest::newRow("empty file") << QByteArray() << true;
        QTest::newRow("RFC 5322 text") << QByteArray("From: a@b.c\r\nSubject: hi\r\n\r\nbody\r\n") << true;
        QTest::newRow("OLE signature then zeros") << QByteArray("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + QByteArray(4000, '\0') << true;
        QTest::newRow("a PST file") << readAll(Outlook + QStringLiteral("/pstsdk_samples/sample1.pst")) << true;
    }

    void notAMessage()
    {
        QFETCH(QByteArray, content);
        QFETCH(bool, create);
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("evidence.msg"));
        if (create)
            writeFile(path, content);
        QString error;
        QVERIFY(!MsgReader::read(path, 0, &error));
        QVERIFY2(error.contains(path), qPrintable(error));
    }

    void headerCountsBeyondTheFile_data()
    {
        QTest::addColumn<int>("offset");   // of the little-endian field changed in a real .msg header
        QTest::addColumn<quint32>("value");
        QTest::addColumn<QString>("problem");
        QTest::newRow("DIFAT sectors (the fuzz_container finding)") << 0x48 << 822107904u << "counts 822107904 DIFAT sectors";
        QTest::newRow("FAT sectors") << 0x2C << 0x7FFFFFFFu << "FAT sectors";
        QTest::newRow("sector size") << 0x1E << 20u << "2^20 bytes";
    }

    // libolecf sizes its tables from these counts before reading them: a damaged header is refused by name
    // before it can make libolecf allocate gigabytes.
    void headerCountsBeyondTheFile()
    {
        QFETCH(int, offset);
        QFETCH(quint32, value);
        QFETCH(QString, problem);
        QByteArray bytes = readAll(Outlook + QStringLiteral("/Sicos1977_MSGReader/EmailWithInnerMailAndAttachments.msg"));
        QVERIFY(bytes.size() > 512);
        if (offset == 0x1E)
            qToLittleEndian(quint16(value), bytes.data() + offset);
        else
            qToLittleEndian(value, bytes.data() + offset);
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("damaged.msg"));
        writeFile(path, bytes);
        QString error;
        QVERIFY(!MsgReader::read(path, 0, &error));
        QVERIFY2(error.startsWith(path) && error.contains(problem), qPrintable(error));
    }

    void damagedMsg_data()
    {
        QTest::addColumn<int>("keep");       // bytes kept of the sample
        QTest::addColumn<quint32>("seed");   // 0: no random bytes written
        for (int keep : {512, 4096, 20000, 60000, 100000})
            QTest::newRow(qPrintable(QStringLiteral("cut after %1 bytes").arg(keep))) << keep << 0u;
        for (quint32 seed = 1; seed <= 25; ++seed)
            QTest::newRow(qPrintable(QStringLiteral("300 random bytes, seed %1").arg(seed))) << -1 << seed;
    }

    // A damaged compound file either fails to open or loses streams: never a crash, and a failure always
    // names the file.
    void damagedMsg()
    {
        QFETCH(int, keep);
        QFETCH(quint32, seed);
        QByteArray bytes = readAll(Outlook + QStringLiteral("/Sicos1977_MSGReader/EmailWithInnerMailAndAttachments.msg"));
        if (keep >= 0)
            bytes.truncate(keep);
        QRandomGenerator rng(seed);
        for (int i = 0; seed != 0 && i < 300; ++i)
            bytes[rng.bounded(int(bytes.size()))] = char(rng.bounded(256));
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("damaged.msg"));
        writeFile(path, bytes);
        QString error;
        const std::optional<Message> m = MsgReader::read(path, 0, &error);
        QCOMPARE(bool(m), error.isEmpty());
        if (!m)
            QVERIFY2(error.contains(path), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestMsgReader)
#include "tst_msgreader.moc"
