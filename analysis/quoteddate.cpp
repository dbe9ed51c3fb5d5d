#include "quoteddate.h"

#include "codepoint.h"
#include "codeunits.h"
#include "memo.h"

#include <QHash>
#include <QRegularExpression>
#include <QStringList>
#include <QVarLengthArray>

#include <algorithm>
#include <cctype>

namespace th::analysis {
namespace {

constexpr auto Flags = QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption;

enum class Meridiem { None, Am, Pm };

struct Clock {
    int hour = 0, minute = 0, second = 0;
    qsizetype begin = 0, end = 0; ///< span in the text, am/pm and zone included
    std::optional<int> offset;    ///< seconds east of UTC
};

struct Ymd {
    int year = 0, month = 0, day = 0;
};

// Month names and abbreviations as clients print them (nominative and genitive where the language
// inflects: Polish "marca", Russian "марта", Czech "března", Finnish "maaliskuuta"). Weekdays are not
// listed: they carry no information once the date is known. Where a weekday abbreviation equals a month
// abbreviation (French/Spanish "mar." for Tuesday), the last month word of the text wins (see textualDate).
const QHash<QString, int> &months()
{
    static const QHash<QString, int> table = [] {
        static const char16_t *const names[12] = {
            u"january jan januar janvier janv enero ene gennaio gen janeiro januari stycznia styczeń sty январь января янв "
            u"січень січня січ tammikuu tammikuuta tammik leden ledna led január ocak oca ianuarie ian",
            u"february feb februar février févr fevr febrero febbraio fevereiro fev februari luty lutego lut февраль "
            u"февраля фев февр лютий лютого лют helmikuu helmikuuta helmik únor února úno február febr şubat şub "
            u"februarie",
            u"march mar märz mär maerz mars marzo março marco maart mrt marts marzec marca marec март марта мар березень березня "
            u"бер maaliskuu maaliskuuta maalisk březen března bře március márc mart martie",
            u"april apr avril avr abril abr aprile kwiecień kwietnia kwi апрель апреля апр квітень квітня квіт huhtikuu "
            u"huhtikuuta huhtik duben dubna dub április ápr nisan nis aprilie",
            u"may mai mayo maggio mag maio mei maj maja май мая травень травня трав toukokuu toukokuuta toukok květen "
            u"května kvě május máj mayıs",
            u"june jun juni juin junio junij giugno giu junho czerwiec czerwca cze июнь июня июн червень червня черв kesäkuu "
            u"kesäkuuta kesäk červen června čvn június jún haziran haz iunie iun",
            u"july jul juli juillet juil julio julij luglio lug julho lipiec lipca lip июль июля июл липень липня лип "
            u"heinäkuu heinäkuuta heinäk červenec července čvc július júl temmuz tem iulie iul",
            u"august aug août aout agosto ago augustus augusti avgust sierpień sierpnia sie август августа авг серпень серпня "
            u"серп elokuu elokuuta elok srpen srpna srp augusztus ağustos ağu",
            u"september sep sept septembre septiembre setiembre settembre set setembro wrzesień września wrz сентябрь "
            u"сентября сен сент вересень вересня вер syyskuu syyskuuta syysk září zář szeptember szept eylül eyl "
            u"septembrie",
            u"october oct oktober octobre octubre ottobre ott outubro out okt październik października paź октябрь "
            u"октября окт жовтень жовтня жовт lokakuu lokakuuta lokak říjen října říj október ekim eki octombrie",
            u"november nov novembre noviembre novembro listopad listopada listopadu lis ноябрь ноября ноя нояб "
            u"листопад листопада лист marraskuu marraskuuta marrask kasım kas noiembrie",
            u"december dec dezember dez décembre déc decembre diciembre dic dicembre dezembro desember grudzień "
            u"grudnia gru декабрь декабря дек грудень грудня груд joulukuu joulukuuta jouluk prosinec prosince "
            u"aralık ara decembrie",
        };
        QHash<QString, int> t;
        for (int m = 0; m < 12; ++m)
            for (const QString &w : QString::fromUtf16(names[m]).split(u' '))
                t.insert(w, m + 1);
        return t;
    }();
    return table;
}

// Zone names seen after quoted times. Ambiguous ones take their most common reading in mail:
// CST is US Central, IST is India.
const QHash<QString, int> &zones()
{
    static const QHash<QString, int> table = {
        {QStringLiteral("utc"), 0}, {QStringLiteral("gmt"), 0}, {QStringLiteral("ut"), 0}, {QStringLiteral("z"), 0},
        {QStringLiteral("wet"), 0}, {QStringLiteral("west"), 3600}, {QStringLiteral("bst"), 3600},
        {QStringLiteral("cet"), 3600}, {QStringLiteral("met"), 3600}, {QStringLiteral("cest"), 7200},
        {QStringLiteral("mest"), 7200}, {QStringLiteral("eet"), 7200}, {QStringLiteral("eest"), 10800},
        {QStringLiteral("msk"), 10800}, {QStringLiteral("ist"), 19800}, {QStringLiteral("hkt"), 28800},
        {QStringLiteral("sgt"), 28800}, {QStringLiteral("awst"), 28800}, {QStringLiteral("jst"), 32400},
        {QStringLiteral("kst"), 32400}, {QStringLiteral("aest"), 36000}, {QStringLiteral("aedt"), 39600},
        {QStringLiteral("nzst"), 43200}, {QStringLiteral("nzdt"), 46800}, {QStringLiteral("est"), -18000},
        {QStringLiteral("edt"), -14400}, {QStringLiteral("cst"), -21600}, {QStringLiteral("cdt"), -18000},
        {QStringLiteral("mst"), -25200}, {QStringLiteral("mdt"), -21600}, {QStringLiteral("pst"), -28800},
        {QStringLiteral("pdt"), -25200}, {QStringLiteral("hst"), -36000},
    };
    return table;
}

// "14:02", "1:29", "14:17:36", "20.42", "14h02". The look-arounds keep "06.03.2023" and the "01:00" of
// "GMT+01:00" from being read as times; seconds only after a colon, so "03.08.21" stays a date.
const QRegularExpression &clockRe()
{
    static const QRegularExpression re(QStringLiteral(
        "(?<![\\d.:/+-])([01]?\\d|2[0-3])(?:[:h]|\\.(?=\\d\\d(?!\\d)))([0-5]\\d)(?::([0-5]\\d))?(?!\\d)(?!\\.\\d)"), Flags);
    return re;
}

// Anything but ASCII white space (a regex's \s also takes other spaces: those are left to the regex).
bool notAsciiSpace(QChar c)
{
    return c.unicode() >= 0x80 || !std::isspace(c.unicode());
}

// The first (last) character of \a text past ASCII white space, or 0: where the regexes below would have to start
// (end) matching. A regex whose words all start (end) with certain letters is not run on text where an ASCII
// character that is none of them stands there; any other character is left to the regex.
char16_t firstPastSpace(QStringView text)
{
    const auto it = std::find_if(text.cbegin(), text.cend(), notAsciiSpace);
    return it == text.cend() ? char16_t(0) : it->unicode();
}

char16_t lastBeforeSpace(QStringView text)
{
    const auto it = std::find_if(text.crbegin(), text.crend(), notAsciiSpace);
    return it == text.crend() ? char16_t(0) : it->unicode();
}

Meridiem meridiemBefore(QStringView head)
{
    if (lastBeforeSpace(head) < 0x80) // the words below are all CJK or hangul
        return Meridiem::None;
    // CJK and Korean write the half of the day before the time: "下午8:45", "오후 2:01", "午後 3:00".
    static const QRegularExpression re(QStringLiteral("(午前|上午|凌晨|早上|오전|午後|下午|中午|晚上|오후)\\s*$"), Flags);
    const QRegularExpressionMatch m = re.match(head);
    if (!m.hasMatch())
        return Meridiem::None;
    static const QString am = QStringLiteral("午前上午凌晨早上오전");
    return am.contains(m.capturedView(1)) ? Meridiem::Am : Meridiem::Pm;
}

Meridiem meridiemAfter(QStringView tail, qsizetype &length)
{
    const char16_t first = firstPastSpace(tail);
    if (first < 0x80 && !QStringView(u"apvnAPVN").contains(QChar(first)))
        return Meridiem::None;
    // "PM", "p.m.", "p. m." (Spanish), German "nachm."/"vorm." as some Android clients write them.
    static const QRegularExpression re(QStringLiteral("^\\s*(?:([ap])\\.?\\s?m\\b\\.?|(vorm|nachm)\\.)"), Flags);
    const QRegularExpressionMatch m = re.match(tail);
    if (!m.hasMatch())
        return Meridiem::None;
    length = m.capturedEnd();
    const QString word = m.captured(1).isEmpty() ? m.captured(2).toLower() : m.captured(1).toLower();
    return (word == u"a" || word == u"vorm") ? Meridiem::Am : Meridiem::Pm;
}

int applyMeridiem(int hour, Meridiem meridiem)
{
    if (meridiem == Meridiem::Pm && hour < 12)
        return hour + 12;
    if (meridiem == Meridiem::Am && hour == 12)
        return 0;
    return hour;
}

int signedOffset(QStringView sign, QStringView hours, QStringView minutes)
{
    const int seconds = hours.toInt() * 3600 + minutes.toInt() * 60;
    return sign == u"-" ? -seconds : seconds;
}

// One zone right at the start of \a tail: "+0530", "-04:00", "GMT+01:00", "UTC+9", "(CET)", "EST".
std::optional<int> zoneAt(QStringView tail, qsizetype &length)
{
    const char16_t first = firstPastSpace(tail);
    if (first < 0x80 && first != u'(' && first != u'+' && first != u'-' && !std::isalpha(first))
        return std::nullopt;
    static const QRegularExpression re(QStringLiteral(
        "^\\s*(?:\\(?(?:gmt|utc)\\s*([+-])\\s*(\\d{1,2})(?::?(\\d{2}))?\\)?|([+-])(\\d{2}):?(\\d{2})(?!\\d)"
        "|\\(?([a-z]{1,5})\\)?(?!\\p{L}))"), Flags);
    const QRegularExpressionMatch m = re.match(tail);
    std::optional<int> offset;
    if (m.hasCaptured(1))
        offset = signedOffset(m.capturedView(1), m.capturedView(2), m.capturedView(3));
    else if (m.hasCaptured(4))
        offset = signedOffset(m.capturedView(4), m.capturedView(5), m.capturedView(6));
    else if (m.hasCaptured(7))
        offset = zones().contains(m.captured(7).toLower()) ? std::optional<int>(zones().value(m.captured(7).toLower())) : std::nullopt;
    if (offset)
        length = m.capturedEnd();
    return offset;
}

// Zones after the time; a second one is consumed too ("+0100 (CET)") but the first one counts.
std::optional<int> zonesAt(QStringView tail, qsizetype &length)
{
    qsizetype first = 0;
    const std::optional<int> offset = zoneAt(tail, first);
    if (!offset)
        return std::nullopt;
    qsizetype second = 0;
    length = zoneAt(tail.mid(first), second) ? first + second : first;
    return offset;
}

// Where clockRe() matched, and its three groups (the seconds' may be empty).
struct ClockMatch {
    qsizetype begin = 0, end = 0;
    QStringView hour, minute, second;
};

bool isDigitAt(QStringView s, qsizetype i)
{
    return i < s.size() && s[i] >= u'0' && s[i] <= u'9';
}

// clockRe() at \a i of an ASCII text, read by hand in the order the regex tries its alternatives: an hour of
// two digits, then of one, then "2[0-3]"; seconds, then none. A date line is read once per quote of it, and
// the regex's set-up cost more than its match.
std::optional<ClockMatch> asciiClockAt(QStringView s, qsizetype i)
{
    const auto isLeftNeighbour = [](char16_t c) { return (c >= u'0' && c <= u'9') || c == u'.' || c == u':' || c == u'/' || c == u'+' || c == u'-'; };
    if (!isDigitAt(s, i) || (i > 0 && isLeftNeighbour(s[i - 1].unicode())))
        return std::nullopt;
    const auto at = [s](qsizetype k) { return k < s.size() ? s[k].unicode() : char16_t(0); };
    const auto inRange = [&](qsizetype k, char16_t low, char16_t high) { return at(k) >= low && at(k) <= high; };
    const auto endsClean = [&](qsizetype k) { return !isDigitAt(s, k) && !(at(k) == u'.' && isDigitAt(s, k + 1)); };
    QVarLengthArray<qsizetype, 3> hours;
    if (inRange(i, u'0', u'1') && isDigitAt(s, i + 1))
        hours.append(2);
    if (isDigitAt(s, i))
        hours.append(1);
    if (at(i) == u'2' && inRange(i + 1, u'0', u'3'))
        hours.append(2);
    for (const qsizetype hourLength : hours) {
        const qsizetype p = i + hourLength;
        const char16_t separator = at(p);
        const bool colon = separator == u':' || separator == u'h' || separator == u'H';
        const bool dot = separator == u'.' && isDigitAt(s, p + 1) && isDigitAt(s, p + 2) && !isDigitAt(s, p + 3);
        if (!(colon || dot) || !inRange(p + 1, u'0', u'5') || !isDigitAt(s, p + 2))
            continue;
        const qsizetype e = p + 3;
        const ClockMatch m{i, e, s.sliced(i, hourLength), s.sliced(p + 1, 2), {}};
        if (at(e) == u':' && inRange(e + 1, u'0', u'5') && isDigitAt(s, e + 2) && endsClean(e + 3))
            return ClockMatch{i, e + 3, m.hour, m.minute, s.sliced(e + 1, 2)};
        if (endsClean(e))
            return m;
    }
    return std::nullopt;
}

// The first or the last of clockRe()'s successive matches.
std::optional<ClockMatch> clockMatch(QStringView text, bool last)
{
    std::optional<ClockMatch> chosen;
    if (CodeUnits::isAscii(text)) {
        for (qsizetype i = 0; i < text.size() && (last || !chosen);) {
            const std::optional<ClockMatch> m = asciiClockAt(text, i);
            i = m ? m->end : i + 1;
            chosen = m ? m : chosen;
        }
        return chosen;
    }
    QRegularExpressionMatchIterator it = clockRe().globalMatch(text);
    while (it.hasNext() && (last || !chosen)) {
        const QRegularExpressionMatch m = it.next();
        chosen = ClockMatch{m.capturedStart(), m.capturedEnd(), m.capturedView(1), m.capturedView(2), m.capturedView(3)};
    }
    return chosen;
}

Clock clockFrom(QStringView text, const ClockMatch &m)
{
    Clock c;
    c.begin = m.begin;
    c.end = m.end;
    c.minute = m.minute.toInt();
    c.second = m.second.toInt();
    qsizetype used = 0;
    Meridiem meridiem = meridiemAfter(text.mid(c.end), used);
    c.end += used;
    if (meridiem == Meridiem::None)
        meridiem = meridiemBefore(text.left(c.begin));
    c.hour = applyMeridiem(m.hour.toInt(), meridiem);
    used = 0;
    c.offset = zonesAt(text.mid(c.end), used);
    c.end += used;
    return c;
}

std::optional<Clock> findClock(QStringView text, bool last)
{
    const std::optional<ClockMatch> m = clockMatch(text, last);
    return m ? std::optional(clockFrom(text, *m)) : std::nullopt;
}

bool plausible(const Ymd &d)
{
    return d.year >= 1970 && d.year <= 2100 && QDate(d.year, d.month, d.day).isValid();
}

int fullYear(int year)
{
    if (year >= 100)
        return year;
    return year < 70 ? 2000 + year : 1900 + year;
}

// "2020年5月21日", "2023년 3월 15일".
std::optional<Ymd> cjkDate(QStringView s)
{
    if (!s.contains(u'年') && !s.contains(u'년'))
        return std::nullopt;
    static const QRegularExpression re(QStringLiteral("(\\d{4})\\s*[年년]\\s*(\\d{1,2})\\s*[月월]\\s*(\\d{1,2})"), Flags);
    const QRegularExpressionMatch m = re.match(s);
    if (!m.hasMatch())
        return std::nullopt;
    return Ymd{m.capturedView(1).toInt(), m.capturedView(2).toInt(), m.capturedView(3).toInt()};
}

// Both numeric forms separate their numbers by one of these: most dates spell the month out.
bool hasDateSeparator(QStringView s)
{
    return std::any_of(s.cbegin(), s.cend(), [](QChar c) { return c == u'-' || c == u'/' || c == u'.'; });
}

// "2023-03-06", "2023/3/6", Korean "2023. 3. 15.".
std::optional<Ymd> yearFirstDate(QStringView s)
{
    if (!hasDateSeparator(s))
        return std::nullopt;
    static const QRegularExpression re(QStringLiteral("(?<!\\d)(\\d{4})\\s*([-/.])\\s*(\\d{1,2})\\s*\\2\\s*(\\d{1,2})(?!\\d)"), Flags);
    const QRegularExpressionMatch m = re.match(s);
    if (!m.hasMatch())
        return std::nullopt;
    return Ymd{m.capturedView(1).toInt(), m.capturedView(3).toInt(), m.capturedView(4).toInt()};
}

// "06.03.2023" is always day first; "03/06/2023" and "03-06-2023" follow the language unless one
// number is above 12.
std::optional<Ymd> numericDate(QStringView s, QStringView language)
{
    if (!hasDateSeparator(s))
        return std::nullopt;
    static const QRegularExpression re(QStringLiteral("(?<!\\d)(\\d{1,2})\\s*([-/.])\\s*(\\d{1,2})\\s*\\2\\s*(\\d{4}|\\d{2})(?!\\d)"), Flags);
    const QRegularExpressionMatch m = re.match(s);
    if (!m.hasMatch())
        return std::nullopt;
    const int a = m.capturedView(1).toInt(), b = m.capturedView(3).toInt(), year = fullYear(m.capturedView(4).toInt());
    const bool monthFirst = m.capturedView(2) != u"." && (b > 12 || (a <= 12 && (language.isEmpty() || language == u"en")));
    return monthFirst ? Ymd{year, a, b} : Ymd{year, b, a};
}

struct Token {
    qsizetype pos;
    int value;
};

// The year (four digits, else the small number that is not the day) and the day: the number nearest
// to the month word.
std::optional<Ymd> dayAndYear(const Token &month, const QList<Token> &numbers)
{
    const auto isYear = [](const Token &n) { return n.value >= 1970 && n.value <= 2100; };
    const auto yearIt = std::find_if(numbers.cbegin(), numbers.cend(), isYear);
    std::optional<Token> day;
    for (const Token &n : numbers) {
        const bool closer = !day || qAbs(n.pos - month.pos) < qAbs(day->pos - month.pos);
        if (!isYear(n) && n.value >= 1 && n.value <= 31 && closer)
            day = n;
    }
    if (!day)
        return std::nullopt;
    if (yearIt != numbers.cend())
        return Ymd{yearIt->value, month.value, day->value};
    const auto twoDigit = std::find_if(numbers.cbegin(), numbers.cend(),
                                       [&](const Token &n) { return n.pos != day->pos && n.value < 100; });
    if (twoDigit == numbers.cend())
        return std::nullopt;
    return Ymd{fullYear(twoDigit->value), month.value, day->value};
}

// The runs of letters or of digits of \a s (the regex \p{L}+|\d+, read without one): onWord(begin, end, digits).
template<typename OnWord>
void forEachWord(QStringView s, OnWord &&onWord)
{
    qsizetype next = 0;
    for (qsizetype i = 0; i < s.size();) {
        const char32_t c = CodePoint::at(s, i, next);
        const bool digits = QChar::isDigit(c);
        if (!digits && !QChar::isLetter(c)) {
            i = next;
            continue;
        }
        const qsizetype begin = i;
        i = next;
        while (i < s.size()) {
            const char32_t d = CodePoint::at(s, i, next);
            if (digits ? !QChar::isDigit(d) : !QChar::isLetter(d))
                break;
            i = next;
        }
        onWord(begin, i, digits);
    }
}

// "September 9, 2021", "9. Dezember 2020", "6 de mar. de 2023", "March-09-12". The last month word
// wins, so that the French/Spanish weekday "mar." (Tuesday) before "14 févr." is not read as March.
std::optional<Ymd> textualDate(QStringView s)
{
    std::optional<Token> month;
    QList<Token> numbers;
    forEachWord(s, [&](qsizetype begin, qsizetype end, bool digits) {
        const QStringView word = s.sliced(begin, end - begin);
        if (digits)
            numbers.append({begin, word.toInt()});
        else if (const int v = months().value(word.toString().toLower()); v != 0)
            month = Token{begin, v};
    });
    if (!month)
        return std::nullopt;
    return dayAndYear(*month, numbers);
}

std::optional<Ymd> dateOf(QStringView s, QStringView language)
{
    std::optional<Ymd> d = cjkDate(s);
    if (!d)
        d = yearFirstDate(s);
    if (!d)
        d = numericDate(s, language);
    if (!d)
        d = textualDate(s);
    if (d && !plausible(*d))
        return std::nullopt;
    return d;
}

// Full-width digits and colons (CJK clients) become ASCII, NBSP a space; bidi marks that Outlook puts
// around date parts ("\u200e16/\u200e02/\u200e2016") go.
QString normalized(QStringView text)
{
    static const QRegularExpression invisible(QStringLiteral("[\\x{200B}-\\x{200F}\\x{202A}-\\x{202E}\\x{2066}-\\x{2069}\\x{FEFF}]"));
    QString s = text.toString().normalized(QString::NormalizationForm_KC);
    const auto isInvisible = [](QChar c) {
        const char16_t u = c.unicode();
        return (u >= 0x200B && u <= 0x200F) || (u >= 0x202A && u <= 0x202E) || (u >= 0x2066 && u <= 0x2069) || u == 0xFEFF;
    };
    if (std::any_of(s.cbegin(), s.cend(), isInvisible))
        s.remove(invisible);
    return s.simplified();
}

// A date line is short; anything longer is not one, which also bounds the work.
constexpr qsizetype MaxDateLength = 200;

} // namespace

std::optional<QuotedDate::Result> QuotedDate::parse(QStringView text)
{
    return parse(text, {});
}

// The dates of a thread's quoted headers come again in each later reply: each is read once.
std::optional<QuotedDate::Result> QuotedDate::parse(QStringView text, QStringView language)
{
    if (text.size() > MaxDateLength)
        return std::nullopt;
    return Memo::of<5, Memo::MaxTextEntries>({language, text}, [&] { return parseUncached(text, language); });
}

std::optional<QuotedDate::Result> QuotedDate::parseUncached(QStringView text, QStringView language)
{
    QString s = normalized(text);
    const std::optional<Clock> clock = findClock(s, true);
    if (clock) // its digits must not be read as day or year
        s.replace(clock->begin, clock->end - clock->begin, QString(clock->end - clock->begin, u' '));
    const std::optional<Ymd> d = dateOf(s, language);
    if (!d)
        return std::nullopt;
    const QTime time = clock ? QTime(clock->hour, clock->minute, clock->second) : QTime(0, 0);
    const QDateTime asUtc(QDate(d->year, d->month, d->day), time, Qt::UTC);
    if (clock && clock->offset)
        return Result{asUtc.addSecs(-*clock->offset), true};
    return Result{asUtc, false};
}

qsizetype QuotedDate::length(QStringView text)
{
    if (const std::optional<Clock> clock = findClock(text, false))
        return clock->end;
    static const QRegularExpression year(QStringLiteral("(?<!\\d)(?:(?:19|20)\\d\\d|\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4})(?!\\d)"));
    const QRegularExpressionMatch m = year.match(text);
    return m.hasMatch() ? m.capturedEnd() : 0;
}

} // namespace th::analysis
