#pragma once

#include <QStringView>

#include <algorithm>
#include <bit>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace th::analysis {

/// Where a code unit, or a pair of them, occurs next. The segmenter, the quoted-header parser and the signature
/// finder split every body into lines of a few dozen characters, and QStringView::indexOf spent more on its
/// set-up than on such a line. The link scan looks for "://" in bodies full of ':' (C code, times, labels):
/// calling indexOf(':') at each one cost more than the scan.
///
/// Typical usage:
/// \code
///   for (qsizetype at = 0, nl; at < text.size(); at = nl + 1) {
///       nl = CodeUnits::next(text, at, u'\n');
///       if (nl < 0)
///           nl = text.size();
///       use(text.sliced(at, nl - at));
///   }
/// \endcode
class CodeUnits
{
public:
    /// The index of the first \a unit of \a text at or after \a from, or -1: as text.indexOf(QChar(unit), from) for
    /// a \a from of 0 or more (a negative one counts as 0, where indexOf would count it from the end).
    [[nodiscard]] static qsizetype next(QStringView text, qsizetype from, char16_t unit);
    /// The index of the first \a first at or after \a from that \a second follows, or -1.
    [[nodiscard]] static qsizetype nextPair(QStringView text, qsizetype from, char16_t first, char16_t second);
    /// Whether every code unit of \a text is ASCII: where most text is, the fast paths of the readers and hashes.
    [[nodiscard]] static bool isAscii(QStringView text)
    {
        return std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x80; });
    }
    /// The index of the first of \a Units at or after \a from, or -1. The units are template arguments, so that
    /// each step compares its eight code units with constants.
    template<char16_t... Units>
    [[nodiscard]] static qsizetype nextOf(QStringView text, qsizetype from)
    {
        const char16_t *const p = text.utf16();
        const qsizetype n = text.size();
        qsizetype i = std::max<qsizetype>(from, 0);
#ifdef __SSE2__
        for (; i + 8 <= n; i += 8) {
            const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i));
            const __m128i found = (_mm_cmpeq_epi16(block, _mm_set1_epi16(short(Units))) | ...);
            const unsigned hits = unsigned(_mm_movemask_epi8(found));
            if (hits != 0)
                return i + std::countr_zero(hits) / 2;
        }
#endif
        for (; i < n; ++i) {
            if (((p[i] == Units) || ...))
                return i;
        }
        return -1;
    }
};

} // namespace th::analysis
