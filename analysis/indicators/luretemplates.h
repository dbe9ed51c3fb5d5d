#pragma once

#include "indicator.h"

#include "analysis/caseanalysis.h"

namespace th::analysis {

/// D2: one lure text pushed into several unrelated threads by several senders (a campaign template), and
/// E's burst form: one sender pushing the same lure into three or more of its threads within an hour.
class LureTemplates
{
public:
    static constexpr int BurstThreads = 3;
    static constexpr qint64 BurstSeconds = 3600;

    static void apply(const CaseData &data, QList<MessageAnalysis> &analyses);
    /// The lure with names, numbers and links folded, so that one template matches its instances.
    [[nodiscard]] static QString key(QStringView newText);
};

} // namespace th::analysis
