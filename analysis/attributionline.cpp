#include "attributionline.h"

#include "lowercase.h"
#include "memo.h"
#include "quoteddate.h"

#include <QList>
#include <QRegularExpression>

#include <array>
#include <bit>
#include <string_view>

namespace th::analysis {
namespace {

constexpr auto Unicode = QRegularExpression::UseUnicodePropertiesOption;
constexpr auto Caseless = QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption;

QRegularExpression rx(const char16_t *pattern, QRegularExpression::PatternOptions options = Caseless)
{
    return QRegularExpression(QString::fromUtf16(pattern), options);
}

// Danish, Norwegian and Swedish attributions share "skrev". Swedish has its own letters and day and
// month names; Danish Outlook writes "D. <date>" and Danish (unlike Norwegian) "maj". Anything else is
// read as Norwegian.
QString nordicLanguage(QStringView text)
{
    static const QRegularExpression swedish = rx(uR"re([äö]|\b(?:följande|mån|tis|lör|sön|mars)\b)re");
    static const QRegularExpression danish = rx(uR"re(^D\.\s|\bmaj\b)re");
    if (swedish.match(text).hasMatch())
        return QStringLiteral("sv");
    return danish.match(text).hasMatch() ? QStringLiteral("da") : QStringLiteral("no");
}

// The verbs and markers of the attribution forms, case-folded. "sent" must be a whole word ("consent").
struct Verb {
    std::u16string_view folded;
    bool wholeWord = false;
};
constexpr Verb Verbs[] = {
    {u"wrote"}, {u"writes"}, {u"sent", true}, {u"schrieb"}, {u"schreef"}, {u"verzond"}, {u"geschreven"},
    {u"écrit"}, {u"ecrit"}, {u"escribió"}, {u"scritto"}, {u"escreveu"}, {u"napisał"}, {u"pisze"},
    {u"nadesłał"}, {u"skrev"}, {u"napsal"}, {u"napisal"}, {u"napísal"}, {u"viết"}, {u"写道"}, {u"寫道"},
    {u"のメッセージ"}, {u"작성"}, {u"írta"}, {u"yazdı"}, {u"написал"}, {u"написав"}, {u"пише"},
    {u"kirjoitti"}, {u"書きました"}};
static_assert(std::size(Verbs) <= 32, "AttributionLine::Verbs keeps one bit per verb");

// What a form needs: a verb or an '@' somewhere in its lines, or its own first word. Windows without
// it are not tried (most lines that end in a colon are code or prose).
enum class Needs { Verb, Address, Prefix };

// Named groups: "date" and "who", or "body" holding both ("<date>, <who>") to be split by
// splitBody(). A language of "nordic" is resolved by nordicLanguage(), "verb" by verbLanguage().
struct AttributionPattern {
    QRegularExpression re;
    QString language;
    Needs needs = Needs::Verb;
    QString prefix; ///< for Needs::Prefix
    AttributionLine::VerbSet verbs = 0; ///< for Needs::Verb: the verbs its regex names, one of which a text must hold
};

// Tail of most attributions: a colon, ASCII or full-width. English also goes without one (talon
// RE_ON_DATE_SMB_WROTE) and in dashes ("---- On ... wrote ----", Zoho; Android "---- X wrote ----").
constexpr const char16_t *Colon = uR"re(\s*[:：]\s*$)re";
constexpr const char16_t *EnglishEnd = uR"re(\s*[:：]?(?:\s*-{2,})?\s*$)re";
// The author-first catch-all needs the colon, or the dashes of Android's "---- X wrote ----".
constexpr const char16_t *AuthorEnd = uR"re((?:\s*[:：]|\s+-{2,})\s*$)re";
constexpr const char16_t *Dashes = uR"re(^(?:-{2,}\s*)?)re";
// A date part must contain a digit: "On second thought, I wrote:" is no attribution.
constexpr const char16_t *Dated = uR"re([^\d]*\d.*?)re";

// The verbs written out in a form's regex: a text holding none of them cannot match it.
AttributionLine::VerbSet verbsNamedIn(const QString &regex)
{
    AttributionLine::VerbSet out = 0;
    for (size_t v = 0; v < std::size(Verbs); ++v)
        out |= regex.contains(QStringView(Verbs[v].folded)) ? AttributionLine::VerbSet(1) << v : 0;
    return out;
}

AttributionPattern pattern(const QString &regex, const char16_t *language, Needs needs = Needs::Verb)
{
    return {QRegularExpression(regex, Caseless), QString::fromUtf16(language), needs, QString(), verbsNamedIn(regex)};
}

AttributionPattern prefixed(const char16_t *prefix, const QString &regex, const char16_t *language)
{
    return {QRegularExpression(regex, Caseless), QString::fromUtf16(language), Needs::Prefix, QString::fromUtf16(prefix)};
}

QString cat(std::initializer_list<const char16_t *> parts)
{
    QString s;
    for (const char16_t *p : parts)
        s += QString::fromUtf16(p);
    return s;
}

// Forms that start with a lead word or a date (talon, crisp, mail-parser-reply, client samples).
const QList<AttributionPattern> &leadingPatterns()
{
    static const QList<AttributionPattern> patterns = {
        pattern(cat({Dashes, uR"re(On\s+(?<body>)re", Dated, uR"re()(?:\s+|(?<=>))(?:wrote|sent|writes))re", EnglishEnd}), u"en"),
        pattern(cat({uR"re(^At\s+(?<body>)re", Dated, uR"re()\s+wrote)re", EnglishEnd}), u"en"),
        pattern(cat({uR"re(^In a message dated\s+(?<body>.+?)\s+writes)re", EnglishEnd}), u"en"),
        prefixed(u"*", cat({uR"re(^\*\s+(?<who>.+?)\s+\[(?<date>[^\]]*\d[^\]]*)\])re", Colon}), u"en"),
        prefixed(u"Quoting", cat({uR"re(^Quoting\s+(?<who>.+?)\s+\((?<date>[^)]*\d[^)]*)\)\s*[:：]?\s*$)re"}), u"en"),
        prefixed(u"Excerpts", cat({uR"re(^Excerpts from\s+(?<who>.+?)'s message of\s+(?<date>.+?))re", Colon}), u"en"),
        pattern(cat({uR"re(^Am\s+(?<date>)re", Dated, uR"re(),?\s+schrieb\s+(?<who>.+?))re", Colon}), u"de"),
        pattern(cat({uR"re(^Op\s+(?<date>)re", Dated, uR"re(),?\s+(?:schreef|heeft|verzond)\s+(?<who>.+?)(?:\s+(?:het\s+volgende\s+)?geschreven)?)re", Colon}), u"nl"),
        pattern(cat({uR"re(^Op\s+(?<body>)re", Dated, uR"re()\s+(?:schreef|verzond))re", Colon}), u"nl"),
        pattern(cat({uR"re(^Le\s+(?<body>)re", Dated, uR"re()\s+a\s+(?:écrit|ecrit))re", Colon}), u"fr"),
        pattern(cat({uR"re(^El\s+(?<body>)re", Dated, uR"re()\s+escribió)re", Colon}), u"es"),
        pattern(cat({uR"re(^(?:Il(?:\s+giorno)?|In\s+data)\s+(?<body>)re", Dated, uR"re()\s+ha\s+scritto)re", Colon}), u"it"),
        pattern(cat({uR"re(^Em\s+(?<body>)re", Dated, uR"re()\s+escreveu)re", Colon}), u"pt"),
        pattern(cat({uR"re(^(?:W\s+dniu|Dnia)\s+(?<body>)re", Dated, uR"re()\s+(?:napisał(?:\(a\))?|pisze|nadesłał))re", Colon}), u"pl"),
        pattern(cat({uR"re(^(?:Den|På|D\.)\s+(?<date>)re", Dated, uR"re()\s+skrev\s+(?<who>.+?)(?:\s+(?:følgende|följande))?)re", Colon}), u"nordic"),
        pattern(cat({uR"re(^Dne\s+(?<date>)re", Dated, uR"re()\s+je\s+(?<who>.+?)\s+napisal(?:\(a\))?)re", Colon}), u"sl"),
        pattern(cat({uR"re(^Dne\s+(?<body>)re", Dated, uR"re()\s+napsal(?:\(a\))?)re", Colon}), u"cs"),
        pattern(cat({uR"re(^Vào\s+(?<body>)re", Dated, uR"re()\s+đã\s+viết)re", EnglishEnd}), u"vi"),
        pattern(cat({uR"re(^在\s*(?<date>.*\d[^,，]*)[,，]\s*(?<who>[^,，]+?)\s*(?:写道|寫道))re", Colon}), u"zh"),
        pattern(cat({uR"re(^(?<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日.*?\d{1,2}[:：]\d{2})\s*(?<who>[^<>]*<[^<>]+>))re", Colon}), u"ja", Needs::Address),
        pattern(cat({uR"re(^(?<date>\d{4}/\d{1,2}/\d{1,2}.*?)[、,]\s*(?<who>.+?)\s*のメッセージ)re", Colon}), u"ja"),
        pattern(cat({uR"re(^(?<date>\d{4}\s*년.+?),\s*(?<who>.+?)\s*님이\s*작성(?:하였습니다|했습니다)?)re", Colon}), u"ko"),
        pattern(cat({uR"re(^(?<date>\d{4}\.\s*\d{1,2}\.\s*\d{1,2}\..*?),\s*(?<who>.+?)\s*작성)re", Colon}), u"ko"),
        pattern(cat({uR"re(^(?<date>(?:пн|вт|ср|чт|пт|сб|вс),\s.+?\sг\.\s+в\s+\d{1,2}:\d{2}),\s*(?<who>[^<>]*<[^<>]+>))re", Colon}), u"ru", Needs::Address),
        pattern(cat({uR"re(^(?<date>.*?\d.*?)\s+időpontban\s+(?<who>.+?)\s+ezt\s+írta)re", Colon}), u"hu"),
        pattern(cat({uR"re(^(?<date>\d{4}-\d{2}-\d{2}\s+\d{1,2}:\d{2}\s+GMT[+-]\d{1,2}:\d{2})\s+(?<who>.+?)\s*[:：]?\s*$)re"}), u"", Needs::Address),
        pattern(cat({uR"re(^(?<date>\d{1,4}[./-]\d{1,2}[./-]\d{1,4}[^<>@]*?),?\s+(?<who>[^<>@]*<\s*[^\s<>@]+@[^\s<>]+\s*>)\s*[:：]?\s*$)re"}), u"", Needs::Address),
        pattern(cat({uR"re(^(?<date>\S{2,10},\s+\d{1,2}\s+\S{3,10}\s+(?:19|20)\d\d,?\s+\d{1,2}:\d{2}(?::\d{2})?)\s+(?<who>[^@]+@\S+?))re", Colon}), u"", Needs::Address),
    };
    return patterns;
}

// Forms that start with the author. Tried only when no leading form matches, latest start first, so
// that "Thanks!\nSome One <a@b> wrote:" starts at the name.
const QList<AttributionPattern> &authorFirstPatterns()
{
    static const QList<AttributionPattern> patterns = {
        pattern(cat({uR"re(^(?<who>.+?)\s+schrieb\s+am\s+(?<date>)re", Dated, uR"re())re", Colon}), u"de"),
        pattern(cat({uR"re(^(?<who>.+?)\s+skrev\s+følgende\s+den\s+(?<date>.+?))re", Colon}), u"no"),
        pattern(cat({uR"re(^(?<who>.+?<[^<>]+>)\s+kirjoitti\s+(?<date>)re", Dated, uR"re())re", Colon}), u"fi"),
        pattern(cat({uR"re(^(?<who>.+?)\s+\(időpont:\s*(?<date>.+?)\)\s+ezt\s+írta)re", Colon}), u"hu"),
        pattern(cat({uR"re(^(?<who>.+?),\s*(?<date>[^,]*\d.*?)\s+tarihinde\s+şunu\s+yazdı)re", Colon}), u"tr"),
        pattern(cat({uR"re(^(?<who>.+?)\s*(?:于|於|在)\s*(?<date>\d.+?)\s*(?:写道|寫道))re", Colon}), u"zh"),
        pattern(cat({Dashes, uR"re((?<body>.+?)(?:\s+|(?<=>))(?<verb>wrote|writes|schrieb|a\s+écrit|escribió|ha\s+scritto|escreveu|schreef|skrev|napisał(?:\(a\))?|написал(?:\(а\)|а)?|написав|пише|kirjoitti|napsal(?:\(a\))?|napísal(?:\(a\))?|yazdı|写道|寫道|は書きました))re", AuthorEnd}), u"verb"),
    };
    return patterns;
}

// The verbs of the author-first catch-all and their languages.
QString verbLanguage(QStringView verb, QStringView text)
{
    static const QList<std::pair<QString, QString>> table = {
        {QStringLiteral("wr"), QStringLiteral("en")},      {QStringLiteral("schrieb"), QStringLiteral("de")},
        {QStringLiteral("a"), QStringLiteral("fr")},       {QStringLiteral("escribió"), QStringLiteral("es")},
        {QStringLiteral("ha"), QStringLiteral("it")},      {QStringLiteral("escreveu"), QStringLiteral("pt")},
        {QStringLiteral("schreef"), QStringLiteral("nl")}, {QStringLiteral("napisał"), QStringLiteral("pl")},
        {QStringLiteral("написал"), QStringLiteral("ru")}, {QStringLiteral("написав"), QStringLiteral("uk")},
        {QStringLiteral("пише"), QStringLiteral("uk")},    {QStringLiteral("kirjoitti"), QStringLiteral("fi")},
        {QStringLiteral("napsal"), QStringLiteral("cs")},  {QStringLiteral("napísal"), QStringLiteral("sk")},
        {QStringLiteral("yazdı"), QStringLiteral("tr")},   {QStringLiteral("写道"), QStringLiteral("zh")},
        {QStringLiteral("寫道"), QStringLiteral("zh")},    {QStringLiteral("は書きました"), QStringLiteral("ja")},
    };
    if (verb.startsWith(u"skrev", Qt::CaseInsensitive))
        return nordicLanguage(text);
    for (const auto &[prefix, language] : table)
        if (verb.startsWith(prefix, Qt::CaseInsensitive))
            return language;
    return QString();
}

QString languageOf(const AttributionPattern &p, const QRegularExpressionMatch &m, QStringView text)
{
    if (p.language == u"nordic")
        return nordicLanguage(text);
    if (p.language == u"verb")
        return verbLanguage(m.capturedView(u"verb"), text);
    return p.language;
}

// White space and list punctuation off both ends, and dashes off the start (a loop: a regex replace here cost
// more than matching the attribution).
QString trimmedPart(QStringView s)
{
    const auto separator = [](QChar c) { return c.isSpace() || c == u',' || c == u'，' || c == u'、'; };
    while (!s.isEmpty() && (separator(s.front()) || s.front() == u'-'))
        s = s.sliced(1);
    while (!s.isEmpty() && separator(s.back()))
        s.chop(1);
    return s.toString();
}

// "<date>, <who>" without a keyword between them: a user marker ("użytkownik", "пользователь",
// "uživatel"...) or the end of the date's clock time (or year) splits them. \a strict: the date
// must also parse, so that "user2013 <a@b>" is not cut after its digits.
std::pair<QString, QString> splitBody(QStringView body, bool strict)
{
    static const QRegularExpression marker = rx(uR"re(\s(?:użytkownik|пользователь|користувач|uživatel|odesílatel|používateľ)\s)re");
    if (const QRegularExpressionMatch m = marker.match(body); m.hasMatch())
        return {trimmedPart(body.left(m.capturedStart())), trimmedPart(body.sliced(m.capturedEnd()))};
    const qsizetype n = QuotedDate::length(body);
    if (n == 0 || (strict && !QuotedDate::parse(body.left(n))))
        return {QString(), trimmedPart(body)};
    return {trimmedPart(body.left(n)), trimmedPart(body.sliced(n))};
}

// An author without an address and without a date must look like a name: a few words, not opening
// with a pronoun or connective and without lower-case ones ("As I wrote:", "You wrote:", "the patch
// above wrote:"). Lower-case names ("xu xin wrote:") pass.
bool looksLikeName(const QString &who)
{
    static const QRegularExpression bracketed = rx(uR"re(<[^<>]*>|\[[^\[\]]*\]|\([^()]*\))re");
    static const QRegularExpression opening = rx(
        uR"re(^(?:I|you|he|she|we|they|it|as|also|someone|somebody|everyone|this|that|who|which|what|and|but|then|so|here|there)\b)re");
    static const QRegularExpression inner = rx(
        uR"re(\b(?:I|you|he|she|we|they|it|as|also|this|that|who|which|what|and|but|then|so|previously|originally|already|above|below|earlier|just|once)\b)re",
        Unicode);
    const QString name = QString(who).remove(bracketed).simplified();
    const int words = int(name.count(u' ')) + 1;
    return !name.isEmpty() && words <= 4 && !opening.match(name).hasMatch() && !inner.match(name).hasMatch();
}

// No bracket may close that did not open: "a@b> wrote:" is the tail of a wrapped attribution, not
// one. (An opened one may stay open: the '>' of "<a@b\n> wrote:" was read as a quote mark.)
bool balanced(const QString &who)
{
    return who.count(u'>') <= who.count(u'<') && who.count(u']') <= who.count(u'[') && who.count(u')') <= who.count(u'(');
}

// With a date the form is established and the author is taken as written, even "you" (patchwork's
// "On <date> you wrote:"); without one it must look like a name or carry an address.
bool plausibleAuthor(const AttributionLine::Parts &a)
{
    if (a.who.isEmpty() || a.who.size() > 200 || !balanced(a.who))
        return false;
    return !a.date.isEmpty() || a.who.contains(u'@') || looksLikeName(a.who);
}

std::optional<AttributionLine::Parts> attributionFrom(const AttributionPattern &p, const QRegularExpressionMatch &m, QStringView text)
{
    AttributionLine::Parts a;
    a.language = languageOf(p, m, text);
    if (m.hasCaptured(u"body")) {
        const bool leading = p.language != u"verb";
        std::tie(a.date, a.who) = splitBody(m.capturedView(u"body"), !leading);
        if (leading && a.date.isEmpty())
            return std::nullopt;
    } else {
        a.date = trimmedPart(m.capturedView(u"date"));
        a.who = trimmedPart(m.capturedView(u"who"));
    }
    // Without a verb, the date is all that makes the line an attribution: it must be one. (A git
    // version "1.7.3.1.g432b3.dirty" over "Acked-by: X <a@b>" is not.)
    if (p.needs == Needs::Address && !QuotedDate::parse(a.date, a.language))
        return std::nullopt;
    return plausibleAuthor(a) ? std::optional(a) : std::nullopt;
}

// The forms without a verb open with their date: a digit, or a short weekday and a comma ("пн,", "Mon,").
constexpr qsizetype DateOpening = 11;

bool opensWithDate(QStringView text)
{
    return (!text.isEmpty() && text.front().isDigit()) || text.left(DateOpening).indexOf(u',', 2) >= 0;
}

bool applicable(const AttributionPattern &p, QStringView text, AttributionLine::Signs signs)
{
    switch (p.needs) {
    case Needs::Verb:
        return (signs.verbs & p.verbs) != 0;
    case Needs::Address:
        return signs.address && opensWithDate(text);
    case Needs::Prefix:
        return text.startsWith(p.prefix, Qt::CaseInsensitive);
    }
    return false;
}

std::optional<AttributionLine::Parts> matchAttribution(QStringView text, const QList<AttributionPattern> &patterns, AttributionLine::Signs signs)
{
    for (const AttributionPattern &p : patterns) {
        if (!applicable(p, text, signs))
            continue;
        const QRegularExpressionMatch m = p.re.match(text);
        if (!m.hasMatch())
            continue;
        if (std::optional<AttributionLine::Parts> a = attributionFrom(p, m, text))
            return a;
    }
    return std::nullopt;
}

// Simple case folding, as PCRE2 matches caselessly; a surrogate is left alone (no verb holds one).
char16_t folded(char16_t c)
{
    if (c < 0x80)
        return Lowercase::ascii(c);
    return QChar::isSurrogate(c) ? c : char16_t(QChar::toCaseFolded(char32_t(c)));
}

// A word character as a Unicode-aware \b sees it: a letter or digit of any script, or '_'.
bool isWordAt(QStringView text, qsizetype i)
{
    return i >= 0 && i < text.size() && (text[i].isLetterOrNumber() || text[i] == u'_');
}

bool verbAt(QStringView text, qsizetype i, const Verb &v)
{
    const qsizetype end = i + qsizetype(v.folded.size());
    if (end > text.size())
        return false;
    for (size_t k = 0; k < v.folded.size(); ++k) {
        if (folded(text[i + qsizetype(k)].unicode()) != v.folded[k])
            return false;
    }
    return !v.wholeWord || (isWordAt(text, i - 1) != isWordAt(text, i) && isWordAt(text, end - 1) != isWordAt(text, end));
}

// Per ASCII character, either case: the verbs that start with it, as bits of Verbs.
constexpr std::array<quint32, 128> AsciiStarts = [] {
    std::array<quint32, 128> out{};
    for (size_t v = 0; v < std::size(Verbs); ++v) {
        const char16_t first = Verbs[v].folded.front();
        if (first >= u'a' && first <= u'z') {
            out[first] |= quint32(1) << v;
            out[first - 32] |= quint32(1) << v;
        } else if (first < 0x80) {
            throw "an ASCII verb must start with a lower-case letter"; // fails the build
        }
    }
    return out;
}();

// Per ASCII character, either case: the verbs starting with an ASCII letter whose second letter it is.
constexpr std::array<quint32, 128> AsciiSeconds = [] {
    std::array<quint32, 128> out{};
    for (size_t v = 0; v < std::size(Verbs); ++v) {
        if (Verbs[v].folded.front() >= 0x80)
            continue;
        const char16_t second = Verbs[v].folded[1];
        if (second < u'a' || second > u'z')
            throw "an ASCII verb's second letter must be a lower-case ASCII letter"; // fails the build
        out[second] |= quint32(1) << v;
        out[second - 32] |= quint32(1) << v;
    }
    return out;
}();

// The verbs that may start at \a i, as bits of Verbs. An ASCII character is tested with the next one: most
// letters of a line start some verb ('e', 's', 'n', 'p'), few pairs do. A non-ASCII next character may
// fold to an ASCII letter (KELVIN SIGN), so it leaves the candidates to verbAt().
quint32 verbsStartingAt(QStringView text, qsizetype i)
{
    const char16_t c = text[i].unicode();
    if (c < 0x80) {
        const char16_t next = i + 1 < text.size() ? text[i + 1].unicode() : u'\0';
        return next < 0x80 ? AsciiStarts[c] & AsciiSeconds[next] : AsciiStarts[c];
    }
    const char16_t f = folded(c);
    quint32 out = 0;
    for (size_t v = 0; v < std::size(Verbs); ++v)
        out |= Verbs[v].folded.front() == f ? quint32(1) << v : 0;
    return out;
}

} // namespace

// A literal search, where the equivalent caseless regex alternation took 27 cycles a character on every
// line near a possible attribution end. Lines without a verb (code, prose) are not worth the attribution
// regexes, which are the costly part of a scan, and a form is only worth its regex where its own verb is.
AttributionLine::VerbSet AttributionLine::verbsIn(QStringView text)
{
    VerbSet found = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        for (quint32 candidates = verbsStartingAt(text, i) & ~found; candidates; candidates &= candidates - 1) {
            const int v = std::countr_zero(candidates);
            found |= verbAt(text, i, Verbs[v]) ? VerbSet(1) << v : 0;
        }
    }
    return found;
}

// A thread's attributions are quoted again in each later reply: each window is matched once.
std::optional<AttributionLine::Parts> AttributionLine::match(QStringView text, Form form, Signs signs)
{
    const char16_t variant[] = {char16_t((form == Form::Leading ? 2 : 0) + (signs.address ? 1 : 0)), char16_t(signs.verbs >> 16),
                                char16_t(signs.verbs)};
    return Memo::of<4, Memo::MaxTextEntries>({QStringView(variant, std::size(variant)), text}, [&] {
        return matchAttribution(text, form == Form::Leading ? leadingPatterns() : authorFirstPatterns(), signs);
    });
}

// A window's text opens with its first line, and lead words hold no space: the first line alone shows one.
// It ends with its last line: only the numeric-date forms (Gmail's "2013/7/20 Name <a@b>") may end in an
// address's bracket, and they open with a digit. Patch trailers ("Reviewed-by: X <x@y>") end that way too,
// quoted in every reply of a patch thread. Without a verb, only the dated forms (which need an address) and
// the lead-word forms apply: a patch's sign-offs above its "---" and diffstat lines ("| 2 +-") open none.
bool AttributionLine::mayOpen(QStringView firstLine, QStringView lastLine, Signs signs)
{
    if (lastLine.endsWith(u'>'))
        return !firstLine.isEmpty() && firstLine.front().isDigit();
    if (signs.verbs)
        return true;
    // opensWithDate() reads the window's first DateOpening characters: a shorter first line leaves it open.
    if (signs.address && (firstLine.size() < DateOpening || opensWithDate(firstLine)))
        return true;
    const auto opensWithLeadWord = [firstLine](const AttributionPattern &p) {
        return p.needs == Needs::Prefix && firstLine.startsWith(p.prefix, Qt::CaseInsensitive);
    };
    return std::any_of(leadingPatterns().cbegin(), leadingPatterns().cend(), opensWithLeadWord)
        || std::any_of(authorFirstPatterns().cbegin(), authorFirstPatterns().cend(), opensWithLeadWord);
}

// Cheap test before any regex: attributions end in a colon, in "wrote" (talon lets English go
// without the colon), in dashes (Android), or in a bracket (Gmail's "2013/7/20 Name <a@b>", "Quoting
// X (date)").
bool AttributionLine::mayEnd(QStringView content)
{
    if (content.isEmpty())
        return false;
    const char16_t end = content.back().unicode();
    if (end == u':' || end == u'：' || end == u'-')
        return true;
    // Code lines end in brackets too: a bracket counts after an address or before a date.
    if (content.back() == u'>')
        return content.contains(u'@');
    if (content.back() == u')') {
        const qsizetype open = content.lastIndexOf(u'(');
        return open >= 0 && open + 1 < content.size() && content[open + 1].isDigit();
    }
    const char16_t last = end < 0x80 ? Lowercase::ascii(end) : content.back().toLower().unicode();
    if (last != u'e' && last != u's' && last != u't') // the verbs' last letters: most lines stop here
        return false;
    for (const char16_t *word : {u"wrote", u"writes", u"sent", u"viết"})
        if (content.endsWith(QStringView(word), Qt::CaseInsensitive))
            return true;
    return false;
}

} // namespace th::analysis
