#include "threadparticipants.h"

#include "displayname.h"
#include "domainidentity.h"
#include "parallel.h"

namespace th::analysis {

namespace {

// What an address is counted under: its domain with it even when that has no registrable form (""), and
// no name shorter than two characters.
void mention(ThreadParticipants::Mentions &out, const model::MailAddress &a)
{
    if (!a.address.isEmpty()) {
        out.addresses << a.address.toLower();
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

// Per thread, not kept per message: a case has a few hundred threads but thousands of messages.
ThreadParticipants::ThreadParticipants(const std::vector<model::Message> &messages, const model::ThreadSet &threads)
{
    m_threads = parallelMap<QList<Counts>>(threads.threads.size(), [&](int t) {
        Counts sum;
        for (int m : threads.threads[t].messageIndexes())
            sum.add(mentionsOf(messages[size_t(m)]));
        return sum;
    });
}

ThreadParticipants::Mentions ThreadParticipants::mentionsOf(const model::Message &m)
{
    Mentions out;
    mention(out, m.from);
    for (const model::AddressList *list : {&m.to, &m.cc}) {
        for (const model::MailAddress &a : *list)
            mention(out, a);
    }
    return out;
}

} // namespace th::analysis
