#include "quotesegmenter.h"

#include "codeunits.h"
#include "quoteheaderparser.h"
#include "signaturefinder.h"

#include <algorithm>

namespace th::analysis {
namespace {

struct Line {
    qsizetype begin = 0;
    qsizetype end = 0; ///< before the line break
    int depth = 0;     ///< '>' marks at the start ("> > >" is 3)
    bool blank = true;
};

int quoteDepth(QStringView line)
{
    int depth = 0;
    for (QChar c : line) {
        if (c == u'>')
            ++depth;
        else if (c != u' ' && c != u'\t')
            break;
    }
    return depth;
}

// A thread's list, reused from text to text as QuoteHeaderParser::find() reuses its own.
const QList<Line> &splitLines(const QString &text)
{
    thread_local QList<Line> lines;
    lines.clear();
    for (qsizetype at = 0; at <= text.size() && lines.size() < QuoteSegmenter::MaxLines;) {
        qsizetype nl = CodeUnits::next(text, at, u'\n');
        if (nl < 0)
            nl = text.size();
        const QStringView line = QStringView(text).sliced(at, nl - at);
        const int depth = quoteDepth(line);
        const QStringView trimmed = line.trimmed();
        // empty, or quote marks only: the first other character decides, where counting read the whole line
        const bool blank = std::all_of(trimmed.cbegin(), trimmed.cend(), [](QChar c) { return c == u'>'; });
        lines << Line{at, nl, depth, blank};
        at = nl + 1;
    }
    return lines;
}

/// A quoted message begins at a header (attribution, block, separator) or at an unannounced '>' run.
struct Opening {
    int firstLine = 0;   ///< of the header, or of the run
    int contentLine = 0; ///< first line of content
    int header = -1;
    int separator = -1;
};

class Builder
{
public:
    explicit Builder(const QString &text) : m_lines(splitLines(text))
    {
        m_body.text = text;
        m_body.headers = QuoteHeaderParser::find(text);
    }

    BodyStructure build()
    {
        collectHeaderOpenings();
        std::sort(m_openings.begin(), m_openings.end(), [](const Opening &a, const Opening &b) { return a.firstLine < b.firstLine; });
        collectAnonymousQuotes();
        std::sort(m_openings.begin(), m_openings.end(), [](const Opening &a, const Opening &b) { return a.firstLine < b.firstLine; });
        buildHistory();
        buildSegments();
        return std::move(m_body);
    }

private:
    qsizetype lineBegin(int line) const
    {
        return line < m_lines.size() ? m_lines[line].begin : m_body.text.size();
    }

    int firstContentLine(int from) const
    {
        while (from < m_lines.size() && m_lines[from].blank)
            ++from;
        return from;
    }

    // A separator directly followed by a header block or an attribution (ProtonMail: "------- Original
    // Message -------" above "On ... wrote:") introduces one message, not two.
    void collectHeaderOpenings()
    {
        for (int h = 0; h < m_body.headers.size(); ++h) {
            const QuotedHeader &q = m_body.headers[h];
            if (q.style == QuotedHeader::Style::Separator && h + 1 < m_body.headers.size() && followsClosely(q, m_body.headers[h + 1])) {
                m_openings << Opening{q.firstLine, m_body.headers[h + 1].lastLine + 1, h + 1, h};
                ++h;
            } else {
                const bool separator = q.style == QuotedHeader::Style::Separator;
                m_openings << Opening{q.firstLine, q.lastLine + 1, separator ? -1 : h, separator ? h : -1};
            }
        }
    }

    bool followsClosely(const QuotedHeader &a, const QuotedHeader &b) const
    {
        return b.style != QuotedHeader::Style::Separator && firstContentLine(a.lastLine + 1) == b.firstLine;
    }

    // A run of at least two '>' lines before any header is a quote without attribution (B3: "broken reply
    // structure"); a lone '>' line is too often a shell prompt or an arrow. Later runs without a header of
    // their own continue the quoted message above them: the sender answered between its lines.
    void collectAnonymousQuotes()
    {
        const int firstHeader = m_openings.isEmpty() ? int(m_lines.size()) : m_openings.first().firstLine;
        for (int i = 0; i < firstHeader; ++i) {
            if (m_lines[i].depth > 0 && !m_lines[i].blank && runLength(i) >= 2) {
                m_openings << Opening{i, i, -1, -1};
                return;
            }
        }
    }

    int runLength(int from) const
    {
        int n = 0;
        for (int i = from; i < m_lines.size() && (m_lines[i].depth > 0 || m_lines[i].blank); ++i)
            n += m_lines[i].depth > 0 ? 1 : 0;
        return n;
    }

    void buildHistory()
    {
        m_body.newEnd = m_openings.isEmpty() ? m_body.text.size() : lineBegin(m_openings.first().firstLine);
        for (int k = 0; k < m_openings.size(); ++k) {
            const Opening &o = m_openings[k];
            const int endLine = k + 1 < m_openings.size() ? m_openings[k + 1].firstLine : int(m_lines.size());
            const qsizetype end = endLine < m_lines.size() ? lineBegin(endLine) : m_body.text.size();
            m_body.history << QuotedMessage{o.header, o.separator, lineBegin(o.contentLine), qMax(lineBegin(o.contentLine), end), k + 1};
            markScope(k);
        }
        detectInterleaving();
    }

    // A '>'-quoted message owns the lines at its content's depth until a header shallower than them, or one at
    // their depth that opens an older message written the same way (a header block or separator).
    void markScope(int k)
    {
        QuotedMessage &q = m_body.history[k];
        const int first = firstContentLine(m_openings[k].contentLine);
        q.marks = first < m_lines.size() ? m_lines[first].depth : 0;
        // Below "> On ... wrote:" the message's lines carry one more mark, even when its first line is the
        // replier's "> [...]" at the attribution's own depth, or a deeper message's header it answered below;
        // but not inside a quoted Outlook message, whose client never marked the attributions it kept.
        const QuotedHeader *h = q.header >= 0 ? &m_body.headers[q.header] : nullptr;
        const bool attribution = h && h->style == QuotedHeader::Style::Attribution;
        if (attribution && (q.marks > h->depth + 1 || (h->depth > 0 && q.marks <= h->depth && !insideHeaderBlockQuote(k))))
            q.marks = h->depth + 1;
        q.scopeEnd = q.end;
        if (q.marks == 0)
            return;
        q.scopeEnd = m_body.text.size();
        for (int j = k + 1; j < m_openings.size(); ++j) {
            const Opening &o = m_openings[j];
            const int header = o.header >= 0 ? o.header : o.separator;
            const int depth = header < 0 ? m_lines[o.firstLine].depth : m_body.headers[header].depth;
            // An Outlook block whose content is marked deeper than itself ("> From: ..." over ">> text") is a
            // deeper message the writer answered inline; one whose content sits at its own depth continues a
            // top-posted chain, which ends this message.
            const int content = firstContentLine(o.contentLine);
            const bool contentAtOwnDepth = content >= m_lines.size() || m_lines[content].depth == depth;
            const bool olderSameWay = header >= 0 && depth == q.marks && m_body.headers[header].style != QuotedHeader::Style::Attribution
                && contentAtOwnDepth;
            if (depth < q.marks || olderSameWay) {
                q.scopeEnd = lineBegin(m_openings[j].firstLine);
                break;
            }
        }
    }

    bool insideHeaderBlockQuote(int k) const
    {
        const int above = k > 0 ? m_body.history[k - 1].header : -1;
        return above >= 0 && m_body.headers[above].style == QuotedHeader::Style::HeaderBlock;
    }

    // In '>'-quoted content, text at depth 0 followed by more quoted lines is an inline answer.
    // (Outlook-style quoted content is at depth 0 throughout: there depth says nothing.)
    bool isInterleaved(const QuotedMessage &q) const
    {
        bool quoted = false, answered = false, first = true;
        for (const Line &l : m_lines) {
            if (l.begin < q.begin || l.begin >= q.end || l.blank)
                continue;
            if (first && l.depth == 0)
                return false;
            first = false;
            if (l.depth > 0 && answered)
                return true;
            answered = answered || (quoted && l.depth == 0);
            quoted = quoted || l.depth > 0;
        }
        return false;
    }

    // Marked when its header carries '>' marks ("> From: ..."), or its first line does.
    bool isMarked(const QuotedMessage &q) const
    {
        return (q.header >= 0 && m_body.headers[q.header].depth > 0) || firstLineDepth(q) > 0;
    }

    // The marks of the first non-blank line of a quoted message's content, or -1 when it has none.
    int firstLineDepth(const QuotedMessage &q) const
    {
        for (const Line &l : m_lines) {
            if (l.begin >= q.begin && l.begin < q.end && !l.blank)
                return l.depth;
        }
        return -1;
    }

    void detectInterleaving()
    {
        for (const QuotedMessage &q : std::as_const(m_body.history))
            m_body.interleaved = m_body.interleaved || isInterleaved(q);
    }

    void buildSegments()
    {
        addWithTrailer(Segment::Kind::New, 0, 0, m_body.newEnd);
        for (int k = 0; k < m_body.history.size(); ++k) {
            const QuotedMessage &q = m_body.history[k];
            addHeaderSegment(q.separator, Segment::Kind::Separator, q.depth);
            addHeaderSegment(q.header, headerKind(q.header), q.depth);
            if (q.end > q.begin)
                addQuotedContent(k);
        }
    }

    Segment::Kind headerKind(int header) const
    {
        if (header < 0)
            return Segment::Kind::Attribution;
        switch (m_body.headers[header].style) {
        case QuotedHeader::Style::HeaderBlock: return Segment::Kind::HeaderBlock;
        case QuotedHeader::Style::Separator: return Segment::Kind::Separator;
        case QuotedHeader::Style::Attribution: return Segment::Kind::Attribution;
        }
        return Segment::Kind::Attribution;
    }

    void addHeaderSegment(int header, Segment::Kind kind, int depth)
    {
        if (header >= 0)
            m_body.segments << Segment{kind, depth, m_body.headers[header].begin, m_body.headers[header].end};
    }

    // Text of one writer, with its signature and disclaimer split off.
    void addWithTrailer(Segment::Kind kind, int depth, qsizetype begin, qsizetype end)
    {
        const SignatureFinder::Trailer t = SignatureFinder::find(m_body.text, begin, end);
        const qsizetype disclaimer = t.disclaimer >= 0 ? t.disclaimer : end;
        const qsizetype signature = t.signature >= 0 ? t.signature : disclaimer;
        if (signature > begin)
            m_body.segments << Segment{kind, depth, begin, signature};
        if (disclaimer > signature)
            m_body.segments << Segment{Segment::Kind::Signature, depth, signature, disclaimer};
        if (end > disclaimer)
            m_body.segments << Segment{Segment::Kind::Disclaimer, depth, disclaimer, end};
    }

    // Whose are the unmarked lines among a quoted message's marked ones: the depth of their writer, 0 for the
    // sender's answers. Inside a message quoted Outlook's way, under a header block with its own lines
    // unmarked, they are that message's writer's answers to what it quoted.
    int unmarkedWriter(int k) const
    {
        if (!insideHeaderBlockQuote(k))
            return 0;
        const QuotedMessage &block = m_body.history[k - 1]; // it has a header block (insideHeaderBlockQuote)
        return m_body.headers[block.header].depth == 0 && firstLineDepth(block) == 0 ? block.depth : 0;
    }

    // In '>'-quoted content, unmarked lines are the sender's own text: answers between quoted lines,
    // or text written below the quote (unless unmarkedWriter() says whose they are).
    void addQuotedContent(int k)
    {
        const QuotedMessage &q = m_body.history[k];
        const int writer = unmarkedWriter(k);
        const Segment::Kind unmarked = writer > 0 ? Segment::Kind::Quoted : Segment::Kind::New;
        if (!isMarked(q)) {
            addWithTrailer(Segment::Kind::Quoted, q.depth, q.begin, q.end);
            return;
        }
        qsizetype lastQuoted = q.begin;
        for (const Line &l : std::as_const(m_lines)) {
            if (l.begin >= q.begin && l.begin < q.end && !l.blank && l.depth > 0)
                lastQuoted = l.end;
        }
        for (const Line &l : std::as_const(m_lines)) {
            if (l.begin < q.begin || l.begin >= lastQuoted || l.blank)
                continue;
            const Segment::Kind kind = l.depth > 0 ? Segment::Kind::Quoted : unmarked;
            appendOrExtend(Segment{kind, l.depth > 0 ? depthOfLine(q, l) : writer, l.begin, l.end});
        }
        // The last quoted run ends with its writer's signature and notices, as unmarked quotes do.
        if (!m_body.segments.isEmpty() && m_body.segments.last().kind == Segment::Kind::Quoted) {
            const Segment last = m_body.segments.takeLast();
            addWithTrailer(Segment::Kind::Quoted, last.depth, last.begin, last.end);
        }
        // Text below the last quoted line ends with the sender's signature, if anywhere (bottom posting).
        const auto below = std::find_if(m_lines.cbegin(), m_lines.cend(), [&](const Line &l) { return l.begin >= lastQuoted && l.begin < q.end && !l.blank; });
        if (below != m_lines.cend())
            addWithTrailer(unmarked, writer, below->begin, q.end);
    }

    // A quoted line belongs to the message whose own lines carry its number of marks and whose scope holds
    // it: in "> > grandparent / > parent answer / > > grandparent" the middle line is the parent's.
    int depthOfLine(const QuotedMessage &q, const Line &l) const
    {
        for (qsizetype j = m_body.history.size() - 1; j >= 0; --j) {
            const QuotedMessage &owner = m_body.history[j];
            if (owner.marks == l.depth && owner.begin <= l.begin && l.begin < owner.scopeEnd)
                return owner.depth;
        }
        return qMax(q.depth, l.depth);
    }

    void appendOrExtend(const Segment &s)
    {
        if (!m_body.segments.isEmpty() && m_body.segments.last().kind == s.kind && m_body.segments.last().depth == s.depth)
            m_body.segments.last().end = s.end;
        else
            m_body.segments << s;
    }

    const QList<Line> &m_lines;
    QList<Opening> m_openings;
    BodyStructure m_body;
};

// A lone '\r' ends a line (old Mac clients), as QuoteHeaderParser reads it; the segmenter's lines, whose
// numbers its headers carry, end at '\n' only, and a lone '\r' once made a header's line number point past
// them (found by fuzz_message). A '\n' in its place keeps every offset into the body.
QString withLineFeeds(QString text)
{
    for (qsizetype i = text.indexOf(u'\r'); i >= 0; i = text.indexOf(u'\r', i + 1)) {
        if (i + 1 == text.size() || text[i + 1] != u'\n')
            text[i] = u'\n';
    }
    return text;
}

} // namespace

BodyStructure QuoteSegmenter::segment(const QString &text)
{
    return Builder(withLineFeeds(text)).build();
}

} // namespace th::analysis
