#pragma once

#include "indicator.h"

namespace th::analysis {

/// B5: the reply goes to every address of the quoted history at once (the automated "reply to all
/// participants" of Qakbot 2023). The spec's other B5 case, a known name from an address the parent never
/// saw, is A1's: counting it twice would double the same evidence.
class RecipientMismatch : public Indicator
{
public:
    void evaluate(const MessageContext &ctx, QList<Finding> &findings) const override;
};

} // namespace th::analysis
