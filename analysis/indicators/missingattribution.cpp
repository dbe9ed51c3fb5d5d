#include "missingattribution.h"

namespace th::analysis {
namespace {

Evidence splice(const MessageContext &ctx)
{
    const qsizetype end = qMin(ctx.body.text.size(), ctx.splice + 200);
    return {Evidence::Kind::Text, ctx.splice, end, QString(), ctx.body.lineAt(ctx.splice)};
}

bool contentIsQuoted(const MessageContext &ctx, const QuotedMessage &q)
{
    const QString first = ctx.body.lineAt(ctx.body.quoteStart());
    return first.startsWith(u'>') || q.end <= q.begin;
}

} // namespace

void MissingAttribution::evaluate(const MessageContext &ctx, QList<Finding> &findings) const
{
    if (ctx.splice < 0)
        return;
    const bool authentic = ctx.original.isValid() && ctx.original.containment >= QuoteMatcher::AuthenticCopy;
    if (ctx.body.history.isEmpty() && authentic && ctx.splice > 0) {
        const model::Message &o = ctx.data.messages[size_t(ctx.original.message)];
        if (ctx.copyIsAttributed())
            return;
        findings << Finding{QStringLiteral("B3"), Finding::Severity::Medium,
                            QStringLiteral("From \"%1\" on, the text copies a message of %2 (%3) with no attribution or quote marks: it was pasted under the new text")
                                .arg(ctx.body.lineAt(ctx.splice), o.from.toString(), o.date.toString(Qt::ISODate)),
                            {splice(ctx), Evidence{Evidence::Kind::Message, -1, -1, o.messageId, o.subject}}};
        return;
    }
    // Mail written in HTML gets its text/plain part from the HTML, where quotes are often unmarked.
    if (ctx.body.history.isEmpty() || ctx.body.fromHtml || ctx.message.mimeStructure.contains(QLatin1String("text/html")))
        return;
    const QuotedMessage &q = ctx.body.history.first();
    const bool attribution = q.header >= 0 && ctx.body.headers[q.header].style == QuotedHeader::Style::Attribution;
    if (attribution && !contentIsQuoted(ctx, q)) {
        findings << Finding{QStringLiteral("B3"), Finding::Severity::Medium,
                            QStringLiteral("An attribution line introduces text without quote marks, which a replying mail client does not write"),
                            {Evidence{Evidence::Kind::Text, ctx.body.headers[q.header].begin, ctx.body.headers[q.header].end, QString(),
                                      ctx.body.lineAt(ctx.body.headers[q.header].begin)}, splice(ctx)}};
    } else if (q.header < 0 && q.separator < 0) {
        findings << Finding{QStringLiteral("B3"), Finding::Severity::Weak,
                            QStringLiteral("Quoted text begins with no attribution naming its author"), {splice(ctx)}};
    }
}

} // namespace th::analysis
