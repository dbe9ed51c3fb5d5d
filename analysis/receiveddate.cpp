#include "receiveddate.h"

#include <QRegularExpression>

#include <algorithm>
#include <array>
#include <string_view>

namespace th::analysis {
namespace {

// Months by their three letters, case-blind: lower-cased once and compared in place, where twelve caseless string
// comparisons cost more than the rest of a hop's date.
int monthNumber(QStringView name)
{
    static constexpr std::array<char16_t[4], 12> months = {u"jan", u"feb", u"mar", u"apr", u"may", u"jun",
                                                           u"jul", u"aug", u"sep", u"oct", u"nov", u"dec"};
    if (name.size() != 3)
        return 0;
    const auto lower = [](char16_t c) { return c >= u'A' && c <= u'Z' ? char16_t(c + 32) : c; };
    const char16_t a = lower(name[0].unicode()), b = lower(name[1].unicode()), c = lower(name[2].unicode());
    const auto it = std::find_if(months.cbegin(), months.cend(), [&](const char16_t (&m)[4]) { return m[0] == a && m[1] == b && m[2] == c; });
    return it == months.cend() ? 0 : int(it - months.cbegin()) + 1;
}

// The value of a few ASCII \a digits, 0 if any is not one (as toInt() gives), without its locale-aware parse.
int digitValue(QStringView digits)
{
    int n = 0;
    for (QChar c : digits) {
        if (c < u'0' || c > u'9')
            return 0;
        n = n * 10 + (c.unicode() - u'0');
    }
    return n;
}

// Seconds east of UTC. RFC 5322 section 4.3: unknown (military) zone letters mean -0000, i.e. UTC, as does no zone.
int zoneOffset(QStringView zone)
{
    static constexpr std::array<std::pair<std::u16string_view, int>, 8> named = {{
        {u"EST", -5}, {u"EDT", -4}, {u"CST", -6}, {u"CDT", -5}, {u"MST", -7}, {u"MDT", -6}, {u"PST", -8}, {u"PDT", -7}}};
    if (zone.size() == 5 && (zone[0] == u'+' || zone[0] == u'-')) {
        const int sign = zone[0] == u'-' ? -1 : 1;
        return sign * (digitValue(zone.sliced(1, 2)) * 3600 + digitValue(zone.sliced(3, 2)) * 60);
    }
    const auto it = std::find_if(named.cbegin(), named.cend(), [zone](const auto &n) {
        return zone.compare(QStringView(n.first), Qt::CaseInsensitive) == 0;
    });
    return it == named.cend() ? 0 : it->second * 3600;
}

int fullYear(QStringView digits)
{
    const int y = digits.toInt();
    if (digits.size() == 2) // RFC 5322 section 4.3 obs-year
        return y < 50 ? 2000 + y : 1900 + y;
    return digits.size() == 3 ? 1900 + y : y;
}

QDateTime utcFrom(const QDate &date, const QTime &time, QStringView zone)
{
    if (!date.isValid() || !time.isValid())
        return {};
    // The instant from the day number: a QDateTime in the zone's offset, converted, cost more than the parse.
    constexpr qint64 UnixEpochJulianDay = 2440588;
    const qint64 seconds = (date.toJulianDay() - UnixEpochJulianDay) * 86400 + time.msecsSinceStartOfDay() / 1000 - zoneOffset(zone);
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
}

// Go's time.Time text, as SendGrid writes it: "2023-02-18 05:33:28.001954205 +0000 UTC".
QDateTime parseIsoDate(const QString &text)
{
    static const QRegularExpression re(QStringLiteral(
        "^(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2}):(\\d{2})(?:\\.\\d+)?\\s*(Z|[+-]\\d{2}:?\\d{2})?(?:\\s|$)"));
    const auto m = re.match(text);
    if (!m.hasMatch())
        return {};
    return utcFrom(QDate(m.capturedView(1).toInt(), m.capturedView(2).toInt(), m.capturedView(3).toInt()),
                   QTime(m.capturedView(4).toInt(), m.capturedView(5).toInt(), m.capturedView(6).toInt()), m.captured(7).remove(u':'));
}

// Reads "Tue, 28 Feb 2023 10:12:13 +0100 (CET)", the form nearly every MTA writes (or with a zone name), without
// a regex or a copy, as ReceivedDate::parse() reads it; anything else (no seconds, two-digit years, other spacing...)
// gives nothing and takes parse().
class CanonicalDate
{
public:
    explicit CanonicalDate(QStringView text) : m_s(text) {}

    std::optional<QDateTime> read()
    {
        skipSpace();
        if (m_s.size() > 4 && isLetter(0) && isLetter(1) && isLetter(2) && m_s[3] == u',') { // weekday
            m_s = m_s.sliced(4);
            skipSpace();
        }
        const int day = number(1, 2);
        const int month = space() ? monthNumber(letters(3)) : 0;
        const int year = space() ? number(4, 4) : -1;
        const int hour = space() ? number(1, 2) : -1;
        const int minute = colon() ? number(2, 2) : -1;
        const int second = colon() ? number(2, 2) : -1;
        if (day < 0 || month == 0 || year < 0 || hour < 0 || minute < 0 || second < 0 || !space())
            return std::nullopt;
        const QStringView zone = this->zone();
        if (zone.isEmpty() || !endsWithComment())
            return std::nullopt;
        return utcFrom(QDate(year, month, day), QTime(hour, minute, second), zone);
    }

private:
    bool isLetter(qsizetype i) const { return i < m_s.size() && m_s[i].unicode() < 0x80 && m_s[i].isLetter(); }

    void skipSpace()
    {
        while (!m_s.isEmpty() && m_s.front().isSpace())
            m_s = m_s.sliced(1);
    }

    // Exactly one space between the fields: other spacing takes the regex.
    bool space() { return take(u' '); }
    bool colon() { return take(u':'); }

    bool take(QChar c)
    {
        if (m_s.isEmpty() || m_s.front() != c)
            return false;
        m_s = m_s.sliced(1);
        return true;
    }

    // Digits, at least \a least and at most \a most of them, then not a digit; -1 otherwise.
    int number(qsizetype least, qsizetype most)
    {
        qsizetype n = 0;
        while (n < m_s.size() && n <= most && m_s[n] >= u'0' && m_s[n] <= u'9')
            ++n;
        if (n < least || n > most)
            return -1;
        const int value = digitValue(m_s.first(n));
        m_s = m_s.sliced(n);
        return value;
    }

    // Exactly \a n letters then a space, consumed up to the space.
    QStringView letters(qsizetype n)
    {
        for (qsizetype i = 0; i < n; ++i)
            if (!isLetter(i))
                return {};
        if (m_s.size() == n || m_s[n] != u' ')
            return {};
        const QStringView out = m_s.first(n);
        m_s = m_s.sliced(n);
        return out;
    }

    // "+0100", or a zone name of up to five letters ("GMT"); empty if neither.
    QStringView zone()
    {
        const QStringView start = m_s;
        if (take(u'+') || take(u'-'))
            return number(4, 4) < 0 ? QStringView() : start.first(5);
        qsizetype n = 0;
        while (n <= 5 && isLetter(n))
            ++n;
        if (n == 0 || n > 5)
            return {};
        m_s = m_s.sliced(n);
        return start.first(n);
    }

    // Nothing after the zone but white space and one comment without brackets inside.
    bool endsWithComment()
    {
        skipSpace();
        if (take(u'(')) {
            const qsizetype close = m_s.indexOf(u')');
            if (close < 0 || m_s.first(close).contains(u'('))
                return false;
            m_s = m_s.sliced(close + 1);
            skipSpace();
        }
        return m_s.isEmpty();
    }

    QStringView m_s;
};

} // namespace

std::optional<QDateTime> ReceivedDate::canonical(QStringView text)
{
    return CanonicalDate(text).read();
}

// Captures are read in place: a case has tens of thousands of hops, and each owned copy is an allocation.
QDateTime ReceivedDate::parse(const QString &text)
{
    static const QRegularExpression re(
        QStringLiteral("^(?:[A-Za-z]+,?\\s*)?(\\d{1,2})[\\s-]*([A-Za-z]{3})[A-Za-z]*\\.?[\\s-]*(\\d{2,4})\\s+"
                       "(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?:\\.\\d+)?\\s*([+-]\\d{4}|[A-Za-z]{1,5})?(?:\\s|$)"));
    const auto m = re.match(text);
    if (!m.hasMatch())
        return parseIsoDate(text);
    return utcFrom(QDate(fullYear(m.capturedView(3)), monthNumber(m.capturedView(2)), m.capturedView(1).toInt()),
                   QTime(m.capturedView(4).toInt(), m.capturedView(5).toInt(), m.capturedView(6).toInt()), m.capturedView(7));
}

QString ReceivedDate::plainWords(QStringView tail)
{
    QString words;
    words.reserve(tail.size());
    int depth = 0;
    for (QChar c : tail) {
        if (c == u'(' || c == u')') {
            depth += c == u'(' ? 1 : -1;
            words += u' ';
        } else if (depth == 0 && c != u'\r') {
            words += c;
        }
    }
    return words.simplified();
}

} // namespace th::analysis
