#include "author.h"

namespace th::analysis {

bool Author::isListRewritten(const model::Message &m)
{
    return !m.from.address.isEmpty() && m.header(u"List-Post").contains(m.from.address, Qt::CaseInsensitive);
}

model::MailAddress Author::of(const model::Message &m)
{
    if (isListRewritten(m) && !m.replyTo.isEmpty())
        return {m.from.name, m.replyTo.first().address};
    return m.from;
}

} // namespace th::analysis
