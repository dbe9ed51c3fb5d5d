#include "threadparticipants.h"

#include "displayname.h"
#include "domainidentity.h"
#include "parallel.h"

namespace th::analysis {

namespace {

// What an address is counted under: its domain with it even when that has no registrable form (""), and
// no name shorter than two characters (null).
struct Keys {
    QString address, domain, name;
    [[nodiscard]] bool hasAddress() const { return !address.isEmpty(); }
};

Keys keysOf(const model::MailAddress &a)
{
    Keys k;
    if (!a.address.isEmpty()) {
        k.address = a.address.toLower();
        k.domain = DomainIdentity::registrable(a.address);
    }
    const QString name = DisplayName::normalise(a.name);
    if (name.size() > 1)
        k.name = name;
    return k;
}

} // namespace

void ThreadParticipants::Counts::add(const model::MailAddress &a)
{
    const Keys k = keysOf(a);
    if (k.hasAddress()) {
        ++addresses[k.address];
        ++domains[k.domain];
    }
    if (!k.name.isNull())
        ++names[k.name];
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
    const auto mention = [&out](const model::MailAddress &a) {
        const Keys k = keysOf(a);
        if (k.hasAddress()) {
            out.addresses << k.address;
            out.domains << k.domain;
        }
        if (!k.name.isNull())
            out.names << k.name;
    };
    mention(m.from);
    for (const model::AddressList *list : {&m.to, &m.cc}) {
        for (const model::MailAddress &a : *list)
            mention(a);
    }
    return out;
}

} // namespace th::analysis
