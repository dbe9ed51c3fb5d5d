#pragma once

#include "indicator.h"

namespace th::analysis {

/// B8: the reply is quoted the way another client quotes: its top attribution or header block differs from
/// how this sender's earlier replies were quoted.
class QuoteStyleChange : public Indicator
{
public:
    static constexpr int MinReplies = 3;

    void evaluate(const MessageContext &ctx, QList<Finding> &findings) const override;
};

} // namespace th::analysis
