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

// As next(), with each unit compared twice: as the first of a pair and as the second. Sixteen units a step, their
// two halves' results packed into one mask: the link scans read whole bodies, most of which hold no pair.
qsizetype CodeUnits::nextPair(QStringView text, qsizetype from, char16_t first, char16_t second)
{
    const char16_t *const p = text.utf16();
    const qsizetype n = text.size();
    qsizetype i = std::max<qsizetype>(from, 0);
#ifdef __SSE2__
    const __m128i wantedFirst = _mm_set1_epi16(short(first)), wantedSecond = _mm_set1_epi16(short(second));
    const auto pairsAt = [&](qsizetype at) { // 0xFFFF in each unit that starts a pair
        const __m128i units = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + at));
        const __m128i following = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + at + 1));
        return _mm_and_si128(_mm_cmpeq_epi16(units, wantedFirst), _mm_cmpeq_epi16(following, wantedSecond));
    };
    for (; i + 17 <= n; i += 16) {
        const unsigned hits = unsigned(_mm_movemask_epi8(_mm_packs_epi16(pairsAt(i), pairsAt(i + 8))));
        if (hits != 0)
            return i + std::countr_zero(hits);
    }
    for (; i + 9 <= n; i += 8) {
        const unsigned hits = unsigned(_mm_movemask_epi8(pairsAt(i)));
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
