#pragma once

#include "indicator.h"

#include "analysis/caseanalysis.h"

namespace th::analysis {

/// A campaign's later wave often repeats an earlier wave whole: the same stolen message under the same
/// fabricated header block, at times under the same lure. The later wave then copies the earlier one best,
/// so its splice lands on the fabricated block or the lure, and the stripped addresses and the revival are
/// measured against the wrong message. Such a wave is judged again against the message the earlier wave stole.
class EarlierWaves
{
public:
    static void judgeAgainstStolen(const CaseData &data, QList<MessageAnalysis> &analyses);
};

} // namespace th::analysis
