#include "threadparticipants.h"

#include "displayname.h"
#include "domainidentity.h"
#include "lowercase.h"
#include "parallel.h"

namespace th::analysis {

namespace {

// What an address is counted under: its domain with it even when that has no registrable form (""), and
// no name shorter than two characters.
void mention(ThreadParticipants::Mentions &out, const model::MailAddress &a)
{
    if (!a.address.isEmpty()) {
        out.addresses << Lowercase::of(a.address);
        out.domains << DomainIdentity::registrable(a.address);
    }
    if (const QString name = DisplayName::normalise(a.name); name.size() > 1)
        out.names << name;
}

} // namespace

void ThreadParticipants::Counts::add(const model::MailAddress &a)
{
    Mentions m;
    mention(m, a);
    add(m);
}

void ThreadParticipants::Counts::add(const Mentions &m)
{
    for (const QString &a : m.addresses)
        ++addresses[a];
    for (const QString &d : m.domains)
        ++domains[d];
    for (const QString &n : m.names)
        ++names[n];
}

int ThreadParticipants::countOf(const Tally &tally, const QString &key)
{
    const auto it = tally.find(key);
    return it == tally.end() ? 0 : it->second;
}

const QHash<QString, int> &ThreadParticipants::nameWords(int thread) const
{
    std::call_once(m_nameWordsCounted[size_t(thread)], [this, thread] {
        for (const auto &[name, mentions] : m_threads[thread].names) {
            for (const QString &w : wordsOf(name))
                m_nameWords[size_t(thread)][w] += mentions;
        }
    });
    return m_nameWords[size_t(thread)];
}

bool ThreadParticipants::namesWord(int thread, const QString &word, const QStringList &ownNames) const
{
    const int mentions = nameWords(thread).value(word);
    const auto holds = [&word](const QString &name) { return wordsOf(name).contains(word); };
    return mentions > 0 && mentions > std::count_if(ownNames.cbegin(), ownNames.cend(), holds);
}

QStringList ThreadParticipants::wordsOf(const QString &name)
{
    QStringList words = name.split(u' ', Qt::SkipEmptyParts);
    words.removeDuplicates();
    return words;
}

// Per thread, not kept per message: a case has a few hundred threads but thousands of messages.
ThreadParticipants::ThreadParticipants(const std::vector<model::Message> &messages, const model::ThreadSet &threads)
    : m_messages(messages)
{
    const qsizetype n = threads.threads.size();
    m_threads.resize(n);
    m_nameWordsCounted = std::make_unique<std::once_flag[]>(size_t(n));
    m_nameWords.resize(size_t(n));
    m_sightings.resize(n);
    m_threadMessages.resize(n);
    m_mentions.resize(messages.size());
    parallelFor(n, [&](int t) {
        m_threadMessages[t] = threads.threads[t].messageIndexes();
        const bool indexed = m_threadMessages[t].size() > MaxScannedThread;
        for (int m : std::as_const(m_threadMessages[t])) {
            const model::Message &message = messages[size_t(m)];
            const Mentions &mentions = m_mentions[size_t(m)] = mentionsOf(message);
            m_threads[t].add(mentions);
            const qint64 sent = message.date.isValid() ? message.date.toMSecsSinceEpoch() : NoDate;
            for (const QString &address : indexed ? mentions.addresses : QStringList())
                m_sightings[t].push_back({qHash(address), sent, m});
        }
        std::sort(m_sightings[t].begin(), m_sightings[t].end());
    });
}

ThreadParticipants::Mentions ThreadParticipants::mentionsOf(const model::Message &m)
{
    Mentions out;
    // A list's messages copy dozens of people: lists grown one mention at a time were reallocated again and again.
    const qsizetype people = 1 + m.to.size() + m.cc.size();
    for (QStringList *list : {&out.addresses, &out.domains, &out.names})
        list->reserve(people);
    mention(out, m.from);
    for (const model::AddressList *list : {&m.to, &m.cc}) {
        for (const model::MailAddress &a : *list)
            mention(out, a);
    }
    return out;
}

// A short thread is read message by message; a long one through its sightings.
bool ThreadParticipants::namedBefore(int thread, const QString &address, const QDateTime &before, int exclude) const
{
    if (address.isEmpty())
        return false; // mentions without an address are not counted
    if (m_threadMessages[thread].size() <= MaxScannedThread) {
        return std::any_of(m_threadMessages[thread].cbegin(), m_threadMessages[thread].cend(), [&](int m) {
            const model::Message &o = m_messages[size_t(m)];
            return m != exclude && o.date < before && namesAddress(o, address);
        });
    }
    const qint64 limit = before.isValid() ? before.toMSecsSinceEpoch() : NoDate;
    const std::vector<Sighting> &sightings = m_sightings[thread];
    const size_t key = qHash(Lowercase::of(address));
    for (auto s = std::lower_bound(sightings.cbegin(), sightings.cend(), Sighting{key, NoDate, -1});
         s != sightings.cend() && s->address == key && s->sent < limit; ++s) {
        if (s->message != exclude && namesAddress(m_messages[size_t(s->message)], address))
            return true;
    }
    return false;
}

bool ThreadParticipants::namesAddress(const model::Message &m, const QString &address)
{
    const auto same = [&address](const model::MailAddress &a) { return Lowercase::equal(a.address, address); };
    return same(m.from) || std::any_of(m.to.cbegin(), m.to.cend(), same) || std::any_of(m.cc.cbegin(), m.cc.cend(), same);
}

} // namespace th::analysis
