// How findings combine into a verdict (detection-spec 6): S = +3, M = +1.5, W = +0.5, each indicator counted
// once at its strongest; High (a hijack) at >= 6 or one strong with one medium; Medium (suspicious) at >= 3;
// the named combinations (A3 with A1, B6 over a year with A1/A3/B1/B4, A10 with A1); victim versus external.
#include "analysis/verdict.h"

#include <QTest>

using namespace th::analysis;

namespace {

using S = Finding::Severity;

Finding f(const char *id, S severity, double magnitude = 0)
{
    Finding out;
    out.id = QString::fromLatin1(id);
    out.severity = severity;
    out.summary = out.id;
    out.magnitude = magnitude;
    return out;
}

Verdict judge(QList<Finding> findings, bool knownSender = false)
{
    return Verdict::of(findings, knownSender);
}

bool isHijack(Verdict::Kind k)
{
    return k == Verdict::Kind::ExternalThreadHijack || k == Verdict::Kind::VictimThreadHijack;
}

// Every indicator id the engine produces (detection-spec 5: A1-A10, B1-B10, C1-C3, D1, D2, E).
QStringList allIds()
{
    QStringList ids;
    for (int i = 1; i <= 10; ++i)
        ids << QStringLiteral("A%1").arg(i) << QStringLiteral("B%1").arg(i);
    ids << "C1" << "C2" << "C3" << "D1" << "D2" << "E";
    return ids;
}

} // namespace

Q_DECLARE_METATYPE(QList<Finding>)

class TestVerdict : public QObject
{
    Q_OBJECT

private slots:
    void thresholdsAreTheSpecDefaults();
    void weights_data();
    void weights();
    void eachIndicatorCountsOnceAtItsStrongest();
    void levels_data();
    void levels();
    void lookalikeWithSpoofedNameIsStrong();
    void oldRevivalWithForgedIdentityIsStrong_data();
    void oldRevivalWithForgedIdentityIsStrong();
    void scrambledLocalPartWithSpoofedName();
    void classicExternalHijackReachesHigh_data();
    void classicExternalHijackReachesHigh();
    void loneWeakIndicatorNeverAboveSuspicious();
    void loneFakeReplyOrLureStaysLow_data();
    void loneFakeReplyOrLureStaysLow();
    void victimOrExternal_data();
    void victimOrExternal();
    void judgingTwiceGivesTheSameVerdict();
    void scoreFollowsEvidence();
};

void TestVerdict::thresholdsAreTheSpecDefaults()
{
    QCOMPARE(Verdict::HijackEvidence, 6.0);
    QCOMPARE(Verdict::SuspiciousEvidence, 3.0);
    QCOMPARE(Verdict::name(Verdict::Kind::Clean), QStringLiteral("clean"));
    QCOMPARE(Verdict::name(Verdict::Kind::Suspicious), QStringLiteral("suspicious"));
    QCOMPARE(Verdict::name(Verdict::Kind::ExternalThreadHijack), QStringLiteral("external-thread-hijack"));
    QCOMPARE(Verdict::name(Verdict::Kind::VictimThreadHijack), QStringLiteral("victim-thread-hijack"));
}

void TestVerdict::weights_data()
{
    QTest::addColumn<QList<Finding>>("findings");
    QTest::addColumn<double>("evidence");
    // ids chosen outside every combination rule, so only the weights act
    QTest::newRow("none") << QList<Finding>{} << 0.0;
    QTest::newRow("W") << QList<Finding>{f("A5", S::Weak)} << 0.5;
    QTest::newRow("M") << QList<Finding>{f("A4", S::Medium)} << 1.5;
    QTest::newRow("S") << QList<Finding>{f("B9", S::Strong)} << 3.0;
    QTest::newRow("S+M+W") << QList<Finding>{f("B9", S::Strong), f("A4", S::Medium), f("A5", S::Weak)} << 5.0;
    QTest::newRow("5 W") << QList<Finding>{f("A5", S::Weak), f("A7", S::Weak), f("A9", S::Weak), f("B5", S::Weak), f("B7", S::Weak)} << 2.5;
}

void TestVerdict::weights()
{
    QFETCH(QList<Finding>, findings);
    QFETCH(double, evidence);
    QCOMPARE(judge(findings).evidence, evidence);
}

// "per-indicator caps": two B4 findings (a damaged block and a removed address) are one indicator.
void TestVerdict::eachIndicatorCountsOnceAtItsStrongest()
{
    QCOMPARE(judge({f("B4", S::Medium), f("B4", S::Medium)}).evidence, 1.5);
    QCOMPARE(judge({f("B4", S::Weak), f("B4", S::Strong), f("B4", S::Medium)}).evidence, 3.0);
    QCOMPARE(judge({f("B4", S::Strong), f("B4", S::Weak)}).evidence, 3.0); // order does not matter
    // so repeating a medium finding never builds a hijack out of one indicator
    QList<Finding> many;
    for (int i = 0; i < 10; ++i)
        many << f("B3", S::Medium);
    QCOMPARE(judge(many).kind, Verdict::Kind::Clean);
}

void TestVerdict::levels_data()
{
    QTest::addColumn<QList<Finding>>("findings");
    QTest::addColumn<int>("kind");
    const int clean = int(Verdict::Kind::Clean), suspicious = int(Verdict::Kind::Suspicious), hijack = int(Verdict::Kind::ExternalThreadHijack);
    QTest::newRow("M = 1.5") << QList<Finding>{f("A4", S::Medium)} << clean;
    QTest::newRow("M+W+W = 2.5") << QList<Finding>{f("A4", S::Medium), f("A5", S::Weak), f("A7", S::Weak)} << clean;
    QTest::newRow("M+M = 3") << QList<Finding>{f("A4", S::Medium), f("B3", S::Medium)} << suspicious;
    QTest::newRow("6 W = 3") << QList<Finding>{f("A5", S::Weak), f("A7", S::Weak), f("A9", S::Weak), f("B5", S::Weak), f("B7", S::Weak), f("C3", S::Weak)} << suspicious;
    QTest::newRow("S alone = 3") << QList<Finding>{f("B9", S::Strong)} << suspicious;
    QTest::newRow("S+W+W+W = 4.5, no M") << QList<Finding>{f("B9", S::Strong), f("A5", S::Weak), f("A7", S::Weak), f("A9", S::Weak)} << suspicious;
    QTest::newRow("3 M + W = 5") << QList<Finding>{f("A4", S::Medium), f("B3", S::Medium), f("B8", S::Medium), f("A5", S::Weak)} << suspicious;
    QTest::newRow("S+M = 4.5") << QList<Finding>{f("B9", S::Strong), f("A4", S::Medium)} << hijack;
    QTest::newRow("4 M = 6") << QList<Finding>{f("A4", S::Medium), f("B3", S::Medium), f("B8", S::Medium), f("A2", S::Medium)} << hijack;
    QTest::newRow("S+S = 6") << QList<Finding>{f("B9", S::Strong), f("D1", S::Strong)} << hijack;
    QTest::newRow("S + 6 W = 6") << QList<Finding>{f("B9", S::Strong), f("A5", S::Weak), f("A7", S::Weak), f("A9", S::Weak), f("B5", S::Weak), f("B7", S::Weak), f("C3", S::Weak)} << hijack;
}

void TestVerdict::levels()
{
    QFETCH(QList<Finding>, findings);
    QFETCH(int, kind);
    const Verdict v = judge(findings);
    QVERIFY2(int(v.kind) == kind, qPrintable(QStringLiteral("%1 at evidence %2").arg(v.name()).arg(v.evidence)));
}

// A3 "(M; S when combined with A1)".
void TestVerdict::lookalikeWithSpoofedNameIsStrong()
{
    QList<Finding> both{f("A3", S::Medium), f("A1", S::Medium)};
    const Verdict v = Verdict::of(both, false);
    QCOMPARE(both[0].severity, S::Strong); // the caller sees the combined strength
    QCOMPARE(v.evidence, 4.5);
    QCOMPARE(v.kind, Verdict::Kind::ExternalThreadHijack); // S + M

    QList<Finding> alone{f("A3", S::Medium)};
    QCOMPARE(Verdict::of(alone, false).evidence, 1.5);
    QCOMPARE(alone[0].severity, S::Medium);
    QCOMPARE(Verdict::of(alone, false).kind, Verdict::Kind::Clean);
}

// B6 "S at > 365 days with any of A1/A3/B1/B4"; otherwise it keeps its own strength.
void TestVerdict::oldRevivalWithForgedIdentityIsStrong_data()
{
    QTest::addColumn<double>("days");
    QTest::addColumn<QString>("with");
    QTest::addColumn<bool>("strong");
    QTest::newRow("400 d + A1") << 400.0 << "A1" << true;
    QTest::newRow("400 d + A3") << 400.0 << "A3" << true;
    QTest::newRow("400 d + B1") << 400.0 << "B1" << true;
    QTest::newRow("400 d + B4") << 400.0 << "B4" << true;
    QTest::newRow("400 d + A4 (not listed)") << 400.0 << "A4" << false;
    QTest::newRow("400 d alone") << 400.0 << "" << false;
    QTest::newRow("365 d + B1 (not over a year)") << 365.0 << "B1" << false;
    QTest::newRow("200 d + B1") << 200.0 << "B1" << false;
}

void TestVerdict::oldRevivalWithForgedIdentityIsStrong()
{
    QFETCH(double, days);
    QFETCH(QString, with);
    QFETCH(bool, strong);
    QList<Finding> findings{f("B6", days > 180 ? S::Medium : S::Weak, days)};
    if (!with.isEmpty())
        findings << f(with.toLatin1().constData(), S::Medium);
    const Verdict v = Verdict::of(findings, false);
    QCOMPARE(findings[0].severity == S::Strong, strong);
    // B6 strong with a medium partner is a hijack; B6 medium with a medium partner is suspicious (3.0)
    if (with.isEmpty())
        QCOMPARE(v.kind, Verdict::Kind::Clean);
    else
        QCOMPARE(isHijack(v.kind), strong);
}

// A10 "combine with A1": a random local part behind a participant's name counts more than either alone.
void TestVerdict::scrambledLocalPartWithSpoofedName()
{
    QCOMPARE(judge({f("A10", S::Weak)}).evidence, 0.5);
    QList<Finding> both{f("A10", S::Weak), f("A1", S::Strong)};
    const Verdict v = Verdict::of(both, false);
    QVERIFY(both[0].severity > S::Weak);
    QVERIFY(v.evidence > 3.5);
    QCOMPARE(v.kind, Verdict::Kind::ExternalThreadHijack);
    // without A10, the strong A1 alone is only suspicious: the combination is what makes it a hijack
    QCOMPARE(judge({f("A1", S::Strong)}).kind, Verdict::Kind::Suspicious);
}

// "A1+B6+C1 (the classic external hijack) should reach High", at the strengths the spec gives them:
// A1 S for a participant's name, B6 W/M/(S over a year with A1), C1 M.
void TestVerdict::classicExternalHijackReachesHigh_data()
{
    QTest::addColumn<double>("days");
    QTest::newRow("45 days") << 45.0;
    QTest::newRow("200 days") << 200.0;
    QTest::newRow("500 days") << 500.0;
}

void TestVerdict::classicExternalHijackReachesHigh()
{
    QFETCH(double, days);
    const S b6 = days > 180 ? S::Medium : S::Weak;
    const Verdict v = judge({f("A1", S::Strong), f("B6", b6, days), f("C1", S::Medium)});
    QCOMPARE(v.kind, Verdict::Kind::ExternalThreadHijack);
    QVERIFY(v.evidence >= 5.0);
}

// "No single weak indicator (a lone fake-reply subject, a lone 'see attached') can lift a message above
// suspicious": whatever it is and however large its measured quantity, one weak finding stays below a hijack,
// and at 0.5 it stays clean.
void TestVerdict::loneWeakIndicatorNeverAboveSuspicious()
{
    for (const QString &id : allIds()) {
        for (bool known : {false, true}) {
            QList<Finding> one{f(id.toLatin1().constData(), S::Weak, 10000)};
            const Verdict v = Verdict::of(one, known);
            QVERIFY2(!isHijack(v.kind), qPrintable(id + u' ' + v.name()));
            QVERIFY2(v.kind == Verdict::Kind::Clean, qPrintable(id + u' ' + v.name()));
        }
    }
    // nor does a weak finding added to a suspicious medium pair turn it into a hijack
    for (const QString &id : allIds()) {
        if (id == u"A4" || id == u"B3")
            continue;
        const Verdict v = judge({f("A4", S::Medium), f("B3", S::Medium), f(id.toLatin1().constData(), S::Weak)});
        QVERIFY2(!isHijack(v.kind), qPrintable(id + u' ' + v.name()));
    }
}

// "A lone B1 or C1 must not exceed Low": at their spec strength (M) they are clean; even at any strength they
// never reach a hijack.
void TestVerdict::loneFakeReplyOrLureStaysLow_data()
{
    QTest::addColumn<QString>("id");
    QTest::newRow("B1") << "B1";
    QTest::newRow("C1") << "C1";
}

void TestVerdict::loneFakeReplyOrLureStaysLow()
{
    QFETCH(QString, id);
    for (bool known : {false, true}) {
        QList<Finding> medium{f(id.toLatin1().constData(), S::Medium, 1000)};
        QCOMPARE(Verdict::of(medium, known).kind, Verdict::Kind::Clean);
        for (S s : {S::Weak, S::Medium, S::Strong}) {
            QList<Finding> one{f(id.toLatin1().constData(), s, 1000)};
            QVERIFY(!isHijack(Verdict::of(one, known).kind));
        }
    }
}

// Victim hijacking is sent from the real account: a hijack verdict is victim only when the sender is a
// known correspondent and nothing says the identity is forged (A1 name/address, A2 address in the name,
// A3 look-alike domain, A6 failed authentication).
void TestVerdict::victimOrExternal_data()
{
    QTest::addColumn<QString>("identityFinding");
    QTest::addColumn<bool>("knownSender");
    QTest::addColumn<int>("kind");
    const int victim = int(Verdict::Kind::VictimThreadHijack), external = int(Verdict::Kind::ExternalThreadHijack);
    QTest::newRow("known, consistent") << "" << true << victim;
    QTest::newRow("unknown sender") << "" << false << external;
    QTest::newRow("known + A1") << "A1" << true << external;
    QTest::newRow("known + A2") << "A2" << true << external;
    QTest::newRow("known + A3") << "A3" << true << external;
    QTest::newRow("known + A6") << "A6" << true << external;
    QTest::newRow("known + A8 (client change is victim evidence)") << "A8" << true << victim;
    QTest::newRow("known + A9 (new origin is victim evidence)") << "A9" << true << victim;
}

void TestVerdict::victimOrExternal()
{
    QFETCH(QString, identityFinding);
    QFETCH(bool, knownSender);
    QFETCH(int, kind);
    QList<Finding> findings{f("E", S::Strong), f("C1", S::Medium), f("B6", S::Medium, 200)};
    if (!identityFinding.isEmpty())
        findings << f(identityFinding.toLatin1().constData(), S::Weak);
    const Verdict v = Verdict::of(findings, knownSender);
    QVERIFY2(int(v.kind) == kind, qPrintable(v.name()));

    // a message that is not a hijack is never typed, whoever sent it
    QList<Finding> low{f("C1", S::Medium)};
    QCOMPARE(Verdict::of(low, knownSender).kind, Verdict::Kind::Clean);
}

// The engine judges a message once for D1 (on a copy) and again after D1/D2 are added: the combination
// rules must not compound.
void TestVerdict::judgingTwiceGivesTheSameVerdict()
{
    QList<Finding> findings{f("A1", S::Medium), f("A3", S::Medium), f("A10", S::Weak), f("B6", S::Medium, 500), f("C1", S::Medium)};
    const Verdict first = Verdict::of(findings, false);
    const Verdict second = Verdict::of(findings, false);
    QCOMPARE(second.evidence, first.evidence);
    QCOMPARE(second.kind, first.kind);
}

void TestVerdict::scoreFollowsEvidence()
{
    int previous = -1;
    QList<Finding> findings;
    const QStringList ids{"A4", "B3", "B8", "A2", "B9", "D1", "B2", "D2"};
    for (const QString &id : ids) {
        findings << f(id.toLatin1().constData(), id == u"B9" || id == u"D1" ? S::Strong : S::Medium);
        QList<Finding> copy = findings;
        const Verdict v = Verdict::of(copy, false);
        QVERIFY(v.score >= 0 && v.score <= 100);
        QVERIFY(v.score >= previous);
        previous = v.score;
    }
    QCOMPARE(judge({}).score, 0);
}

QTEST_GUILESS_MAIN(TestVerdict)
#include "tst_verdict.moc"
