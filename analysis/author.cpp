#include "author.h"

namespace th::analysis {

bool Author::isListRewritten(const model::Message &m)
{
    return !m.from.address.isEmpty() && m.header(u"List-Post").contains(m.from.address, Qt::CaseInsensitive);
}

model::MailAddress Author::of(const model::Message &m)
{
    if (!m.replyTo.isEmpty() && isListRewritten(m)) // most messages have no Reply-To: no header search
        return {m.from.name, m.replyTo.first().address};
    return m.from;
}

} // namespace th::analysis
