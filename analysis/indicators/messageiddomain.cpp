#include "messageiddomain.h"

#include "analysis/domainidentity.h"

#include <algorithm>

namespace th::analysis {

void MessageIdDomain::evaluate(const MessageContext &ctx, QList<Finding> &findings) const
{
    const QList<int> history = ctx.data.senders.before(ctx.authorAddress(), ctx.message.date, ctx.index);
    if (history.size() < MinHistory || ctx.message.messageId.isEmpty() || ctx.fromIsList())
        return;
    // The shapes first: most senders' Message-IDs keep theirs, and comparing them needs no domain lookup.
    const QString &shape = ctx.data.fingerprints[ctx.index].messageIdShape;
    if (std::any_of(history.cbegin(), history.cend(), [&](int m) { return ctx.data.fingerprints[m].messageIdShape == shape; }))
        return;
    const QString host = DomainIdentity::registrable(ctx.message.messageId);
    const bool seen = std::any_of(history.cbegin(), history.cend(), [&](int m) {
        return DomainIdentity::registrable(ctx.data.messages[size_t(m)].messageId) == host;
    });
    if (seen || DomainIdentity::sameOrganisation(host, ctx.message.from.address))
        return;
    findings << Finding{QStringLiteral("A7"), Finding::Severity::Weak,
                        QStringLiteral("The Message-ID comes from %1, unlike the %2 earlier messages of %3").arg(host).arg(history.size()).arg(ctx.message.from.address),
                        {Evidence{Evidence::Kind::Header, -1, -1, QStringLiteral("Message-ID"), ctx.message.messageId}}};
}

} // namespace th::analysis
