#include "senderhistory.h"

#include "author.h"

#include <algorithm>

namespace th::analysis {

SenderHistory::SenderHistory(const std::vector<model::Message> &messages)
{
    for (int i = 0; i < int(messages.size()); ++i) {
        const QDateTime &date = messages[size_t(i)].date;
        m_sent.push_back(date.isValid() ? date.toMSecsSinceEpoch() : NoDate);
        const QString author = Author::of(messages[size_t(i)]).address.toLower();
        if (!author.isEmpty())
            m_byAddress[author] << i;
    }
    for (QList<int> &list : m_byAddress) {
        std::sort(list.begin(), list.end(), [&messages](int a, int b) {
            return messages[size_t(a)].date < messages[size_t(b)].date;
        });
    }
}

QList<int> SenderHistory::before(const QString &address, const QDateTime &date, int exclude) const
{
    QList<int> out;
    const QList<int> sent = m_byAddress.value(address.toLower()); // const: looping over it does not detach
    const qint64 limit = date.isValid() ? date.toMSecsSinceEpoch() : NoDate;
    for (int i : sent) {
        const qint64 d = m_sent[size_t(i)];
        if (i != exclude && (limit == NoDate || d == NoDate || d < limit))
            out << i;
    }
    return out;
}

} // namespace th::analysis
