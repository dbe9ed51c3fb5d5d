// AttributionLine::verbsIn is a literal search standing in for caseless regexes of the attribution verbs; it
// must find the verbs they find, on crafted edges and on every real line: a form is tried only where its verb is.
// AttributionLine::mayOpen spares the regexes windows no form can match; on real mail, none it spares matches.
#include "segmentfixture.h"

#include "analysis/attributionline.h"

#include <QtTest>

#include <bit>

using namespace th::analysis;

class TestAttributionLine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void verbsIn_data();
    void verbsIn();
    void verbsInAgreesWithTheRegexesOnRealMail();
    void mayOpen_data();
    void mayOpen();
    void windowsSparedByMayOpenNeverMatch();
};

namespace {

const QStringList &verbPatterns()
{
    static const QStringList patterns = QString::fromUtf16(
        uR"re(wrote|writes|\bsent\b|schrieb|schreef|verzond|geschreven|écrit|ecrit|escribió|scritto|escreveu|napisał|pisze|nadesłał|skrev|napsal|napisal|napísal|viết|写道|寫道|のメッセージ|작성|írta|yazdı|написал|написав|пише|kirjoitti|書きました)re")
        .split(u'|');
    return patterns;
}

QRegularExpression caseless(const QString &pattern)
{
    return QRegularExpression(pattern, QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
}

const QRegularExpression &alternation()
{
    static const QRegularExpression re = caseless(verbPatterns().join(u'|'));
    return re;
}

// How many different verbs the regexes find in \a text.
int verbCount(QStringView text)
{
    static const QList<QRegularExpression> each = [] {
        QList<QRegularExpression> out;
        for (const QString &p : verbPatterns())
            out << caseless(p);
        return out;
    }();
    return int(std::count_if(each.cbegin(), each.cend(), [text](const QRegularExpression &re) { return re.match(text).hasMatch(); }));
}

} // namespace

void TestAttributionLine::verbsIn_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("expected");
    QTest::newRow("en") << QStringLiteral("On Mon, 3 Apr 2023, Anna Keller wrote:") << 1;
    QTest::newRow("capitals") << QStringLiteral("ANNA KELLER WROTE:") << 1;
    QTest::newRow("sent as a word") << QStringLiteral("Sent: Monday") << 1;
    QTest::newRow("sent inside a word") << QStringLiteral("with the consent of the sender") << 0;
    QTest::newRow("sent before an underscore") << QStringLiteral("sent_at: 10:00") << 0;
    QTest::newRow("sent before a Cyrillic letter") << QStringLiteral("sentд") << 0;
    QTest::newRow("long s folds to s") << QStringLiteral("\u017Fkrev") << 1;
    QTest::newRow("Kelvin sign folds to k") << QStringLiteral("\u212Airjoitti") << 1;
    QTest::newRow("capital accented") << QStringLiteral("Jean a ÉCRIT :") << 1;
    QTest::newRow("Cyrillic capitals") << QStringLiteral("Иван НАПИСАЛ:") << 1;
    QTest::newRow("Turkish capital I is not dotless i") << QStringLiteral("YAZDI:") << 0;
    QTest::newRow("Turkish") << QStringLiteral("şunu yazdı:") << 1;
    QTest::newRow("Japanese") << QStringLiteral("山田 太郎 さんは書きました:") << 1;
    QTest::newRow("Korean") << QStringLiteral("2023. 4. 3. 오전 10:12, 김민준 작성:") << 1;
    QTest::newRow("verb cut at the end") << QStringLiteral("he wro") << 0;
    QTest::newRow("two verbs") << QStringLiteral("Anna wrote: X schrieb, Y skrev") << 3;
    QTest::newRow("a verb twice") << QStringLiteral("Anna wrote: X wrote") << 1;
    QTest::newRow("accents either way") << QStringLiteral("Jean a écrit, Luc a ecrit") << 2;
    QTest::newRow("empty") << QString() << 0;
}

void TestAttributionLine::verbsIn()
{
    QFETCH(QString, text);
    QFETCH(int, expected);
    QCOMPARE(verbCount(text), expected);
    QCOMPARE(std::popcount(AttributionLine::verbsIn(text)), expected);
}

// Every line of the three list sets, text and HTML bodies: the search finds as many verbs as the regexes.
void TestAttributionLine::verbsInAgreesWithTheRegexesOnRealMail()
{
    int lines = 0, verbs = 0;
    for (const auto &[corpusPath, location] : Corpora::instance().listMessages()) {
        const th::model::Message &m = Corpora::instance().message(corpusPath, location);
        for (const QString *text : {&m.textBody, &m.htmlBody}) {
            for (QStringView line : QStringView(*text).split(u'\n')) {
                const bool expected = alternation().match(line).hasMatch();
                const int found = std::popcount(AttributionLine::verbsIn(line));
                QVERIFY2((found != 0) == expected, qPrintable(line.toString()));
                QVERIFY2(!expected || found == verbCount(line), qPrintable(line.toString()));
                ++lines;
                verbs += expected ? 1 : 0;
            }
        }
    }
    QVERIFY2(lines > 300000 && verbs > 3000, qPrintable(QStringLiteral("%1 lines, %2 with a verb").arg(lines).arg(verbs)));
}

void TestAttributionLine::mayOpen_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("expected");
    QTest::newRow("Gmail numeric date") << QStringLiteral("2013/7/20 Anna Keller <anna@example.com>") << true;
    QTest::newRow("dated with a zone") << QStringLiteral("2023-04-03 10:12 GMT+02:00 Anna Keller <anna@example.com>") << true;
    QTest::newRow("patch trailer") << QStringLiteral("Reviewed-by: Anna Keller <anna@example.com>") << false;
    QTest::newRow("verb before the bracket") << QStringLiteral("Anna Keller wrote <anna@example.com>") << false;
    QTest::newRow("English with an address") << QStringLiteral("On Mon, 3 Apr 2023, Anna Keller <anna@example.com> wrote:") << true;
    QTest::newRow("no verb, address or lead word") << QStringLiteral("as follows:") << false;
    QTest::newRow("lead word") << QStringLiteral("Quoting Anna Keller (3 Apr 2023):") << true;
    QTest::newRow("sign-off above a patch's rule") << QStringLiteral("Signed-off-by: Anna Keller <anna@example.com> ---") << false;
    QTest::newRow("sign-off above a diffstat line") << QStringLiteral("Acked-by: Anna Keller <anna@example.com> --- lib/x.c | 2 +-") << false;
    QTest::newRow("dated, an address, no verb") << QStringLiteral("Mon, 3 Apr 2023 10:12 anna@example.com:") << true;
    QTest::newRow("a short first line leaves the date open") << QStringLiteral("Mo a@b.cd:") << true;
}

// Whatever mayOpen lets through, match decides; what it spares, match must reject.
void TestAttributionLine::mayOpen()
{
    QFETCH(QString, text);
    QFETCH(bool, expected);
    const AttributionLine::Signs signs{AttributionLine::verbsIn(text), text.contains(u'@')};
    QCOMPARE(AttributionLine::mayOpen(text, text, signs), expected);
    const bool matches = AttributionLine::match(text, AttributionLine::Form::Leading, signs) || AttributionLine::match(text, AttributionLine::Form::AuthorFirst, signs);
    QVERIFY(expected || !matches);
}

// Windows of one to three lines ending where an attribution may end (mayEnd), on every line of the three list
// sets, as the parser builds them: those mayOpen spares match no form.
void TestAttributionLine::windowsSparedByMayOpenNeverMatch()
{
    int spared = 0;
    for (const auto &[corpusPath, location] : Corpora::instance().listMessages()) {
        const QList<QStringView> lines = QStringView(Corpora::instance().message(corpusPath, location).textBody).split(u'\n');
        for (qsizetype last = 0; last < lines.size(); ++last) {
            const QString end = stripped(lines[last]);
            if (!AttributionLine::mayEnd(end))
                continue;
            QString text;
            AttributionLine::Signs signs;
            for (qsizetype first = last; first >= std::max<qsizetype>(0, last - 2); --first) {
                const QString c = stripped(lines[first]);
                text = c.isEmpty() ? text : c + (text.isEmpty() ? QString() : u' ' + text);
                signs = {signs.verbs | AttributionLine::verbsIn(c), signs.address || c.contains(u'@')};
                if (c.isEmpty() || AttributionLine::mayOpen(c, end, signs))
                    continue;
                ++spared;
                QVERIFY2(!AttributionLine::match(text, AttributionLine::Form::Leading, signs), qPrintable(text));
                QVERIFY2(!AttributionLine::match(text, AttributionLine::Form::AuthorFirst, signs), qPrintable(text));
            }
        }
    }
    QVERIFY2(spared > 1000, qPrintable(QStringLiteral("%1 windows spared").arg(spared)));
}

QTEST_GUILESS_MAIN(TestAttributionLine)
#include "tst_attributionline.moc"
