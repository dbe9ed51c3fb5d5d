#include "segmentfixture.h"

#include <QFile>
#include <QTest>

using namespace th;
using analysis::BodyStructure;
using analysis::QuotedHeader;
using analysis::QuotedMessage;
using analysis::Segment;

QString corpus(const QString &relative)
{
    return QStringLiteral(TH_CORPORA "/") + relative;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

QString readText(const QString &relative)
{
    return QString::fromUtf8(readFile(corpus(relative)));
}

BodyStructure structureOfFile(const QString &relative)
{
    if (const qsizetype hash = relative.indexOf(u'#'); hash >= 0)
        return Corpora::instance().structure(relative.first(hash), relative.sliced(hash));
    return analysis::HijackAnalyzer::structureOf(model::MimeParser::parse(readFile(corpus(relative))));
}

// ---- lines ------------------------------------------------------------------------------------


QList<TextLine> linesOf(const QString &text)
{
    QList<TextLine> out;
    for (qsizetype at = 0; at <= text.size();) {
        qsizetype nl = text.indexOf(u'\n', at);
        if (nl < 0)
            nl = text.size();
        out << TextLine{at, nl};
        at = nl + 1;
    }
    return out;
}

// '>' marks at the start of a line, spaces between them allowed ("> > >" is 3).
int marks(QStringView line)
{
    int n = 0;
    for (QChar c : line) {
        if (c == u'>')
            ++n;
        else if (!c.isSpace())
            break;
    }
    return n;
}

// A line without its quote marks and surrounding white space.
QString stripped(QStringView line)
{
    qsizetype i = 0;
    while (i < line.size() && (line[i] == u'>' || line[i].isSpace()))
        ++i;
    return line.sliced(i).trimmed().toString();
}

QString normalizedText(QString s)
{
    s.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    s.replace(u'\r', u'\n');
    QStringList lines = s.split(u'\n');
    for (QString &l : lines) {
        while (!l.isEmpty() && l.back().isSpace())
            l.chop(1);
    }
    while (!lines.isEmpty() && lines.first().isEmpty())
        lines.removeFirst();
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines.join(u'\n');
}

// Also folds runs of blank lines: for comparing text pieced together from several segments.
QString foldedText(const QString &s)
{
    QString out = normalizedText(s);
    static const QRegularExpression blanks(QStringLiteral("\n{3,}"));
    out.replace(blanks, QStringLiteral("\n\n"));
    return out;
}

QString segmentText(const BodyStructure &b, const Segment &s)
{
    return b.text.mid(s.begin, s.end - s.begin);
}

const char *kindName(Kind k)
{
    switch (k) {
    case Kind::New: return "New";
    case Kind::Quoted: return "Quoted";
    case Kind::Attribution: return "Attribution";
    case Kind::HeaderBlock: return "HeaderBlock";
    case Kind::Separator: return "Separator";
    case Kind::Signature: return "Signature";
    case Kind::Disclaimer: return "Disclaimer";
    }
    return "?";
}

// Every segment, one per line, for failure messages.
QString dump(const BodyStructure &b)
{
    QString out;
    for (const Segment &s : b.segments) {
        QString t = segmentText(b, s).left(70);
        t.replace(u'\n', QStringLiteral("\\n"));
        out += QStringLiteral("  %1 d%2 [%3,%4) %5\n").arg(QLatin1String(kindName(s.kind))).arg(s.depth).arg(s.begin).arg(s.end).arg(t);
    }
    return out;
}

// The shape of a body: one token per run of segments, "N0" for the sender's text (signature and
// disclaimer included), "Qd" quoted content at depth d (a quoted signature is quoted content too),
// "Ad" attribution, "Hd" header block, "Sd" separator. Adjacent equal tokens merge.
QString shape(const BodyStructure &b)
{
    QStringList tokens;
    for (const Segment &s : b.segments) {
        QChar k;
        switch (s.kind) {
        case Kind::New: k = u'N'; break;
        case Kind::Quoted: k = u'Q'; break;
        case Kind::Attribution: k = u'A'; break;
        case Kind::HeaderBlock: k = u'H'; break;
        case Kind::Separator: k = u'S'; break;
        case Kind::Signature:
        case Kind::Disclaimer: k = s.depth == 0 ? u'N' : u'Q'; break;
        }
        const QString token = k + QString::number(s.depth);
        if (tokens.isEmpty() || tokens.last() != token)
            tokens << token;
    }
    return tokens.join(u' ');
}

// The segment containing offset \a at, or nullptr.
const Segment *segmentAt(const BodyStructure &b, qsizetype at)
{
    for (const Segment &s : b.segments) {
        if (s.begin <= at && at < s.end)
            return &s;
    }
    return nullptr;
}

// The sender's own text at depth 0 (new text, answers between quotes, signature, disclaimer).
QString ownTextWithTrailers(const BodyStructure &b)
{
    QString out;
    for (const Segment &s : b.segments) {
        if (s.depth == 0 && (s.kind == Kind::New || s.kind == Kind::Signature || s.kind == Kind::Disclaimer))
            out += segmentText(b, s) + u'\n';
    }
    return out;
}

// \a own without the sender's "--" signature, as discourse trims it.
QString withoutDelimitedSignature(const BodyStructure &b, const QString &own)
{
    for (const Segment &s : b.segments) {
        if (s.kind == Kind::Signature && s.depth == 0 && b.lineAt(s.begin) == u"--")
            return own.left(own.indexOf(segmentText(b, s)));
    }
    return own;
}

Kind headerKind(QuotedHeader::Style style)
{
    switch (style) {
    case QuotedHeader::Style::Attribution: return Kind::Attribution;
    case QuotedHeader::Style::HeaderBlock: return Kind::HeaderBlock;
    case QuotedHeader::Style::Separator: return Kind::Separator;
    }
    return Kind::Attribution;
}

bool hasSegment(const BodyStructure &b, Kind kind, qsizetype begin, qsizetype end)
{
    for (const Segment &s : b.segments) {
        if (s.kind == kind && s.begin == begin && s.end == end)
            return true;
    }
    return false;
}

namespace {

// The content's first non-blank character is a quote mark.
bool startsMarked(const QString &t, const QuotedMessage &q)
{
    qsizetype at = q.begin;
    while (at < q.end && t[at].isSpace())
        ++at;
    return at < q.end && t[at] == u'>';
}

// Introduced by a header block without marks, its content starting with unmarked text.
bool isOutlookStyle(const BodyStructure &b, const QuotedMessage &q)
{
    if (q.header < 0 || b.headers[q.header].style != QuotedHeader::Style::HeaderBlock || b.headers[q.header].depth != 0)
        return false;
    for (const TextLine &l : linesOf(b.text)) {
        const QStringView line = QStringView(b.text).sliced(l.begin, l.end - l.begin);
        if (l.begin >= q.begin && l.begin < q.end && !stripped(line).isEmpty())
            return marks(line) == 0;
    }
    return false;
}

} // namespace

// The structural contract of BodyStructure, on any body. Returns the first violation, or an empty string.
//  - segments are non-empty, in text order, do not overlap and stay inside the text;
//  - every line with content (other than quote marks) lies inside a segment;
//  - the sender's new text [0, newEnd) holds only depth-0 New/Signature/Disclaimer segments;
//  - New segments are depth 0; quoted content, attributions, header blocks and separators depth >= 1;
//  - quoted messages are in text order, newest (shallowest) first, each after its header, and each
//    header and separator is a segment of its kind at exactly the header's offsets and the message's depth;
//  - a Quoted segment in '>'-quoted content has quote marks on every line, but for the answers of the
//    writer of an Outlook-style quote around it (a header block over unmarked lines), at that quote's depth.
QString structureViolation(const BodyStructure &b)
{
    const QString &t = b.text;
    qsizetype previous = 0;
    for (const Segment &s : b.segments) {
        if (s.begin < previous || s.end <= s.begin || s.end > t.size())
            return QStringLiteral("segment out of order, empty or outside the text at %1-%2").arg(s.begin).arg(s.end);
        previous = s.end;
        if (s.kind == Kind::New && s.depth != 0)
            return QStringLiteral("New segment at depth %1: %2").arg(s.depth).arg(segmentText(b, s).left(60));
        if ((s.kind == Kind::Quoted || s.kind == Kind::Attribution || s.kind == Kind::HeaderBlock || s.kind == Kind::Separator) && s.depth < 1)
            return QStringLiteral("%1 segment at depth 0: %2").arg(QLatin1String(kindName(s.kind)), segmentText(b, s).left(60));
        if (s.begin < b.newEnd && (s.depth != 0 || s.end > b.newEnd))
            return QStringLiteral("segment %1 d%2 crosses or lies in the new text [0,%3)").arg(QLatin1String(kindName(s.kind))).arg(s.depth).arg(b.newEnd);
    }
    for (const TextLine &l : linesOf(t)) {
        const QStringView line = QStringView(t).sliced(l.begin, l.end - l.begin);
        if (stripped(line).isEmpty())
            continue;
        qsizetype first = l.begin, last = l.end - 1;
        while (t[first].isSpace() || t[first] == u'>')
            ++first;
        while (t[last].isSpace())
            --last;
        const Segment *a = segmentAt(b, first), *z = segmentAt(b, last);
        if (!a || !z)
            return QStringLiteral("line not covered by any segment: %1").arg(line.left(70));
        if (a->kind == Kind::Quoted && marks(line) == 0) {
            // Unmarked quoted content is right in an Outlook-style quote; in a '>'-quoted message an
            // unmarked line is the sender's answer between the quoted lines, unless that message is quoted
            // inside an Outlook-style one (a header block and unmarked lines): then it is that one's writer's.
            for (int k = 0; k < b.history.size(); ++k) {
                const QuotedMessage &q = b.history[k];
                if (q.begin <= l.begin && l.begin < q.end && startsMarked(t, q) && !(k > 0 && isOutlookStyle(b, b.history[k - 1]) && a->depth == b.history[k - 1].depth))
                    return QStringLiteral("unmarked line inside a '>'-quoted message labelled Quoted: %1").arg(line.left(70));
            }
        }
    }
    qsizetype after = b.newEnd;
    for (int k = 0; k < b.history.size(); ++k) {
        const QuotedMessage &q = b.history[k];
        if (q.begin < after || q.end < q.begin || q.end > t.size())
            return QStringLiteral("quoted message %1 out of order: [%2,%3)").arg(k).arg(q.begin).arg(q.end);
        if (q.depth < 1 || (k > 0 && q.depth < b.history[k - 1].depth))
            return QStringLiteral("quoted message %1 has depth %2 after depth %3").arg(k).arg(q.depth).arg(k ? b.history[k - 1].depth : 0);
        for (const int h : {q.separator, q.header}) {
            if (h < 0)
                continue;
            if (h >= b.headers.size())
                return QStringLiteral("quoted message %1 names header %2 of %3").arg(k).arg(h).arg(b.headers.size());
            const QuotedHeader &qh = b.headers[h];
            if (qh.end > q.begin)
                return QStringLiteral("quoted message %1 starts inside its header").arg(k);
            bool found = false;
            for (const Segment &s : b.segments)
                found = found || (s.kind == headerKind(qh.style) && s.begin == qh.begin && s.end == qh.end && s.depth == q.depth);
            if (!found)
                return QStringLiteral("no %1 segment at depth %2 for header [%3,%4) %5")
                    .arg(QLatin1String(kindName(headerKind(qh.style))))
                    .arg(q.depth)
                    .arg(qh.begin)
                    .arg(qh.end)
                    .arg(t.mid(qh.begin, 60));
        }
        after = q.end;
    }
    return {};
}

QString bare(QString id)
{
    id = id.trimmed();
    if (id.startsWith(u'<') && id.endsWith(u'>'))
        id = id.mid(1, id.size() - 2);
    return id;
}

// Sign-off lines people end their own text with, as seen in the list corpora (broader than the
// product's list on purpose: recall is measured against what people write).
const QRegularExpression &signOffLine()
{
    static const QRegularExpression re(
        QStringLiteral("^(thanks|thank you|many thanks|thanks a lot|regards|best regards|kind regards|warm regards|cheers|"
                       "best|best wishes|br|sincerely|thx)[,.!]?$"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

QString percent(int n, int of)
{
    return of ? QString::number(100.0 * n / of, 'f', 1) + u'%' : QStringLiteral("-");
}

namespace {

int lineNumberAt(const QString &text, qsizetype offset)
{
    int n = 0;
    for (qsizetype i = 0; i < offset; ++i)
        if (text[i] == u'\n' || (text[i] == u'\r' && (i + 1 >= text.size() || text[i + 1] != u'\n')))
            ++n;
    return n;
}

bool isLineBreak(QChar c)
{
    return c == u'\n' || c == u'\r';
}

} // namespace

void checkHeaderSpans(const QString &text, const QList<QuotedHeader> &found)
{
    qsizetype previousEnd = 0;
    for (const QuotedHeader &h : found) {
        QVERIFY2(h.begin >= previousEnd && h.begin < h.end && h.end <= text.size(), qPrintable(text.mid(h.begin, 80)));
        QVERIFY(h.begin == 0 || isLineBreak(text[h.begin - 1]));
        QVERIFY(h.end == text.size() || isLineBreak(text[h.end - 1]));
        QCOMPARE(h.firstLine, lineNumberAt(text, h.begin));
        QCOMPARE(h.lastLine, lineNumberAt(text, h.end - 1));
        previousEnd = h.end;
    }
}
