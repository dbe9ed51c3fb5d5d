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

ThreadParticipants::ThreadParticipants(const std::vector<model::Message> &messages, const model::ThreadSet &threads)
{
    m_messages = parallelMap<QList<Counts>>(qsizetype(messages.size()), [&messages](int i) { return countsOf(messages[size_t(i)]); });
    m_threads = parallelMap<QList<Counts>>(threads.threads.size(), [&](int t) {
        Counts sum;
        for (int m : threads.threads[t].messageIndexes()) {
            const Counts &own = std::as_const(m_messages)[m];
            for (const auto &[from, to] : {std::pair{&own.addresses, &sum.addresses}, std::pair{&own.domains, &sum.domains},
                                           std::pair{&own.names, &sum.names}}) {
                for (auto it = from->cbegin(); it != from->cend(); ++it)
                    (*to)[it.key()] += it.value();
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
