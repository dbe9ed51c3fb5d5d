#pragma once

#include "indicator.h"

namespace th::analysis {

/// A5: the envelope sender (Return-Path) is not aligned with From. Weak: mailing services and lists do this.
class ReturnPathMismatch : public Indicator
{
public:
    void evaluate(const MessageContext &ctx, QList<Finding> &findings) const override;
};

} // namespace th::analysis
