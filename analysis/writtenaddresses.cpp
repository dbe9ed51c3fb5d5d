#include "writtenaddresses.h"

#include "codeunits.h"

namespace th::analysis {
namespace {

bool isAsciiAlnum(char16_t c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
}

bool isLocalChar(char16_t c) // [A-Za-z0-9._%+-]
{
    return isAsciiAlnum(c) || c == u'.' || c == u'_' || c == u'%' || c == u'+' || c == u'-';
}

bool isLabelChar(char16_t c) // [A-Za-z0-9-]
{
    return isAsciiAlnum(c) || c == u'-';
}

qsizetype labelEnd(QStringView text, qsizetype at)
{
    while (at < text.size() && isLabelChar(text[at].unicode()))
        ++at;
    return at;
}

// The end of "label(.label)+" from \a at, or -1: the greedy quantifiers take every whole ".label" that follows.
qsizetype domainEnd(QStringView text, qsizetype at)
{
    qsizetype end = labelEnd(text, at);
    if (end == at)
        return -1;
    int labels = 0;
    for (qsizetype next; end + 1 < text.size() && text[end] == u'.' && (next = labelEnd(text, end + 1)) > end + 1; ++labels)
        end = next;
    return labels > 0 ? end : -1;
}

} // namespace

// A local part is a whole run of local characters: one starting inside a run fails the look-behind, whose set
// holds every local character. The run must start at or after the previous address's end (a match starts
// there at the earliest) and follow neither '/' nor '='.
QList<std::pair<qsizetype, qsizetype>> WrittenAddresses::spans(QStringView text)
{
    QList<std::pair<qsizetype, qsizetype>> out;
    qsizetype from = 0;
    for (qsizetype at = CodeUnits::next(text, 0, u'@'); at >= 0; at = CodeUnits::next(text, at + 1, u'@')) {
        qsizetype begin = at;
        while (begin > 0 && isLocalChar(text[begin - 1].unicode()))
            --begin;
        const char16_t before = begin > 0 ? text[begin - 1].unicode() : u' ';
        if (begin == at || begin < from || before == u'/' || before == u'=')
            continue;
        const qsizetype end = domainEnd(text, at + 1);
        if (end < 0)
            continue;
        out.append({begin, end});
        from = end;
    }
    return out;
}

} // namespace th::analysis
