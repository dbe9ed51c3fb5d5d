#include "threadreuse.h"

#include "analysis/parallel.h"
#include "analysis/reuseclusters.h"
#include "analysis/shingles.h"

#include <xxhash.h>

#include <algorithm>

namespace th::analysis {
namespace {

// The authentic (quoted) content of each message, whole and its newest quoted message alone: a wave that
// cut the older history away still carries the message it stole. (Older quoted messages are shared by
// every theft from the same list thread, so they are not pieces of their own.) As shingle sets of the
// words the matcher has tokenised: quote marks only separate words, so stripping them changes no shingle.
QList<QList<std::vector<quint64>>> authenticContent(const CaseData &data, const QList<MessageAnalysis> &analyses)
{
    return parallelMap<QList<QList<std::vector<quint64>>>>(analyses.size(), [&](int i) {
        QList<std::vector<quint64>> out;
        const qsizetype splice = analyses[i].splice;
        if (splice < 0 || analyses[i].senderInConversation)
            return out;
        const BodyStructure &b = data.bodies[i];
        const bool betweenWords = splice == 0 || b.text[splice - 1] == u'\n';
        out << (betweenWords ? data.matcher.shingles(i, {Segment{Segment::Kind::Quoted, 0, splice, b.text.size()}})
                             : Shingles::set(QStringView(b.text).sliced(splice)));
        const auto newest = std::find_if(b.history.cbegin(), b.history.cend(), [splice](const QuotedMessage &q) { return q.end > splice; });
        if (newest != b.history.cend())
            out << data.matcher.shingles(i, b.contentSegments(int(newest - b.history.cbegin())));
        return out;
    });
}

QString clusterId(const CaseData &data, const QList<int> &members)
{
    QStringList ids;
    for (int m : members)
        ids << data.messages[size_t(m)].messageId;
    ids.sort();
    const QByteArray key = ids.join(u'\n').toUtf8();
    return QStringLiteral("reuse-%1").arg(XXH3_64bits(key.constData(), size_t(key.size())), 16, 16, QLatin1Char('0'));
}

QSet<QString> senders(const CaseData &data, const QList<int> &members)
{
    QSet<QString> out;
    for (int m : members)
        out.insert(data.messages[size_t(m)].from.address.toLower());
    return out;
}

Finding reuseFinding(const CaseData &data, const QList<int> &members, int self)
{
    QDateTime first, last;
    Finding f{QStringLiteral("D1"), Finding::Severity::Strong, {}, {}};
    for (int m : members) {
        const model::Message &msg = data.messages[size_t(m)];
        first = !first.isValid() || msg.date < first ? msg.date : first;
        last = msg.date > last ? msg.date : last;
        if (m != self)
            f.evidence << Evidence{Evidence::Kind::Message, -1, -1, msg.messageId, msg.from.toString()};
    }
    f.summary = QStringLiteral("The same quoted conversation arrived in %1 messages from %2 different senders outside it, between %3 and %4")
                    .arg(members.size()).arg(senders(data, members).size())
                    .arg(first.date().toString(Qt::ISODate), last.date().toString(Qt::ISODate));
    return f;
}

// Reuse is supporting evidence: legitimate newcomers to a list thread quote the same parent too. A cluster
// counts only through its members that are suspicious on their own.
QList<int> suspiciousMembers(const QList<int> &members, const QList<MessageAnalysis> &analyses)
{
    QList<int> out;
    std::copy_if(members.cbegin(), members.cend(), std::back_inserter(out), [&analyses](int m) { return analyses[m].suspiciousOnItsOwn(); });
    return out;
}

// What each wave stole: only suspicious messages count, since a reply to that message is no wave, and would
// join the waves of different thefts from one thread.
QList<int> stolenOriginals(const QList<MessageAnalysis> &analyses)
{
    QList<int> out;
    for (const MessageAnalysis &a : analyses)
        out << a.stolenOriginal();
    return out;
}

} // namespace

void ThreadReuse::apply(const CaseData &data, QList<MessageAnalysis> &analyses)
{
    for (const QList<int> &cluster : ReuseClusters::find(authenticContent(data, analyses), stolenOriginals(analyses))) {
        const QList<int> members = suspiciousMembers(cluster, analyses);
        if (members.size() < 2 || senders(data, members).size() < 2)
            continue;
        const QString id = clusterId(data, members);
        for (int m : members) {
            analyses[m].reuseCluster = id;
            analyses[m].findings << reuseFinding(data, members, m);
        }
    }
}

} // namespace th::analysis
