#pragma once

#include "indicator.h"

namespace th::analysis {

/// A10: the sender's local part is a random letter string (Qakbot "AA" senders such as n.csilcrnvooeo@).
/// Weak alone: some organisations issue random-looking ids.
class ScrambledSender : public Indicator
{
public:
    void evaluate(const MessageContext &ctx, QList<Finding> &findings) const override;
};

} // namespace th::analysis
