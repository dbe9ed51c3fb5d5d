#pragma once

#include "indicator.h"

namespace th::analysis {

/// B2: the reply headers and the quoted content disagree: it replies to a message nobody in the case has
/// while quoting one that is stored; or it replies to one stored message while quoting an older one; or
/// References does not end with In-Reply-To (RFC 5322 3.6.4).
class BrokenLinkage : public Indicator
{
public:
    void evaluate(const MessageContext &ctx, QList<Finding> &findings) const override;
};

} // namespace th::analysis
