// Lowercase against Qt on every name and address of a real list, the hostile strings, and the scripts whose case
// rules differ from ASCII's (Turkish dotted I, German sharp s, Greek final sigma, full-width Latin).
#include "hostilestrings.h"

#include "analysis/lowercase.h"
#include "model/importjob.h"

#include <QTest>

using namespace th::analysis;

class TestLowercase : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void lowerCaseAsQtGivesIt();
    void equalAsQtComparesCaselessly();
};

namespace {

QStringList texts()
{
    QStringList out = hostileStrings();
    out << "" << "A" << "z" << "@" << "[" << "`" << "ZAZ@EXAMPLE.COM" << QString::fromUtf8("İSTANBUL@Örnek.com.tr")
        << QString::fromUtf8("STRAẞE") << QString::fromUtf8("ΟΔΟΣ") << QString::fromUtf8("ＡＢＣ@ＸＹＺ") << "Jane.DOE\u0130";
    const th::model::MailStore store = th::model::ImportJob({QStringLiteral(TH_CORPORA "/lists/usrp-users_2021-08_to_2021-09")}).run();
    for (const th::model::Message &m : store.messages())
        for (const th::model::MailAddress &a : m.to + m.cc + th::model::AddressList{m.from})
            out << a.address << a.name;
    return out;
}

} // namespace

// Lowercase::of gives what QString::toLower gives, and an ASCII text already in lower case comes back without a copy.
void TestLowercase::lowerCaseAsQtGivesIt()
{
    const QStringList all = texts();
    QVERIFY(all.size() > 2000);
    int changed = 0;
    for (const QString &t : all) {
        QCOMPARE(Lowercase::of(t), t.toLower());
        changed += Lowercase::of(t) != t ? 1 : 0;
    }
    QVERIFY(changed > 100);
    const QString lower = QString::fromLatin1("jane.doe@example.com");
    QCOMPARE(Lowercase::of(lower).constData(), lower.constData());
}

// Lowercase::equal answers as Qt's caseless comparison: each text against itself upper- and lower-cased, against
// its neighbour, and against itself one character shorter.
void TestLowercase::equalAsQtComparesCaselessly()
{
    const QStringList all = texts();
    int equal = 0;
    for (qsizetype i = 0; i < all.size(); ++i) {
        const QString &t = all[i];
        for (const QString &u : {t.toUpper(), t.toLower(), all[(i + 1) % all.size()], t.chopped(qMin<qsizetype>(1, t.size()))}) {
            QCOMPARE(Lowercase::equal(t, u), t.compare(u, Qt::CaseInsensitive) == 0);
            equal += Lowercase::equal(t, u) ? 1 : 0;
        }
    }
    QVERIFY(equal > 2000);
}

QTEST_GUILESS_MAIN(TestLowercase)
#include "tst_lowercase.moc"
