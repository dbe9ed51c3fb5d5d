#include "earlierwaves.h"

#include "indicatorset.h"

#include "analysis/parallel.h"

namespace th::analysis {
namespace {

constexpr int MaxChain = 8; // waves copying waves, followed back to the stolen message

// The message that the wave \a i copies stole, when \a i holds (almost) all of it as well; else -1. Only a
// suspicious message from outside the conversation is another wave: a reply to a lure quotes it whole too.
int stolenThrough(const CaseData &data, const QList<MessageAnalysis> &analyses, int i)
{
    int stolen = analyses[i].stolenOriginal(); // an earlier wave, when it is one itself
    int steps = 0;
    for (; stolen >= 0 && steps < MaxChain; ++steps) {
        const int next = analyses[stolen].stolenOriginal();
        if (next < 0)
            break;
        stolen = next;
    }
    if (steps == 0)
        return -1;
    const QuoteMatcher::Match copy = data.matcher.copyOf(i, stolen);
    return copy.containment >= QuoteMatcher::AuthenticCopy && copy.begin > 0 ? stolen : -1;
}

} // namespace

void EarlierWaves::judgeAgainstStolen(const CaseData &data, QList<MessageAnalysis> &analyses)
{
    QList<int> waves, stolen;
    for (int i = 0; i < analyses.size(); ++i) {
        if (const int s = stolenThrough(data, analyses, i); s >= 0) {
            waves << i;
            stolen << s;
        }
    }
    const auto again = parallelMap<QList<MessageAnalysis>>(waves.size(), [&](int k) { return IndicatorSet::evaluate(data, waves[k], stolen[k]); });
    for (int k = 0; k < waves.size(); ++k)
        analyses[waves[k]] = again[k];
}

} // namespace th::analysis
