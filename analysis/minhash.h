#pragma once

#include <QtGlobal>

#include <array>
#include <vector>

namespace th::analysis {

/// A 128-value MinHash signature of a shingle set (Broder 1997): the fraction of equal values between two
/// signatures estimates the Jaccard similarity of the sets (detection-spec D1).
class MinHash
{
public:
    static constexpr int Size = 128;
    using Signature = std::array<quint64, Size>;

    [[nodiscard]] static Signature of(const std::vector<quint64> &shingleSet);
    [[nodiscard]] static double estimate(const Signature &a, const Signature &b);
};

} // namespace th::analysis
