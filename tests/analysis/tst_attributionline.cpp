// AttributionLine::hasVerb is a literal search standing in for a caseless regex alternation of the
// attribution verbs; it must answer as the alternation does, on crafted edges and on every real line.
// AttributionLine::mayOpen spares the regexes windows no form can match; on real mail, none it spares matches.
#include "segmentfixture.h"

#include "analysis/attributionline.h"

#include <QtTest>

using namespace th::analysis;

class TestAttributionLine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hasVerb_data();
    void hasVerb();
    void hasVerbAgreesWithTheAlternationOnRealMail();
    void mayOpen_data();
    void mayOpen();
    void windowsSparedByMayOpenNeverMatch();
};

namespace {

const QRegularExpression &alternation()
{
    static const QRegularExpression re(
        QString::fromUtf16(uR"re(wrote|writes|\bsent\b|schrieb|schreef|verzond|geschreven|[ée]crit|escribió|scritto|escreveu|napisał|pisze|nadesłał|skrev|napsal|napisal|napísal|viết|写道|寫道|のメッセージ|작성|írta|yazdı|написал|написав|пише|kirjoitti|書きました)re"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    return re;
}

} // namespace

void TestAttributionLine::hasVerb_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("expected");
    QTest::newRow("en") << QStringLiteral("On Mon, 3 Apr 2023, Anna Keller wrote:") << true;
    QTest::newRow("capitals") << QStringLiteral("ANNA KELLER WROTE:") << true;
    QTest::newRow("sent as a word") << QStringLiteral("Sent: Monday") << true;
    QTest::newRow("sent inside a word") << QStringLiteral("with the consent of the sender") << false;
    QTest::newRow("sent before an underscore") << QStringLiteral("sent_at: 10:00") << false;
    QTest::newRow("sent before a Cyrillic letter") << QStringLiteral("sentд") << false;
    QTest::newRow("long s folds to s") << QStringLiteral("\u017Fkrev") << true;
    QTest::newRow("Kelvin sign folds to k") << QStringLiteral("\u212Airjoitti") << true;
    QTest::newRow("capital accented") << QStringLiteral("Jean a ÉCRIT :") << true;
    QTest::newRow("Cyrillic capitals") << QStringLiteral("Иван НАПИСАЛ:") << true;
    QTest::newRow("Turkish capital I is not dotless i") << QStringLiteral("YAZDI:") << false;
    QTest::newRow("Turkish") << QStringLiteral("şunu yazdı:") << true;
    QTest::newRow("Japanese") << QStringLiteral("山田 太郎 さんは書きました:") << true;
    QTest::newRow("Korean") << QStringLiteral("2023. 4. 3. 오전 10:12, 김민준 작성:") << true;
    QTest::newRow("verb cut at the end") << QStringLiteral("he wro") << false;
    QTest::newRow("empty") << QString() << false;
}

void TestAttributionLine::hasVerb()
{
    QFETCH(QString, text);
    QFETCH(bool, expected);
    QCOMPARE(alternation().match(text).hasMatch(), expected);
    QCOMPARE(AttributionLine::hasVerb(text), expected);
}

// Every line of the three list sets, text and HTML bodies: the search and the alternation agree.
void TestAttributionLine::hasVerbAgreesWithTheAlternationOnRealMail()
{
    int lines = 0, verbs = 0;
    for (const auto &[corpusPath, location] : Corpora::instance().listMessages()) {
        const th::model::Message &m = Corpora::instance().message(corpusPath, location);
        for (const QString *text : {&m.textBody, &m.htmlBody}) {
            for (QStringView line : QStringView(*text).split(u'\n')) {
                const bool expected = alternation().match(line).hasMatch();
                QVERIFY2(AttributionLine::hasVerb(line) == expected, qPrintable(line.toString()));
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
    const AttributionLine::Signs signs{AttributionLine::hasVerb(text), text.contains(u'@')};
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
                signs = {signs.verb || AttributionLine::hasVerb(c), signs.address || c.contains(u'@')};
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
