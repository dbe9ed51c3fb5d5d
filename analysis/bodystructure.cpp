#include "bodystructure.h"

#include <algorithm>
#include <iterator>

namespace th::analysis {

// The first line with content: lines holding only quote marks ("> >") are blank.
qsizetype BodyStructure::quoteStart() const
{
    if (history.isEmpty())
        return -1;
    qsizetype at = history.first().begin;
    while (at < history.first().end && (text[at].isSpace() || text[at] == u'>'))
        ++at;
    while (at > 0 && text[at - 1] != u'\n')
        --at; // the line, with its quote marks: "> Hello" is how the authentic content appears
    return at;
}

QList<Segment> BodyStructure::ownSegments() const
{
    QList<Segment> out;
    std::copy_if(segments.cbegin(), segments.cend(), std::back_inserter(out), [](const Segment &s) { return s.kind == Segment::Kind::New; });
    return out;
}

QList<Segment> BodyStructure::contentSegments(int k) const
{
    const QuotedMessage &q = history[k];
    const qsizetype end = q.marks > 0 ? q.scopeEnd : q.end;
    QList<Segment> out;
    for (const Segment &s : segments) {
        const bool own = s.kind == Segment::Kind::Quoted || s.kind == Segment::Kind::Signature || s.kind == Segment::Kind::Disclaimer;
        if (own && s.depth == q.depth && s.begin >= q.begin && s.begin < end)
            out << s;
    }
    return out;
}

QString BodyStructure::contentOf(int k) const
{
    QString out;
    for (const Segment &s : contentSegments(k)) {
        for (QStringView line : QStringView(text).sliced(s.begin, s.end - s.begin).split(u'\n')) {
            while (!line.isEmpty() && (line.front() == u'>' || line.front() == u' '))
                line = line.sliced(1);
            out += line;
            out += u'\n';
        }
    }
    return out;
}

QString BodyStructure::quotedText() const
{
    QString out;
    for (const QuotedMessage &q : history) {
        out += QStringView(text).sliced(q.begin, q.end - q.begin);
        out += u'\n';
    }
    return out;
}

QString BodyStructure::lineAt(qsizetype offset) const
{
    if (offset < 0 || offset >= text.size())
        return {};
    const qsizetype nl = text.indexOf(u'\n', offset);
    return text.mid(offset, (nl < 0 ? text.size() : nl) - offset).trimmed();
}

} // namespace th::analysis
