// WrittenAddresses reads by hand what a regex found before: its spans must be the regex's global matches, on
// crafted edges (a look-behind character before the local part, domains without a dot, one address right after
// another), on every text and HTML body of the three list sets and on random strings of the characters that matter.
#include "segmentfixture.h"

#include "analysis/writtenaddresses.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QtTest>

using namespace th::analysis;

class TestWrittenAddresses : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void edges_data();
    void edges();
    void asTheRegexOnRealAndRandomText();
};

namespace {

using Spans = QList<std::pair<qsizetype, qsizetype>>;

Spans regexSpans(QStringView text)
{
    static const QRegularExpression re(QStringLiteral("(?<![/=A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+"));
    Spans out;
    for (auto it = re.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out.append({m.capturedStart(), m.capturedEnd()});
    }
    return out;
}

QStringList written(QStringView text)
{
    QStringList out;
    for (const auto &[begin, end] : WrittenAddresses::spans(text))
        out << text.sliced(begin, end - begin).toString();
    return out;
}

} // namespace

void TestWrittenAddresses::edges_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("plain") << "mail jane.doe+x@mail.example.com now" << QStringList{"jane.doe+x@mail.example.com"};
    QTest::newRow("angle brackets") << "Jane <jane@example.org>" << QStringList{"jane@example.org"};
    QTest::newRow("archive link") << "https://lore.kernel.org/r/20230301.1234@host.example" << QStringList();
    QTest::newRow("id parameter") << "?id=abc@example.com" << QStringList();
    QTest::newRow("no dot") << "root@localhost" << QStringList();
    QTest::newRow("trailing dot") << "x@example.com." << QStringList{"x@example.com"};
    QTest::newRow("two at once") << "a@b.c@d.e" << QStringList{"a@b.c"};
    QTest::newRow("underscore ends the domain") << "x@a.b_y@c.d" << QStringList{"x@a.b"};
    QTest::newRow("empty local part") << " @example.com" << QStringList();
    QTest::newRow("non-ASCII before") << "éjane@example.com" << QStringList{"jane@example.com"};
    QTest::newRow("at the end") << "jane@" << QStringList();
}

void TestWrittenAddresses::edges()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    QCOMPARE(written(text), expected);
    QCOMPARE(WrittenAddresses::spans(text), regexSpans(text));
}

void TestWrittenAddresses::asTheRegexOnRealAndRandomText()
{
    qsizetype addresses = 0;
    for (const auto &[corpusPath, location] : Corpora::instance().listMessages()) {
        const th::model::Message &m = Corpora::instance().message(corpusPath, location);
        for (const QString *text : {&m.textBody, &m.htmlBody}) {
            const Spans expected = regexSpans(*text);
            QCOMPARE(WrittenAddresses::spans(*text), expected);
            addresses += expected.size();
        }
    }
    QVERIFY2(addresses > 10000, qPrintable(QStringLiteral("%1 addresses").arg(addresses)));
    QRandomGenerator random(20261128);
    const QString alphabet = QStringLiteral("ab1.@-_/=%+ \n\u00e9");
    for (int i = 0; i < 50000; ++i) {
        QString text;
        for (int k = int(random.bounded(40)); k > 0; --k)
            text += alphabet[random.bounded(alphabet.size())];
        QCOMPARE(WrittenAddresses::spans(text), regexSpans(text));
    }
}

QTEST_GUILESS_MAIN(TestWrittenAddresses)
#include "tst_writtenaddresses.moc"
