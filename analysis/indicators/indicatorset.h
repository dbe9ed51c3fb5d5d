#pragma once

#include "indicator.h"

#include "analysis/caseanalysis.h"

#include <memory>
#include <vector>

namespace th::analysis {

/// Runs every indicator: the per-message ones (A1-A10, B1-B10, C1, E) on one message's context, then the
/// case-wide steps across all messages: later waves judged again against what an earlier wave stole
/// (EarlierWaves), an account's later messages without its earlier lures (E), D1 reuse, D2 lure templates and bursts.
class IndicatorSet
{
public:
    /// \a stolen: the stored message its authentic content is judged against, instead of the one it copies
    /// best (EarlierWaves: a campaign's later wave copies an earlier wave that copied \a stolen), or -1.
    [[nodiscard]] static MessageAnalysis evaluate(const CaseData &data, int message, int stolen = -1);
    static void addCaseFindings(const CaseData &data, QList<MessageAnalysis> &analyses);
    /// The From address wrote earlier messages of the case under this name: victim, not external, hijacking.
    [[nodiscard]] static bool isKnownSender(const CaseData &data, int message);
    /// Where the authentic content starts and which stored message it copies (\a stolen, when given).
    static void locateSplice(MessageContext &ctx, int stolen = -1);
    /// The context the per-message indicators judge \a message in: its splice, original and participants.
    [[nodiscard]] static MessageContext contextOf(const CaseData &data, int message, int stolen = -1);

private:
    static const std::vector<std::unique_ptr<Indicator>> &perMessage();
    static QuoteMatcher::Match ownTextRemoved(const MessageContext &ctx, const QuoteMatcher::Match &match);
};

} // namespace th::analysis
