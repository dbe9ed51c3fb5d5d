#include "codeunits.h"

#include <algorithm>
#include <bit>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace th::analysis {

// Eight code units a step (SSE2, part of every x86-64 CPU), then one at a time; elsewhere one at a time.
qsizetype CodeUnits::next(QStringView text, qsizetype from, char16_t unit)
{
    const char16_t *const p = text.utf16();
    const qsizetype n = text.size();
    qsizetype i = std::max<qsizetype>(from, 0);
#ifdef __SSE2__
    const __m128i wanted = _mm_set1_epi16(short(unit));
    for (; i + 8 <= n; i += 8) {
        const __m128i units = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i));
        const unsigned hits = unsigned(_mm_movemask_epi8(_mm_cmpeq_epi16(units, wanted)));
        if (hits != 0)
            return i + std::countr_zero(hits) / 2;
    }
#endif
    for (; i < n; ++i) {
        if (p[i] == unit)
            return i;
    }
    return -1;
}

// As next(), with each step compared twice: at its units and at the units one further on.
qsizetype CodeUnits::nextPair(QStringView text, qsizetype from, char16_t first, char16_t second)
{
    const char16_t *const p = text.utf16();
    const qsizetype n = text.size();
    qsizetype i = std::max<qsizetype>(from, 0);
#ifdef __SSE2__
    const __m128i wantedFirst = _mm_set1_epi16(short(first)), wantedSecond = _mm_set1_epi16(short(second));
    for (; i + 9 <= n; i += 8) {
        const __m128i units = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i));
        const __m128i following = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i + 1));
        const __m128i both = _mm_and_si128(_mm_cmpeq_epi16(units, wantedFirst), _mm_cmpeq_epi16(following, wantedSecond));
        const unsigned hits = unsigned(_mm_movemask_epi8(both));
        if (hits != 0)
            return i + std::countr_zero(hits) / 2;
    }
#endif
    for (; i + 1 < n; ++i) {
        if (p[i] == first && p[i + 1] == second)
            return i;
    }
    return -1;
}

} // namespace th::analysis
