#include "signaturefinder.h"

#include "codeunits.h"
#include "lowercase.h"

#include <QList>
#include <QRegularExpression>

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>
#include <vector>

namespace th::analysis {
namespace {

struct Line {
    qsizetype begin = 0;
    QStringView content; ///< without quote marks and surrounding white space
};

// Signatures and disclaimers close a segment: its last MaxLines lines are read. The segmenter leaves the rest of
// a body beyond its own cap to the last segment, and a hostile one of millions of lines took 24 bytes a line here.
constexpr qsizetype MaxLines = 8192;

// The last MaxLines lines of [begin, end) into \a lines, emptied first: a thread's list is reused from text to
// text (see SignatureFinder::find). The lines a longer segment scrolls past are dropped half a list at a time.
void splitLines(QStringView text, qsizetype begin, qsizetype end, QList<Line> &lines)
{
    lines.clear();
    for (qsizetype at = begin; at < end;) {
        qsizetype nl = CodeUnits::next(text.first(end), at, u'\n');
        if (nl < 0)
            nl = end;
        QStringView line = text.sliced(at, nl - at).trimmed();
        while (line.startsWith(u'>'))
            line = line.sliced(1).trimmed();
        lines << Line{at, line};
        if (lines.size() == 2 * MaxLines)
            lines.remove(0, MaxLines);
        at = nl + 1;
    }
    if (lines.size() > MaxLines)
        lines.remove(0, lines.size() - MaxLines);
}

// Ten or more of -_=*~ and nothing else.
bool isRule(QStringView line)
{
    return line.size() >= 10 && std::all_of(line.cbegin(), line.cend(), [](QChar c) { return QStringView(u"-_=*~").contains(c); });
}

// The first and last letters of the sign-offs below written in ASCII, before the punctuation that may follow:
// an ASCII line that does not open and close with them is none, and most of the lines asked are code or prose.
bool mayBeSignOff(QStringView line)
{
    if (!CodeUnits::isAscii(line))
        return true;
    while (!line.isEmpty() && (std::isspace(line.back().unicode()) || QStringView(u",.!").contains(line.back())))
        line.chop(1);
    const auto among = [](QChar c, QStringView letters) { return letters.contains(QChar(Lowercase::ascii(c.unicode()))); };
    return !line.isEmpty() && among(line.front(), u"abcdghklmprstuvwyz") && among(line.back(), u"eghimnorstuy");
}

bool isSignOff(QStringView line)
{
    static const QRegularExpression signOff(
        QStringLiteral("^((best|kind|warm|many|with)\\s+)?(regards|thanks|thank you|cheers|sincerely|yours|br|rgds|wishes|best|"
                       "mit freundlichen gr(ü|ue)(ß|ss)en|viele gr(ü|ue)(ß|ss)e|gr(ü|ue)(ß|ss)e|mfg|lg|cordialement|bien (à|a) vous|"
                       "salutations|saludos|un saludo|atentamente|atenciosamente|abra(ç|c)os|cumprimentos|cordiali saluti|saluti|"
                       "distinti saluti|met vriendelijke groet(en)?|groeten|med v(ä|a)nliga h(ä|a)lsningar|h(ä|a)lsningar|mvh|"
                       "med venlig hilsen|hilsen|pozdrawiam|z powa(ż|z)aniem|с уважением|спасибо|"
                       "よろしくお願い(いた)?します|以上(です)?|谢谢|此致|敬礼|감사합니다)[\\s,.!。、]*$"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    return line.size() <= 40 && mayBeSignOff(line) && signOff.match(line).hasMatch();
}

const QRegularExpression &notice()
{
    // Legal notices, and the footers mailing lists append (boilerplate no sender wrote either).
    static const QRegularExpression re(
        QStringLiteral("confidential|intended (solely |only )?for|intended recipient|privileged|if you (have )?received this|"
                       "vertraulich|bestimmt|confidentiel|destinataire|confidencial|destinatario|riservat|destinatari|"
                       "vertrouwelijk|konfidentiell|fortrolig|poufn|конфиденциал|機密|秘密|保密|기밀|"
                       "mailing list|to unsubscribe"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    return re;
}

// The ASCII words one of which each ASCII notice() alternative holds ("onfiden": confidential, confidentiel,
// konfidentiell), found all at once in one pass over the text (Aho-Corasick). Notices are rare, and the trailing
// paragraph of every patch and reply was searched by the regex for its many alternatives at each position.
class NoticeWords
{
public:
    enum class Found { No, Maybe };

    NoticeWords()
    {
        for (std::u16string_view w : {u"onfiden", u"intended", u"privileged", u"if you", u"vertraulich", u"bestimmt", u"destinat",
                                      u"riservat", u"vertrouwelijk", u"fortrolig", u"poufn", u"mailing list", u"to unsubscribe"})
            add(w);
        link();
    }

    // Maybe: a word is there, or the text is not ASCII (the regex decides).
    Found in(QStringView text) const
    {
        int state = 0;
        for (QChar c : text) {
            if (c.unicode() >= 0x80)
                return Found::Maybe;
            state = m_next[size_t(state)][size_t(classOf(c.unicode()))];
            if (m_ends[size_t(state)])
                return Found::Maybe;
        }
        return Found::No;
    }

private:
    static constexpr int Classes = 28; // a to z, space, any other character

    static int classOf(char16_t c)
    {
        const char16_t lower = Lowercase::ascii(c);
        return lower >= u'a' && lower <= u'z' ? lower - u'a' : c == u' ' ? 26 : 27;
    }

    int newState()
    {
        m_next.push_back({});
        m_next.back().fill(-1);
        m_ends.push_back(false);
        return int(m_next.size()) - 1;
    }

    void add(std::u16string_view word)
    {
        if (m_next.empty())
            newState();
        int state = 0;
        for (char16_t c : word) {
            if (m_next[size_t(state)][size_t(classOf(c))] < 0) {
                const int added = newState(); // before the write: it may move m_next
                m_next[size_t(state)][size_t(classOf(c))] = added;
            }
            state = m_next[size_t(state)][size_t(classOf(c))];
        }
        m_ends[size_t(state)] = true;
    }

    // Failure links, breadth first, folded into the transitions: each character then costs one table read.
    void link()
    {
        std::vector<int> fail(m_next.size(), 0), queue;
        for (int &to : m_next[0]) {
            to = to < 0 ? 0 : to;
            if (to > 0)
                queue.push_back(to);
        }
        for (size_t q = 0; q < queue.size(); ++q) {
            const int state = queue[q];
            m_ends[size_t(state)] = m_ends[size_t(state)] || m_ends[size_t(fail[size_t(state)])];
            for (int c = 0; c < Classes; ++c) {
                int &to = m_next[size_t(state)][size_t(c)];
                if (to < 0) {
                    to = m_next[size_t(fail[size_t(state)])][size_t(c)];
                } else {
                    fail[size_t(to)] = m_next[size_t(fail[size_t(state)])][size_t(c)];
                    queue.push_back(to);
                }
            }
        }
    }

    std::vector<std::array<int, Classes>> m_next;
    std::vector<bool> m_ends;
};

bool isDisclaimer(QStringView paragraph)
{
    static const NoticeWords noticeWords;
    const qsizetype words = paragraph.count(u' ') + 1;
    const bool long_ = words >= SignatureFinder::MinDisclaimerWords || paragraph.size() >= 80;
    return long_ && noticeWords.in(paragraph) == NoticeWords::Found::Maybe && notice().match(paragraph).hasMatch();
}

// "CONFIDENTIALITY NOTICE:", "NOTA DE CONFIDENCIALIDAD:": a notice that starts a paragraph of its own even
// when no blank line separates it from the text above.
bool isNoticeHeading(QStringView line)
{
    static const QRegularExpression heading(QStringLiteral("^\\p{Lu}[\\p{Lu}\\s]{4,40}:"), QRegularExpression::UseUnicodePropertiesOption);
    // The regex's own prerequisites, without its cost on every line: a capital first (an astral one is
    // a surrogate pair) and a colon within 42 characters (82 code units).
    const char32_t first = line.size() > 1 && line[0].isHighSurrogate() ? QChar::surrogateToUcs4(line[0], line[1]) : (line.isEmpty() ? 0 : line[0].unicode());
    if (!QChar::isUpper(first) || !line.left(82).contains(u':'))
        return false;
    const QRegularExpressionMatch m = heading.match(line);
    return m.hasMatch() && notice().match(m.capturedView()).hasMatch();
}

// Trailing paragraphs that are notices, with the rule lines between and above them.
qsizetype disclaimerStart(QStringView text, const QList<Line> &lines)
{
    qsizetype start = -1;
    int i = int(lines.size()) - 1;
    while (i >= 0) {
        while (i >= 0 && (lines[i].content.isEmpty() || isRule(lines[i].content)))
            --i;
        const int last = i;
        while (i >= 0 && !lines[i].content.isEmpty() && !isRule(lines[i].content)) {
            --i;
            if (isNoticeHeading(lines[i + 1].content))
                break;
        }
        if (last < 0 || last == i)
            break;
        const qsizetype from = lines[i + 1].begin, to = lines[last].begin + lines[last].content.size();
        if (last - i > SignatureFinder::MaxDisclaimerLines || !isDisclaimer(text.sliced(from, to - from)))
            break;
        start = from;
        while (i >= 0 && isRule(lines[i].content))
            start = lines[i--].begin;
    }
    return start;
}

bool isProse(QStringView line)
{
    return line.endsWith(u'?') || (line.size() > 60 && line.count(u' ') >= 8);
}

// A sign-off just above the "-- " delimiter ("Best regards,\n-- \nName") starts the signature.
qsizetype signOffAbove(const QList<Line> &lines, int delimiter)
{
    int seen = 0;
    for (int i = delimiter - 1; i >= 0 && seen < 2; --i) {
        if (lines[i].content.isEmpty())
            continue;
        if (isSignOff(lines[i].content))
            return lines[i].begin;
        ++seen;
    }
    return lines[delimiter].begin;
}

// The last "-- " delimiter (or the sign-off just above it), else the first sign-off among the last few
// non-blank lines.
qsizetype signatureStart(const QList<Line> &lines, qsizetype end)
{
    for (int i = int(lines.size()) - 1; i >= 0; --i) {
        if (lines[i].begin < end && lines[i].content == u"--")
            return signOffAbove(lines, i);
    }
    int seen = 0;
    qsizetype start = -1;
    for (int i = int(lines.size()) - 1; i >= 0 && seen <= SignatureFinder::MaxSignatureLines; --i) {
        if (lines[i].begin >= end || lines[i].content.isEmpty())
            continue;
        if (isProse(lines[i].content))
            break; // a question or a long sentence below a sign-off is still the message
        if (isSignOff(lines[i].content))
            start = lines[i].begin;
        ++seen;
    }
    return start;
}

} // namespace

// Each thread keeps its line list, as QuoteHeaderParser::find() does: at most 2 * MaxLines lines.
SignatureFinder::Trailer SignatureFinder::find(QStringView text, qsizetype begin, qsizetype end)
{
    thread_local QList<Line> lines;
    splitLines(text, begin, end, lines);
    Trailer t;
    t.disclaimer = disclaimerStart(text, lines);
    t.signature = signatureStart(lines, t.disclaimer >= 0 ? t.disclaimer : end);
    // A message that is all sign-off ("Thanks!") is the message itself; text with a "--" delimiter (below
    // the quotes of a bottom-posted reply) is only a signature.
    const bool delimited = std::any_of(lines.cbegin(), lines.cend(), [](const Line &l) { return l.content == u"--"; });
    if (t.signature == begin && t.disclaimer < 0 && !delimited)
        t.signature = -1;
    return t;
}

} // namespace th::analysis
