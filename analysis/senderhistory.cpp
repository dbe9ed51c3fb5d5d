#include "senderhistory.h"

#include "author.h"
#include "lowercase.h"

#include <algorithm>

namespace th::analysis {

SenderHistory::SenderHistory(const std::vector<model::Message> &messages)
{
    for (int i = 0; i < int(messages.size()); ++i) {
        const QDateTime &date = messages[size_t(i)].date;
        m_sent.push_back(date.isValid() ? date.toMSecsSinceEpoch() : NoDate);
        const QString author = Lowercase::of(Author::of(messages[size_t(i)]).address);
        if (!author.isEmpty())
            m_byAddress[author] << i;
    }
    for (QList<int> &list : m_byAddress) {
        std::sort(list.begin(), list.end(), [&messages](int a, int b) {
            return messages[size_t(a)].date < messages[size_t(b)].date;
        });
    }
}

// The list is in date order, undated messages first (as NoDate): the messages before a date are a prefix.
QList<int> SenderHistory::before(const QString &address, const QDateTime &date, int exclude) const
{
    const QList<int> sent = m_byAddress.value(Lowercase::of(address)); // const: reading it does not detach
    const qint64 limit = date.isValid() ? date.toMSecsSinceEpoch() : NoDate;
    const auto end = limit == NoDate ? sent.cend()
                                     : std::partition_point(sent.cbegin(), sent.cend(), [&](int i) { return m_sent[size_t(i)] < limit; });
    QList<int> out;
    for (auto it = end - std::min<qsizetype>(end - sent.cbegin(), MaxHistory + 1); it != end; ++it) {
        if (*it != exclude)
            out << *it;
    }
    if (out.size() > MaxHistory)
        out.removeFirst();
    return out;
}

} // namespace th::analysis
