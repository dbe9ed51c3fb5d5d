#include "threadrevival.h"

namespace th::analysis {
namespace {

void consider(std::pair<QDateTime, QString> &best, const QDateTime &d, const QString &what, const QDateTime &limit)
{
    // Quoted dates carry no zone; a day of slack keeps a reply from looking older than its parent.
    if (d.isValid() && (!limit.isValid() || d <= limit.addDays(1)) && (!best.first.isValid() || d > best.first))
        best = {d, what};
}

} // namespace

std::pair<QDateTime, QString> ThreadRevival::newestReferencedDate(const MessageContext &ctx)
{
    std::pair<QDateTime, QString> best;
    const QDateTime &now = ctx.message.date;
    // Quoted dates get older with depth. A deeper date newer than the one above it is misread (11/03/23
    // taken as 3 November instead of 11 March) and is not evidence.
    QDateTime above;
    for (const QuotedHeader &h : ctx.body.headers) {
        if (!h.date.isValid() || (above.isValid() && h.date > above.addDays(1)))
            continue;
        consider(best, h.date, QStringLiteral("quoted header \"%1\"").arg(h.dateText), now);
        above = h.date;
    }
    if (const int p = ctx.repliedTo(); p >= 0)
        consider(best, ctx.data.messages[size_t(p)].date, QStringLiteral("the stored parent"), now);
    if (ctx.original.isValid())
        consider(best, ctx.data.messages[size_t(ctx.original.message)].date, QStringLiteral("the stored message it quotes"), now);
    return best;
}

void ThreadRevival::evaluate(const MessageContext &ctx, QList<Finding> &findings) const
{
    const auto [newest, what] = newestReferencedDate(ctx);
    if (!newest.isValid() || !ctx.message.date.isValid())
        return;
    const qint64 days = newest.daysTo(ctx.message.date);
    if (days <= WeakDays)
        return;
    findings << Finding{QStringLiteral("B6"), days > MediumDays ? Finding::Severity::Medium : Finding::Severity::Weak,
                        QStringLiteral("The newest message it refers to (%1) is dated %2, %3 days before this message")
                            .arg(what, newest.date().toString(Qt::ISODate)).arg(days),
                        {Evidence{Evidence::Kind::Header, -1, -1, QStringLiteral("Date"), ctx.message.rawDate}}, double(days)};
}

} // namespace th::analysis
