#include "caseanalysis.h"

namespace th::analysis {

int CaseAnalysis::count(Verdict::Kind kind) const
{
    return int(std::count_if(messages.cbegin(), messages.cend(), [kind](const MessageAnalysis &m) { return m.verdict.kind == kind; }));
}

bool MessageAnalysis::suspiciousOnItsOwn() const
{
    QList<Finding> own = findings;
    return Verdict::of(own, false).evidence >= Verdict::SuspiciousEvidence;
}

int MessageAnalysis::stolenOriginal() const
{
    return splice < 0 || original < 0 || senderInConversation || !suspiciousOnItsOwn() ? -1 : original;
}

} // namespace th::analysis
