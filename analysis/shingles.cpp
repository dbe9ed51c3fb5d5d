#include "shingles.h"

#include <xxhash.h>

#include <algorithm>

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

QString normalised(QStringView word)
{
    return word.toString().normalized(QString::NormalizationForm_KC).toCaseFolded();
}

} // namespace

QList<Shingles::Word> Shingles::words(QStringView text)
{
    QList<Word> out;
    qsizetype start = -1;
    auto flush = [&](qsizetype end) {
        if (start >= 0)
            out << Word{start, end, normalised(text.sliced(start, end - start))};
        start = -1;
    };
    for (qsizetype i = 0; i < text.size();) {
        const qsizetype at = i;
        char32_t c = text[i++].unicode();
        if (QChar::isHighSurrogate(c) && i < text.size() && text[i].isLowSurrogate())
            c = QChar::surrogateToUcs4(char16_t(c), text[i++].unicode());
        if (isIdeographic(c)) {
            flush(at);
            out << Word{at, i, normalised(text.sliced(at, i - at))};
        } else if (isWordChar(c)) {
            if (start < 0)
                start = at;
        } else {
            flush(at);
        }
    }
    flush(text.size());
    return out;
}

QStringList Shingles::wordTexts(QStringView text)
{
    QStringList out;
    for (const Word &w : words(text))
        out << w.text;
    return out;
}

std::vector<Shingles::Shingle> Shingles::shingles(const QList<Word> &words, int size)
{
    std::vector<Shingle> out;
    if (words.isEmpty())
        return out;
    const int k = int(qMin<qsizetype>(size, words.size())); // a short text is one shingle of all its words
    out.reserve(size_t(words.size() - k + 1));
    QString joined;
    for (qsizetype i = 0; i + k <= words.size(); ++i) {
        joined.clear();
        for (int j = 0; j < k; ++j)
            joined += words[i + j].text + u' ';
        out.push_back({XXH3_64bits(joined.constData(), size_t(joined.size()) * sizeof(QChar)), words[i].begin, words[i + k - 1].end});
    }
    return out;
}

std::vector<Shingles::Shingle> Shingles::shingles(QStringView text, int size)
{
    return shingles(words(text), size);
}

std::vector<quint64> Shingles::set(const std::vector<Shingle> &shingles)
{
    std::vector<quint64> out;
    out.reserve(shingles.size());
    for (const Shingle &s : shingles)
        out.push_back(s.hash);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<quint64> Shingles::set(QStringView text, int size)
{
    return set(shingles(text, size));
}

qsizetype Shingles::intersectionSize(const std::vector<quint64> &a, const std::vector<quint64> &b)
{
    qsizetype n = 0;
    for (auto i = a.cbegin(), j = b.cbegin(); i != a.cend() && j != b.cend();) {
        if (*i < *j) {
            ++i;
        } else if (*j < *i) {
            ++j;
        } else {
            ++n;
            ++i;
            ++j;
        }
    }
    return n;
}

double Shingles::jaccard(const std::vector<quint64> &a, const std::vector<quint64> &b)
{
    const qsizetype common = intersectionSize(a, b);
    const qsizetype all = qsizetype(a.size() + b.size()) - common;
    return all == 0 ? 0.0 : double(common) / double(all);
}

double Shingles::containment(const std::vector<quint64> &a, const std::vector<quint64> &b)
{
    return a.empty() ? 0.0 : double(intersectionSize(a, b)) / double(a.size());
}

} // namespace th::analysis
