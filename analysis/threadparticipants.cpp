#include "threadparticipants.h"

#include "displayname.h"
#include "domainidentity.h"
#include "parallel.h"

namespace th::analysis {

void ThreadParticipants::Counts::add(const model::MailAddress &a, int n)
{
    if (!a.address.isEmpty()) {
        addresses[a.address.toLower()] += n;
        domains[DomainIdentity::registrable(a.address)] += n;
    }
    const QString name = DisplayName::normalise(a.name);
    if (name.size() > 1)
        names[name] += n;
}

// Per thread, not kept per message: a case has a few hundred threads but thousands of messages.
ThreadParticipants::ThreadParticipants(const std::vector<model::Message> &messages, const model::ThreadSet &threads)
{
    m_threads = parallelMap<QList<Counts>>(threads.threads.size(), [&](int t) {
        Counts sum;
        for (int m : threads.threads[t].messageIndexes()) {
            const model::Message &message = messages[size_t(m)];
            sum.add(message.from);
            for (const model::AddressList *list : {&message.to, &message.cc}) {
                for (const model::MailAddress &a : *list)
                    sum.add(a);
            }
        }
        return sum;
    });
}

ThreadParticipants::Counts ThreadParticipants::countsOf(const model::Message &m)
{
    Counts c;
    c.add(m.from);
    for (const model::AddressList *list : {&m.to, &m.cc}) {
        for (const model::MailAddress &a : *list)
            c.add(a);
    }
    return c;
}

} // namespace th::analysis
