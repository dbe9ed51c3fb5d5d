#include "quotestylechange.h"

namespace th::analysis {

// Most senders keep their style: the first earlier reply in it ends the search, and the other styles are
// only gathered for a finding.
void QuoteStyleChange::evaluate(const MessageContext &ctx, QList<Finding> &findings) const
{
    const QString &style = ctx.data.fingerprints[ctx.index].quoteStyle;
    if (style == u"none" || style == u"forward" || ctx.fromIsList())
        return;
    const QList<int> history = ctx.data.senders.before(ctx.authorAddress(), ctx.message.date, ctx.index);
    QSet<QString> earlier;
    int replies = 0;
    for (int m : history) {
        const QString &s = ctx.data.fingerprints[m].quoteStyle;
        if (s == style)
            return;
        if (s != u"none" && s != u"forward") {
            earlier.insert(s);
            ++replies;
        }
    }
    if (replies < MinReplies)
        return;
    QStringList before(earlier.cbegin(), earlier.cend());
    before.sort();
    findings << Finding{QStringLiteral("B8"), Finding::Severity::Medium,
                        QStringLiteral("Its quoting style (%1) differs from the %2 earlier replies of %3 (%4)")
                            .arg(style).arg(replies).arg(ctx.message.from.address, before.join(QStringLiteral(", "))),
                        {Evidence{Evidence::Kind::Text, ctx.body.newEnd, ctx.body.newEnd, QString(), ctx.body.lineAt(ctx.body.newEnd)}}};
}

} // namespace th::analysis
