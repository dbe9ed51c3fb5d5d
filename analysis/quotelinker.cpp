#include "quotelinker.h"

#include "lowercase.h"

#include <algorithm>
#include <limits>

namespace th::analysis {

QuoteLinker::QuoteLinker(const std::vector<model::Message> &messages, const QList<BodyStructure> &bodies,
                         const model::ThreadSet &threads, const QuoteMatcher &matcher)
    : m_messages(messages), m_bodies(bodies), m_threads(threads), m_matcher(matcher)
{
    const auto add = [&matcher](Sent &s, int i) {
        s.messages << i;
        s.byDate.emplace_back(matcher.sentAt(i), i);
    };
    for (int i = 0; i < int(messages.size()); ++i) {
        add(m_byAuthor[Lowercase::of(messages[size_t(i)].from.address)], i);
        if (!messages[size_t(i)].from.name.isEmpty())
            add(m_byName[Lowercase::of(messages[size_t(i)].from.name)], i);
    }
    for (QHash<QString, Sent> *table : {&m_byAuthor, &m_byName}) {
        for (Sent &s : *table)
            std::sort(s.byDate.begin(), s.byDate.end());
    }
}

QList<QuoteLink> QuoteLinker::link(int message, int copied) const
{
    QList<QuoteLink> out;
    const BodyStructure &b = m_bodies[message];
    for (int k = 0; k < b.history.size(); ++k) {
        const QuotedMessage &q = b.history[k];
        out << best(message, k, scopeOf(message, copied, q.header >= 0 ? &b.headers[q.header] : nullptr));
    }
    return out;
}

QuoteLinker::Scope QuoteLinker::scopeOf(int message, int copied, const QuotedHeader *header) const
{
    Scope s;
    s.message = message;
    s.copied = copied;
    s.threads[0] = m_threads.threadOfMessage.value(message, -1);
    s.threads[1] = copied < 0 ? -1 : m_threads.threadOfMessage.value(copied, -1);
    const qsizetype ownThread = s.threads[0] < 0 ? 0 : m_threads.threads[s.threads[0]].messageCount;
    const auto messagesOf = [](const QHash<QString, Sent> &table, const QString &key) {
        const auto it = table.constFind(Lowercase::of(key));
        return it == table.cend() ? QList<int>() : it->messages;
    };
    if (header && !header->fromAddress.isEmpty())
        s.authors = messagesOf(m_byAuthor, header->fromAddress);
    else if (header && copied < 0 && ownThread <= 1) // alone in its thread, attributed without an address: the name's messages
        s.authors = messagesOf(m_byName, attributionOf(*header).name);
    return s;
}

// At most the size of listed(): the authors may be in the threads.
qsizetype QuoteLinker::Scope::listedSize(const model::ThreadSet &set) const
{
    qsizetype n = authors.size() + (copied >= 0 ? 1 : 0);
    for (int t : {threads[0], threads[1] == threads[0] ? -1 : threads[1]})
        n += t < 0 ? 0 : set.threads[t].messageCount;
    return n;
}

bool QuoteLinker::inScope(const Scope &scope, int candidate) const
{
    if (candidate == scope.message)
        return false;
    const int thread = m_threads.threadOfMessage.value(candidate, -1);
    return (thread >= 0 && (thread == scope.threads[0] || thread == scope.threads[1])) || candidate == scope.copied
        || std::binary_search(scope.authors.cbegin(), scope.authors.cend(), candidate);
}

QList<int> QuoteLinker::listed(const Scope &scope) const
{
    QList<int> out = scope.authors;
    for (int t : scope.threads) {
        if (t >= 0)
            out += m_threads.threads[t].messageIndexes();
    }
    if (scope.copied >= 0)
        out << scope.copied;
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    out.removeOne(scope.message);
    return out;
}

QList<int> QuoteLinker::searched(const Scope &scope, const std::vector<PostingIndex::Hits> &hits, const Attribution &author) const
{
    QList<int> out;
    for (const PostingIndex::Hits &h : hits) {
        if (inScope(scope, h.item))
            out << h.item;
    }
    for (int c : writtenAround(author, scope)) {
        if (inScope(scope, c))
            out << c;
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

// Integer seconds are compared in writtenBy(): the window is a little wider, and writtenBy() decides. It ends
// when the quoting message was sent: later ones are not eligible. Of more messages than MaxAuthorCandidates
// there, byAttribution() can only choose an ancestor: those of the quoting message's thread are read instead.
QList<int> QuoteLinker::writtenAround(const Attribution &author, const Scope &scope) const
{
    const QHash<QString, Sent> &table = author.address.isEmpty() ? m_byName : m_byAuthor;
    const auto it = table.constFind(Lowercase::of(author.address.isEmpty() ? author.name : author.address));
    if (author.sent == QuoteMatcher::NoDate || it == table.cend())
        return {};
    const qint64 slack = (DateSlackSecs + 1) * 1000;
    const auto from = std::lower_bound(it->byDate.cbegin(), it->byDate.cend(), std::pair(author.sent - slack, -1));
    const qint64 sent = m_matcher.sentAt(scope.message);
    const qint64 last = sent == QuoteMatcher::NoDate ? author.sent + slack : qMin(author.sent + slack, sent);
    const auto to = std::upper_bound(from, it->byDate.cend(), std::pair(last, std::numeric_limits<int>::max()));
    QList<int> out;
    if (to - from <= MaxAuthorCandidates) {
        for (auto d = from; d != to; ++d)
            out << d->second;
    } else if (scope.threads[0] >= 0) {
        for (int m : m_threads.threads[scope.threads[0]].messageIndexes()) {
            if (std::binary_search(it->messages.cbegin(), it->messages.cend(), m) && writtenBy(m, author))
                out << m;
        }
    }
    return out;
}

// Archives write "Name <user at host>": the name is what comes before the obfuscated address.
QuoteLinker::Attribution QuoteLinker::attributionOf(const QuotedHeader &header)
{
    return {header.date.isValid() ? header.date.toMSecsSinceEpoch() : QuoteMatcher::NoDate, header.fromAddress,
            header.fromAddress.isEmpty() ? header.fromName.section(u'<', 0, 0).trimmed() : QString()};
}

bool QuoteLinker::writtenBy(int candidate, const Attribution &author) const
{
    const model::Message &c = m_messages[size_t(candidate)];
    const qint64 sent = m_matcher.sentAt(candidate);
    if (author.sent == QuoteMatcher::NoDate || sent == QuoteMatcher::NoDate || qAbs(sent - author.sent) / 1000 > DateSlackSecs)
        return false;
    if (!author.address.isEmpty())
        return Lowercase::equal(author.address, c.from.address);
    return !author.name.isEmpty() && Lowercase::equal(author.name, c.from.name);
}

// The candidate that wrote most of the quote; between equals, the one its attribution names; a quote too
// short (or too flattened) to judge by its words is linked by its attribution alone.
QuoteLink QuoteLinker::best(int message, int k, const Scope &scope) const
{
    const BodyStructure &b = m_bodies[message];
    const QuotedHeader *header = b.history[k].header >= 0 ? &b.headers[b.history[k].header] : nullptr;
    const Attribution author = header ? attributionOf(*header) : Attribution{};
    const std::vector<quint64> set = m_matcher.significantShingles(message, b.contentSegments(k));
    const bool smallScope = scope.listedSize(m_threads) <= MaxListedScope;
    const QList<int> listedCandidates = smallScope ? listed(scope) : QList<int>();
    // A few candidates (a short thread) are cheaper to intersect one by one than to look up in the index.
    const bool fewCandidates = smallScope && listedCandidates.size() <= MaxDirectCandidates;
    const bool judgeWords = set.size() >= size_t(MinShingles);
    const std::vector<PostingIndex::Hits> hits = fewCandidates || !judgeWords ? std::vector<PostingIndex::Hits>() : m_matcher.ownWordHits(set);
    const QList<int> candidates = smallScope ? listedCandidates : searched(scope, hits, author);
    const auto shared = [&](int c) {
        return fewCandidates ? Shingles::intersectionSize(set, m_matcher.ownShingles(c)) : PostingIndex::sharedBy(hits, c);
    };
    QuoteLink best;
    QList<int> named;
    for (int c : candidates) {
        if (!m_matcher.eligible(c, message))
            continue;
        const bool byHeader = header && writtenBy(c, author);
        if (byHeader)
            named << c;
        if (!judgeWords)
            continue;
        const double containment = double(shared(c)) / double(set.size());
        const bool better = containment > best.containment + 0.05 || (containment > best.containment - 0.05 && byHeader && !best.byHeader);
        if (containment >= MinContainment && better)
            best = QuoteLink{c, containment, byHeader};
    }
    if (!best.isValid())
        best = byAttribution(message, named);
    return best;
}

// Among the candidates the attribution fits, the nearest ancestor in the thread (quoted dates often lack
// their zone, so an author's two messages of the same day both fit); else the only one.
QuoteLink QuoteLinker::byAttribution(int message, const QList<int> &named) const
{
    const int thread = m_threads.threadOfMessage.value(message, -1);
    if (thread >= 0) {
        const model::Thread &t = m_threads.threads[thread];
        for (int n = t.nodes[m_threads.nodeOfMessage[message]].parent; n >= 0; n = t.nodes[n].parent) {
            if (named.contains(t.nodes[n].message))
                return QuoteLink{t.nodes[n].message, 0, true};
        }
    }
    return named.size() == 1 ? QuoteLink{named.first(), 0, true} : QuoteLink{};
}

} // namespace th::analysis
