#include "indicator.h"

#include "analysis/author.h"
#include "analysis/basesubject.h"
#include "analysis/lowercase.h"
#include "analysis/shingles.h"

namespace th::analysis {

MessageContext MessageContext::of(const CaseData &data, int index)
{
    const model::Message &m = data.messages[size_t(index)];
    return {index, m, data.bodies[index], data, -1, {}, {}, {}, {}, Author::of(m), Author::isListRewritten(m)};
}

int MessageContext::repliedTo() const
{
    for (const QString &id : message.inReplyTo) {
        const QList<int> hits = data.byId.values(id);
        if (!hits.isEmpty())
            return *std::min_element(hits.cbegin(), hits.cend());
    }
    return -1;
}

bool MessageContext::isOnList() const
{
    return !message.header(u"List-Id").isEmpty() || !message.header(u"List-Post").isEmpty();
}

bool MessageContext::fromIsList() const
{
    return listRewritten && message.replyTo.isEmpty();
}

QString MessageContext::authorAddress() const
{
    return author.address;
}

QList<int> MessageContext::authorHistory() const
{
    QList<int> out = data.senders.before(authorAddress(), message.date, index);
    out.removeIf([this](int m) { return rogueLures.contains(m); });
    return out;
}

bool MessageContext::copyIsAttributed() const
{
    return body.history.isEmpty() && authorNamedAbove();
}

bool MessageContext::authorNamedAbove() const
{
    if (!original.isValid() || splice <= 0)
        return false;
    const model::Message &o = data.messages[size_t(original.message)];
    const QStringView before = QStringView(body.text).first(splice);
    const bool address = !o.from.address.isEmpty() && before.contains(o.from.address, Qt::CaseInsensitive);
    const bool name = o.from.name.size() > 3 && before.contains(o.from.name, Qt::CaseInsensitive);
    return address || name;
}

bool MessageContext::looksLikeReply() const
{
    return BaseSubject::isReply(message.subject) || !body.history.isEmpty();
}

const QuotedHeader *MessageContext::parentHeader() const
{
    if (body.history.isEmpty() || body.history.first().header < 0)
        return nullptr;
    return &body.headers[body.history.first().header];
}

bool MessageContext::quotesOnlyItself() const
{
    const QuotedHeader *h = parentHeader();
    if (!h || body.history.size() != 1 || original.isValid() || repliedTo() >= 0)
        return false;
    for (const Segment &s : body.segments) {
        if (s.depth == 0 && Shingles::wordCount(QStringView(body.text).sliced(s.begin, s.end - s.begin)) > 0)
            return false; // the sender wrote something
    }
    const bool sender = !h->fromAddress.isEmpty() && Lowercase::equal(h->fromAddress, message.from.address);
    const bool bareName = h->fromAddress.isEmpty() && !h->fromName.isEmpty();
    return sender || bareName;
}

} // namespace th::analysis
