#include "quoteheaderparser.h"

#include "attributionline.h"
#include "codeunits.h"
#include "diffhunks.h"
#include "headerlabel.h"
#include "memo.h"
#include "quoteddate.h"
#include "separatorline.h"
#include "writtenmailbox.h"

#include <QRegularExpression>
#include <QVarLengthArray>

#include <algorithm>
#include <optional>

namespace th::analysis {
namespace {

using model::MailAddress;
using Field = HeaderLabel::Field;
using LabelDef = HeaderLabel;

// Bounds: talon reads at most 1000 lines (MAX_LINES_COUNT) and joins at most 6 lines when looking for
// a wrapped attribution (SPLITTER_MAX_LINES). Real attributions are far shorter than MaxWindowLength
// even with the duplicated "<a@b<mailto:a@b>>" of Outlook; the cap keeps the regexes linear.
constexpr int MaxLines = 1000;
constexpr int MaxFindings = 200;
constexpr int MaxWindowLines = 6;
constexpr qsizetype MaxWindowLength = 400;
// Lines allowed between two labels of one header block (a wrapped value or a blank line).
constexpr int MaxLabelGap = 2;
constexpr int MaxContinuationLines = 20;

constexpr auto Caseless = QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption;

QRegularExpression rx(const char16_t *pattern, QRegularExpression::PatternOptions options = Caseless)
{
    return QRegularExpression(QString::fromUtf16(pattern), options);
}

// ---------------------------------------------------------------------------------------------------
// Lines

struct Line {
    qsizetype begin = 0, end = 0; ///< in the text; end includes the line break
    QStringView content;          ///< without '>' prefixes and surrounding white space
    int depth = 0;                ///< number of '>' in front
    mutable AttributionLine::VerbSet verbs = 0; ///< the attribution verbs it holds, once verbsKnown
    mutable bool verbsKnown = false; ///< computed on demand
    mutable bool notLabel = false; ///< known not to be a label line: a block's scan asks each line several times
    bool code = false;             ///< a diff hunk's line (DiffHunks): part of no header
};

// Each line is asked once, however many windows it is part of.
AttributionLine::VerbSet verbsOf(const Line &line)
{
    if (!line.verbsKnown) {
        line.verbs = AttributionLine::verbsIn(line.content);
        line.verbsKnown = true;
    }
    return line.verbs;
}

Line makeLine(QStringView text, qsizetype begin, qsizetype contentEnd, qsizetype end)
{
    Line l{begin, end, {}, 0};
    qsizetype i = begin;
    for (; i < contentEnd && (text[i] == u'>' || text[i].isSpace()); ++i)
        l.depth += text[i] == u'>' ? 1 : 0;
    l.content = text.sliced(i, contentEnd - i).trimmed();
    return l;
}

// Where the line starting at \a begin stops: at the next '\n' or '\r', or at the end. Most texts hold no '\r';
// their line breaks are found eight at a time (CodeUnits), where a loop testing both characters one code unit
// at a time was nine tenths of this parser's own cost.
qsizetype lineStop(QStringView text, qsizetype begin, bool anyCarriageReturn)
{
    if (!anyCarriageReturn) {
        const qsizetype stop = CodeUnits::next(text, begin, u'\n');
        return stop < 0 ? text.size() : stop;
    }
    qsizetype stop = begin;
    while (stop < text.size() && text[stop] != u'\n' && text[stop] != u'\r')
        ++stop;
    return stop;
}

// Into \a lines, emptied first: a thread's list is reused from text to text (see QuoteHeaderParser::find).
void splitLines(QStringView text, QList<Line> &lines)
{
    lines.clear();
    DiffHunks hunks;
    const bool anyCarriageReturn = text.contains(u'\r');
    qsizetype begin = 0;
    while (begin < text.size() && lines.size() < MaxLines) {
        const qsizetype stop = lineStop(text, begin, anyCarriageReturn);
        qsizetype end = stop;
        if (end < text.size())
            end += (text[end] == u'\r' && end + 1 < text.size() && text[end + 1] == u'\n') ? 2 : 1;
        lines.append(makeLine(text, begin, stop, end));
        lines.last().code = hunks.take(text.sliced(begin, stop - begin));
        begin = end;
    }
}

bool namesWithoutAddress(const QList<MailAddress> &list)
{
    const bool anyName = std::any_of(list.cbegin(), list.cend(), [](const MailAddress &a) { return !a.name.isEmpty(); });
    const bool anyAddress = std::any_of(list.cbegin(), list.cend(), [](const MailAddress &a) { return !a.address.isEmpty(); });
    return anyName && !anyAddress;
}

// ---------------------------------------------------------------------------------------------------
// Header-block labels (detection-spec 3.3)

struct LabelLine {
    const LabelDef *def = nullptr;
    QString value;
    bool spaceColon = false; ///< "Label : value"
};

// A label line: optional bold markers from HTML ("*From:*", "*From*:"), the label, white space or an
// NBSP (French typography) before an ASCII or full-width colon, the value. The label must start with a
// capital (or a letter without case, CJK): mail clients capitalise them, prose lines such as
// "to: whom" do not.
std::optional<LabelLine> parseLabelLine(QStringView content)
{
    static const QRegularExpression re(
        QStringLiteral(R"(^[*_]{0,2}(?=[\p{Lu}\p{Lo}])(%1)[*_]{0,2}([\s\x{00A0}]*)[:：]([*_]{0,2}[\s\x{00A0}]*)(.*)$)")
            .arg(HeaderLabel::alternation()),
        Caseless);
    const QRegularExpressionMatch m = re.match(content);
    if (!m.hasMatch())
        return std::nullopt;
    const LabelDef *def = HeaderLabel::find(m.capturedView(1));
    const bool spaceAfter = m.capturedView(4).isEmpty() || std::any_of(m.capturedView(3).cbegin(), m.capturedView(3).cend(),
                                                                      [](QChar c) { return c.isSpace(); });
    return LabelLine{def, m.captured(4).trimmed(), !m.capturedView(2).isEmpty() && spaceAfter};
}

// A block's scan asks for each of its lines several times, and a thread's quoted header blocks and patch
// trailers come again in every reply: each distinct line meets the regex once.
std::optional<LabelLine> labelLine(const QList<Line> &lines, int index)
{
    const Line &line = lines[index];
    if (line.notLabel || line.code)
        return std::nullopt;
    // Labels are short: no colon near the start, no label (cheap test before the long alternation).
    std::optional<LabelLine> label = HeaderLabel::mayOpen(line.content)
        ? Memo::of<8, Memo::MaxTextEntries>(line.content, parseLabelLine)
        : std::nullopt;
    line.notLabel = !label;
    return label;
}

bool isAddressField(Field f)
{
    return f == Field::From || f == Field::To || f == Field::Cc || f == Field::Other;
}

// Does line \a next continue the value of \a label? Address lists wrap after a separator
// ("Cc: a@b;\n c@d"), and a From value after an unclosed bracket ("<a@b\n<mailto:a@b>>").
bool continues(const LabelLine &label, const Line &next)
{
    if (next.content.isEmpty() || !isAddressField(label.def->field))
        return false;
    const QStringView v = QStringView(label.value).trimmed();
    const bool openList = v.endsWith(u',') || v.endsWith(u';');
    const bool openBracket = v.count(u'<') > v.count(u'>') || v.count(u'[') > v.count(u']');
    return openList || openBracket || next.content.startsWith(u'<');
}

// Appends the wrapped continuation lines of \a label; returns the last line used.
int takeContinuation(LabelLine &label, const QList<Line> &lines, int index)
{
    int last = index;
    for (int k = index + 1; k < lines.size() && k - index <= MaxContinuationLines; ++k) {
        if (lines[k].depth != lines[index].depth || labelLine(lines, k) || !continues(label, lines[k]))
            break;
        label.value += u' ' + lines[k].content.toString();
        last = k;
    }
    return last;
}

struct LabelRun {
    QList<LabelLine> labels;
    int lastLine = 0;
};

// Index of the next label line within MaxLabelGap lines after \a end, or -1. Lines in between must
// keep the block's quote depth; a label line may change it, as when only the first line of a block
// escaped quoting ("From: X\n> Sent: ...", seen from Outlook users who trim quotes by hand).
int nextLabel(const QList<Line> &lines, int end, int depth)
{
    for (int k = end + 1; k < lines.size() && k - end <= MaxLabelGap + 1; ++k) {
        if (labelLine(lines, k))
            return k;
        if (lines[k].depth != depth)
            return -1;
    }
    return -1;
}

// Lines between two labels are wrapped parts of the value before ("Subject: a long\nsubject\nTo: x").
void appendGap(LabelLine &label, const QList<Line> &lines, int from, int to)
{
    for (int k = from; k < to; ++k)
        if (!lines[k].content.isEmpty())
            label.value += u' ' + lines[k].content.toString();
}

bool repeatsField(const LabelRun &run, const LabelLine &label)
{
    return label.def->field != Field::Other && std::any_of(run.labels.cbegin(), run.labels.cend(), [&label](const LabelLine &l) {
        return l.def->field == label.def->field;
    });
}

// A block ends where a field comes again: "Subject: x" followed by "> From: y" is the next (older) block.
LabelRun collectLabels(const QList<Line> &lines, int first)
{
    LabelRun run;
    for (int k = first; k >= 0;) {
        LabelLine label = *labelLine(lines, k);
        const int end = takeContinuation(label, lines, k);
        int next = nextLabel(lines, end, lines[first].depth);
        run.labels << label;
        run.lastLine = end;
        if (next >= 0 && repeatsField(run, *labelLine(lines, next)))
            next = -1;
        if (next >= 0)
            appendGap(run.labels.last(), lines, end + 1, next);
        k = next;
    }
    return run;
}

// talon, quotequail and mail-parser-reply all want two header lines. Two different labels, one of
// them From or Sent/Date, keep Q&A ("Q:/A:"), patch trailers ("Cc:/Cc:") and memo lines out; right
// under a separator a From or Date line alone is enough ("----- Ursprüngliche Mail -----\n> Von: x"),
// but not the "Subject: Digest Footer" under a Mailman digest's rule.
bool isBlock(const LabelRun &run, bool afterSeparator)
{
    QList<Field> core;
    for (const LabelLine &l : run.labels)
        if (l.def->field != Field::Other && !core.contains(l.def->field))
            core << l.def->field;
    const bool fromOrDate = core.contains(Field::From) || core.contains(Field::Date);
    return fromOrDate && (afterSeparator || core.size() >= 2);
}

// The language that explains most labels; ties go to the separator's language above the block (a
// Danish "Oprindelig meddelelse" over Fra/Sendt/Til is Danish, not Norwegian), then to
// languagePriority. Neutral labels ("Cc") vote for nobody.
QString blockLanguage(const QList<LabelLine> &labels, const QString &hint)
{
    QVarLengthArray<int, 32> votes(HeaderLabel::languagePriority().size(), 0);
    for (const LabelLine &l : labels)
        for (qsizetype lang : l.def->languages())
            ++votes[lang];
    qsizetype best = -1;
    const auto votesOf = [&votes](qsizetype lang) { return lang < 0 ? 0 : votes[lang]; };
    for (qsizetype lang = 0; lang < votes.size(); ++lang)
        if (votes[lang] > votesOf(best))
            best = lang;
    if (!hint.isEmpty() && votesOf(HeaderLabel::languagePriority().indexOf(hint)) == votesOf(best))
        return hint;
    return best < 0 ? QString() : HeaderLabel::languagePriority()[best];
}

// Each label is credited to the block's language when it can be read so, else to its own first one.
QStringList labelLanguages(const QList<LabelLine> &labels, const QString &block)
{
    const qsizetype blockIndex = HeaderLabel::languagePriority().indexOf(block);
    QStringList out;
    for (const LabelLine &l : labels) {
        const HeaderLabel::Languages &langs = l.def->languages();
        if (langs.isEmpty())
            continue;
        const QString &lang = HeaderLabel::languagePriority()[langs.contains(blockIndex) ? blockIndex : langs.first()];
        if (!out.contains(lang))
            out << lang;
    }
    return out;
}

void applyFrom(QuotedHeader &h, const QString &value)
{
    MailAddress from = WrittenMailbox::parse(value);
    if (const auto d = WrittenMailbox::delegation(value)) {
        const MailAddress sender = WrittenMailbox::parse(d->first);
        h.senderName = sender.name;
        h.senderAddress = sender.address;
        from = WrittenMailbox::parse(d->second);
    }
    h.fromLine = true;
    h.fromName = from.name;
    h.fromAddress = from.address;
    ++h.addressFields;
    h.addressFieldsWithoutAddress += (from.address.isEmpty() && !from.name.isEmpty()) ? 1 : 0;
}

void applyDate(QuotedHeader &h, const QString &value)
{
    h.dateText = value;
    if (const auto d = QuotedDate::parse(value, h.language)) {
        h.date = d->utc;
        h.dateHasZone = d->hasZone;
    }
}

void applyRecipients(QuotedHeader &h, QList<MailAddress> &list, bool &present, const QString &value)
{
    present = true;
    list = WrittenMailbox::parseList(value);
    ++h.addressFields;
    h.addressFieldsWithoutAddress += namesWithoutAddress(list) ? 1 : 0;
}

// The first label of each kind counts; a second "From:" is more likely body text.
void applyLabel(QuotedHeader &h, const LabelLine &l)
{
    switch (l.def->field) {
    case Field::From:
        if (!h.fromLine)
            applyFrom(h, l.value);
        break;
    case Field::Date:
        if (h.dateText.isEmpty())
            applyDate(h, l.value);
        break;
    case Field::To:
        if (!h.toLine)
            applyRecipients(h, h.to, h.toLine, l.value);
        break;
    case Field::Cc:
        if (!h.ccLine)
            applyRecipients(h, h.cc, h.ccLine, l.value);
        break;
    case Field::Subject:
        if (h.subject.isEmpty())
            h.subject = l.value;
        break;
    case Field::Other:
        break;
    }
}

// The "From <sha1> Mon Sep 17 00:00:00 2001" line of git format-patch right above the block, or its
// From/Date/Subject header with a "[PATCH ...]" subject and no recipients (a mail client's reply to a
// patch mail quotes the same subject but with To/Cc lines).
bool isGitPatch(const QuotedHeader &h, const QList<Line> &lines, int first)
{
    static const QRegularExpression patchSubject = rx(uR"re(^\[(?:[^\]]*\s)?PATCH\b)re");
    static const QRegularExpression mboxLine = rx(uR"re(^From [0-9a-f]{40} Mon Sep 17 00:00:00 2001$)re");
    const bool formatPatchHeader = patchSubject.match(h.subject).hasMatch() && !h.toLine && !h.ccLine;
    return formatPatchHeader || (first > 0 && mboxLine.match(lines[first - 1].content).hasMatch());
}

void setSpan(QuotedHeader &h, const QList<Line> &lines, int first, int last)
{
    h.firstLine = first;
    h.lastLine = last;
    h.begin = lines[first].begin;
    h.end = lines[last].end;
    h.depth = lines[first].depth;
}

QuotedHeader headerBlock(const QList<Line> &lines, int first, const LabelRun &run, const QString &hint)
{
    QuotedHeader h;
    h.style = QuotedHeader::Style::HeaderBlock;
    setSpan(h, lines, first, run.lastLine);
    h.language = blockLanguage(run.labels, hint);
    h.labelLanguages = labelLanguages(run.labels, h.language);
    h.spaceColon = std::all_of(run.labels.cbegin(), run.labels.cend(), [](const LabelLine &l) { return l.spaceColon; });
    for (const LabelLine &l : run.labels)
        applyLabel(h, l);
    h.gitPatch = isGitPatch(h, lines, first);
    return h;
}

// \a separator: the separator right above, if any (it lowers the bar and hints the language).
std::optional<QuotedHeader> headerBlockAt(const QList<Line> &lines, int first, const QuotedHeader *separator)
{
    if (!labelLine(lines, first))
        return std::nullopt;
    const LabelRun run = collectLabels(lines, first);
    if (!isBlock(run, separator != nullptr))
        return std::nullopt;
    return headerBlock(lines, first, run, separator ? separator->language : QString());
}

// ---------------------------------------------------------------------------------------------------
// Separators (detection-spec 3.2)

QuotedHeader separator(const QList<Line> &lines, int index, const QString &kind, const QString &language)
{
    QuotedHeader h;
    h.style = QuotedHeader::Style::Separator;
    h.separatorKind = kind;
    h.language = language;
    setSpan(h, lines, index, index);
    return h;
}

// The first non-empty line after \a index, within MaxLabelGap lines, or -1.
int nextContentLine(const QList<Line> &lines, int index)
{
    for (int k = index + 1; k < lines.size() && k - index <= MaxLabelGap + 1; ++k)
        if (!lines[k].content.isEmpty())
            return k;
    return -1;
}

std::optional<QuotedHeader> separatorAt(const QList<Line> &lines, int index)
{
    if (const SeparatorLine::Phrase *p = SeparatorLine::phrase(lines[index].content))
        return separator(lines, index, QString::fromUtf16(p->kind), QString::fromUtf16(p->language));
    const QString kind = SeparatorLine::ruleKind(lines[index].content);
    const int next = kind.isEmpty() ? -1 : nextContentLine(lines, index);
    if (next < 0)
        return std::nullopt;
    const QuotedHeader rule = separator(lines, index, kind, QString());
    if (!headerBlockAt(lines, next, &rule))
        return std::nullopt;
    return rule;
}

// ---------------------------------------------------------------------------------------------------
// Attributions (detection-spec 3.1; the forms are AttributionLine's)

struct AttributionSpan {
    int first = 0;
    AttributionLine::Parts parts;
};

struct Window {
    int first = 0;
    QString text;
    AttributionLine::Signs signs;
};

// The lines [first, last] as one text: the non-empty contents joined by spaces.
QString joinedContent(const QList<Line> &lines, int first, int last)
{
    QString text;
    for (int k = first; k <= last; ++k) {
        if (lines[k].content.isEmpty())
            continue;
        if (!text.isEmpty())
            text += u' ';
        text += lines[k].content;
    }
    return text;
}

// The windows ending at line \a last, latest start first: one line, two lines, ... up to
// MaxWindowLines lines or MaxWindowLength characters, none starting on an empty line. A window no
// attribution form could match (AttributionLine::mayOpen) is left out before its text is built.
QList<Window> windowsEndingAt(const QList<Line> &lines, int last, int floor)
{
    QList<Window> windows;
    AttributionLine::Signs signs;
    qsizetype length = 0;
    for (int first = last; first >= std::max(floor, last - MaxWindowLines + 1); --first) {
        const Line &line = lines[first];
        if (line.code)
            break;
        if (!line.content.isEmpty())
            length += (length > 0 ? 1 : 0) + line.content.size();
        if (length > MaxWindowLength)
            break;
        signs.verbs |= verbsOf(line);
        signs.address = signs.address || line.content.contains(u'@');
        if (!line.content.isEmpty() && AttributionLine::mayOpen(line.content, lines[last].content, signs))
            windows.append({first, joinedContent(lines, first, last), signs});
    }
    return windows;
}

// The attribution whose last line is \a last, not starting before \a floor. Leading forms first, then
// author-first ones; for each, the latest start wins.
std::optional<AttributionSpan> attributionEndingAt(const QList<Line> &lines, int last, int floor)
{
    if (!AttributionLine::mayEnd(lines[last].content))
        return std::nullopt;
    const QList<Window> windows = windowsEndingAt(lines, last, floor);
    for (const AttributionLine::Form form : {AttributionLine::Form::Leading, AttributionLine::Form::AuthorFirst})
        for (const Window &w : windows)
            if (std::optional<AttributionLine::Parts> a = AttributionLine::match(w.text, form, w.signs))
                return AttributionSpan{w.first, *a};
    return std::nullopt;
}

QuotedHeader attribution(const QList<Line> &lines, const AttributionSpan &span, int last)
{
    QuotedHeader h;
    h.style = QuotedHeader::Style::Attribution;
    setSpan(h, lines, span.first, last);
    h.language = span.parts.language;
    const MailAddress who = WrittenMailbox::parse(span.parts.who);
    h.fromName = who.name;
    h.fromAddress = who.address;
    h.addressFields = 1;
    h.addressFieldsWithoutAddress = (who.address.isEmpty() && !who.name.isEmpty()) ? 1 : 0;
    if (!span.parts.date.isEmpty())
        applyDate(h, span.parts.date);
    return h;
}

// ---------------------------------------------------------------------------------------------------
// The scan

class Scan
{
public:
    explicit Scan(const QList<Line> &lines) : m_lines(lines) {}

    QList<QuotedHeader> run()
    {
        for (int i = 0; i < m_lines.size() && m_found.size() < MaxFindings;)
            i = step(i);
        return m_found;
    }

private:
    void add(const QuotedHeader &h)
    {
        m_found << h;
        m_floor = h.lastLine + 1;
    }

    // The latest finding if it is a separator within MaxLabelGap lines above line \a i.
    const QuotedHeader *separatorAbove(int i) const
    {
        const bool near = !m_found.isEmpty() && m_found.last().style == QuotedHeader::Style::Separator
            && i - m_found.last().lastLine <= MaxLabelGap + 1;
        return near ? &m_found.last() : nullptr;
    }

    int step(int i)
    {
        if (m_lines[i].content.isEmpty() || m_lines[i].code)
            return i + 1;
        if (const std::optional<QuotedHeader> s = separatorAt(m_lines, i)) {
            add(*s);
            return i + 1;
        }
        if (const std::optional<QuotedHeader> b = headerBlockAt(m_lines, i, separatorAbove(i))) {
            add(*b);
            return b->lastLine + 1;
        }
        if (const std::optional<AttributionSpan> a = attributionEndingAt(m_lines, i, m_floor))
            add(attribution(m_lines, *a, i));
        return i + 1;
    }

    const QList<Line> &m_lines;
    QList<QuotedHeader> m_found;
    int m_floor = 0; ///< first line not part of an earlier finding
};

} // namespace

// Each thread keeps its line list, which clear() empties without freeing: growing a list anew for every text
// took 1.2 % of hijack-dev's analysis time (perf samples, with the two other line splitters).
QList<QuotedHeader> QuoteHeaderParser::find(QStringView text)
{
    thread_local QList<Line> lines;
    splitLines(text, lines);
    return Scan(lines).run();
}

bool QuoteHeaderParser::isSplitterLine(QStringView line)
{
    qsizetype end = line.size();
    while (end > 0 && (line[end - 1] == u'\n' || line[end - 1] == u'\r'))
        --end;
    const Line l = makeLine(line, 0, end, end);
    if (l.content.isEmpty() || l.content.size() > MaxWindowLength)
        return false;
    const AttributionLine::Signs signs{verbsOf(l), l.content.contains(u'@')};
    return SeparatorLine::phrase(l.content) || AttributionLine::match(l.content, AttributionLine::Form::Leading, signs)
        || AttributionLine::match(l.content, AttributionLine::Form::AuthorFirst, signs);
}

} // namespace th::analysis
