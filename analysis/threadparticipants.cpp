#include "threadparticipants.h"

#include "displayname.h"
#include "domainidentity.h"
#include "parallel.h"

namespace th::analysis {

void ThreadParticipants::Counts::add(const model::MailAddress &a)
{
    if (!a.address.isEmpty()) {
        ++addresses[a.address.toLower()];
        ++domains[DomainIdentity::registrable(a.address)];
    }
    const QString name = DisplayName::normalise(a.name);
    if (name.size() > 1)
        ++names[name];
}

void ThreadParticipants::Counts::add(const model::Message &m)
{
    add(m.from);
    for (const model::AddressList *list : {&m.to, &m.cc}) {
        for (const model::MailAddress &a : *list)
            add(a);
    }
}

// Per thread, not kept per message: a case has a few hundred threads but thousands of messages.
ThreadParticipants::ThreadParticipants(const std::vector<model::Message> &messages, const model::ThreadSet &threads)
{
    m_threads = parallelMap<QList<Counts>>(threads.threads.size(), [&](int t) {
        Counts sum;
        for (int m : threads.threads[t].messageIndexes())
            sum.add(messages[size_t(m)]);
        return sum;
    });
}

ThreadParticipants::Counts ThreadParticipants::countsOf(const model::Message &m)
{
    Counts c;
    c.add(m);
    return c;
}

} // namespace th::analysis
