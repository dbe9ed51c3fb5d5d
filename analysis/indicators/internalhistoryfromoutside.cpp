#include "internalhistoryfromoutside.h"

#include "analysis/domainidentity.h"
#include "analysis/lowercase.h"

namespace th::analysis {
namespace {

QSet<QString> historyAddresses(const MessageContext &ctx)
{
    QSet<QString> out;
    for (const QuotedHeader &h : ctx.body.headers)
        out.insert(Lowercase::of(h.fromAddress));
    if (ctx.original.isValid()) {
        const model::Message &o = ctx.data.messages[size_t(ctx.original.message)];
        out.insert(Lowercase::of(o.from.address));
        for (const model::MailAddress &a : o.to + o.cc)
            out.insert(Lowercase::of(a.address));
    }
    out.remove(QString());
    return out;
}

// A conversation held on a mailing list is public, whoever wrote it (Mailman even rewrites its From).
bool historyIsPublic(const MessageContext &ctx)
{
    if (!ctx.original.isValid())
        return false;
    const model::Message &o = ctx.data.messages[size_t(ctx.original.message)];
    return !o.header(u"List-Id").isEmpty() || !o.header(u"List-Post").isEmpty();
}

} // namespace

void InternalHistoryFromOutside::evaluate(const MessageContext &ctx, QList<Finding> &findings) const
{
    const CaseSettings &settings = ctx.data.settings;
    if (settings.organisationDomains.isEmpty() || settings.isOrganisation(DomainIdentity::domainOf(ctx.message.from.address))
        || historyIsPublic(ctx))
        return;
    const QSet<QString> people = historyAddresses(ctx);
    const bool internal = people.size() >= 2 && std::all_of(people.cbegin(), people.cend(), [&](const QString &a) {
        return settings.isOrganisation(DomainIdentity::domainOf(a));
    });
    if (!internal)
        return;
    findings << Finding{QStringLiteral("B10"), Finding::Severity::Medium,
                        QStringLiteral("The quoted conversation was internal to %1 (%2 people), yet this message comes from outside (%3)")
                            .arg(settings.organisationDomains.join(QStringLiteral(", "))).arg(people.size()).arg(ctx.message.from.address),
                        {Evidence{Evidence::Kind::Header, -1, -1, QStringLiteral("From"), ctx.message.from.toString()}}};
}

} // namespace th::analysis
