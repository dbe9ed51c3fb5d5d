#pragma once

#include "indicator.h"

namespace th::analysis {

/// E: victim thread hijacking, sent from the real mailbox (SquirrelWaffle, IcedID on compromised Exchange).
/// Authentication passes and the headers are right, so what is left are profile deltas: the account's own
/// address sends a lure (C1) from a client it never used before (A8, B8, or every client trait new).
class VictimHijack : public Indicator
{
public:
    void evaluate(const MessageContext &ctx, QList<Finding> &findings) const override;
};

} // namespace th::analysis
