#include "transportanomaly.h"

namespace th::analysis {
namespace {

// Large senders (Gmail, Exchange Online) submit from many addresses of one network: compare networks,
// an IPv4 /16 or the first two IPv6 groups, the text before the second separator. Asked of every earlier
// message of a sender: QString::section(separator, 0, 1) took 2.7K instructions a call.
QString network(const QString &ip)
{
    const QChar separator = ip.contains(u':') ? u':' : u'.';
    const qsizetype first = ip.indexOf(separator);
    const qsizetype second = first < 0 ? -1 : ip.indexOf(separator, first + 1);
    return second < 0 ? ip : ip.first(second);
}

Finding weak(const QString &summary, const QString &value)
{
    return {QStringLiteral("A9"), Finding::Severity::Weak, summary, {Evidence{Evidence::Kind::Header, -1, -1, QStringLiteral("Received"), value}}};
}

} // namespace

void TransportAnomaly::evaluate(const MessageContext &ctx, QList<Finding> &findings) const
{
    const ReceivedRoute &route = ctx.data.routes[ctx.index];
    const QList<int> history = ctx.fromIsList() ? QList<int>() : ctx.data.senders.before(ctx.authorAddress(), ctx.message.date, ctx.index);
    const QString own = route.origin.isEmpty() ? QString() : network(route.origin);
    bool anyOrigin = false, seen = false;
    for (auto m = history.cbegin(); m != history.cend() && !seen && !own.isEmpty(); ++m) {
        const QString &origin = ctx.data.routes[*m].origin;
        anyOrigin = anyOrigin || !origin.isEmpty();
        seen = !origin.isEmpty() && network(origin) == own;
    }
    if (!own.isEmpty() && history.size() >= MinHistory && anyOrigin && !seen)
        findings << weak(QStringLiteral("Submitted from %1, an address %2 never used in %3 earlier messages")
                             .arg(route.origin, ctx.message.from.address).arg(history.size()), route.origin);
    if (!route.disorderedHop.isEmpty())
        findings << weak(QStringLiteral("Received hops are out of order or a day apart (%1 then %2)")
                             .arg(route.earlier.toString(Qt::ISODate), route.later.toString(Qt::ISODate)), route.disorderedHop);
}

} // namespace th::analysis
