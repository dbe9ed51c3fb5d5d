#include "participantset.h"

#include "displayname.h"
#include "domainidentity.h"
#include "indicators/indicator.h"

namespace th::analysis {

ParticipantSet ParticipantSet::of(const MessageContext &ctx)
{
    ParticipantSet ps;
    const model::ThreadSet &threads = ctx.data.threads;
    ps.addThread(ctx, threads.threadOfMessage.value(ctx.index, -1));
    if (ctx.original.isValid())
        ps.addThread(ctx, threads.threadOfMessage.value(ctx.original.message, -1));
    for (const QuotedHeader &h : ctx.body.headers) {
        ps.add({h.fromName, h.fromAddress});
        for (const model::AddressList *list : {&h.to, &h.cc}) {
            for (const model::MailAddress &a : *list)
                ps.add(a);
        }
    }
    return ps;
}

// The thread's counts without the judged message's own: a person is a participant through the others.
void ParticipantSet::addThread(const MessageContext &ctx, int thread)
{
    if (thread < 0)
        return;
    const ThreadParticipants::Counts &all = ctx.data.participants.ofThread(thread);
    const bool inside = ctx.data.threads.threadOfMessage.value(ctx.index, -1) == thread;
    const ThreadParticipants::Counts none;
    const ThreadParticipants::Counts &own = inside ? ctx.data.participants.ofMessage(ctx.index) : none;
    addOthers(all.addresses, own.addresses, m_addresses);
    addOthers(all.domains, own.domains, m_domains);
    addOthers(all.names, own.names, m_names);
}

void ParticipantSet::addOthers(const QHash<QString, int> &all, const QHash<QString, int> &own, QSet<QString> &out)
{
    for (auto it = all.cbegin(); it != all.cend(); ++it) {
        if (it.value() > own.value(it.key()))
            out.insert(it.key());
    }
}

void ParticipantSet::add(const model::MailAddress &a)
{
    if (!a.address.isEmpty()) {
        m_addresses.insert(a.address.toLower());
        m_domains.insert(DomainIdentity::registrable(a.address));
    }
    const QString name = DisplayName::normalise(a.name);
    if (name.size() > 1)
        m_names.insert(name);
}

bool ParticipantSet::hasName(const QString &displayName) const
{
    const QString n = DisplayName::normalise(displayName);
    if (n.isEmpty())
        return false;
    if (m_names.contains(n))
        return true;
    return std::any_of(m_names.cbegin(), m_names.cend(), [&n](const QString &known) { return DisplayName::same(known, n); });
}

} // namespace th::analysis
