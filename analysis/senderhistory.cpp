#include "senderhistory.h"

#include "author.h"

#include <algorithm>

namespace th::analysis {

SenderHistory::SenderHistory(const std::vector<model::Message> &messages) : m_messages(messages)
{
    for (int i = 0; i < int(messages.size()); ++i) {
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
    for (int i : sent) {
        const QDateTime &d = m_messages[size_t(i)].date;
        if (i != exclude && (!date.isValid() || !d.isValid() || d < date))
            out << i;
    }
    return out;
}

} // namespace th::analysis
