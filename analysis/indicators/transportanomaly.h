#pragma once

#include "indicator.h"

namespace th::analysis {

/// A9: how the message travelled: submitted from a client address this sender never used, authenticated
/// submission of a fake reply (rspamd's THREAD_HIJACKING_FROM_INJECTOR idea), hop times out of order.
class TransportAnomaly : public Indicator
{
public:
    static constexpr int MinHistory = 3;

    void evaluate(const MessageContext &ctx, QList<Finding> &findings) const override;
};

} // namespace th::analysis
