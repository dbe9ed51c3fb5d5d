#include "model/mboxreader.h"

#include <QTest>

using th::model::MboxReader;

class TestMboxReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void split_data();
    void split();
    void unescape_data();
    void unescape();
};

void TestMboxReader::split_data()
{
    QTest::addColumn<QByteArray>("mbox");
    QTest::addColumn<QList<QByteArray>>("messages");

    const QByteArray a = "Subject: a\n\nbody a\n";
    const QByteArray b = "Subject: b\n\nbody b\n";
    QTest::newRow("mboxrd") << QByteArray("From x@y Thu Jan  1 00:00:00 1970\n" + a + "\nFrom x@y Thu Jan  1 00:00:00 1970\n" + b + "\n")
                            << QList<QByteArray>{a, b};
    QTest::newRow("no blank line between") << QByteArray("From x@y Thu Jan  1 00:00:00 1970\n" + a + "From x@y Thu Jan  1 00:00:00 1970\n" + b)
                                           << QList<QByteArray>{a, b};
    QTest::newRow("unescaped From in body is not a separator")
        << QByteArray("From x@y Thu Jan  1 00:00:00 1970\nSubject: a\n\nFrom the start we knew.\n\nFrom x@y Thu Jan  1 00:00:00 1970\n" + b)
        << QList<QByteArray>{"Subject: a\n\nFrom the start we knew.\n", b};
    // mboxcl2: every message has a Content-Length; one covers an unescaped line that looks like a separator.
    const QByteArray body = "From me Mon Jan  1 10:30:00 2024 hello\nmore\n";
    const QByteArray cl = "Content-Length: " + QByteArray::number(body.size()) + "\n\n" + body;
    const QByteArray cl2 = "Content-Length: 7\n\nbody b\n";
    QByteArray mboxcl2 = "From x@y Thu Jan  1 00:00:00 1970\n" + cl + "\n";
    QList<QByteArray> clMessages{cl};
    for (int i = 0; i < 20; ++i) {
        mboxcl2 += "From x@y Thu Jan  1 00:00:00 1970\n" + cl2 + "\n";
        clMessages << cl2;
    }
    QTest::newRow("mboxcl2 Content-Length") << mboxcl2 << clMessages;
    // A hostile Content-Length that lands on a later separator must not swallow the messages in between.
    const QByteArray tail = "From x@y Thu Jan  1 00:00:00 1970\n" + a + "\nFrom x@y Thu Jan  1 00:00:00 1970\n" + b;
    const QByteArray swallowed = "evil\n\n" + tail.left(tail.lastIndexOf("From x@y"));
    const QByteArray hostile = "Content-Length: " + QByteArray::number(swallowed.size()) + "\n\nevil\n";
    QTest::newRow("hostile Content-Length in an mboxrd file")
        << QByteArray("From x@y Thu Jan  1 00:00:00 1970\n" + hostile + "\n" + tail)
        << QList<QByteArray>{hostile, a, b};
    QTest::newRow("stale Content-Length is ignored")
        << QByteArray("From x@y Thu Jan  1 00:00:00 1970\nContent-Length: 3\n\nbody is longer\n\nFrom x@y Thu Jan  1 00:00:00 1970\n" + b)
        << QList<QByteArray>{"Content-Length: 3\n\nbody is longer\n", b};
    QTest::newRow("CRLF") << QByteArray("From x@y Thu Jan  1 00:00:00 1970\r\nSubject: a\r\n\r\nx\r\n\r\nFrom x@y Thu Jan  1 00:00:00 1970\r\n" + b)
                          << QList<QByteArray>{"Subject: a\r\n\r\nx\r\n", b};
    QTest::newRow("empty") << QByteArray() << QList<QByteArray>{};
}

void TestMboxReader::split()
{
    QFETCH(QByteArray, mbox);
    QFETCH(QList<QByteArray>, messages);
    const QList<MboxReader::Span> spans = MboxReader::split(mbox);
    QCOMPARE(spans.size(), messages.size());
    for (qsizetype i = 0; i < spans.size(); ++i)
        QCOMPARE(mbox.mid(spans[i].offset, spans[i].length), messages[i]);
}

void TestMboxReader::unescape_data()
{
    QTest::addColumn<QByteArray>("escaped");
    QTest::addColumn<QByteArray>("plain");
    QTest::newRow("mboxrd one level") << QByteArray(">From here\n") << QByteArray("From here\n");
    QTest::newRow("mboxrd two levels") << QByteArray(">>From here\n") << QByteArray(">From here\n");
    QTest::newRow("quote, not escape") << QByteArray("> From here\n") << QByteArray("> From here\n");
    QTest::newRow("mid-line") << QByteArray("a >From b\n") << QByteArray("a >From b\n");
    QTest::newRow("last line without newline") << QByteArray("x\n>From end") << QByteArray("x\nFrom end");
}

void TestMboxReader::unescape()
{
    QFETCH(QByteArray, escaped);
    QFETCH(QByteArray, plain);
    QCOMPARE(MboxReader::unescape(escaped), plain);
}

QTEST_GUILESS_MAIN(TestMboxReader)
#include "tst_mboxreader.moc"
