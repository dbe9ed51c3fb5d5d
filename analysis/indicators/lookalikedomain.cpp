#include "lookalikedomain.h"

#include "analysis/domainidentity.h"
#include "analysis/lookalike.h"

namespace th::analysis {
namespace {

constexpr int EstablishedMessages = 3; // spec A3: the imitated domain is seen at least this often

QSet<QString> knownDomains(const MessageContext &ctx)
{
    QSet<QString> known = ctx.participants.domains();
    for (const QString &d : ctx.data.settings.organisationDomains)
        known.insert(DomainIdentity::registrable(d));
    for (const QString &d : ctx.data.identities.senderDomains(EstablishedMessages))
        known.insert(d);
    return known;
}

} // namespace

void LookalikeDomain::evaluate(const MessageContext &ctx, QList<Finding> &findings) const
{
    const QString domain = DomainIdentity::registrable(ctx.message.from.address);
    if (domain.isEmpty() || ctx.data.settings.sisterDomains.contains(domain) || ctx.data.settings.isOrganisation(domain))
        return;
    if (ctx.data.identities.senderDomainCount(domain) >= EstablishedMessages * 2
        || !ctx.data.senders.before(ctx.message.from.address, ctx.message.date, ctx.index).isEmpty())
        return; // an established correspondent in its own right, or an address that wrote here before
    for (const QString &known : knownDomains(ctx)) {
        const Lookalike::Kind kind = Lookalike::compare(domain, known);
        if (kind == Lookalike::Kind::None || kind == Lookalike::Kind::Identical)
            continue;
        // The same name under another suffix is how multinationals run their countries (suse.de, suse.cz).
        const auto severity = kind == Lookalike::Kind::OtherTld ? Finding::Severity::Weak : Finding::Severity::Medium;
        findings << Finding{QStringLiteral("A3"), severity,
                            QStringLiteral("The sender's domain %1 is a look-alike of %2 (%3)").arg(domain, known, Lookalike::describe(kind)),
                            {Evidence{Evidence::Kind::Header, -1, -1, QStringLiteral("From"), ctx.message.from.toString()}}};
        return;
    }
}

} // namespace th::analysis
