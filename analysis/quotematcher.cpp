#include "quotematcher.h"

#include "parallel.h"
#include "shingles.h"

#include <QVarLengthArray>

#include <xxhash.h>

#include <algorithm>
#include <numeric>
#include <unordered_map>

namespace th::analysis {
namespace {

constexpr int MinShingles = 8;  // shorter texts ("Thanks!") match far too much to be evidence
constexpr int RunLength = 3;    // consecutive shared shingles that mark the start of a copy

// A copied thread contains its older messages too: the original is the newest authentic copy found, and
// between copies of the same date the fuller one. An edited copy only counts when there is no authentic one.
bool better(const QuoteMatcher::Match &a, const QuoteMatcher::Match &b, const std::vector<model::Message> &m)
{
    if (!b.isValid())
        return true;
    const bool authenticA = a.containment >= QuoteMatcher::AuthenticCopy, authenticB = b.containment >= QuoteMatcher::AuthenticCopy;
    if (authenticA != authenticB)
        return authenticA;
    const model::Message &x = m[size_t(a.message)], &y = m[size_t(b.message)];
    if (x.date != y.date)
        return x.date > y.date;
    return x.size > y.size;
}

// Between candidates pasted whole: the one that explains most of the text (the stolen message, not the
// older messages it quotes), then the one most completely inside it (not an earlier wave of the campaign,
// which carries its own lure), then the oldest.
bool fuller(const QuoteMatcher::Match &a, double coverageA, const QuoteMatcher::Match &b, double coverageB,
            const std::vector<model::Message> &m)
{
    if (!b.isValid())
        return true;
    if (qAbs(coverageA - coverageB) > 0.02)
        return coverageA > coverageB;
    if (qAbs(a.containment - b.containment) > 0.01)
        return a.containment > b.containment;
    return m[size_t(a.message)].date < m[size_t(b.message)].date;
}

// The shingles of these segments' words, in order: how the segments read when put together.
std::vector<quint64> gatheredSet(std::span<const Shingles::Token> tokens, std::span<const quint64> windows, const QList<Segment> &segments)
{
    QVarLengthArray<std::span<const Shingles::Token>, 8> parts;
    for (const Segment &s : segments)
        parts.append(Shingles::within(tokens, s.begin, s.end));
    return Shingles::gatheredSet(tokens, windows, std::span(parts.constData(), size_t(parts.size())));
}

// How many of the tokens lie in these segments (in text order, apart).
size_t wordCount(std::span<const Shingles::Token> tokens, const QList<Segment> &segments)
{
    size_t n = 0;
    for (const Segment &s : segments)
        n += Shingles::within(tokens, s.begin, s.end).size();
    return n;
}

qsizetype lineStart(const QString &text, qsizetype at)
{
    while (at > 0 && text[at - 1] != u'\n')
        --at;
    return at;
}

} // namespace

// A stored message is indexed by its own words (its new text): a copy of it contains them, whatever else it
// holds. List footers, disclaimers and patch trailers recur in many messages and would make every message
// look like a copy of every other: shingles found in more than 1% of the case (at least 25) are dropped.
QuoteMatcher::QuoteMatcher(const std::vector<model::Message> &messages, const QList<BodyStructure> &bodies)
    : m_messages(messages), m_bodies(bodies)
{
    const size_t n = messages.size();
    m_sent.resize(n);
    m_contentKey.resize(n);
    m_tokens.resize(n);
    m_windows.resize(n);
    std::vector<std::span<quint64>> own(n);
    std::vector<quint64> ownKeys(n);
    std::vector<char> ownIsWhole(n); // chars: threads write neighbouring flags
    parallelFor(qsizetype(n), [&](int i) {
        const model::Message &m = messages[size_t(i)];
        m_sent[size_t(i)] = m.date.isValid() ? m.date.toMSecsSinceEpoch() : NoDate;
        m_contentKey[size_t(i)] = qHash(m.contentSha256);
        thread_local std::vector<Shingles::Token> scratch;
        Shingles::tokens(bodies[i].text, scratch);
        m_tokens[size_t(i)] = m_arena.keep(scratch);
        m_windows[size_t(i)] = m_arena.keep(Shingles::windows(m_tokens[size_t(i)]));
        const QList<Segment> segments = bodies[i].ownSegments();
        own[size_t(i)] = m_arena.keep(gatheredSet(m_tokens[size_t(i)], m_windows[size_t(i)], segments));
        ownKeys[size_t(i)] = XXH3_64bits(own[size_t(i)].data(), own[size_t(i)].size_bytes());
        ownIsWhole[size_t(i)] = wordCount(m_tokens[size_t(i)], segments) == m_tokens[size_t(i)].size();
    });
    const std::vector<std::span<const quint64>> texts = groupIdentical(own, ownKeys);
    m_own = PostingIndex(texts);
    std::vector<int> copies(m_groupStarts.size() - 1);
    for (size_t g = 0; g < copies.size(); ++g)
        copies[g] = m_groupStarts[g + 1] - m_groupStarts[g];
    m_boilerplate = HashFilter(m_own.frequentHashes(texts, qMax(25, int(n / 100)), copies));
    m_sets.resize(n);
    m_fullSets.resize(n);
    parallelFor(qsizetype(n), [&](int i) {
        m_sets[size_t(i)] = removeBoilerplate(own[size_t(i)]); // the index holds its own copy of the postings
        // A text of the sender's words only (no quote, no signature) has one set for both.
        m_fullSets[size_t(i)] = ownIsWhole[size_t(i)] ? m_sets[size_t(i)] : m_arena.keep(withoutBoilerplate(regionSet(i, 0)));
    });
    // The oldest copies are the likeliest originals; undated ones (NoDate) count as the oldest.
    m_full = SketchIndex(m_fullSets, MinOriginalShingles, m_sent);
}

std::vector<std::span<const quint64>> QuoteMatcher::groupIdentical(const std::vector<std::span<quint64>> &own, const std::vector<quint64> &keys)
{
    std::vector<std::span<const quint64>> texts;
    std::vector<int> groupOf(own.size());
    std::unordered_map<quint64, std::vector<int>> groupsByHash;
    for (size_t i = 0; i < own.size(); ++i) {
        std::vector<int> &groups = groupsByHash[keys[i]];
        const auto same = std::find_if(groups.cbegin(), groups.cend(), [&](int g) { return std::ranges::equal(texts[size_t(g)], own[i]); });
        groupOf[i] = same != groups.cend() ? *same : int(texts.size());
        if (same == groups.cend()) {
            groups.push_back(groupOf[i]);
            texts.push_back(own[i]);
        }
    }
    m_groupStarts.assign(texts.size() + 1, 0);
    for (int g : groupOf)
        ++m_groupStarts[size_t(g) + 1];
    std::partial_sum(m_groupStarts.cbegin(), m_groupStarts.cend(), m_groupStarts.begin());
    std::vector<int> next(m_groupStarts.cbegin(), m_groupStarts.cend() - 1);
    m_groupMessages.resize(own.size());
    for (size_t i = 0; i < own.size(); ++i)
        m_groupMessages[size_t(next[size_t(groupOf[i])]++)] = int(i);
    return texts;
}

std::span<const int> QuoteMatcher::groupMessages(int group) const
{
    return std::span<const int>(m_groupMessages).subspan(size_t(m_groupStarts[size_t(group)]),
                                                          size_t(m_groupStarts[size_t(group) + 1] - m_groupStarts[size_t(group)]));
}

// Groups are numbered in the order of their first message: without copies the hits are in order already.
std::vector<PostingIndex::Hits> QuoteMatcher::ownWordHits(std::span<const quint64> set) const
{
    std::vector<PostingIndex::Hits> out;
    for (const PostingIndex::Hits &h : m_own.hits(set)) {
        for (int m : groupMessages(h.item))
            out.push_back({m, h.shared});
    }
    const auto byItem = [](const PostingIndex::Hits &a, const PostingIndex::Hits &b) { return a.item < b.item; };
    if (!std::is_sorted(out.cbegin(), out.cend(), byItem))
        std::sort(out.begin(), out.end(), byItem);
    return out;
}

std::vector<quint64> QuoteMatcher::shingles(int message, const QList<Segment> &segments) const
{
    return gatheredSet(m_tokens[size_t(message)], m_windows[size_t(message)], segments);
}

std::vector<quint64> QuoteMatcher::significantShingles(int message, const QList<Segment> &segments) const
{
    return withoutBoilerplate(shingles(message, segments));
}

bool QuoteMatcher::isBoilerplate(QStringView text) const
{
    const std::vector<quint64> set = Shingles::set(text);
    return !set.empty() && m_boilerplate.includes(set);
}

// In place: no second copy of a set that may hold a whole thread.
std::vector<quint64> QuoteMatcher::withoutBoilerplate(std::vector<quint64> set) const
{
    set.resize(removeBoilerplate(set).size());
    return set;
}

std::span<quint64> QuoteMatcher::removeBoilerplate(std::span<quint64> set) const
{
    const auto kept = std::remove_if(set.begin(), set.end(), [this](quint64 h) { return m_boilerplate.contains(h); });
    return set.first(size_t(kept - set.begin()));
}

bool QuoteMatcher::eligible(int candidate, int message) const
{
    const size_t c = size_t(candidate), m = size_t(message);
    if (c == m || (m_contentKey[c] == m_contentKey[m] && m_messages[c].contentSha256 == m_messages[m].contentSha256))
        return false;
    return m_sent[c] == NoDate || m_sent[m] == NoDate || m_sent[c] <= m_sent[m];
}

// The copy's ends are searched shingle by shingle from either end of the text: they are usually near it.
qsizetype QuoteMatcher::copyEnd(std::span<const Shingles::Token> text, std::span<const quint64> original)
{
    for (size_t i = Shingles::shingleCount(text); i-- > 0;) {
        const Shingles::Shingle s = Shingles::shingleAt(text, i);
        if (Shingles::contains(original, s.hash))
            return s.end;
    }
    return -1;
}

qsizetype QuoteMatcher::copyStart(std::span<const Shingles::Token> text, std::span<const quint64> original)
{
    int run = 0;
    for (size_t i = 0, n = Shingles::shingleCount(text); i < n; ++i) {
        run = Shingles::contains(original, Shingles::shingleAt(text, i).hash) ? run + 1 : 0;
        if (run == RunLength)
            return text[i + 1 - RunLength].begin;
    }
    return -1;
}

// The shingle set of the text from \a from to its end.
std::vector<quint64> QuoteMatcher::regionSet(int message, qsizetype from) const
{
    const std::span<const Shingles::Token> region = Shingles::within(m_tokens[size_t(message)], from, m_bodies[message].text.size());
    return Shingles::gatheredSet(m_tokens[size_t(message)], m_windows[size_t(message)], {&region, 1});
}

// The region's shingle set without boilerplate; the whole body's was computed with the index.
std::span<const quint64> QuoteMatcher::significantRegionSet(int message, qsizetype from, std::vector<quint64> &storage) const
{
    if (from <= 0)
        return m_fullSets[size_t(message)];
    storage = withoutBoilerplate(regionSet(message, from));
    return storage;
}

QuoteMatcher::Match QuoteMatcher::locate(int message, qsizetype from, Match best, std::span<const quint64> original) const
{
    const std::span<const Shingles::Token> region = Shingles::within(m_tokens[size_t(message)], from, m_bodies[message].text.size());
    const qsizetype start = copyStart(region, original);
    best.begin = start < 0 ? -1 : lineStart(m_bodies[message].text, start);
    best.end = start < 0 ? -1 : copyEnd(region, original);
    return best;
}

QuoteMatcher::Match QuoteMatcher::original(int message, qsizetype from) const
{
    std::vector<quint64> storage;
    const std::span<const quint64> set = significantRegionSet(message, from, storage);
    if (set.size() < MinShingles)
        return {};
    Match best;
    for (const PostingIndex::Hits &h : ownWordHits(set)) {
        const int c = h.item;
        const qsizetype own = qsizetype(m_sets[size_t(c)].size());
        if (own < MinOriginalShingles || !eligible(c, message))
            continue;
        const double containment = double(h.shared) / double(own);
        const Match m{c, containment, -1, -1};
        if (containment >= MinContainment && better(m, best, m_messages))
            best = m;
    }
    return best.isValid() ? locate(message, from, best, m_sets[size_t(best.message)]) : best;
}

// A message is copied where its own words are: an earlier wave of a campaign carries the same stolen thread
// under a lure of its own, which a later wave lacks. A candidate of a few own words proves nothing either way.
bool QuoteMatcher::ownWordsIn(int candidate, std::span<const quint64> set) const
{
    const std::span<const quint64> own = m_sets[size_t(candidate)];
    return qsizetype(own.size()) < MinShingles || Shingles::containment(own, set) >= MinContainment;
}

// Pasted whole: the original's text is (almost) all in the body, and makes up most of it.
QuoteMatcher::Match QuoteMatcher::pasted(int message) const
{
    constexpr double Whole = 0.85, Most = 0.6;
    const std::span<const quint64> set = m_fullSets[size_t(message)];
    if (set.size() < MinOriginalShingles)
        return {};
    Match best;
    double bestCoverage = 0;
    std::span<const quint64> bestSet;
    // coverage >= Most needs a candidate of at least that share of the body's size
    for (int c : m_full.candidates(set, SketchShare, qsizetype(Most * double(set.size())))) {
        if (!eligible(c, message) || !ownWordsIn(c, set))
            continue;
        const std::span<const quint64> full = m_fullSets[size_t(c)];
        const double shared = double(Shingles::intersectionSize(full, set));
        const Match m{c, shared / double(full.size()), -1, -1}; // candidates are never empty (MinOriginalShingles)
        const double coverage = shared / double(set.size());
        if (m.containment >= Whole && coverage >= Most && fuller(m, coverage, best, bestCoverage, m_messages)) {
            best = m;
            bestCoverage = coverage;
            bestSet = full;
        }
    }
    return best.isValid() ? locate(message, 0, best, bestSet) : best;
}

QuoteMatcher::Match QuoteMatcher::copyOf(int message, int candidate) const
{
    const std::span<const quint64> full = m_fullSets[size_t(candidate)];
    if (full.empty() || !eligible(candidate, message))
        return {};
    const double shared = double(Shingles::intersectionSize(full, m_fullSets[size_t(message)]));
    return locate(message, 0, Match{candidate, shared / double(full.size()), -1, -1}, full);
}

} // namespace th::analysis
