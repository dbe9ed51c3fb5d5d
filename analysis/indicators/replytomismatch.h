#pragma once

#include "indicator.h"

namespace th::analysis {

/// A4: answers would go elsewhere: Reply-To under another organisation than From, outside the conversation.
class ReplyToMismatch : public Indicator
{
public:
    void evaluate(const MessageContext &ctx, QList<Finding> &findings) const override;
};

} // namespace th::analysis
