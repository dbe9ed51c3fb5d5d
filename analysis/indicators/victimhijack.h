#pragma once

#include "indicator.h"

#include "analysis/caseanalysis.h"

namespace th::analysis {

/// E: victim thread hijacking, sent from the real mailbox (SquirrelWaffle, IcedID on compromised Exchange).
/// Authentication passes and the headers are right, so what is left are profile deltas: the account's own
/// address sends a lure (C1) from a client it never used before (A8, B8, or every client trait new).
class VictimHijack : public Indicator
{
public:
    void evaluate(const MessageContext &ctx, QList<Finding> &findings) const override;
    /// A thief writing twice from the account with the same client makes the first lure part of the
    /// account's profile, where the second one's client then looks known. Each lure judged E leaves the
    /// profile of the account's later messages, which are judged again, oldest first.
    static void applyAfterEarlierLures(const CaseData &data, QList<MessageAnalysis> &analyses);
};

} // namespace th::analysis
