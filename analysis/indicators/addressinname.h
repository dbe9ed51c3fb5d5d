#pragma once

#include "indicator.h"

namespace th::analysis {

/// A2: the display name carries an e-mail address other than the real sender ('"ceo@bank.example" <x@evil.example>').
class AddressInName : public Indicator
{
public:
    void evaluate(const MessageContext &ctx, QList<Finding> &findings) const override;
};

} // namespace th::analysis
