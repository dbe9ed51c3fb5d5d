#pragma once

#include <QStringView>

#include <xxhash.h>

#include <cstddef>

namespace th::analysis {

/// The hash of the analysis's string tables (people and domains counted over a case, the memo tables): XXH3 over
/// the UTF-16. std::hash<QString> is qHash, which Qt 6.4 computes with SipHash on a CPU it
/// was not built to use AES on: some 150 instructions a short address, 2.3 % of linux-s390's analysis.
///
/// Typical usage:
/// \code
///   std::unordered_map<QString, int, StringHash> counts;
/// \endcode
struct StringHash {
    [[nodiscard]] size_t operator()(QStringView s) const noexcept
    {
        return size_t(XXH3_64bits(s.utf16(), size_t(s.size()) * sizeof(char16_t)));
    }
};

} // namespace th::analysis
