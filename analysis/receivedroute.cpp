#include "receivedroute.h"

#include "receivedhop.h"

namespace th::analysis {

// Every hop's time, but only the oldest hops' clients: the origin is the first from the bottom that names one.
ReceivedRoute ReceivedRoute::of(const model::Message &message)
{
    const QStringList values = message.headerValues(u"Received"); // newest (top) first
    ReceivedRoute r;
    for (auto it = values.crbegin(); it != values.crend() && r.origin.isEmpty(); ++it)
        r.origin = ReceivedHop::originOf(*it);
    QList<QDateTime> times;
    for (const QString &v : values)
        times << ReceivedHop::timeOf(v);
    for (qsizetype i = 0; i + 1 < times.size() && r.disorderedHop.isEmpty(); ++i) {
        const QDateTime &later = times[i], &earlier = times[i + 1];
        if (later.isValid() && earlier.isValid() && (earlier.secsTo(later) < -3600 || earlier.secsTo(later) > 86400))
            r = {r.origin, ReceivedHop::parse(values[i]).raw, earlier, later};
    }
    return r;
}

} // namespace th::analysis
