#include "replytomismatch.h"

#include "analysis/domainidentity.h"

namespace th::analysis {

void ReplyToMismatch::evaluate(const MessageContext &ctx, QList<Finding> &findings) const
{
    const QString fromDomain = DomainIdentity::registrable(ctx.message.from.address);
    if (ctx.fromIsList() || ctx.listRewritten)
        return; // Mailman puts the real author in Reply-To when it rewrites From
    const QString listPost = ctx.message.header(u"List-Post");
    for (const model::MailAddress &r : ctx.message.replyTo) {
        const QString domain = DomainIdentity::registrable(r.address);
        if (domain.isEmpty() || domain == fromDomain || ctx.participants.hasDomain(domain)
            || listPost.contains(r.address, Qt::CaseInsensitive))
            continue;
        const bool freemail = DomainIdentity::isFreemail(domain) && !DomainIdentity::isFreemail(fromDomain);
        findings << Finding{QStringLiteral("A4"), Finding::Severity::Medium,
                            QStringLiteral("Replies would go to %1%2, not to the sender's organisation %3")
                                .arg(r.address, freemail ? QStringLiteral(" (a free-mail address)") : QString(), fromDomain),
                            {Evidence{Evidence::Kind::Header, -1, -1, QStringLiteral("Reply-To"), r.toString()}}};
        return;
    }
}

} // namespace th::analysis
