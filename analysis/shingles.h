#pragma once

#include <QList>
#include <QStringView>

#include <span>
#include <vector>

namespace th::analysis {

/// Word shingles for comparing quoted text with the messages it claims to copy (Broder 1997).
///
/// Text is read as words: letters and digits, NFKC-normalised and case-folded; quote marks, punctuation
/// and white space only separate words, so re-wrapping and "> " prefixes do not change the shingles.
/// Each CJK ideograph or kana counts as a word, since those scripts do not separate words by spaces.
/// A shingle is the 64-bit hash (XXH3) of k consecutive words, with the text offset of its first word.
class Shingles
{
public:
    static constexpr int DefaultSize = 5;
    static constexpr int MaxSize = 16; ///< longest shingle, in words

    struct Word {
        qsizetype begin = 0; ///< character offset in the text
        qsizetype end = 0;
        QString text;        ///< normalised
        quint64 hash = 0;    ///< of the normalised text: shingles hash word hashes, not joined text
    };
    /// A word without its text: what shingling needs. A body is tokenised once; regions take a slice.
    /// 16 bytes: a case holds one per word of every body.
    struct Token {
        qint32 begin = 0;
        qint32 end = 0;
        quint64 hash = 0; ///< equal to Word::hash
    };
    struct Shingle {
        quint64 hash = 0;
        qint32 begin = 0; ///< character offset of its first word
        qint32 end = 0;   ///< just after its last word
    };

    [[nodiscard]] static QList<Word> words(QStringView text);
    [[nodiscard]] static qsizetype wordCount(QStringView text); ///< words() without building them
    /// wordCount() of text[from, to), read off the text's \a tokens: a binary search, unless a word crosses
    /// either end (then the part is tokenised on its own).
    [[nodiscard]] static qsizetype wordCount(QStringView text, std::span<const Token> tokens, qsizetype from, qsizetype to);
    /// Just the normalised words, in order.
    [[nodiscard]] static QStringList wordTexts(QStringView text);
    [[nodiscard]] static std::vector<Token> tokens(QStringView text);
    /// As tokens(), into \a out (cleared first): a scratch vector kept by the caller is written while it is
    /// in the cache, where a fresh one costs a page fault every few words of a long text.
    static void tokens(QStringView text, std::vector<Token> &out);
    /// The tokens lying inside [from, to) of their text.
    [[nodiscard]] static std::span<const Token> within(std::span<const Token> tokens, qsizetype from, qsizetype to);
    /// How many shingles \a tokens have: one per window of \a size words, or one of all words of a shorter text.
    [[nodiscard]] static size_t shingleCount(std::span<const Token> tokens, int size = DefaultSize);
    /// Shingle \a i of \a tokens (i < shingleCount()), computed on its own: a search that stops at the first
    /// match need not hash the rest.
    [[nodiscard]] static Shingle shingleAt(std::span<const Token> tokens, size_t i, int size = DefaultSize);
    /// The distinct hashes, sorted: the set form used for Jaccard and containment.
    [[nodiscard]] static std::vector<quint64> set(QStringView text, int size = DefaultSize);
    [[nodiscard]] static std::vector<quint64> set(std::span<const Token> tokens, int size = DefaultSize);
    /// The hash of each window of DefaultSize words of \a tokens, in text order, unsorted: set() before sorting.
    [[nodiscard]] static std::vector<quint64> windows(std::span<const Token> tokens);
    /// set() of \a parts put together, each a slice of \a tokens, in order and apart: the windows inside one part
    /// are read from \a windows (windows(tokens)), and only those across parts are hashed. A text's regions are
    /// shingled several times (its own words, the whole, each quoted message), and hashing them again was most
    /// of the shingling.
    [[nodiscard]] static std::vector<quint64> gatheredSet(std::span<const Token> tokens, std::span<const quint64> windows,
                                                          std::span<const std::span<const Token>> parts);

    /// |a ∩ b| / |a ∪ b| over sorted distinct hashes.
    [[nodiscard]] static double jaccard(std::span<const quint64> a, std::span<const quint64> b);
    /// |a ∩ b| / |a|: how much of \a a is found in \a b.
    [[nodiscard]] static double containment(std::span<const quint64> a, std::span<const quint64> b);
    [[nodiscard]] static qsizetype intersectionSize(std::span<const quint64> a, std::span<const quint64> b);
    /// Whether the sorted \a set holds \a hash: a binary search without branches on its comparisons, which
    /// a search per shingle of a text (where a copy starts and ends) would mispredict half the time.
    [[nodiscard]] static bool contains(std::span<const quint64> set, quint64 hash);
};

} // namespace th::analysis
