#include "diffhunks.h"

#include <algorithm>

namespace th::analysis {
namespace {

// A line count of up to 12 digits at \a at, advancing past it; -1 when there is none. Longer (hostile) counts
// only make a hunk run to the end of its diff lines.
qint64 number(QStringView s, qsizetype &at)
{
    const qsizetype start = at;
    qint64 n = 0;
    for (; at < s.size() && at - start < 12 && s[at] >= u'0' && s[at] <= u'9'; ++at)
        n = n * 10 + (s[at].unicode() - u'0');
    return at == start ? -1 : n;
}

// "-a,b" (or "-a", one line) after \a sign; the line count b, or -1.
qint64 side(QStringView s, qsizetype &at, QChar sign)
{
    if (at >= s.size() || s[at++] != sign || number(s, at) < 0)
        return -1;
    if (at < s.size() && s[at] == u',')
        return number(s, ++at);
    return 1;
}

} // namespace

bool DiffHunks::take(QStringView line)
{
    if (m_oldLeft > 0 || m_newLeft > 0) {
        if (continues(line))
            return true;
        m_oldLeft = m_newLeft = 0;
    }
    return opens(line);
}

// A context (' '), removed ('-') or added ('+') line, or "\ No newline at end of file", under the header's
// quote marks. Mail clients drop trailing white space: an empty context line may be the marks alone (">"), or
// nothing at all when the hunk is not quoted. Compared by hand: half of a patch mail's lines come here.
bool DiffHunks::continues(QStringView line)
{
    const qsizetype n = m_prefix.size();
    const qsizetype common = std::min(n, line.size());
    if (!std::equal(line.cbegin(), line.cbegin() + common, m_prefix.cbegin()))
        return false;
    if (line.size() <= n) { // the marks alone: an empty context line if only trailing white space is missing
        if (line.size() < m_bare)
            return false;
        --m_oldLeft;
        --m_newLeft;
        return true;
    }
    const char16_t mark = line[n].unicode();
    if (mark != u' ' && mark != u'-' && mark != u'+' && mark != u'\\')
        return false;
    m_oldLeft -= mark == u' ' || mark == u'-' ? 1 : 0;
    m_newLeft -= mark == u' ' || mark == u'+' ? 1 : 0;
    return true;
}

// "@@ -a,b +c,d @@", after quote marks ('>' and white space) only.
bool DiffHunks::opens(QStringView line)
{
    qsizetype at = 0;
    while (at < line.size() && (line[at] == u'>' || line[at] == u' ' || line[at] == u'\t'))
        ++at;
    if (line.size() - at < 4 || line[at] != u'@' || line[at + 1] != u'@' || line[at + 2] != u' ' || line[at + 3] != u'-')
        return false;
    const QStringView prefix = line.first(at);
    at += 3;
    const qint64 oldLines = side(line, at, u'-');
    if (oldLines < 0 || at >= line.size() || line[at++] != u' ')
        return false;
    const qint64 newLines = side(line, at, u'+');
    if (newLines < 0 || !line.sliced(at).startsWith(u" @@"))
        return false;
    m_prefix = prefix;
    m_bare = prefix.size();
    while (m_bare > 0 && prefix[m_bare - 1].isSpace())
        --m_bare;
    m_oldLeft = oldLines;
    m_newLeft = newLines;
    return true;
}

} // namespace th::analysis
