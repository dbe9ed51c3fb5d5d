#include "quotestylechange.h"

namespace th::analysis {

void QuoteStyleChange::evaluate(const MessageContext &ctx, QList<Finding> &findings) const
{
    const QString style = ctx.data.fingerprints[ctx.index].quoteStyle;
    if (style == u"none" || style == u"forward" || ctx.fromIsList())
        return;
    QSet<QString> earlier;
    int replies = 0;
    for (int m : ctx.data.senders.before(ctx.authorAddress(), ctx.message.date, ctx.index)) {
        const QString s = ctx.data.fingerprints[m].quoteStyle;
        if (s != u"none" && s != u"forward") {
            earlier.insert(s);
            ++replies;
        }
    }
    if (replies < MinReplies || earlier.contains(style))
        return;
    QStringList before(earlier.cbegin(), earlier.cend());
    before.sort();
    findings << Finding{QStringLiteral("B8"), Finding::Severity::Medium,
                        QStringLiteral("Its quoting style (%1) differs from the %2 earlier replies of %3 (%4)")
                            .arg(style).arg(replies).arg(ctx.message.from.address, before.join(QStringLiteral(", "))),
                        {Evidence{Evidence::Kind::Text, ctx.body.newEnd, ctx.body.newEnd, QString(), ctx.body.lineAt(ctx.body.newEnd)}}};
}

} // namespace th::analysis
