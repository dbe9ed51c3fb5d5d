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

void ParticipantSet::addThread(const MessageContext &ctx, int thread)
{
    if (thread < 0)
        return;
    for (int m : ctx.data.threads.threads[thread].messageIndexes()) {
        if (m != ctx.index)
            addMessage(ctx, m);
    }
}

void ParticipantSet::addMessage(const MessageContext &ctx, int message)
{
    const model::Message &m = ctx.data.messages[size_t(message)];
    add(m.from);
    for (const model::AddressList *list : {&m.to, &m.cc}) {
        for (const model::MailAddress &a : *list)
            add(a);
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
