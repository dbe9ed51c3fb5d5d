// LookalikeIndex against comparing one by one: every registrable sender domain of the real corpora is indexed,
// and for real domains and look-alikes made of them (a typo of each kind, homoglyphs, another suffix, a
// hyphenated addition, a plural), every domain Lookalike::compare calls imitated must be among the candidates.
#include "analysis/domainidentity.h"
#include "analysis/lookalike.h"
#include "analysis/lookalikeindex.h"
#include "model/importjob.h"

#include <QSet>
#include <QTest>

using namespace th::analysis;
using Kind = Lookalike::Kind;

class TestLookalikeIndex : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findsEveryLookalikeOfRealDomains();
    void fewDomainsAreAllCandidates();
};

namespace {

QStringList senderDomains()
{
    QSet<QString> out;
    for (const char *path : {"lists", "hijack-dev/mailbox.mbox", "phishing_pot/eml", "notmuch", "spoof-auth-rspamd"}) {
        const th::model::MailStore store = th::model::ImportJob({QStringLiteral(TH_CORPORA "/") + QLatin1String(path)}).run();
        for (const th::model::Message &m : store.messages()) {
            if (const QString d = DomainIdentity::registrable(m.from.address); !d.isEmpty())
                out.insert(d);
        }
    }
    QStringList sorted(out.cbegin(), out.cend());
    sorted.sort();
    return sorted;
}

// What an attacker registers next to \a domain.
QStringList lookalikesOf(const QString &domain)
{
    const QString label = domain.section(u'.', 0, 0), suffix = domain.section(u'.', 1);
    const qsizetype mid = label.size() / 2;
    QString swapped = label;
    if (label.size() > 2)
        std::swap(swapped[mid - 1], swapped[mid]);
    return {domain,
            label + QStringLiteral(".co"),                                     // another suffix
            QString(label).replace(mid, 1, u'x') + u'.' + suffix,              // substitution
            QString(label).remove(mid, 1) + u'.' + suffix,                     // deletion
            QString(label).insert(mid, u'q') + u'.' + suffix,                  // insertion
            swapped + u'.' + suffix,                                           // transposition
            QString(label).replace(mid, 2, QStringLiteral("zz")) + u'.' + suffix, // two edits
            QString(label).replace(u'o', u'0').replace(u'l', u'1') + u'.' + suffix,
            QString(label).replace(u'a', QChar(0x430)) + u'.' + suffix,        // Cyrillic а
            label + QStringLiteral("-secure.") + suffix,
            QStringLiteral("secure-") + domain,
            QString(label).insert(mid, u'-') + u'.' + suffix,
            label + QStringLiteral("s.") + suffix};
}

} // namespace

void TestLookalikeIndex::findsEveryLookalikeOfRealDomains()
{
    const QStringList domains = senderDomains();
    QVERIFY2(domains.size() >= LookalikeIndex::IndexedFrom, qPrintable(QString::number(domains.size())));
    const LookalikeIndex index(domains);
    int imitations = 0;
    for (qsizetype q = 0; q < domains.size(); q += 7) {
        for (const QString &candidate : lookalikesOf(domains[q])) {
            const QStringList found = index.candidates(candidate);
            QVERIFY(found.size() < domains.size() / 4); // an index, not the whole list
            for (const QString &known : domains) {
                const Kind k = Lookalike::compare(candidate, known);
                if (k == Kind::None || k == Kind::Identical)
                    continue;
                QVERIFY2(found.contains(known), qPrintable(candidate + u' ' + known + u' ' + Lookalike::describe(k)));
                ++imitations;
            }
        }
    }
    qInfo("%d imitations found among %lld domains", imitations, qlonglong(domains.size()));
    QVERIFY(imitations > 1000);
}

void TestLookalikeIndex::fewDomainsAreAllCandidates()
{
    const QStringList few{QStringLiteral("ettus.com"), QStringLiteral("kernel.org"), QStringLiteral("redhat.com")};
    QCOMPARE(LookalikeIndex(few).candidates(QStringLiteral("unrelated.example")), few);
}

QTEST_GUILESS_MAIN(TestLookalikeIndex)
#include "tst_lookalikeindex.moc"
