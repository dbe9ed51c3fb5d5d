#include "rfc5322comment.h"

namespace th::analysis {

Rfc5322Comment Rfc5322Comment::read(QStringView value, qsizetype open)
{
    const qsizetype start = open + 1;
    int depth = 0;
    for (qsizetype at = open; at < value.size(); ++at) {
        const QChar c = value[at];
        if (c == u'\\')
            ++at;
        else if (c == u'(')
            ++depth;
        else if (c == u')' && --depth == 0)
            return {value.sliced(start, at - start).toString().simplified(), at + 1, true};
    }
    return {value.sliced(qMin(start, value.size())).toString().simplified(), value.size(), false};
}

} // namespace th::analysis
