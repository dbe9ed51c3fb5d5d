// LinkIndex against a reading of every message of the thread, on the real links of linux-s390 and usrp-users
// (text and HTML): each link as written, cut short as quoting cuts it, extended, under the other scheme, its
// site alone and another page of its site.
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

// The rule read plainly: equal, cut short, or longer than a known link that goes past the site ("host/").
bool matches(const QString &known, const QString &link)
{
    const QStringView k = withoutScheme(known), l = withoutScheme(link);
    const qsizetype slash = l.indexOf(u'/');
    return k.startsWith(l) || (l.startsWith(k) && k.size() > (slash < 0 ? l.size() : slash + 1));
}

QStringList variants(const QString &link)
{
    QString other = link;
    other.replace(0, link.indexOf(u':'), link.startsWith(u"https") ? QStringLiteral("http") : QStringLiteral("https"));
    const QString site = link.left(link.indexOf(u'/', link.indexOf(QLatin1String("://")) + 3) + 1);
    return {link, link.left(link.size() / 2), link.left(link.size() - 1), link + QStringLiteral("/more"), other, site,
            site + QStringLiteral("elsewhere"), QStringLiteral("https://lore.kernel.org/")};
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
    const auto reads = [&](const QString &v, int message, int exclude) {
        const int thread = c.threads().threadOfMessage.value(message, -1);
        const QList<int> members = thread < 0 ? QList<int>{message} : c.threads().threads[thread].messageIndexes();
        return std::any_of(members.cbegin(), members.cend(), [&](int o) {
            return o != exclude && std::any_of(links[o].cbegin(), links[o].cend(), [&v](const QString &k) { return matches(k, v); });
        });
    };
    for (int m = 0; m < links.size(); ++m) {
        const int next = (m + 1) % int(links.size());
        for (const QString &link : std::as_const(links[m])) {
            for (const QString &v : variants(link)) {
                const bool inThread = reads(v, m, m);
                QVERIFY2(index.known(v, m, m) == inThread, qPrintable(v));
                QVERIFY2(index.known(v, next, m) == reads(v, next, m), qPrintable(v));
                (inThread ? yes : no) += 1;
            }
        }
    }
    qInfo("%d links in the thread, %d not", yes, no);
    QVERIFY(yes > 1000 && no > 1000);
}

QTEST_GUILESS_MAIN(TestLinkIndex)
#include "tst_linkindex.moc"
