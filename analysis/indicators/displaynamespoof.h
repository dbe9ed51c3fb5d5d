#pragma once

#include "indicator.h"

namespace th::analysis {

/// A1: the From display name is a known person's, the address is one that person never used before
/// (Talos T1; Emotet "victim's name, unrelated account").
class DisplayNameSpoof : public Indicator
{
public:
    void evaluate(const MessageContext &ctx, QList<Finding> &findings) const override;
};

} // namespace th::analysis
