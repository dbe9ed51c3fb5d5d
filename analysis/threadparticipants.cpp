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
    m_threads.resize(threads.threads.size());
    for (qsizetype t = 0; t < threads.threads.size(); ++t) {
        for (int m : threads.threads[t].messageIndexes()) {
            const Counts &own = m_messages[m];
            for (const auto &[from, to] : {std::pair{&own.addresses, &m_threads[t].addresses}, std::pair{&own.domains, &m_threads[t].domains},
                                           std::pair{&own.names, &m_threads[t].names}}) {
                for (auto it = from->cbegin(); it != from->cend(); ++it)
                    (*to)[it.key()] += it.value();
            }
        }
    }
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
