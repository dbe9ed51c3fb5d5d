#pragma once

#include "indicator.h"

namespace th::analysis {

/// A3: the sender's domain imitates a domain of the conversation, the organisation, or a frequent sender
/// (typo, homoglyph, other TLD, hyphen, plural), and is itself new to the case.
class LookalikeDomain : public Indicator
{
public:
    static constexpr int EstablishedMessages = 3; ///< spec A3: the imitated domain is seen at least this often

    void evaluate(const MessageContext &ctx, QList<Finding> &findings) const override;
};

} // namespace th::analysis
