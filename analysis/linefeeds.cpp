#include "linefeeds.h"

#include <algorithm>
#include <bit>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace th::analysis {

// Eight code units a step (SSE2, part of every x86-64 CPU), then one at a time; elsewhere one at a time.
qsizetype LineFeeds::next(QStringView text, qsizetype from)
{
    const char16_t *const p = text.utf16();
    const qsizetype n = text.size();
    qsizetype i = std::max<qsizetype>(from, 0);
#ifdef __SSE2__
    const __m128i lineFeed = _mm_set1_epi16(u'\n');
    for (; i + 8 <= n; i += 8) {
        const __m128i units = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i));
        const unsigned hits = unsigned(_mm_movemask_epi8(_mm_cmpeq_epi16(units, lineFeed)));
        if (hits != 0)
            return i + std::countr_zero(hits) / 2;
    }
#endif
    for (; i < n; ++i) {
        if (p[i] == u'\n')
            return i;
    }
    return -1;
}

} // namespace th::analysis
