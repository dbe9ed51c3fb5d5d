#include "missingattribution.h"

#include "analysis/shingles.h"

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

// The copied message's own words stand in this message's own, unquoted text below the splice: pasted
// above the quoted history (a stolen top-posted reply) or below it (a bottom-posted one, its attribution
// and quotes copied too). A reply quotes its parent; a shared sign-off or a few pasted lines are no copy.
bool pastedUnquoted(const MessageContext &ctx)
{
    if (ctx.splice <= 0)
        return false;
    QList<Segment> below;
    for (Segment s : ctx.body.ownSegments()) {
        s.begin = qMax(s.begin, ctx.splice);
        if (s.end > s.begin)
            below << s;
    }
    const std::vector<quint64> unquoted = ctx.data.matcher.shingles(ctx.index, below);
    return Shingles::containment(ctx.data.matcher.ownShingles(ctx.original.message), unquoted) >= QuoteMatcher::AuthenticCopy;
}

// Mail written in HTML gets its text/plain part from the HTML, where quotes are often unmarked.
bool marksQuotes(const MessageContext &ctx)
{
    return !ctx.body.history.isEmpty() && !ctx.body.fromHtml && !ctx.message.mimeStructure.contains(QLatin1String("text/html"));
}

const QuotedHeader *unquotedAttribution(const MessageContext &ctx)
{
    if (!marksQuotes(ctx))
        return nullptr;
    const QuotedMessage &q = ctx.body.history.first();
    const bool attribution = q.header >= 0 && ctx.body.headers[q.header].style == QuotedHeader::Style::Attribution;
    return attribution && !contentIsQuoted(ctx, q) ? &ctx.body.headers[q.header] : nullptr;
}

} // namespace

void MissingAttribution::evaluate(const MessageContext &ctx, QList<Finding> &findings) const
{
    if (ctx.splice < 0)
        return;
    if (const QuotedHeader *h = unquotedAttribution(ctx)) {
        findings << Finding{QStringLiteral("B3"), Finding::Severity::Medium,
                            QStringLiteral("An attribution line introduces text without quote marks, which a replying mail client does not write"),
                            {Evidence{Evidence::Kind::Text, h->begin, h->end, QString(), ctx.body.lineAt(h->begin)}, splice(ctx)}};
        return;
    }
    const bool authentic = ctx.original.isValid() && ctx.original.containment >= QuoteMatcher::AuthenticCopy;
    if (authentic && pastedUnquoted(ctx)) {
        const model::Message &o = ctx.data.messages[size_t(ctx.original.message)];
        if (ctx.authorNamedAbove())
            return;
        findings << Finding{QStringLiteral("B3"), Finding::Severity::Medium,
                            QStringLiteral("From \"%1\" on, the text copies a message of %2 (%3) with no attribution or quote marks: it was pasted under the new text")
                                .arg(ctx.body.lineAt(ctx.splice), o.from.toString(), o.date.toString(Qt::ISODate)),
                            {splice(ctx), Evidence{Evidence::Kind::Message, -1, -1, o.messageId, o.subject}}};
        return;
    }
    const QuotedMessage *q = marksQuotes(ctx) ? &ctx.body.history.first() : nullptr;
    if (q && q->header < 0 && q->separator < 0) {
        findings << Finding{QStringLiteral("B3"), Finding::Severity::Weak,
                            QStringLiteral("Quoted text begins with no attribution naming its author"), {splice(ctx)}};
    }
}

} // namespace th::analysis
