#pragma once

#include "indicator.h"

namespace th::analysis {

/// B3, the splice point (Talos T4, "broken reply structure"): authentic older content follows the new text
/// without the attribution or quote marks a mail client writes when it really replies: a stored message's
/// text pasted under a lure, an attribution followed by unquoted text, or quote marks with no attribution.
class MissingAttribution : public Indicator
{
public:
    void evaluate(const MessageContext &ctx, QList<Finding> &findings) const override;
};

} // namespace th::analysis
