#include "shingles.h"

#include "codepoint.h"
#include "codeunits.h"
#include "hashsort.h"
#include "lowercase.h"

// Inlined: most words and shingles are short, and a call into the library cost as much as the hash.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <bit>
#include <optional>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace th::analysis {
namespace {

bool isIdeographic(char32_t c)
{
    return (c >= 0x3040 && c <= 0x30FF)     // hiragana, katakana
        || (c >= 0x3400 && c <= 0x9FFF)     // CJK ideographs
        || (c >= 0xAC00 && c <= 0xD7AF)     // hangul syllables
        || (c >= 0xF900 && c <= 0xFAFF);    // compatibility ideographs
}

bool isWordChar(char32_t c)
{
    return QChar::isLetterOrNumber(c) || QChar::category(c) == QChar::Mark_NonSpacing;
}

// Most words are ASCII, for which NFKC is the identity and case folding is lower-casing.
QString normalised(QStringView word)
{
    if (CodeUnits::isAscii(word))
        return word.toString().toLower();
    return word.toString().normalized(QString::NormalizationForm_KC).toCaseFolded();
}

// Words of up to ShortWord ASCII characters (nine in ten of a mailbox's) are hashed as bytes, in two 64-bit
// halves mixed the way XXH3 mixes inputs of 9 to 16 bytes: a few multiplications, where lower-casing the word
// into a buffer and hashing its UTF-16 with XXH3 cost some 60 instructions. Longer or other words: XXH3.
constexpr qsizetype ShortWord = 16;

// The hash of a short ASCII word from its bytes, lower case: \a low and \a high hold them in order, then zeros.
quint64 shortWordHash(quint64 low, quint64 high, qsizetype length)
{
    const quint64 a = low ^ 0x1CAD21F72C81017CULL, b = high ^ 0xDB979083E96DD4DEULL;
    const unsigned __int128 product = static_cast<unsigned __int128>(a) * b;
    const quint64 acc = quint64(length) + __builtin_bswap64(a) + b + (quint64(product) ^ quint64(product >> 64));
    quint64 h = acc ^ (acc >> 37);
    h *= 0x165667919E3779F9ULL;
    return h ^ (h >> 32);
}

// The bytes of an ASCII word, each with bit 0x20 set: a letter's lower case, a digit as it is.
quint64 shortWordHash(QStringView word)
{
    std::array<quint64, 2> halves{};
    for (qsizetype i = 0; i < word.size(); ++i)
        halves[size_t(i / 8)] |= quint64(word[i].unicode() | 0x20) << (8 * (i % 8));
    return shortWordHash(halves[0], halves[1], word.size());
}

bool isShortAscii(QStringView word)
{
    return word.size() <= ShortWord && CodeUnits::isAscii(word);
}

// Equal for a word's normalised text and for its tokens: the tokeniser hashes words it never builds.
quint64 normalisedHash(const QString &w)
{
    return isShortAscii(w) ? shortWordHash(w) : XXH3_64bits(w.constData(), size_t(w.size()) * sizeof(QChar));
}

Shingles::Word word(QStringView text, qsizetype begin, qsizetype end)
{
    QString w = normalised(text.sliced(begin, end - begin));
    const quint64 hash = normalisedHash(w);
    return {begin, end, std::move(w), hash};
}

#ifdef __SSE2__
// shortWordHash() of the ASCII word of \a length units at \a units, sixteen units read at once (past the word).
// Inlined, as endWord() is: called for each of a case's million words, the calls cost 35 instructions a word
// (linux-kselftest's tokens 118.7M -> 94.0M instructions).
[[gnu::always_inline]] inline quint64 shortWordHashAt(const char16_t *units, qsizetype length)
{
    alignas(16) static constexpr std::array<quint8, 2 * ShortWord> Keep = [] {
        std::array<quint8, 2 * ShortWord> k{};
        for (qsizetype i = 0; i < ShortWord; ++i)
            k[size_t(i)] = 0xFF;
        return k;
    }();
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i *>(units));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i *>(units + 8));
    // The word's units are ASCII and fit a byte each; those past it are cut off by the mask.
    const __m128i bytes = _mm_and_si128(_mm_or_si128(_mm_packus_epi16(a, b), _mm_set1_epi8(0x20)),
                                        _mm_loadu_si128(reinterpret_cast<const __m128i *>(Keep.data() + ShortWord - length)));
    return shortWordHash(quint64(_mm_cvtsi128_si64(bytes)), quint64(_mm_cvtsi128_si64(_mm_unpackhi_epi64(bytes, bytes))), length);
}
#else
quint64 shortWordHashAt(const char16_t *units, qsizetype length)
{
    return shortWordHash(QStringView(units, length));
}
#endif

// Words that are not short ASCII ones: their own function, so that token() is small enough to inline.
Shingles::Token otherToken(QStringView text, qsizetype begin, qsizetype end, bool ascii)
{
    constexpr qsizetype Long = 64;
    const qsizetype length = end - begin;
    const char16_t *w = text.utf16() + begin;
    if (ascii && length <= ShortWord) { // the text's last word: nothing to read past it
        std::array<char16_t, ShortWord> padded{};
        std::copy(w, w + length, padded.begin());
        return {qint32(begin), qint32(end), shortWordHashAt(padded.data(), length)};
    }
    if (!ascii || length > Long)
        return {qint32(begin), qint32(end), word(text, begin, end).hash};
    std::array<char16_t, Long> lower;
    for (qsizetype i = 0; i < length; ++i)
        lower[size_t(i)] = Lowercase::ascii(w[i]);
    return {qint32(begin), qint32(end), XXH3_64bits(lower.data(), size_t(length) * sizeof(char16_t))};
}

// The hash of word() without building its text: shingling whole mailboxes is the engine's hottest loop.
// \a ascii: the tokeniser saw only ASCII in the word, which then needs no normalisation but lower case.
Shingles::Token token(QStringView text, qsizetype begin, qsizetype end, bool ascii)
{
    if (ascii && end - begin <= ShortWord && begin + ShortWord <= text.size())
        return {qint32(begin), qint32(end), shortWordHashAt(text.utf16() + begin, end - begin)};
    return otherToken(text, begin, end, ascii);
}

// One load per character of the tokeniser's scalar path, where three range tests took a branch each.
constexpr auto AsciiWordChars = [] {
    std::array<bool, 0x80> table{};
    for (char16_t c = 0; c < 0x80; ++c)
        table[c] = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
    return table;
}();

constexpr qsizetype BlockSize = 16;

#ifdef __SSE2__
// Of the BlockSize code units at \a p, the ASCII letters and digits (bit k for unit k), or nullopt when one
// of them is not ASCII.
std::optional<quint32> asciiWordBits(const char16_t *p)
{
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + 8));
    const __m128i zero = _mm_setzero_si128(), high = _mm_set1_epi16(short(0xFF80));
    const __m128i asciiA = _mm_cmpeq_epi16(_mm_and_si128(a, high), zero), asciiB = _mm_cmpeq_epi16(_mm_and_si128(b, high), zero);
    if (_mm_movemask_epi8(_mm_packs_epi16(asciiA, asciiB)) != 0xFFFF)
        return std::nullopt;
    // ASCII units compare as signed 16-bit numbers; a letter of either case, ORed with 0x20, is a lower-case one.
    const auto isWord = [](__m128i v) {
        const __m128i lower = _mm_or_si128(v, _mm_set1_epi16(0x20));
        const __m128i letter = _mm_and_si128(_mm_cmpgt_epi16(lower, _mm_set1_epi16(u'a' - 1)), _mm_cmplt_epi16(lower, _mm_set1_epi16(u'z' + 1)));
        const __m128i digit = _mm_and_si128(_mm_cmpgt_epi16(v, _mm_set1_epi16(u'0' - 1)), _mm_cmplt_epi16(v, _mm_set1_epi16(u'9' + 1)));
        return _mm_or_si128(letter, digit);
    };
    return quint32(_mm_movemask_epi8(_mm_packs_epi16(isWord(a), isWord(b))));
}
#else
std::optional<quint32> asciiWordBits(const char16_t *)
{
    return std::nullopt;
}
#endif

// Words are runs of letters, digits and marks; each ideograph (CJK, kana, hangul) is a word of its own.
// onWord(begin, end, ascii), in text order. Text is read BlockSize code units at a time where they are all
// ASCII (most of any mailbox): the block's word characters are found at once, and a word or the space
// between words costs a few bit operations. Other code units are read one code point at a time.
template<typename OnWord>
class Tokeniser
{
public:
    Tokeniser(QStringView text, OnWord &onWord) : m_p(text.utf16()), m_n(text.size()), m_onWord(onWord) {}

    void run()
    {
        for (qsizetype i = 0; i < m_n;) {
            const std::optional<quint32> bits = i + BlockSize <= m_n ? asciiWordBits(m_p + i) : std::nullopt;
            if (bits) {
                asciiBlock(i, *bits);
                i += BlockSize;
                continue;
            }
            // A block holding other code units, or the text's tail: one code point at a time.
            for (const qsizetype stop = std::min(i + BlockSize, m_n); i < stop;)
                i = codePoint(i);
        }
        endWord(m_n);
    }

private:
    [[gnu::always_inline]] void endWord(qsizetype at)
    {
        if (m_start >= 0)
            m_onWord(m_start, at, m_ascii);
        m_start = -1;
    }

    void startWord(qsizetype at, bool ascii)
    {
        if (m_start < 0) {
            m_start = at;
            m_ascii = true;
        }
        m_ascii = m_ascii && ascii;
    }

    // Each change between word and other units: bit k of \a bits set for a word character at block + k.
    void asciiBlock(qsizetype block, quint32 bits)
    {
        constexpr quint32 All = (quint32(1) << BlockSize) - 1;
        for (int at = 0; at < BlockSize;) {
            const quint32 ahead = ((m_start >= 0 ? ~bits : bits) & All) >> at;
            if (ahead == 0)
                return;
            at += std::countr_zero(ahead);
            if (m_start >= 0)
                endWord(block + at);
            else
                startWord(block + at, true);
        }
    }

    // The code point at \a i; returns where the next one starts.
    qsizetype codePoint(qsizetype i)
    {
        const char16_t u = m_p[i];
        if (u < 0x80) {
            if (AsciiWordChars[u])
                startWord(i, true);
            else
                endWord(i);
            return i + 1;
        }
        qsizetype next = 0;
        const char32_t c = CodePoint::at(QStringView(m_p, m_n), i, next);
        if (isIdeographic(c)) {
            endWord(i);
            m_onWord(i, next, false);
        } else if (isWordChar(c)) {
            startWord(i, false);
        } else {
            endWord(i);
        }
        return next;
    }

    const char16_t *m_p;
    qsizetype m_n;
    OnWord &m_onWord;
    qsizetype m_start = -1; ///< the current word's start, or -1 between words
    bool m_ascii = true;    ///< the current word holds only ASCII
};

template<typename OnWord>
void tokenise(QStringView text, OnWord &&onWord)
{
    Tokeniser<OnWord>(text, onWord).run();
}

std::vector<quint64> sortedDistinct(std::vector<quint64> hashes)
{
    sortByHash(hashes, [](quint64 h) { return h; });
    hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
    return hashes;
}

// |small ∩ large| by binary search: a quote of a few lines against a whole mailing-list thread.
qsizetype probedIntersection(std::span<const quint64> small, std::span<const quint64> large)
{
    qsizetype n = 0;
    auto from = large.begin();
    for (quint64 h : small) {
        from = std::lower_bound(from, large.end(), h);
        if (from == large.end())
            break;
        n += *from == h ? 1 : 0;
    }
    return n;
}

// Words per shingle: a short text is one shingle of all its words.
size_t windowSize(std::span<const Shingles::Token> tokens, int size)
{
    return std::min({size_t(size), size_t(Shingles::MaxSize), tokens.size()});
}

// The window's word hashes, already uniform (XXH3), folded in order by a multiply-rotate step and mixed by
// xxHash's final avalanche: the top bits sort and index the sets. Cheaper than XXH3 over the copied window,
// and every message's text is shingled several times.
inline quint64 windowHash(const Shingles::Token *window, size_t k)
{
    quint64 h = k;
    for (size_t j = 0; j < k; ++j)
        h = (std::rotl(h, 27) ^ window[j].hash) * 0x9E3779B185EBCA87ULL;
    h ^= h >> 33;
    h *= 0xC2B2AE3D27D4EB4FULL;
    h ^= h >> 29;
    h *= 0x165667B19E3779F9ULL;
    h ^= h >> 32;
    return h;
}

// The hashes of the windows of \a size words, in text order.
std::vector<quint64> hashedWindows(std::span<const Shingles::Token> tokens, int size)
{
    const size_t n = Shingles::shingleCount(tokens, size), k = windowSize(tokens, size);
    std::vector<quint64> out;
    out.reserve(n);
    // The usual window size as a constant: the fold unrolls (a million windows a case).
    if (k == Shingles::DefaultSize) {
        for (size_t i = 0; i < n; ++i)
            out.push_back(windowHash(&tokens[i], Shingles::DefaultSize));
    } else {
        for (size_t i = 0; i < n; ++i)
            out.push_back(windowHash(&tokens[i], k));
    }
    return out;
}

} // namespace

QList<Shingles::Word> Shingles::words(QStringView text)
{
    QList<Word> out;
    out.reserve(text.size() / 6); // about one word in six characters
    tokenise(text, [&](qsizetype b, qsizetype e, bool) { out << word(text, b, e); });
    return out;
}

std::vector<Shingles::Token> Shingles::tokens(QStringView text)
{
    std::vector<Token> out;
    tokens(text, out);
    return out;
}

void Shingles::tokens(QStringView text, std::vector<Token> &out)
{
    out.clear();
    out.reserve(size_t(text.size() / 4)); // words average five or six characters: no regrowth
    tokenise(text, [&](qsizetype b, qsizetype e, bool ascii) { out.push_back(token(text, b, e, ascii)); });
}

std::span<const Shingles::Token> Shingles::within(std::span<const Token> tokens, qsizetype from, qsizetype to)
{
    const auto first = std::lower_bound(tokens.begin(), tokens.end(), from, [](const Token &t, qsizetype at) { return t.begin < at; });
    const auto last = std::lower_bound(first, tokens.end(), to, [](const Token &t, qsizetype at) { return t.end <= at; });
    return {first, last};
}

qsizetype Shingles::wordCount(QStringView text)
{
    qsizetype n = 0;
    tokenise(text, [&n](qsizetype, qsizetype, bool) { ++n; });
    return n;
}

qsizetype Shingles::wordCount(QStringView text, std::span<const Token> tokens, qsizetype from, qsizetype to)
{
    const std::span<const Token> inside = within(tokens, from, to);
    const auto first = inside.begin(), last = inside.end();
    const bool cutAtStart = first != tokens.begin() && std::prev(first)->end > from;
    const bool cutAtEnd = last != tokens.end() && last->begin < to;
    return cutAtStart || cutAtEnd ? wordCount(text.sliced(from, to - from)) : qsizetype(inside.size());
}

QStringList Shingles::wordTexts(QStringView text)
{
    QStringList out;
    for (const Word &w : words(text))
        out << w.text;
    return out;
}

size_t Shingles::shingleCount(std::span<const Token> tokens, int size)
{
    return tokens.empty() ? 0 : tokens.size() - windowSize(tokens, size) + 1;
}

Shingles::Shingle Shingles::shingleAt(std::span<const Token> tokens, size_t i, int size)
{
    const size_t k = windowSize(tokens, size);
    return {windowHash(&tokens[i], k), tokens[i].begin, tokens[i + k - 1].end};
}

std::vector<quint64> Shingles::set(QStringView text, int size)
{
    return set(std::span<const Token>(tokens(text)), size);
}

std::vector<quint64> Shingles::set(std::span<const Token> tokens, int size)
{
    return sortedDistinct(hashedWindows(tokens, size));
}

std::vector<quint64> Shingles::windows(std::span<const Token> tokens)
{
    return tokens.size() < DefaultSize ? std::vector<quint64>() : hashedWindows(tokens, DefaultSize);
}

std::vector<quint64> Shingles::gatheredSet(std::span<const Token> tokens, std::span<const quint64> windows,
                                           std::span<const std::span<const Token>> parts)
{
    size_t total = 0;
    for (std::span<const Token> part : parts)
        total += part.size();
    // The windows across parts are hashed from the parts put together; fewer words than a window make one shingle.
    std::vector<Token> gathered;
    for (size_t i = 0; (parts.size() > 1 || total < DefaultSize) && i < parts.size(); ++i)
        gathered.insert(gathered.end(), parts[i].begin(), parts[i].end());
    if (total < DefaultSize)
        return set(gathered);
    std::vector<quint64> out;
    out.reserve(total - DefaultSize + 1);
    size_t at = 0; // where the part starts among the parts put together
    for (std::span<const Token> part : parts) {
        const size_t inside = part.size() >= DefaultSize ? part.size() - DefaultSize + 1 : 0;
        if (inside > 0) {
            const auto first = windows.begin() + (part.data() - tokens.data());
            out.insert(out.end(), first, first + qsizetype(inside));
        }
        // Windows running into the next parts; a lone part has none (gathered is then left empty).
        for (size_t i = at + inside; i < at + part.size() && i + DefaultSize <= total; ++i)
            out.push_back(windowHash(&gathered[i], DefaultSize));
        at += part.size();
    }
    return sortedDistinct(std::move(out));
}

qsizetype Shingles::intersectionSize(std::span<const quint64> a, std::span<const quint64> b)
{
    constexpr size_t Unbalanced = 16; // size ratio from which binary search beats a merge
    if (a.size() * Unbalanced < b.size())
        return probedIntersection(a, b);
    if (b.size() * Unbalanced < a.size())
        return probedIntersection(b, a);
    // Without branches on the comparisons: which list advances is a coin toss for the branch predictor.
    size_t i = 0, j = 0, n = 0;
    while (i < a.size() && j < b.size()) {
        const quint64 x = a[i], y = b[j];
        const size_t advanceA = x <= y, advanceB = y <= x;
        n += advanceA & advanceB;
        i += advanceA;
        j += advanceB;
    }
    return qsizetype(n);
}

bool Shingles::contains(std::span<const quint64> set, quint64 hash)
{
    if (set.empty())
        return false;
    const quint64 *last = set.data(); // the last element not above hash, once the range is one element
    for (size_t n = set.size(); n > 1; n -= n / 2)
        last = last[n / 2] <= hash ? last + n / 2 : last;
    return *last == hash;
}

double Shingles::jaccard(std::span<const quint64> a, std::span<const quint64> b)
{
    const qsizetype common = intersectionSize(a, b);
    const qsizetype all = qsizetype(a.size() + b.size()) - common;
    return all == 0 ? 0.0 : double(common) / double(all);
}

double Shingles::containment(std::span<const quint64> a, std::span<const quint64> b)
{
    return a.empty() ? 0.0 : double(intersectionSize(a, b)) / double(a.size());
}

} // namespace th::analysis
