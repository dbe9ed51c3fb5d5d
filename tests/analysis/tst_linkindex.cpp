// LinkIndex against a reading of every message of the thread, on the real links of linux-s390 and usrp-users
// (text and HTML): each link as written, cut short as quoting cuts it, extended, and under the other scheme.
#include "casefixture.h"

#include "analysis/hijackanalyzer.h"
#include "analysis/indicators/alteredquote.h"
#include "analysis/linkindex.h"

#include <QTest>

using namespace th::analysis;

class TestLinkIndex : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void agreesWithTheThread();
};

namespace {

QStringView withoutScheme(const QString &link)
{
    const qsizetype at = link.indexOf(QLatin1String("://"));
    return at < 0 ? QStringView(link) : QStringView(link).sliced(at + 3);
}

bool matches(const QString &known, const QString &link)
{
    return withoutScheme(known).startsWith(withoutScheme(link)) || withoutScheme(link).startsWith(withoutScheme(known));
}

QStringList variants(const QString &link)
{
    QString other = link;
    other.replace(0, link.indexOf(u':'), link.startsWith(u"https") ? QStringLiteral("http") : QStringLiteral("https"));
    return {link, link.left(link.size() / 2), link.left(link.size() - 1), link + QStringLiteral("/more"), other,
            QStringLiteral("https://lore.kernel.org/")};
}

} // namespace

void TestLinkIndex::agreesWithTheThread()
{
    CaseFixture c;
    c.addCorpus(QString::fromLatin1(CaseFixture::S390));
    c.addCorpus(QString::fromLatin1(CaseFixture::Usrp));
    c.analyse();
    const std::vector<th::model::Message> &messages = c.store().messages();
    QList<QSet<QString>> links;
    for (const th::model::Message &m : messages)
        links << AlteredQuote::linksIn(HijackAnalyzer::structureOf(m).text) + AlteredQuote::linksIn(m.htmlBody);
    const LinkIndex index(links, c.threads());
    int yes = 0, no = 0;
    for (int m = 0; m < links.size(); ++m) {
        const int thread = c.threads().threadOfMessage.value(m, -1);
        const QList<int> others = c.threads().threads[thread].messageIndexes();
        for (const QString &link : std::as_const(links[m])) {
            for (const QString &v : variants(link)) {
                const bool inThread = std::any_of(others.cbegin(), others.cend(), [&](int o) {
                    return o != m && std::any_of(links[o].cbegin(), links[o].cend(), [&v](const QString &k) { return matches(k, v); });
                });
                QVERIFY2(index.inThread(v, thread, m) == inThread, qPrintable(v));
                const int next = (m + 1) % int(links.size());
                const bool inNext = std::any_of(links[next].cbegin(), links[next].cend(), [&v](const QString &k) { return matches(k, v); });
                QVERIFY2(index.inMessage(v, next) == inNext, qPrintable(v));
                (inThread ? yes : no) += 1;
            }
        }
    }
    qInfo("%d links in the thread, %d not", yes, no);
    QVERIFY(yes > 1000 && no > 1000);
}

QTEST_GUILESS_MAIN(TestLinkIndex)
#include "tst_linkindex.moc"
