#pragma once

#include "indicator.h"

namespace th::analysis {

/// B10 (inverse of Talos T3): the quoted conversation was internal to the organisation, yet this message
/// comes from outside: mailbox content left the organisation.
class InternalHistoryFromOutside : public Indicator
{
public:
    void evaluate(const MessageContext &ctx, QList<Finding> &findings) const override;
};

} // namespace th::analysis
