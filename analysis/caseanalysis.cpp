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

// A history cut down to a few lines holds too few of the stolen message's words for the matcher; its newest
// quote is still linked to it (by author, date and the words it kept).
int MessageAnalysis::stolenOriginal() const
{
    const int stolen = original >= 0 ? original : (history.isEmpty() ? -1 : history.first().message);
    return splice < 0 || stolen < 0 || senderInConversation || !suspiciousOnItsOwn() ? -1 : stolen;
}

} // namespace th::analysis
