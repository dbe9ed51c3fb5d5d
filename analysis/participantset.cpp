#include "participantset.h"

#include "displayname.h"
#include "indicators/indicator.h"

namespace th::analysis {

ParticipantSet ParticipantSet::of(const MessageContext &ctx)
{
    ParticipantSet ps;
    ps.m_own = ThreadParticipants::countsOf(ctx.message);
    const model::ThreadSet &threads = ctx.data.threads;
    ps.addThread(ctx, threads.threadOfMessage.value(ctx.index, -1));
    if (ctx.original.isValid())
        ps.addThread(ctx, threads.threadOfMessage.value(ctx.original.message, -1));
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
    if (thread < 0)
        return;
    const bool inside = ctx.data.threads.threadOfMessage.value(ctx.index, -1) == thread;
    m_threads << Thread{&ctx.data.participants.ofThread(thread), inside};
}

// A person is a participant through the other messages of a thread: more mentions than the judged message's own.
bool ParticipantSet::inThreads(Table table, const QString &key) const
{
    return std::any_of(m_threads.cbegin(), m_threads.cend(), [&](const Thread &t) {
        return (t.all->*table).value(key) > (t.inside ? (m_own.*table).value(key) : 0);
    });
}

QSet<QString> ParticipantSet::collect(Table table, const QSet<QString> &quoted) const
{
    QSet<QString> out = quoted;
    for (const Thread &t : m_threads) {
        const QHash<QString, int> &all = t.all->*table;
        for (auto it = all.cbegin(); it != all.cend(); ++it) {
            if (it.value() > (t.inside ? (m_own.*table).value(it.key()) : 0))
                out.insert(it.key());
        }
    }
    return out;
}

bool ParticipantSet::hasAddress(const QString &address) const
{
    const QString a = address.toLower();
    return m_quoted.addresses.contains(a) || inThreads(&ThreadParticipants::Counts::addresses, a);
}

bool ParticipantSet::hasDomain(const QString &registrable) const
{
    return m_quoted.domains.contains(registrable) || inThreads(&ThreadParticipants::Counts::domains, registrable);
}

QSet<QString> ParticipantSet::domains() const
{
    return collect(&ThreadParticipants::Counts::domains, QSet<QString>(m_quoted.domains.keyBegin(), m_quoted.domains.keyEnd()));
}

QSet<QString> ParticipantSet::names() const
{
    return collect(&ThreadParticipants::Counts::names, QSet<QString>(m_quoted.names.keyBegin(), m_quoted.names.keyEnd()));
}

bool ParticipantSet::hasName(const QString &displayName) const
{
    const QString n = DisplayName::normalise(displayName);
    if (n.isEmpty())
        return false;
    if (m_quoted.names.contains(n) || inThreads(&ThreadParticipants::Counts::names, n))
        return true;
    const QSet<QString> all = names();
    return std::any_of(all.cbegin(), all.cend(), [&n](const QString &known) { return DisplayName::same(known, n); });
}

} // namespace th::analysis
