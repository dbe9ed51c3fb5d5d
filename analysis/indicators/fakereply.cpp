#include "fakereply.h"

#include "analysis/basesubject.h"

namespace th::analysis {
namespace {

bool isExcluded(const MessageContext &ctx)
{
    const QString &layout = ctx.message.mimeStructure;
    if (layout.contains(QLatin1String("delivery-status")) || layout.contains(QLatin1String("text/calendar")))
        return true;
    if (BaseSubject::isForward(ctx.message.subject))
        return true;
    const bool forwardedQuote = !ctx.body.headers.isEmpty() && ctx.body.headers.first().separatorKind.contains(QLatin1String("forward"));
    const bool patch = !ctx.body.headers.isEmpty() && ctx.body.headers.first().gitPatch; // a git patch's own header
    return forwardedQuote || patch || ctx.isOnList();
}

} // namespace

void FakeReply::evaluate(const MessageContext &ctx, QList<Finding> &findings) const
{
    const bool noInReplyTo = ctx.message.inReplyTo.isEmpty();
    const bool noReferences = ctx.message.references.isEmpty();
    if (!ctx.looksLikeReply() || !(noInReplyTo || noReferences) || isExcluded(ctx))
        return;
    const QString missing = noInReplyTo && noReferences ? QStringLiteral("neither In-Reply-To nor References")
                            : noInReplyTo                ? QStringLiteral("no In-Reply-To")
                                                         : QStringLiteral("no References");
    findings << Finding{QStringLiteral("B1"), Finding::Severity::Medium,
                        QStringLiteral("It presents itself as a reply (%1) but has %2")
                            .arg(BaseSubject::isReply(ctx.message.subject) ? QStringLiteral("subject \"%1\"").arg(ctx.message.subject)
                                                                           : QStringLiteral("quoted history"), missing),
                        {Evidence{Evidence::Kind::Header, -1, -1, QStringLiteral("Subject"), ctx.message.subject}}};
}

} // namespace th::analysis
