#pragma once

#include "indicator.h"

namespace th::analysis {

/// B4 (Talos T5): quoted Outlook-style header blocks whose addresses are missing ("From: Jane Doe",
/// "To: Bob; Alice"), written by a program (" : " spacing), or mixing label languages. Modern Outlook and
/// OWA always write the addresses; a thief who strips them leaves names only. Proof against the stored
/// original is B9's job.
class DamagedQuoteHeaders : public Indicator
{
public:
    void evaluate(const MessageContext &ctx, QList<Finding> &findings) const override;
};

} // namespace th::analysis
