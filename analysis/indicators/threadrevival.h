#pragma once

#include "indicator.h"

namespace th::analysis {

/// B6 (Talos T2): old-thread revival. The gap is measured from the newest date the message itself proves:
/// the newest quoted header date, the stored parent, or the stored original its quote copies. Weak beyond
/// 30 days, medium beyond 180; the scorer makes it strong beyond a year together with identity or
/// structure evidence, because people do revive old threads ("any update?").
class ThreadRevival : public Indicator
{
public:
    static constexpr int WeakDays = 30;
    static constexpr int MediumDays = 180;
    static constexpr int StrongDays = 365;

    void evaluate(const MessageContext &ctx, QList<Finding> &findings) const override;
    /// The newest earlier date the message refers to, with what it comes from.
    [[nodiscard]] static std::pair<QDateTime, QString> newestReferencedDate(const MessageContext &ctx);
};

} // namespace th::analysis
