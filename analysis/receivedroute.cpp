#include "receivedroute.h"

#include "receivedhop.h"

namespace th::analysis {

ReceivedRoute ReceivedRoute::of(const model::Message &message)
{
    QList<ReceivedHop> chain; // newest (top) first
    for (const QString &v : message.headerValues(u"Received"))
        chain << ReceivedHop::parse(v);
    ReceivedRoute r;
    for (auto it = chain.crbegin(); it != chain.crend() && r.origin.isEmpty(); ++it)
        r.origin = it->fromIp;
    for (qsizetype i = 0; i + 1 < chain.size() && r.disorderedHop.isEmpty(); ++i) {
        const QDateTime &later = chain[i].time, &earlier = chain[i + 1].time;
        if (later.isValid() && earlier.isValid() && (earlier.secsTo(later) < -3600 || earlier.secsTo(later) > 86400))
            r = {r.origin, chain[i].raw, earlier, later};
    }
    return r;
}

} // namespace th::analysis
