#include "displayname.h"

#include "codeunits.h"
#include "editdistance.h"
#include "lowercase.h"
#include "memo.h"

#include <QRegularExpression>
#include <QSet>

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>

using namespace Qt::StringLiterals;

namespace th::analysis {
namespace {

constexpr double SameNameJaroWinkler = 0.92; // spec A1 default

const QRegularExpression &addressPattern()
{
    // Spec A2's pattern, widened to any letter so internationalised addresses are found too.
    static const QRegularExpression re(u"[\\w.%+-]+@[\\w-]+(?:\\.[\\w-]+)*\\.\\w{2,}"_s,
                                       QRegularExpression::UseUnicodePropertiesOption);
    return re;
}

// Words that decorate a name without naming anyone: salutations, academic and professional titles,
// generational suffixes (English, German, French, Spanish, Italian, Dutch).
const QSet<QString> &titles()
{
    static const QSet<QString> set = [] {
        const QStringList words = u"mr mrs ms miss mx dr prof professor sir dame herr frau fr hr mme mlle "
                                  "sr sra srta dott dottssa ing dipl mag phd jr esq mba msc bsc"_s.split(u' ');
        return QSet<QString>(words.cbegin(), words.cend());
    }();
    return set;
}

QString fromIcu(const icu::UnicodeString &s)
{
    return QString(reinterpret_cast<const QChar *>(s.getBuffer()), s.length());
}

// Full Unicode case folding ("Weiß" -> "weiss"); QString::toCaseFolded() only does the simple one.
QString caseFolded(const QString &text)
{
    icu::UnicodeString s(text.utf16(), int32_t(text.size()));
    return fromIcu(s.foldCase());
}

bool containsAny(const QString &s, QStringView characters)
{
    return std::any_of(s.cbegin(), s.cend(), [&](QChar c) { return characters.contains(c); });
}

// Addresses, bracketed tags, list and delegation tails, and quotes become spaces.
QString stripDecorations(QStringView name)
{
    static const QRegularExpression angle(u"<[^>]*>"_s);
    static const QRegularExpression tag(u"\\([^()]*\\)|\\[[^\\[\\]]*\\]|\\{[^{}]*\\}"_s);
    static const QRegularExpression tail(u"\\s+(?:via|on behalf of)\\s.*$"_s);
    // Double quotes anywhere; single quotes only around words, so "o'brien" keeps its apostrophe.
    static const QRegularExpression quotes(u"[\"“”„«»]|(?:^|(?<=\\s))['‘’`]+|['‘’`]+(?=\\s|$)"_s);
    QString s = caseFolded(name.toString().normalized(QString::NormalizationForm_KC));
    // Each pattern only runs when its key character is there: most names have none (per-message cost).
    if (s.contains(u'@'))
        s.replace(addressPattern(), u" "_s);
    if (s.contains(u'<'))
        s.replace(angle, u" "_s);
    for (int depth = 0; depth < 3 && containsAny(s, u"([{"); ++depth) // nested tags, innermost first
        s.replace(tag, u" "_s);
    if (s.contains(u"via"_s) || s.contains(u"behalf"_s))
        s.replace(tail, QString());
    return containsAny(s, u"\"“”„«»'‘’`") ? s.replace(quotes, u" "_s) : s;
}

QStringList withoutTitles(QStringView part)
{
    static const QRegularExpression separators(u"[\\s.;:/|_]+"_s);
    QStringList tokens = part.toString().split(separators, Qt::SkipEmptyParts);
    tokens.removeIf([](const QString &t) { return titles().contains(t); });
    return tokens;
}

// "Doe, Jane" and "Jane Doe, PhD": once titles are gone, two comma parts mean "Last, First".
QStringList orderedTokens(const QString &cleaned)
{
    QList<QStringList> parts;
    for (const QStringView part : QStringView(cleaned).split(u','))
        if (QStringList t = withoutTitles(part); !t.isEmpty())
            parts.append(t);
    if (parts.size() == 2)
        std::swap(parts[0], parts[1]);
    QStringList tokens;
    for (const QStringList &p : std::as_const(parts))
        tokens += p;
    return tokens;
}

// A one-letter token of a cased script: an initial. Han, kana and hangul characters are whole names.
bool isInitial(const QString &token)
{
    return token.size() == 1 && token.at(0).isLower();
}

QStringList nameTokens(QStringView name, bool dropMiddleInitials)
{
    QStringList tokens = orderedTokens(stripDecorations(name));
    for (qsizetype i = tokens.size() - 2; dropMiddleInitials && i > 0; --i)
        if (isInitial(tokens.at(i)))
            tokens.removeAt(i);
    return tokens;
}

qsizetype letterCount(QStringView s)
{
    return std::count_if(s.cbegin(), s.cend(), [](QChar c) { return c.isLetterOrNumber(); });
}

QSet<QString> tokenSet(const QString &normalised)
{
    const QStringList tokens = normalised.split(u' ', Qt::SkipEmptyParts);
    return QSet<QString>(tokens.cbegin(), tokens.cend());
}

bool sameSpelling(const QString &a, const QString &b)
{
    return tokenSet(a) == tokenSet(b) || QString(a).remove(u' ') == QString(b).remove(u' ')
        || EditDistance::jaroWinkler(a, b) >= SameNameJaroWinkler;
}

bool sameRomanised(const QString &a, const QString &b)
{
    if (CodeUnits::isAscii(a) && CodeUnits::isAscii(b))
        return false; // nothing to romanise: sameSpelling() has said all there is
    const QStringList ra = DisplayName::romanisations(a), rb = DisplayName::romanisations(b);
    return std::any_of(ra.cbegin(), ra.cend(), [&](const QString &x) {
        return std::any_of(rb.cbegin(), rb.cend(), [&](const QString &y) { return tokenSet(x) == tokenSet(y); });
    });
}

// ICU transliterators are not safe to share between threads: each thread uses its own clone of one built
// on first use. Building it compiles ICU's rules (about 10 ms); a clone costs microseconds.
const icu::Transliterator *romaniser()
{
    static const std::unique_ptr<icu::Transliterator> built = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
            icu::UnicodeString(u"Any-Latin; Latin-ASCII; Any-Lower"), UTRANS_FORWARD, status));
        return U_SUCCESS(status) ? std::move(t) : nullptr;
    }();
    return built.get();
}

// A letter with accents: an ASCII letter and combining marks once decomposed ("é", "ü", "ř", "Å").
std::optional<char16_t> accentedLetter(QChar c)
{
    const QString d = QString(c).normalized(QString::NormalizationForm_D);
    const auto isMark = [](QChar m) { return m.unicode() >= 0x300 && m.unicode() <= 0x36F; };
    if (d.size() < 2 || d[0].unicode() >= 0x80 || !d[0].isLetter() || !std::all_of(d.cbegin() + 1, d.cend(), isMark))
        return std::nullopt;
    return d[0].unicode();
}

// Latin letters of their own that European names use, as ICU's Latin-ASCII spells them in lower case.
constexpr std::pair<char16_t, std::u16string_view> OtherLatinLetters[] = {
    {u'ł', u"l"}, {u'ø', u"o"}, {u'æ', u"ae"}, {u'œ', u"oe"}, {u'đ', u"d"}, {u'ð', u"d"}, {u'þ', u"th"}, {u'ħ', u"h"}, {u'ı', u"i"}, {u'ß', u"ss"}};

// ICU's Latin-ASCII spells a Latin name letter by letter: each of the 489 accented letters as its ASCII letter,
// and the others above as listed. Names written with them, most European names of a case, so spare the
// transliterator, whose rules take 10-15 ms to load (tst_identity checks every letter against it). Anything
// else (other scripts, marks written on their own) is left to ICU.
std::optional<QString> withoutAccents(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        if (c.unicode() < 0x80) {
            out += QChar(Lowercase::ascii(c.unicode()));
        } else if (const std::optional<char16_t> letter = accentedLetter(c)) {
            out += QChar(Lowercase::ascii(*letter));
        } else {
            const auto other = std::find_if(std::cbegin(OtherLatinLetters), std::cend(OtherLatinLetters),
                                            [lower = c.toLower()](const auto &l) { return l.first == lower; });
            if (other == std::cend(OtherLatinLetters))
                return std::nullopt;
            out += QStringView(other->second);
        }
    }
    return out;
}

QString anyToAscii(const QString &text)
{
    if (std::optional<QString> plain = withoutAccents(text))
        return *std::move(plain);
    thread_local const std::unique_ptr<icu::Transliterator> translit(romaniser() ? romaniser()->clone() : nullptr);
    if (!translit)
        return text.toLower();
    icu::UnicodeString s(text.utf16(), int32_t(text.size()));
    translit->transliterate(s);
    return fromIcu(s);
}

QString germanSpelling(QString text)
{
    return text.replace(u"ä"_s, u"ae"_s).replace(u"ö"_s, u"oe"_s).replace(u"ü"_s, u"ue"_s);
}

QString lettersAndDigits(QString s)
{
    s.removeIf([](QChar c) { return !c.isLetterOrNumber(); });
    return s;
}

QString initials(const QStringList &tokens)
{
    QString out;
    for (const QString &t : tokens)
        out += t.left(1);
    return out;
}

void addFormsOf(QStringList tokens, QStringList &forms)
{
    for (QString &t : tokens)
        t = lettersAndDigits(t);
    tokens.removeAll(QString());
    if (tokens.isEmpty())
        return;
    const QString first = tokens.first(), last = tokens.last();
    QStringList reversed = tokens;
    std::reverse(reversed.begin(), reversed.end());
    forms << tokens.join(QString()) << reversed.join(QString()) << first << last;
    if (tokens.size() > 1)
        forms << first.left(1) + last << first + last.left(1) << last + first.left(1)
              << initials(tokens.mid(0, tokens.size() - 1)) + last;
}

// A local part without its "+tag", separators and trailing digits ("j.doe+lists42" -> "jdoe").
QString compactLocalPart(QStringView localPart)
{
    const qsizetype plus = localPart.indexOf(u'+');
    QString s = lettersAndDigits((plus < 0 ? localPart : localPart.first(plus)).toString().toCaseFolded());
    while (!s.isEmpty() && s.back().isDigit())
        s.chop(1);
    return s;
}

} // namespace

QString DisplayName::normalise(QStringView name)
{
    return Memo::of<1>(name, [](QStringView n) { return nameTokens(n, true).join(u' '); });
}

bool DisplayName::same(QStringView a, QStringView b)
{
    return sameNormalised(normalise(a), normalise(b));
}

bool DisplayName::sameNormalised(QStringView a, QStringView b)
{
    if (letterCount(a) < 2 || letterCount(b) < 2)
        return false;
    const QString na = a.toString(), nb = b.toString();
    return sameSpelling(na, nb) || sameRomanised(na, nb);
}

bool DisplayName::matchesLocalPart(QStringView name, QStringView localPart)
{
    const QString local = compactLocalPart(localPart);
    if (local.size() < 2)
        return false;
    const QStringList forms = localPartForms(name);
    const QStringList spellings = romanisations(local); // internationalised addresses ("jürgen@")
    return std::any_of(spellings.cbegin(), spellings.cend(),
                       [&](const QString &s) { return forms.contains(lettersAndDigits(s)); });
}

QStringList DisplayName::embeddedAddresses(QStringView name)
{
    const QString text = name.toString().normalized(QString::NormalizationForm_KC);
    QStringList out;
    for (const QRegularExpressionMatch &m : addressPattern().globalMatch(text)) {
        if (const QString a = m.captured(); !out.contains(a, Qt::CaseInsensitive))
            out.append(a);
    }
    return out;
}

QStringList DisplayName::romanisations(QStringView text)
{
    const QString folded = caseFolded(text.toString());
    if (CodeUnits::isAscii(folded))
        return {folded};
    QStringList out{anyToAscii(folded)};
    if (const QString german = anyToAscii(germanSpelling(folded)); german != out.first())
        out.append(german);
    return out;
}

bool DisplayName::needsRomaniser(QStringView name)
{
    return !CodeUnits::isAscii(name) && !withoutAccents(name);
}

void DisplayName::prepare()
{
    (void)romaniser();
}

QStringList DisplayName::localPartForms(QStringView name)
{
    const QStringList tokens = nameTokens(name, false);
    QStringList forms;
    for (const QString &spelling : romanisations(tokens.join(u' ')))
        addFormsOf(spelling.split(u' ', Qt::SkipEmptyParts), forms);
    forms.removeIf([](const QString &f) { return f.size() < 2; });
    forms.removeDuplicates();
    return forms;
}

} // namespace th::analysis
