#include "transportanomaly.h"

#include "analysis/receivedhop.h"

namespace th::analysis {
namespace {

QList<ReceivedHop> hops(const model::Message &m)
{
    QList<ReceivedHop> out;
    for (const QString &v : m.headerValues(u"Received"))
        out << ReceivedHop::parse(v);
    return out; // newest (top) first
}

// Large senders (Gmail, Exchange Online) submit from many addresses of one network: compare networks,
// an IPv4 /16 or the first two IPv6 groups.
QString network(const QString &ip)
{
    const QChar separator = ip.contains(u':') ? u':' : u'.';
    return ip.section(separator, 0, 1);
}

Finding weak(const QString &summary, const QString &value)
{
    return {QStringLiteral("A9"), Finding::Severity::Weak, summary, {Evidence{Evidence::Kind::Header, -1, -1, QStringLiteral("Received"), value}}};
}

} // namespace

QString TransportAnomaly::originAddress(const model::Message &message)
{
    const QList<ReceivedHop> chain = hops(message);
    for (auto it = chain.crbegin(); it != chain.crend(); ++it) {
        if (!it->fromIp.isEmpty())
            return it->fromIp;
    }
    return {};
}

void TransportAnomaly::evaluate(const MessageContext &ctx, QList<Finding> &findings) const
{
    const QString &origin = ctx.data.origins[ctx.index];
    const QList<int> history = ctx.fromIsList() ? QList<int>() : ctx.data.senders.before(ctx.authorAddress(), ctx.message.date, ctx.index);
    QSet<QString> seen;
    for (int m : history) {
        if (!ctx.data.origins[m].isEmpty())
            seen.insert(network(ctx.data.origins[m]));
    }
    if (!origin.isEmpty() && history.size() >= MinHistory && !seen.isEmpty() && !seen.contains(network(origin)))
        findings << weak(QStringLiteral("Submitted from %1, an address %2 never used in %3 earlier messages").arg(origin, ctx.message.from.address).arg(history.size()), origin);
    const QList<ReceivedHop> chain = hops(ctx.message);
    for (qsizetype i = 0; i + 1 < chain.size(); ++i) {
        const QDateTime &later = chain[i].time, &earlier = chain[i + 1].time;
        if (later.isValid() && earlier.isValid() && (earlier.secsTo(later) < -3600 || earlier.secsTo(later) > 86400)) {
            findings << weak(QStringLiteral("Received hops are out of order or a day apart (%1 then %2)")
                                 .arg(earlier.toString(Qt::ISODate), later.toString(Qt::ISODate)), chain[i].raw);
            return;
        }
    }
}

} // namespace th::analysis
