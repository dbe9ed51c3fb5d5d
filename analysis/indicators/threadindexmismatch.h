#pragma once

#include "indicator.h"

namespace th::analysis {

/// B7: Outlook's Thread-Index does not continue the conversation it claims: malformed, a different
/// conversation GUID than the stored parent, copied unchanged from the parent, or a root index on a reply
/// whose history is deep while the sender's Outlook always continued threads.
class ThreadIndexMismatch : public Indicator
{
public:
    void evaluate(const MessageContext &ctx, QList<Finding> &findings) const override;
};

} // namespace th::analysis
