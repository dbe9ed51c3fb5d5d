#pragma once

#include "indicator.h"

#include "analysis/caseanalysis.h"

namespace th::analysis {

/// D1 (Talos T6): the same stolen conversation arrives in several messages from senders who were never
/// part of it. Reply-all storms of real participants are excluded: only senders outside the quoted
/// conversation count, and at least two of them must carry the same quoted content.
class ThreadReuse
{
public:
    static void apply(const CaseData &data, QList<MessageAnalysis> &analyses);
};

} // namespace th::analysis
