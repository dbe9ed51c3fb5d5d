#include "lookalikedomain.h"

#include "analysis/domainidentity.h"
#include "analysis/editdistance.h"
#include "analysis/lookalike.h"

#include <tuple>

namespace th::analysis {
namespace {

// The conversation's, the organisation's and the frequent senders' domains that \a domain may imitate.
QSet<QString> knownDomains(const MessageContext &ctx, const QString &domain)
{
    QSet<QString> known = ctx.participants.domains();
    for (const QString &d : ctx.data.settings.organisationDomains)
        known.insert(DomainIdentity::registrable(d));
    for (const QString &d : ctx.data.frequentSenderDomains.candidates(domain))
        known.insert(d);
    return known;
}

// How far a look-alike is from what it imitates: the same letters (confusables, another suffix) before
// added hyphens or an 's', before typos, and fewer typos before more. Between equals, the domain more messages of
// the case come from is the likelier target; then the name, so that the report is stable.
int distanceRank(Lookalike::Kind kind)
{
    switch (kind) {
    case Lookalike::Kind::Homoglyph:
    case Lookalike::Kind::OtherTld:
        return 0;
    case Lookalike::Kind::Hyphenation:
    case Lookalike::Kind::Plural:
        return 1;
    default:
        return 2;
    }
}

struct Candidate {
    Lookalike::Kind kind = Lookalike::Kind::None;
    QString known;
};

bool closer(const MessageContext &ctx, const QString &domain, const Candidate &a, const Candidate &b)
{
    if (b.known.isEmpty())
        return true;
    const auto key = [&](const Candidate &c) {
        const int typos = c.kind == Lookalike::Kind::Typo ? EditDistance::damerauLevenshtein(domain, c.known) : 0;
        return std::tuple{distanceRank(c.kind), typos, -ctx.data.identities.senderDomainCount(c.known), c.known};
    };
    return key(a) < key(b);
}

} // namespace

void LookalikeDomain::evaluate(const MessageContext &ctx, QList<Finding> &findings) const
{
    const QString domain = DomainIdentity::registrable(ctx.message.from.address);
    if (domain.isEmpty() || ctx.data.settings.sisterDomains.contains(domain) || ctx.data.settings.isOrganisation(domain))
        return;
    if (ctx.data.identities.senderDomainCount(domain) >= LookalikeDomain::EstablishedMessages * 2
        || !ctx.data.senders.before(ctx.message.from.address, ctx.message.date, ctx.index).isEmpty())
        return; // an established correspondent in its own right, or an address that wrote here before
    Candidate best;
    for (const QString &known : knownDomains(ctx, domain)) {
        const Candidate c{Lookalike::compare(domain, known), known};
        if (c.kind != Lookalike::Kind::None && c.kind != Lookalike::Kind::Identical && closer(ctx, domain, c, best))
            best = c;
    }
    if (best.known.isEmpty())
        return;
    // The same name under another suffix is how multinationals run their countries (suse.de, suse.cz).
    const auto severity = best.kind == Lookalike::Kind::OtherTld ? Finding::Severity::Weak : Finding::Severity::Medium;
    findings << Finding{QStringLiteral("A3"), severity,
                        QStringLiteral("The sender's domain %1 is a look-alike of %2 (%3)").arg(domain, best.known, Lookalike::describe(best.kind)),
                        {Evidence{Evidence::Kind::Header, -1, -1, QStringLiteral("From"), ctx.message.from.toString()}}};
}

} // namespace th::analysis
