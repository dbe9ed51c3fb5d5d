// Memo: each table remembers per thread what a pure function gave, under keys that cannot collide.
#include "analysis/memo.h"

#include <QtConcurrent>
#include <QtTest>

using namespace th::analysis;

class TestMemo : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void computesEachKeyOnce();
    void keepsTablesApart();
    void partsKeepTheirBoundaries();
    void longKeysAreNotKept();
    void eachThreadHasItsOwnTable();
    void remembersEveryKeyAsTheTableGrows();
    void startsOverWhenFull();
};

void TestMemo::computesEachKeyOnce()
{
    int calls = 0;
    const auto upper = [&calls](QStringView s) { ++calls; return s.toString().toUpper(); };
    QCOMPARE(Memo::of<100>(u"jane", upper), QStringLiteral("JANE"));
    QCOMPARE(Memo::of<100>(QStringLiteral("jane"), upper), QStringLiteral("JANE"));
    QCOMPARE(Memo::of<100>(u"john", upper), QStringLiteral("JOHN"));
    QCOMPARE(calls, 2);
}

namespace {

template<int Table>
int remembered(QStringView key, int value)
{
    return Memo::of<Table>(key, [value](QStringView) { return value; });
}

} // namespace

void TestMemo::keepsTablesApart()
{
    QCOMPARE(remembered<101>(u"key", 1), 1);
    QCOMPARE(remembered<102>(u"key", 2), 2);
    QCOMPARE(remembered<101>(u"key", 3), 1);
}

// ("ab", "c") and ("a", "bc") join to the same text; a separator character could be part of a name.
void TestMemo::partsKeepTheirBoundaries()
{
    const auto joined = [](QStringView a, QStringView b) { return Memo::of<103>({a, b}, [a, b] { return a.toString() + u'|' + b.toString(); }); };
    QCOMPARE(joined(u"ab", u"c"), QStringLiteral("ab|c"));
    QCOMPARE(joined(u"a", u"bc"), QStringLiteral("a|bc"));
    QCOMPARE(joined(QStringView(u"a\u0000b", 3), u""), QStringView(u"a\u0000b|", 4).toString());
    QCOMPARE(joined(u"a", u"b"), QStringLiteral("a|b"));
    QCOMPARE(joined(u"ab", u"c"), QStringLiteral("ab|c"));
}

void TestMemo::longKeysAreNotKept()
{
    int calls = 0;
    const QString longKey(Memo::MaxKeyLength + 1, u'x');
    for (int i = 0; i < 3; ++i)
        QCOMPARE(Memo::of<104>(longKey, [&calls](QStringView s) { ++calls; return s.size(); }), longKey.size());
    QCOMPARE(calls, 3);
    const QString longPart(Memo::MaxKeyLength, u'y');
    for (int i = 0; i < 2; ++i)
        QCOMPARE(Memo::of<105>({longPart, u"z"}, [&calls] { ++calls; return 0; }), 0);
    QCOMPARE(calls, 5);
}

void TestMemo::eachThreadHasItsOwnTable()
{
    std::atomic<int> calls = 0;
    const auto work = [&calls](int) { return Memo::of<106>(u"shared", [&calls](QStringView) { ++calls; return 7; }); };
    QCOMPARE(work(0), 7);
    QThreadPool pool;
    pool.setMaxThreadCount(1);
    QCOMPARE(QtConcurrent::mapped(&pool, QList<int>{1, 2, 3}, work).results(), QList<int>({7, 7, 7}));
    QCOMPARE(calls.load(), 2); // this thread once, the pool's one thread once
}

// Thousands of keys: the table doubles several times, and neighbouring slots hold keys of other values.
void TestMemo::remembersEveryKeyAsTheTableGrows()
{
    int calls = 0;
    const auto length = [&calls](QStringView s) { ++calls; return s.size(); };
    for (int round = 0; round < 2; ++round) {
        for (int i = 0; i < 5000; ++i) {
            const QString key = u"user"_qs + QString::number(i) + u"@example.org"_qs;
            QCOMPARE(Memo::of<107>(key, length), key.size());
        }
    }
    QCOMPARE(calls, 5000);
}

void TestMemo::startsOverWhenFull()
{
    int calls = 0;
    const auto number = [&calls](QStringView s) { ++calls; return s.toInt(); };
    for (int i = 0; i < 150; ++i)
        QCOMPARE((Memo::of<108, 100>(QString::number(i), number)), i);
    QCOMPARE(calls, 150);
    QCOMPARE((Memo::of<108, 100>(u"120", number)), 120); // kept since the table started over
    QCOMPARE(calls, 150);
    QCOMPARE((Memo::of<108, 100>(u"5", number)), 5); // dropped when it did
    QCOMPARE(calls, 151);
}

QTEST_GUILESS_MAIN(TestMemo)
#include "tst_memo.moc"
