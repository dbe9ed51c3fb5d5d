#pragma once

#include "indicator.h"

namespace th::analysis {

/// A7: the Message-ID was made by another system than the one this sender's messages always came from.
/// Weak alone: relays and new devices change it too.
class MessageIdDomain : public Indicator
{
public:
    static constexpr int MinHistory = 5;

    void evaluate(const MessageContext &ctx, QList<Finding> &findings) const override;
};

} // namespace th::analysis
