#include "anchoredmatches.h"

#include "codeunits.h"
#include "lowercase.h"

#include <algorithm>
#include <vector>

namespace th::analysis {
namespace {

// White space as a pattern's \s sees it without Unicode properties: ASCII only. A link may hold an NBSP.
bool isAsciiSpace(QChar c)
{
    return c == u' ' || (c >= u'\t' && c <= u'\r');
}

// The next occurrence of each anchor, sought again only once the scan has passed it: an anchor the text
// lacks is looked for once, not once per match.
class Anchors
{
public:
    Anchors(QStringView text, const QList<QStringView> &anchors, Qt::CaseSensitivity cs)
        : m_text(text), m_anchors(anchors), m_cs(cs)
    {
        for (QStringView a : anchors)
            m_next.push_back(AnchoredMatches::indexOf(text, a, 0, cs));
    }

    /// The first anchor at or after \a from, and its length; -1 when none is left.
    std::pair<qsizetype, qsizetype> first(qsizetype from)
    {
        std::pair<qsizetype, qsizetype> out{-1, 0};
        for (size_t i = 0; i < m_next.size(); ++i) {
            if (m_next[i] >= 0 && m_next[i] < from)
                m_next[i] = AnchoredMatches::indexOf(m_text, m_anchors[qsizetype(i)], from, m_cs);
            if (m_next[i] >= 0 && (out.first < 0 || m_next[i] < out.first))
                out = {m_next[i], m_anchors[qsizetype(i)].size()};
        }
        return out;
    }

private:
    QStringView m_text;
    QList<QStringView> m_anchors;
    Qt::CaseSensitivity m_cs;
    std::vector<qsizetype> m_next; ///< per anchor: its next position, or -1 when the text has no more
};

} // namespace

// Qt's search for a short string hashes every window of the text, and its caseless search folds every
// character. The first ASCII character of the anchor that is not a letter has no other case: it is sought eight
// code units at a time (CodeUnits), together with the character after it when that has no other case either
// (most ':' of a body are not followed by "//"), and the anchor is checked where they are found.
qsizetype AnchoredMatches::indexOf(QStringView text, QStringView anchor, qsizetype from, Qt::CaseSensitivity cs)
{
    const auto isPivot = [](QChar c) { return c.unicode() < 0x80 && !c.isLetter(); };
    const qsizetype pivot = std::find_if(anchor.cbegin(), anchor.cend(), isPivot) - anchor.cbegin();
    if (pivot == anchor.size())
        return text.indexOf(anchor, from, cs);
    const char16_t first = anchor[pivot].unicode();
    const bool pair = pivot + 1 < anchor.size() && isPivot(anchor[pivot + 1]);
    const auto next = [&](qsizetype at) {
        return pair ? CodeUnits::nextPair(text, at, first, anchor[pivot + 1].unicode()) : CodeUnits::next(text, at, first);
    };
    // Where the anchor's first character is an ASCII one, a text's ASCII character that is not it in either case
    // rules the place out without Qt's comparison (every '.' of a patch is a candidate for "www.").
    const char16_t head = anchor.front().unicode();
    const auto ruledOut = [&](qsizetype start) {
        const char16_t c = text[start].unicode();
        return head < 0x80 && c < 0x80 && c != head && (cs == Qt::CaseSensitive || Lowercase::ascii(c) != Lowercase::ascii(head));
    };
    for (qsizetype at = next(std::max<qsizetype>(from, 0) + pivot); at >= 0; at = next(at + 1)) {
        const qsizetype start = at - pivot;
        if (start + anchor.size() <= text.size() && !ruledOut(start) && text.sliced(start, anchor.size()).compare(anchor, cs) == 0)
            return start;
    }
    return -1;
}

// Every match lies inside one run of characters other than ASCII white space that holds an anchor. The first
// match at or after `from` therefore starts in the run holding the first anchor after `from`, or in a later one: the
// pattern is tried from the start of that run, with the text cut at its end.
QList<QRegularExpressionMatch> AnchoredMatches::of(const QRegularExpression &re, QStringView text, const QList<QStringView> &anchors,
                                                   Qt::CaseSensitivity cs)
{
    QList<QRegularExpressionMatch> out;
    Anchors next(text, anchors, cs);
    for (qsizetype from = 0; from < text.size();) {
        const auto [at, length] = next.first(from);
        if (at < 0)
            break;
        qsizetype begin = at, end = at + length;
        while (begin > from && !isAsciiSpace(text[begin - 1]))
            --begin;
        while (end < text.size() && !isAsciiSpace(text[end]))
            ++end;
        QRegularExpressionMatch m = re.match(text.first(end), begin);
        from = m.hasMatch() ? m.capturedEnd() : end;
        if (m.hasMatch())
            out << std::move(m);
    }
    return out;
}

} // namespace th::analysis
