#include "threadindexmismatch.h"

namespace th::analysis {
namespace {

Evidence indexEvidence(const model::Message &m)
{
    return {Evidence::Kind::Header, -1, -1, QStringLiteral("Thread-Index"), m.header(u"Thread-Index")};
}

} // namespace

void ThreadIndexMismatch::evaluate(const MessageContext &ctx, QList<Finding> &findings) const
{
    const model::ThreadIndex &ti = ctx.message.threadIndex;
    if (ti.variant == model::ThreadIndex::Variant::Absent)
        return;
    if (ti.variant == model::ThreadIndex::Variant::Malformed) {
        findings << Finding{QStringLiteral("B7"), Finding::Severity::Weak,
                            QStringLiteral("The Thread-Index is malformed (%1): not written by Outlook or Exchange").arg(ti.problem), {indexEvidence(ctx.message)}};
        return;
    }
    const int parent = ctx.repliedTo();
    const model::ThreadIndex *p = parent >= 0 ? &ctx.data.messages[size_t(parent)].threadIndex : nullptr;
    // Exchange Online gives replies a GUID of their own but keeps the conversation's root time: only a
    // different root time and GUID together name another conversation.
    if (p && p->isValid() && p->guid != ti.guid && p->rootTime != ti.rootTime && ti.depth() > 0) {
        findings << Finding{QStringLiteral("B7"), Finding::Severity::Medium,
                            QStringLiteral("The Thread-Index continues conversation %1, not the parent's %2")
                                .arg(ti.guid.toString(QUuid::WithoutBraces), p->guid.toString(QUuid::WithoutBraces)),
                            {indexEvidence(ctx.message), indexEvidence(ctx.data.messages[size_t(parent)])}};
    } else if (p && p->isValid() && p->bytes == ti.bytes) {
        findings << Finding{QStringLiteral("B7"), Finding::Severity::Strong,
                            QStringLiteral("The Thread-Index is the parent's, copied unchanged instead of extended"),
                            {indexEvidence(ctx.message)}};
    }
}

} // namespace th::analysis
