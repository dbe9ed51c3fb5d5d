#include "participantset.h"

#include "displayname.h"
#include "indicators/indicator.h"
#include "lowercase.h"

namespace th::analysis {
namespace {

QSet<QString> keysOf(const ThreadParticipants::Tally &tally)
{
    QSet<QString> out;
    for (const auto &entry : tally)
        out.insert(entry.first);
    return out;
}

} // namespace

ParticipantSet ParticipantSet::of(const MessageContext &ctx)
{
    ParticipantSet ps;
    ps.m_book = &ctx.data.participants;
    ps.m_own = ctx.data.participants.mentions(ctx.index);
    const model::ThreadSet &threads = ctx.data.threads;
    ps.addThread(ctx, threads.threadOfMessage.value(ctx.index, -1));
    if (ctx.original.isValid())
        ps.addThread(ctx, threads.threadOfMessage.value(ctx.original.message, -1));
    if (!ctx.history.isEmpty() && ctx.history.first().isValid()) // the conversation its parent quote was written in
        ps.addThread(ctx, threads.threadOfMessage.value(ctx.history.first().message, -1));
    for (const QuotedHeader &h : ctx.body.headers) {
        ps.m_quoted.add({h.fromName, h.fromAddress});
        for (const model::AddressList *list : {&h.to, &h.cc}) {
            for (const model::MailAddress &a : *list)
                ps.m_quoted.add(a);
        }
    }
    return ps;
}

void ParticipantSet::addThread(const MessageContext &ctx, int thread)
{
    const auto known = [thread](const Thread &t) { return t.id == thread; };
    if (thread < 0 || std::any_of(m_threads.cbegin(), m_threads.cend(), known))
        return;
    const bool inside = ctx.data.threads.threadOfMessage.value(ctx.index, -1) == thread;
    m_threads << Thread{thread, &ctx.data.participants.ofThread(thread), inside};
}

// A person is a participant through the other messages of a thread: more mentions than the judged message's own.
bool ParticipantSet::inThread(const Thread &t, Table table, const QString &key, int mentions) const
{
    return mentions > (t.inside ? int((m_own.*table.own).count(key)) : 0);
}

bool ParticipantSet::inThreads(Table table, const QString &key) const
{
    return std::any_of(m_threads.cbegin(), m_threads.cend(), [&](const Thread &t) {
        return inThread(t, table, key, ThreadParticipants::countOf(t.all->*table.counts, key));
    });
}

QSet<QString> ParticipantSet::collect(Table table, const QSet<QString> &quoted) const
{
    QSet<QString> out = quoted;
    for (const Thread &t : m_threads) {
        for (const auto &[key, mentions] : t.all->*table.counts) {
            if (inThread(t, table, key, mentions))
                out.insert(key);
        }
    }
    return out;
}

bool ParticipantSet::hasAddress(const QString &address) const
{
    const QString a = Lowercase::of(address);
    return m_quoted.addresses.contains(a) || inThreads(Addresses, a);
}

bool ParticipantSet::hasDomain(const QString &registrable) const
{
    return m_quoted.domains.contains(registrable) || inThreads(Domains, registrable);
}

bool ParticipantSet::hasNameWord(const QString &word) const
{
    const auto quoted = [&word](const QString &name) { return ThreadParticipants::wordsOf(name).contains(word); };
    return std::any_of(m_quoted.names.cbegin(), m_quoted.names.cend(), [&](const auto &n) { return quoted(n.first); }) || std::any_of(m_threads.cbegin(), m_threads.cend(), [&](const Thread &t) {
        return m_book->namesWord(t.id, word, t.inside ? m_own.names : QStringList());
    });
}

QSet<QString> ParticipantSet::domains() const
{
    return collect(Domains, keysOf(m_quoted.domains));
}

QSet<QString> ParticipantSet::names() const
{
    return collect(Names, keysOf(m_quoted.names));
}

bool ParticipantSet::hasName(const QString &displayName) const
{
    const QString n = DisplayName::normalise(displayName);
    if (n.isEmpty())
        return false;
    if (m_quoted.names.contains(n) || inThreads(Names, n))
        return true;
    const QSet<QString> all = names();
    return std::any_of(all.cbegin(), all.cend(), [&n](const QString &known) { return DisplayName::same(known, n); });
}

} // namespace th::analysis
