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

// The whole body is one quoted message nobody has: the reply answers nothing, and the "history" is the
// message itself. The evidence is that block, which is where the reader's eye should go.
void FakeReply::replyToNothing(const MessageContext &ctx, QList<Finding> &findings)
{
    const QuotedHeader &h = *ctx.parentHeader();
    const QuotedMessage &q = ctx.body.history.first();
    const bool toSelf = ctx.message.to.size() == 1 && ctx.message.cc.isEmpty()
                        && ctx.message.to.first().address.compare(ctx.message.from.address, Qt::CaseInsensitive) == 0;
    const QString author = h.fromAddress.isEmpty() ? QStringLiteral("'%1', a name without an address").arg(h.fromName) : h.fromAddress;
    const QString parent = ctx.message.inReplyTo.isEmpty() ? QStringLiteral("it has no In-Reply-To")
                                                           : QStringLiteral("In-Reply-To <%1> is in no message of the case").arg(ctx.message.inReplyTo.first());
    const QStringView quoted = QStringView(ctx.body.text).sliced(q.begin, q.end - q.begin).trimmed();
    findings << Finding{QStringLiteral("B1"), Finding::Severity::Medium,
                        QStringLiteral("It has no text of its own: its whole body is one quoted message, from %1, that no stored message contains; %2%3")
                            .arg(author, parent, toSelf ? QStringLiteral(", and it was sent to its own sender") : QString()),
                        {Evidence{Evidence::Kind::Text, h.begin, h.end, QString(), ctx.body.text.mid(h.begin, h.end - h.begin).trimmed()},
                         Evidence{Evidence::Kind::Text, q.begin, q.end, QString(), quoted.left(200).toString()},
                         Evidence{Evidence::Kind::Header, -1, -1, QStringLiteral("In-Reply-To"), ctx.message.inReplyTo.join(u' ')}}};
}

void FakeReply::evaluate(const MessageContext &ctx, QList<Finding> &findings) const
{
    if (ctx.quotesOnlyItself())
        return replyToNothing(ctx, findings);
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
